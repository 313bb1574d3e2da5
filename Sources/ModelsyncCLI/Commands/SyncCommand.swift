import ArgumentParser
import ModelSync

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
        var request = SyncRequest(mode: .sync)
        request.dryRun = dryRun
        request.lockWaitSeconds = lock.wait
        let console = Console(output)
        try await console.reportingErrors {
            let outcome = try await SyncRunner(console: console).run(
                request, directories: directories, catalog: catalog, sync: sync)
            try SyncOutput(console: console, output: output, sync: sync).print(outcome)
        }
    }
}
