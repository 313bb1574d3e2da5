import ArgumentParser
import ModelsDevCatalog
import ModelsyncApp

/// `modelsync cache clear`: remove every cached catalog.
struct CacheClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every cached catalog from the cache directory (other files there are left alone)."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let directory = console.environment.cacheDirectory
            let removed: Int
            do throws(CatalogError) {
                removed = try CatalogCache(directory: directory).clear()
            } catch {
                throw RunFailure(error)
            }
            if output.json {
                console.result(.object(["directory": .string(directory.path), "removed": .optional(removed)]))
            } else {
                console.result("removed \(removed) cached catalog\(removed == 1 ? "" : "s") from \(directory.path)")
            }
        }
    }
}
