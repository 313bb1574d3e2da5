import ArgumentParser
import ModelDiscovery
import ModelsyncApp

/// `modelsync compare A B [C…]`: models side by side, one column each, the best value of each row marked.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare models side by side: prices, limits, capabilities, modalities, dates, status.",
        discussion: """
            Each model is a PROVIDER/MODEL reference, as for info. '*' marks the best value of a row: the lowest \
            price, the highest limit, the newest date; nothing when the values are all equal or only one model has \
            one. On a terminal too narrow for every model side by side, the table is split into several, the row \
            labels repeated. Exits 2 when a reference names no model (each is reported).
            """
    )

    @Argument(help: ArgumentHelp("Two or more models, as PROVIDER/MODEL.", valueName: "reference"))
    var references: [String]

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard references.count >= 2 else { throw ValidationError("compare needs at least two models.") }
        guard !references.contains(where: \.isEmpty) else {
            throw ValidationError("A model reference must not be empty.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let (configuration, loaded) = try await CatalogRead(console: console).load(RunOptions(directories, catalog))
            let report = try ComparisonReport(references: references, on: loaded, locations: configuration.locations)
            console.result(output.json ? report.json.serialized(pretty: true) : report.text(console: console))
        }
    }
}
