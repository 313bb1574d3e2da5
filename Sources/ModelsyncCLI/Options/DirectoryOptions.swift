import ArgumentParser

/// Where the configs live: `--config-dir` (default `config`) and `--models-dir` (default `<config-dir>/models`).
struct DirectoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration directory.", valueName: "dir"))
    var configDir = "config"

    @Option(help: ArgumentHelp("The directory of provider files (default: <config-dir>/models).", valueName: "dir"))
    var modelsDir: String?

    /// The models directory as given, or `<config-dir>/models`.
    var modelsDirectory: String {
        modelsDir ?? (configDir.hasSuffix("/") ? configDir + "models" : configDir + "/models")
    }
}
