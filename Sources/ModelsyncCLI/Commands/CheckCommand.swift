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

    @Flag(help: "Exit 1 for changes a guard holds for review too (without it, only for changes sync would make).")
    var failOnHeld = false

    func validate() throws {
        guard !(output.json && sync.format == .markdown) else {
            throw ValidationError("--json and --format markdown cannot be combined.")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            var options = RunOptions(directories, catalog, sync: sync)
            options.failOnHeld = failOnHeld
            let configuration = try RunConfiguration.resolve(options, writes: false, in: console.environment)
            let outcome = try await SyncRun(console: console).run(.check, configuration)
            let sync = ["modelsync", "sync"] + directories.repeated + catalog.repeated
            try SyncOutput(
                console: console, output: output, diff: self.sync.diff, format: self.sync.format,
                fixingCommand: sync + self.sync.repeated,
                acceptingCommand: sync + self.sync.repeatedWithoutAcceptance + ["--accept-held"]
            ).print(outcome)
        }
    }
}
