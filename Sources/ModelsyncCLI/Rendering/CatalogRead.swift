import ModelsDevCatalog
import ModelsyncApp

/// Loads the catalog for a command that only reads it, with a download progress line and retry notes on the
/// console, and reports where it came from.
struct CatalogRead {
    let console: Console

    /// The configuration for `options` (a run that writes nothing) and the loaded catalog.
    func load(_ options: RunOptions) async throws(RunFailure) -> (RunConfiguration, LoadedCatalog) {
        let configuration = try RunConfiguration.resolve(options, writes: false, in: console.environment)
        let loaded = try await reader(configuration) { reader throws(RunFailure) in try await reader.load() }
        return (configuration, loaded)
    }

    /// Revalidates the cache for `options` now.
    func refresh(_ options: RunOptions) async throws(RunFailure) -> LoadedCatalog {
        let configuration = try RunConfiguration.resolve(options, writes: false, in: console.environment)
        return try await reader(configuration) { reader throws(RunFailure) in try await reader.refresh() }
    }

    private func reader(
        _ configuration: RunConfiguration, _ work: (CatalogReader) async throws(RunFailure) -> LoadedCatalog
    ) async throws(RunFailure) -> LoadedCatalog {
        let console = self.console
        let progress = ProgressLine(label: "downloading \(configuration.source)", console: console)
        defer { progress.finish() }
        let reader = CatalogReader(configuration, log: { console.detail($0) }, progress: { progress.update($0) })
        let loaded = try await work(reader)
        progress.finish()
        console.report(loaded)
        return loaded
    }
}
