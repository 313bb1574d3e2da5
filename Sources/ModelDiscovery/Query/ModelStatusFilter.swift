import ModelsDevCatalog

/// A value of `--status`: the catalog's `alpha`, `beta`, `deprecated`, or `active` for a model with none of them.
///
/// models.dev sets `status` only on models that are not generally available; `active` names the rest, so that
/// `--status active` leaves out previews and deprecated models alike.
public enum ModelStatusFilter: String, CaseIterable, Sendable {
    /// No `status` in the catalog: generally available.
    case active
    /// `status: alpha`.
    case alpha
    /// `status: beta`.
    case beta
    /// `status: deprecated`.
    case deprecated

    /// Reads a status as a user types it (case does not matter).
    ///
    /// - Throws: ``QueryError/unknownStatus(_:)``, whose message lists the valid values.
    public init(parsing text: String) throws(QueryError) {
        guard let status = ModelStatusFilter(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw .unknownStatus(text)
        }
        self = status
    }

    /// The status of `model` in this vocabulary; `nil` for a status models.dev may add later (matched by none).
    public init?(of model: Model) {
        guard let status = model.status else {
            self = .active
            return
        }
        guard let known = ModelStatusFilter(rawValue: status), known != .active else { return nil }
        self = known
    }
}
