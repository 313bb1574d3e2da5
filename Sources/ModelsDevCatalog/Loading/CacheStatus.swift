/// What the cache holds for one source, for `cache status`.
public struct CacheStatus: Equatable, Sendable {
    /// The state of the cached catalog.
    public enum State: Equatable, Sendable {
        /// Younger than the freshness limit: used without a request.
        case fresh
        /// Older than the limit: revalidated on the next run that may use the network.
        case stale
        /// Nothing cached for the source.
        case missing
        /// Files that disagree or do not parse; the next load discards them.
        case corrupt(reason: String)
        /// The source is a file, stdin or `bundled`, which are never cached.
        case notCacheable

        /// `fresh`, `stale`, `missing`, `corrupt` or `not cacheable`.
        public var name: String {
            switch self {
            case .fresh: return "fresh"
            case .stale: return "stale"
            case .missing: return "missing"
            case .corrupt: return "corrupt"
            case .notCacheable: return "not cacheable"
            }
        }
    }

    /// The cache directory.
    public var directory: String
    public var source: CatalogSource
    public var state: State
    public var bodyFile: String?
    public var metadataFile: String?
    public var metadata: CacheMetadata?
    /// Seconds since the catalog was fetched or last confirmed.
    public var ageSeconds: Int?
    /// The freshness limit used, in minutes.
    public var maxAgeMinutes: Int?

    public init(
        directory: String, source: CatalogSource, state: State, bodyFile: String? = nil, metadataFile: String? = nil,
        metadata: CacheMetadata? = nil, ageSeconds: Int? = nil, maxAgeMinutes: Int? = nil
    ) {
        self.directory = directory
        self.source = source
        self.state = state
        self.bodyFile = bodyFile
        self.metadataFile = metadataFile
        self.metadata = metadata
        self.ageSeconds = ageSeconds
        self.maxAgeMinutes = maxAgeMinutes
    }

    /// The status as `cache status --json` prints it.
    ///
    /// Keys: `directory`, `source`, `state` (``State/name``), `fresh`, `body_file`, `metadata_file`, `fetched_at`,
    /// `age_seconds`, `max_age_minutes`, `size_bytes`, `etag`, `last_modified`, `problem`; absent values are
    /// `null`.
    public var json: JSONValue {
        var problem: String?
        if case .corrupt(let reason) = state { problem = reason }
        return .object([
            "directory": .string(directory),
            "source": .string(source.description),
            "state": .string(state.name),
            "fresh": .bool(state == .fresh),
            "body_file": .optional(bodyFile),
            "metadata_file": .optional(metadataFile),
            "fetched_at": .optional(metadata.map { Timestamp.format($0.fetchedAt) }),
            "age_seconds": .optional(ageSeconds),
            "max_age_minutes": .optional(maxAgeMinutes),
            "size_bytes": .optional(metadata?.size),
            "etag": .optional(metadata?.etag),
            "last_modified": .optional(metadata?.lastModified),
            "problem": .optional(problem),
        ])
    }
}
