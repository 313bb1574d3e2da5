import Foundation

/// A catalog together with where it came from and what the user should be warned about.
public struct LoadedCatalog: Sendable {
    public var catalog: Catalog
    public var provenance: Provenance
    /// Lines for stderr, such as `models.dev unreachable: …; using the catalog cached 3 h ago`.
    public var warnings: [String]
    /// The cache write this load calls for and has not made: ``CatalogLoader/commit(_:)`` makes it once the
    /// catalog is accepted; `nil` when the cache stays as it is.
    public var pendingCacheWrite: PendingCacheWrite?

    public init(
        catalog: Catalog, provenance: Provenance, warnings: [String], pendingCacheWrite: PendingCacheWrite? = nil
    ) {
        self.catalog = catalog
        self.provenance = provenance
        self.warnings = warnings
        self.pendingCacheWrite = pendingCacheWrite
    }
}

/// A cache write a load calls for: a downloaded body with its metadata, or a `304`'s renewed time.
public struct PendingCacheWrite: Sendable {
    /// What to write.
    public enum Kind: Sendable {
        /// Replace the cached body (a `200`).
        case store(Data)
        /// Keep the body and renew its metadata (a `304`).
        case renew
    }

    public var kind: Kind
    public var metadata: CacheMetadata
}
