/// The models a ``ModelQuery`` found, in order, and how many there were before the limit.
public struct QueryResult: Sendable {
    /// The models, sorted, at most the query's limit.
    public var entries: [ModelEntry]
    /// How many models passed the filters and search, before the limit.
    public var matchedCount: Int
    /// How many models the catalog lists under providers with safe ids.
    public var catalogModelCount: Int

    public init(entries: [ModelEntry], matchedCount: Int, catalogModelCount: Int) {
        self.entries = entries
        self.matchedCount = matchedCount
        self.catalogModelCount = catalogModelCount
    }
}
