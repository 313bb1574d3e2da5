import ArgumentParser
import ModelsDevCatalog

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
        try await console.reportingErrors {
            let settings = try directories.configuration().settings
            let context = try CatalogContext(catalog, settings: settings, console: console)
            let status = context.loader().status(of: context.source, maxAgeMinutes: context.maxAgeMinutes)
            console.result(output.json ? status.json.serialized(pretty: true) : CacheStatusText.render(status))
        }
    }
}
