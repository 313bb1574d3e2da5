import ArgumentParser
import ModelsyncApp

/// `modelsync history`: the catalog history: one model's timeline (the default), `import`, `vacuum`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Query and maintain the catalog history: a model's timeline, importing snapshots, vacuuming.",
        discussion: """
            The history holds each catalog a sync read, by source (docs/history.md). 'modelsync history \
            PROVIDER/MODEL' prints the model's timeline; 'history import' loads saved catalogs; 'history vacuum' \
            removes old observations.
            """,
        subcommands: [HistoryShowCommand.self, HistoryImportCommand.self, HistoryVacuumCommand.self],
        defaultSubcommand: HistoryShowCommand.self
    )
}

/// `modelsync history [show] PROVIDER/MODEL`: the dated timeline of one model.
struct HistoryShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the dated timeline of one model: first seen, each change, last seen, vanished.",
        discussion: """
            The reference is PROVIDER/MODEL, split at the first '/' (model ids may hold '/', ':', '@'); a \
            provider alone shows the provider's own values. Exit 2 when the history never saw the model (naming \
            the closest ones) or there is no history.
            """
    )

    @Argument(help: ArgumentHelp("The model: PROVIDER/MODEL, or PROVIDER for its own values.", valueName: "reference"))
    var reference: String

    @Option(help: ArgumentHelp("Only this key and the keys under it (pricing, pricing.input).", valueName: "key"))
    var key: String?

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !reference.isEmpty else { throw ValidationError("The model reference must not be empty.") }
        guard key?.isEmpty != true else { throw ValidationError("--key must not be empty.") }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let configuration = try HistoryRun(console: console).configuration(directories, catalog)
            let report = try ModelTimelineReport(reference: reference, key: key, configuration: configuration)
            console.result(output.json ? report.json.serialized(pretty: true) : report.text)
        }
    }
}

/// `modelsync history import FILE… [--as-of DATE]…`: saved catalogs into the history, in date order.
struct HistoryImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Record saved catalogs (api.json files) in the history, as observations of the source, in date order.",
        discussion: """
            Each file's date is its --as-of (one per file, in order), else the YYYY-MM-DD in its name \
            (api-2026-01-05.json: 00:00:00Z). The files are observations of the source (--source, else the \
            default models.dev URL), so past models.dev snapshots backfill the history of sync. Importing a file \
            again changes nothing. Exit 2 when a file cannot be read or decoded (the others are still recorded) or \
            no history is kept.
            """
    )

    @Argument(help: ArgumentHelp("Catalog files in the models.dev api.json format.", valueName: "file"))
    var files: [String]

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The date of the file in the same place: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (repeatable).",
            valueName: "date"))
    var asOf: [String] = []

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one catalog file.") }
        guard asOf.isEmpty || asOf.count == files.count else {
            throw ValidationError(
                "Give --as-of once per file, in the files' order (\(files.count) files, \(asOf.count) dates), or "
                    + "not at all to read the dates from the file names.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let configuration = try HistoryRun(console: console).configuration(directories, catalog)
            let imported = try HistoryImport(files: files, asOf: asOf, configuration: configuration)
            console.result(output.json ? imported.json.serialized(pretty: true) : imported.text)
            for failure in imported.failures { console.show(failure) }
            if !imported.failures.isEmpty { throw ExitCode(ExitStatus.failure.rawValue) }
        }
    }
}

/// `modelsync history vacuum --keep DURATION`: removes old observations.
struct HistoryVacuumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Remove the observations last seen longer ago than --keep (each source's newest stays).",
        discussion: "Prints what was removed and the file's size before and after."
    )

    @Option(help: ArgumentHelp("How much history to keep: 365d, 12w, 48h.", valueName: "duration"))
    var keep: String

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let configuration = try HistoryRun(console: console).configuration(directories, catalog)
            let vacuum = try HistoryVacuum(keep: keep, configuration: configuration)
            console.result(output.json ? vacuum.json.serialized(pretty: true) : vacuum.text)
        }
    }
}
