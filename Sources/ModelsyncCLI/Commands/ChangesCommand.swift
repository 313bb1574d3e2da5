import ArgumentParser
import ModelsyncApp

/// `modelsync changes`: what changed upstream across the catalog, from the history.
struct ChangesCommand: AsyncParsableCommand {
    /// How the changes are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
        case atom
    }

    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List what changed upstream across the catalog, by observation, from the catalog history.",
        discussion: """
            Changes of the source's history (docs/history.md), oldest first. --since takes a duration before now \
            (7d, 12w, 48h) or a date; --until a date (a day alone includes the whole day). --format atom writes an \
            Atom feed whose entry ids stay the same from run to run, for a feed reader to follow a file cron \
            rewrites. Exit 2 when there is no history.
            """
    )

    @Option(help: ArgumentHelp("Changes observed since: 7d, 12w, 48h, or a date (default: 7d).", valueName: "when"))
    var since: String?

    @Option(
        help: ArgumentHelp("Changes observed until this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Only this upstream provider's changes.", valueName: "id"))
    var provider: String?

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp(
            "Only changes of this kind (repeatable): added, removed, price, limit, capability, other.",
            valueName: "kind"))
    var kinds: [String] = []

    @Option(help: ArgumentHelp("text, markdown (a change log) or atom (an Atom 1.0 feed).", valueName: "format"))
    var format: Format = .text

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !(output.json && format != .text) else {
            throw ValidationError("--json and --format \(format.rawValue) cannot be combined.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let configuration = try HistoryRun(console: console).configuration(directories, catalog)
            let report = try ChangesReport(
                .init(since: since, until: until, provider: provider, kinds: kinds), configuration: configuration)
            switch format {
            case _ where output.json: console.result(report.json.serialized(pretty: true))
            case .text: console.result(pieces: report.writeText)
            case .markdown: console.result(report.markdown)
            case .atom: console.result(report.atom)
            }
        }
    }
}
