/// A catalog together with where it came from and what the user should be warned about.
public struct LoadedCatalog: Sendable {
    public var catalog: Catalog
    public var provenance: Provenance
    /// Lines for stderr, such as `models.dev unreachable: …; using the catalog cached 3 h ago`.
    public var warnings: [String]
}
