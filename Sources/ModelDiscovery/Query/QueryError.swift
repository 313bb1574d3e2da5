import ModelsDevCatalog

/// Why a model query cannot run: a filter value that cannot be understood, or a provider the catalog lacks.
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `--capability` name outside the SPEC §3.2 vocabulary.
    case unknownCapability(String)
    /// A `--status` value other than `active`, `alpha`, `beta`, `deprecated`.
    case unknownStatus(String)
    /// A `--sort` key other than `price`, `context`, `name`, `release`.
    case unknownSortKey(String)
    /// A `--modality` value that is not `[input:|output:]<modality>`.
    case unknownModality(String)
    /// A `--released-after` value that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case invalidDate(String)
    /// A price option (named, such as `--max-input-price`) whose value is not a number 0 or more.
    case invalidPrice(option: String, value: String)
    /// A token count option (named, such as `--min-context`) whose value is not a count such as `200000` or `1m`.
    case invalidTokenCount(option: String, value: String)
    /// `--provider` names a provider the catalog does not list; `suggestions` are ids that look alike.
    case unknownProvider(String, suggestions: [String])

    public var description: String {
        switch self {
        case .unknownCapability(let name):
            return "unknown capability '\(name)'; the capabilities are: "
                + ModelCapability.allNames.joined(separator: ", ")
        case .unknownStatus(let value):
            return "unknown status '\(value)'; the statuses are: "
                + ModelStatusFilter.allCases.map(\.rawValue).joined(separator: ", ")
                + " (active: none of the others)"
        case .unknownSortKey(let value):
            return "unknown sort key '\(value)'; sort by one of: "
                + ModelSortKey.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownModality(let value):
            return "unknown modality '\(value)'; give one of "
                + ModalityFilter.modalities.joined(separator: ", ")
                + ", optionally after input: or output: (such as image or output:audio)"
        case .invalidDate(let value):
            return "invalid date '\(value)' for --released-after; write YYYY, YYYY-MM or YYYY-MM-DD"
        case .invalidPrice(let option, let value):
            return "invalid price '\(value)' for \(option); write USD per million tokens as a number 0 or more,"
                + " such as 2 or 0.15"
        case .invalidTokenCount(let option, let value):
            return "invalid token count '\(value)' for \(option); write a whole number of tokens, such as 200000,"
                + " or use k or m (200k, 1m)"
        case .unknownProvider(let id, let suggestions) where suggestions.isEmpty:
            return "the catalog has no provider '\(id)'; `modelsync providers` lists them"
        case .unknownProvider(let id, let suggestions):
            return "the catalog has no provider '\(id)'; did you mean "
                + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "? `modelsync providers` lists them all"
        }
    }
}
