import ArgumentParser
import ModelsyncApp

/// `modelsync init`: start a configuration here: the settings file, the models directory, and (with `--provider`)
/// the first provider files.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a configuration: a commented settings file and a models directory (never overwrites).",
        discussion: """
            Writes <config-dir>/modelsync.yml with every setting shown, creates <config-dir>/models with a \
            .gitignore for the lock file, and prints the next commands. With --provider ID (repeatable), the \
            settings list those providers and their files are created from the catalog, as sync --provider does. \
            Exit 2 when the settings file exists already (nothing is written).
            """
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp("A provider to track from the start (repeatable): its file is created.", valueName: "id"))
    var providers: [String] = []

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            var options = RunOptions(directories, catalog)
            options.providers = providers
            try await InitRun(console: console, output: output).run(options)
        }
    }
}
