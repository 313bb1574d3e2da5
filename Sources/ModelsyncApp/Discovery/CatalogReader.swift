import Diagnostics
import Foundation
import ModelsDevCatalog

/// The catalog for the commands that only read it (`providers`, `list`, `search`, `info`, `compare`, `cache`): no
/// safety stop, since they write no provider file; the cache is used and renewed as for a sync.
public struct CatalogReader: Sendable {
    public let configuration: RunConfiguration
    public let catalogs: CatalogAcceptance

    /// A reader for `configuration`; `log` receives retry and redirect notes, `progress` the bytes downloaded.
    public init(
        _ configuration: RunConfiguration, log: (@Sendable (String) -> Void)? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.catalogs = CatalogAcceptance(configuration, log: log, progress: progress)
    }

    /// Loads the catalog as the configuration says, and writes the cache the load calls for.
    ///
    /// - Throws: ``RunFailure`` when no catalog can be had.
    public func load() async throws(RunFailure) -> LoadedCatalog {
        var loaded = try await catalogs.load(configuration.source, options: configuration.load)
        catalogs.commitCache(&loaded)
        return loaded
    }

    /// Revalidates the cache now, whatever its age, and writes what the server confirms or sends.
    ///
    /// - Throws: ``RunFailure`` when the download fails; the message says what the cache still holds, which stays
    ///   as it was.
    public func refresh() async throws(RunFailure) -> LoadedCatalog {
        do {
            var loaded = try await catalogs.loader.refresh(
                configuration.source, timeoutSeconds: configuration.load.timeoutSeconds)
            catalogs.commitCache(&loaded)
            return loaded
        } catch {
            let status = self.status()
            switch status.state {
            case .fresh, .stale:
                let age = status.ageSeconds.map { "\(AgeText.format(seconds: $0)) old" } ?? "of unknown age"
                throw RunFailure(
                    Diagnostic(
                        message: "cache refresh failed: \(error.message); the cached catalog (\(age)) was kept "
                            + "unchanged"))
            case .missing, .corrupt, .notCacheable:
                throw RunFailure(Diagnostic(message: "cache refresh failed: \(error.message)"))
            }
        }
    }

    /// The state of the cache for the configuration's source, read without touching the network or any file.
    public func status() -> CacheStatus {
        catalogs.loader.status(of: configuration.source, maxAgeMinutes: configuration.load.maxAgeMinutes)
    }
}
