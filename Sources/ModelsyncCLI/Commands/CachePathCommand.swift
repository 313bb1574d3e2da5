import ArgumentParser
import ModelsDevCatalog

/// `modelsync cache path`: print the cache directory.
struct CachePathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the cache directory (MODELSYNC_CACHE_DIR, $XDG_CACHE_HOME/modelsync or ~/.cache/modelsync)."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        let directory = console.environment.cacheDirectory.path
        console.result(
            output.json ? JSONValue.object(["directory": .string(directory)]).serialized(pretty: true) : directory)
    }
}
