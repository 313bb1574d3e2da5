import ArgumentParser
import ModelsyncApp

/// `modelsync providers`: the upstream providers and whether each has a file in the models directory.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the catalog's providers: id, name, model count, env vars, and whether a file tracks it.",
        discussion: """
            On a terminal the table fits the width: ENV, then NAME, are cut with '…' or left out; ID, MODELS and \
            TRACKED never are. Exits 2 when the catalog names a provider whose id cannot be a file name (listed on \
            stderr).
            """
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let (configuration, loaded) = try await CatalogRead(console: console).load(RunOptions(directories, catalog))
            let overview = ProvidersOverview(loaded: loaded, locations: configuration.locations)
            console.result(output.json ? overview.json.serialized(pretty: true) : overview.table(console: console))
            try ProvidersTable.reportRejected(loaded, on: console)
        }
    }
}
