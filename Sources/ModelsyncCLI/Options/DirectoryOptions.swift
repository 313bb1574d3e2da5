import ArgumentParser
import ModelsyncApp

/// Where the configs live: `--config-dir`, `--settings` and `--models-dir` (precedence: ``RunConfiguration``).
struct DirectoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration directory (default: config).", valueName: "dir"))
    var configDir: String?

    @Option(help: ArgumentHelp("The settings file (default: <config-dir>/modelsync.yml).", valueName: "file"))
    var settings: String?

    @Option(
        help: ArgumentHelp(
            "The directory of provider files (default: the settings file's models_dir, else <config-dir>/models).",
            valueName: "dir"))
    var modelsDir: String?

    /// Writes these flags into `options`.
    func apply(to options: inout RunOptions) {
        options.configDirectory = configDir
        options.settingsFile = settings
        options.modelsDirectory = modelsDir
    }
}
