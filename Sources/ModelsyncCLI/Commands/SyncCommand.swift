import ArgumentParser
import ModelsyncApp

/// `modelsync sync`: merge the catalog into the provider files and write what changed.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Merge the models.dev catalog into the provider files, changing only the bytes whose data changed.",
        discussion: """
            Flags override the settings file (config/modelsync.yml), which overrides the defaults.
            Holds a lock on the models directory for the whole run: exit 75 when another sync holds it (--wait to \
            wait). Exit 2 when a file has an error; the other files still sync.
            """
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Show what would change; write nothing.")
    var dryRun = false

    @OptionGroup var lock: LockOptions

    func validate() throws {
        guard !(output.json && sync.format == .markdown) else {
            throw ValidationError("--json and --format markdown cannot be combined.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let options = RunOptions(directories, catalog, sync: sync, lock: lock, dryRun: dryRun)
            let configuration = try RunConfiguration.resolve(options, writes: !dryRun, in: console.environment)
            let outcome = try await SyncRun(console: console).run(.sync, configuration)
            let accepting =
                ["modelsync", "sync"] + directories.repeated + catalog.repeated + sync.repeatedWithoutAcceptance
                + ["--accept-held"]
            try SyncOutput(
                console: console, output: output, diff: sync.diff, format: sync.format, acceptingCommand: accepting
            ).print(outcome)
        }
    }
}
