import Diagnostics
import Foundation
import ModelsDevCatalog

/// Loads the catalog and accepts it, in separate steps: load (network, cache, file), then the safety stop, then the
/// cache write the load left pending; after a run that writes, the accepted catalog's counts are recorded for the
/// next run's safety stop.
public struct CatalogAcceptance: Sendable {
    public let loader: CatalogLoader
    public let acceptedCatalogs: AcceptedCatalogStore

    /// The loader and the accepted-catalog store for `configuration`'s cache directory and environment; `log`
    /// receives retry and redirect notes, `progress` the bytes downloaded so far.
    public init(
        _ configuration: RunConfiguration, log: (@Sendable (String) -> Void)? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        let environment = configuration.environment
        var loader = CatalogLoader(
            cacheDirectory: configuration.cacheDirectory, workingDirectory: environment.workingDirectory, log: log,
            progress: progress)
        loader.now = environment.now
        loader.readStandardInput = environment.readStandardInput
        loader.decodedFiles = environment.decodedCatalogs
        self.loader = loader
        self.acceptedCatalogs = AcceptedCatalogStore(
            cacheDirectory: configuration.cacheDirectory, workingDirectory: environment.workingDirectory)
    }

    /// Loads the catalog from `source`; its cache write stays pending until ``accept(_:source:allowShrink:)``.
    ///
    /// - Throws: ``RunFailure`` when no catalog can be had.
    public func load(_ source: CatalogSource, options: CatalogLoadOptions) async throws(RunFailure) -> LoadedCatalog {
        do {
            return try await loader.load(source, options: options)
        } catch {
            throw RunFailure(error)
        }
    }

    /// Applies the safety stop (docs/merge-rules.md, rule 5) unless `allowShrink`, then makes the cache write the
    /// load left pending; a cache that could not be written becomes a warning of `loaded`.
    ///
    /// - Throws: ``RunFailure`` when the safety stop refuses the catalog; the cache is then left as it was.
    public func accept(_ loaded: inout LoadedCatalog, source: CatalogSource, allowShrink: Bool) throws(RunFailure) {
        if !allowShrink {
            let stop = SafetyStop(lastAcceptedModelCount: acceptedCatalogs.lastAcceptedModelCount(for: source))
            if let refusal = stop.refusal(of: loaded.catalog, from: source) { throw RunFailure(refusal) }
        }
        commitCache(&loaded)
    }

    /// Makes the cache write the load left pending, without the safety stop: for commands that only read the
    /// catalog and write no provider file.
    public func commitCache(_ loaded: inout LoadedCatalog) {
        if let warning = loader.commit(loaded.pendingCacheWrite) { loaded.warnings.append(warning) }
        loaded.pendingCacheWrite = nil
    }

    /// Remembers `catalog` as the last one accepted from `source`, for the next safety stop; a warning when that
    /// could not be written.
    public func record(_ catalog: Catalog, from source: CatalogSource, at date: Date) -> Diagnostic? {
        do {
            try acceptedCatalogs.recordAccepted(catalog, for: source, at: date)
            return nil
        } catch {
            return Diagnostic(.warning, message: "could not remember the accepted catalog: \(error)")
        }
    }
}
