import ArgumentParser
import ModelsDevCatalog

/// `modelsync cache clear`: remove every cached catalog.
struct CacheClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every cached catalog from the cache directory (other files there are left alone)."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.reportingErrors {
            let directory = CacheDirectory.resolve(environment: console.environment)
            let removed = try CatalogCache(directory: directory).clear()
            if output.json {
                console.result(.object(["directory": .string(directory.path), "removed": .optional(removed)]))
            } else {
                console.result("removed \(removed) cached catalog\(removed == 1 ? "" : "s") from \(directory.path)")
            }
        }
    }
}
