import Foundation
import ModelSync
import ModelsDevCatalog

/// Resolves the source and the cache directory from flags and the environment, and loads the catalog.
struct CatalogContext {
    let source: CatalogSource
    let cacheDirectory: URL
    let options: CatalogOptions
    let settings: SyncSettings?
    let console: Console

    init(_ options: CatalogOptions, settings: SyncSettings?, console: Console) throws(CatalogError) {
        self.options = options
        self.settings = settings
        self.console = console
        source = try options.resolvedSource(environment: console.environment, settings: settings)
        cacheDirectory = CacheDirectory.resolve(environment: console.environment)
    }

    /// Reads the settings through `directories`, then loads the catalog as the flags say: how `providers`, `list`,
    /// `search`, `info` and `compare` begin.
    static func load(
        _ options: CatalogOptions, directories: DirectoryOptions, console: Console
    ) async throws -> (configuration: ModelsyncConfiguration, loaded: LoadedCatalog) {
        let configuration = try directories.configuration()
        let loaded = try await CatalogContext(options, settings: configuration.settings, console: console).load()
        return (configuration, loaded)
    }

    /// The freshness limit in minutes, by precedence.
    var maxAgeMinutes: Int { options.maxAgeMinutes(settings: settings) }

    /// A loader whose retry notes go to `--verbose` and whose download progress goes to a progress line.
    func loader(progress: ProgressLine? = nil) -> CatalogLoader {
        let console = self.console
        var report: (@Sendable (Int) -> Void)?
        if let progress {
            report = { bytes in progress.update(bytes) }
        }
        return CatalogLoader(cacheDirectory: cacheDirectory, log: { console.detail($0) }, progress: report)
    }

    /// Loads the catalog per the flags and reports where it came from.
    func load() async throws -> LoadedCatalog {
        let progress = ProgressLine(label: "downloading \(source)", console: console)
        defer { progress.finish() }
        let loaded = try await loader(progress: progress).load(source, options: options.loadOptions(settings: settings))
        progress.finish()
        console.report(loaded)
        return loaded
    }

    /// Revalidates the cache now and reports where the catalog came from; a failure says what the cache still
    /// holds.
    func refresh() async throws -> LoadedCatalog {
        let progress = ProgressLine(label: "downloading \(source)", console: console)
        defer { progress.finish() }
        let loader = loader(progress: progress)
        do {
            let refreshed = try await loader.refresh(source, timeoutSeconds: options.timeout)
            progress.finish()
            console.report(refreshed)
            return refreshed
        } catch let error as CatalogError {
            throw RefreshFailure.describe(error, status: loader.status(of: source, maxAgeMinutes: maxAgeMinutes))
        }
    }
}
