/// What `--sort` orders models by; ascending unless `--desc`.
///
/// Models without the value sorted by (no price, no context window, no release date) come last in both
/// directions, and ties go by provider id, then model id, always ascending, so that output is deterministic.
public enum ModelSortKey: String, CaseIterable, Sendable {
    /// The input price in USD per million tokens (`cost.input`).
    case price
    /// The context window in tokens (`limit.context`).
    case context
    /// The display name, case-insensitively (the model id when the catalog has no name).
    case name
    /// The release date (`release_date`), as written: `YYYY-MM-DD` or `YYYY-MM`, which sort as text.
    case release

    /// Reads a sort key as a user types it (case does not matter).
    ///
    /// - Throws: ``QueryError/unknownSortKey(_:)``, whose message lists the valid keys.
    public init(parsing text: String) throws(QueryError) {
        guard let key = ModelSortKey(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw .unknownSortKey(text)
        }
        self = key
    }
}
