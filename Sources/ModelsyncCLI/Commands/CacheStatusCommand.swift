import ArgumentParser
import ModelsyncApp

/// `modelsync cache status`: what is cached for the source, how old, and whether it is fresh.
struct CacheStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the cached catalog of the source: path, age, size, ETag, fresh or stale. No network."
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let options = RunOptions(directories, catalog)
            let configuration = try RunConfiguration.resolve(options, writes: false, in: console.environment)
            let status = CatalogReader(configuration).status()
            console.result(output.json ? status.json.serialized(pretty: true) : CacheStatusText.render(status))
        }
    }
}
