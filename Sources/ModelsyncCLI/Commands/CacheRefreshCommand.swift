import ArgumentParser
import ModelsyncApp

/// `modelsync cache refresh`: revalidate or download the catalog now; exit 2 when that fails.
struct CacheRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Revalidate the cached catalog now, whatever its age. Exits 2 when the download fails.",
        discussion: "A failed refresh keeps the cache as it was and never reports success."
    )

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !catalog.offline else { throw ValidationError("cache refresh needs the network; drop --offline.") }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let refreshed = try await CatalogRead(console: console).refresh(RunOptions(directories, catalog))
            console.result(
                output.json ? RefreshReport.json(refreshed).serialized(pretty: true) : RefreshReport.text(refreshed))
        }
    }
}
