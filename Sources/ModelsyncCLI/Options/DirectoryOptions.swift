import ArgumentParser
import ModelSync

/// Where the configs live: `--config-dir`, `--settings` and `--models-dir`.
///
/// Flags override the settings file, which overrides the defaults: the settings file is `--settings`, else
/// `<config-dir>/modelsync.yml`; the models directory is `--models-dir`, else the settings file's `models_dir`
/// (relative to the settings file), else `<config-dir>/models`.
struct DirectoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration directory.", valueName: "dir"))
    var configDir = "config"

    @Option(help: ArgumentHelp("The settings file (default: <config-dir>/modelsync.yml).", valueName: "file"))
    var settings: String?

    @Option(
        help: ArgumentHelp(
            "The directory of provider files (default: the settings file's models_dir, else <config-dir>/models).",
            valueName: "dir"))
    var modelsDir: String?

    /// The resolved paths and the settings file's content.
    func configuration() throws(SyncError) -> ModelsyncConfiguration {
        try ModelsyncConfiguration(configDirectory: configDir, settingsPath: settings, modelsDirectory: modelsDir)
    }
}
