import ArgumentParser
import ModelsyncApp

/// `modelsync check`: whether every provider file is current; writes nothing and takes no lock.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 1 when a provider file is not current with the catalog; write nothing.",
        discussion: """
            For CI: `modelsync check --diff` prints what sync would change. Exit 0 when every file is current, 1 \
            when one is not, 2 on an error (errors win). Flags override the settings file, which overrides the \
            defaults.
            """
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !(output.json && sync.format == .markdown) else {
            throw ValidationError("--json and --format markdown cannot be combined.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let options = RunOptions(directories, catalog, sync: sync)
            let configuration = try RunConfiguration.resolve(options, writes: false, in: console.environment)
            let outcome = try await SyncRun(console: console).run(.check, configuration)
            let fix = ["modelsync", "sync"] + directories.repeated + catalog.repeated + sync.repeated
            try SyncOutput(
                console: console, output: output, diff: sync.diff, format: sync.format, fixingCommand: fix
            ).print(outcome)
        }
    }
}
