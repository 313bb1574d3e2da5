import ModelsDevCatalog

/// What `cache refresh` prints, and how it names a failure.
enum RefreshReport {
    /// `refreshed <url>: downloaded 2.4 MB, 147 providers, 5276 models` or `…: not modified, cache renewed, …`.
    static func text(_ loaded: LoadedCatalog) -> String {
        let catalog = loaded.catalog
        let counts = "\(catalog.providerCount) providers, \(catalog.modelCount) models"
        switch loaded.provenance.origin {
        case .revalidated:
            return "refreshed \(loaded.provenance.source): not modified, cache renewed (\(counts))"
        default:
            return "refreshed \(loaded.provenance.source): downloaded \(counts)"
        }
    }

    /// `{"source": {…}, "result": "downloaded" | "not_modified", "providers": n, "models": n}`.
    static func json(_ loaded: LoadedCatalog) -> String {
        let result = loaded.provenance.origin == .revalidated ? "not_modified" : "downloaded"
        let value: JSONValue = .object([
            "source": loaded.provenance.json,
            "result": .string(result),
            "providers": .optional(loaded.catalog.providerCount),
            "models": .optional(loaded.catalog.modelCount),
        ])
        return value.serialized(pretty: true)
    }
}

/// Turns a failed refresh into a message that also says what the cache still holds.
enum RefreshFailure {
    static func describe(_ error: CatalogError, status: CacheStatus) -> CommandError {
        switch status.state {
        case .fresh, .stale:
            let age = status.ageSeconds.map { "\(AgeText.format(seconds: $0)) old" } ?? "of unknown age"
            return .refreshFailed(error, cached: age)
        case .missing, .corrupt, .notCacheable:
            return .refreshFailed(error, cached: nil)
        }
    }
}
