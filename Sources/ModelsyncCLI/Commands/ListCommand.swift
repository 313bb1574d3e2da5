import ArgumentParser
import ModelDiscovery
import ModelsyncApp

/// `modelsync list`: the catalog's models, filtered, sorted, as a table or JSON.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the catalog's models, filtered and sorted: reference, name, limits, prices (USD per M tokens).",
        discussion: """
            Without --sort, models are ordered by reference (provider id, then model id). Filters combine: every \
            one given must hold. The MODEL column is the provider/model reference that info and compare accept. On a \
            narrow terminal, the columns the filters and --sort are about stay while others leave.
            """
    )

    @OptionGroup var filters: ModelFilterOptions
    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            try await ModelListRun.run(
                filters, search: nil, options: RunOptions(directories, catalog), console: console)
        }
    }
}
