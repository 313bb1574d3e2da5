import ArgumentParser
import ModelsDevCatalog

/// `modelsync providers`: the upstream providers and whether each has a file in the models directory.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the catalog's providers: id, name, model count, env vars, and whether a file tracks it.",
        discussion: "Exits 2 when the catalog names a provider whose id cannot be a file name (listed on stderr)."
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.reportingErrors {
            let (configuration, loaded) = try await CatalogContext.load(
                catalog, directories: directories, console: console)
            let report = ProvidersReport(loaded: loaded, modelsDirectory: configuration.modelsDirectory)
            console.result(output.json ? report.json.serialized(pretty: true) : report.table(console: console))
            for rejected in loaded.catalog.rejectedProviders { console.error(rejected.description) }
            if !loaded.catalog.rejectedProviders.isEmpty { throw ExitCode(2) }
        }
    }
}
