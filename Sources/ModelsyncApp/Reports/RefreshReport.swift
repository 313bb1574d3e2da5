import ModelsDevCatalog

/// What `cache refresh` reports about the catalog it refreshed.
public enum RefreshReport {
    /// `refreshed <url>: downloaded 147 providers, 5276 models` or `…: not modified, cache renewed (…)`.
    public static func text(_ loaded: LoadedCatalog) -> String {
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
    public static func json(_ loaded: LoadedCatalog) -> JSONValue {
        let result = loaded.provenance.origin == .revalidated ? "not_modified" : "downloaded"
        return .object([
            "source": loaded.provenance.json,
            "result": .string(result),
            "providers": .optional(loaded.catalog.providerCount),
            "models": .optional(loaded.catalog.modelCount),
        ])
    }
}
