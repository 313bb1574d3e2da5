/// How ``CatalogLoader`` may use the cache and the network; the CLI's common flags.
public struct CatalogLoadOptions: Equatable, Sendable {
    /// How long a cached catalog stays fresh, in minutes (`--max-age`, settings `cache_ttl_minutes`, default 60);
    /// 0 revalidates on every run.
    public var maxAgeMinutes: Int
    /// Never touch the network; use the cache of any age (`--offline`).
    public var offline: Bool
    /// Revalidate even when the cache is fresh (`--refresh`).
    public var refresh: Bool
    /// Fail instead of using a stale cache (`--require-fresh`).
    public var requireFresh: Bool
    /// The total time one download attempt may take, in seconds (`--timeout`, default 30).
    public var timeoutSeconds: Double

    public init(
        maxAgeMinutes: Int = 60, offline: Bool = false, refresh: Bool = false, requireFresh: Bool = false,
        timeoutSeconds: Double = 30
    ) {
        self.maxAgeMinutes = maxAgeMinutes
        self.offline = offline
        self.refresh = refresh
        self.requireFresh = requireFresh
        self.timeoutSeconds = timeoutSeconds
    }
}
