import Diagnostics
import ModelsDevCatalog

/// Why a model query cannot run: a filter value that cannot be understood, or a provider the catalog lacks.
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// A `--capability` name outside the vocabulary of docs/provider-files.md#capabilities.
    case unknownCapability(String)
    /// A `--status` value other than `active`, `alpha`, `beta`, `deprecated`.
    case unknownStatus(String)
    /// A `--sort` key other than `price`, `context`, `name`, `release`.
    case unknownSortKey(String)
    /// A `--modality` value that is not `[input:|output:]<modality>`.
    case unknownModality(String)
    /// A `--released-after` value that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case invalidDate(String)
    /// A price option (such as the maximum input price) whose value is not a number 0 or more.
    case invalidPrice(option: OptionReference, value: String)
    /// A token count option (such as the minimum context) whose value is not a count such as `200000` or `1m`.
    case invalidTokenCount(option: OptionReference, value: String)
    /// `--provider` names a provider the catalog does not list; `suggestions` are ids that look alike.
    case unknownProvider(String, suggestions: [String])
    /// An option whose value is outside its range; `requirement` says what it must be (`must be 1 or more`).
    case outOfRange(option: OptionReference, requirement: String)
    /// The order is to be reversed, but no sort key is given.
    case descendingWithoutSort
    /// A lower bound above the upper bound of the same value, such as a minimum input price of 5 with a maximum of
    /// 2: no model could pass. The values are as written.
    case emptyRange(minimum: OptionReference, minimumValue: String, maximum: OptionReference, maximumValue: String)

    /// The options a query is written with, named as the command line and the service's parameters name them.
    public enum Option {
        public static let provider = OptionReference("provider")
        public static let capability = OptionReference("capability")
        public static let status = OptionReference("status")
        public static let sort = OptionReference("sort")
        public static let modality = OptionReference("modality")
        public static let releasedAfter = OptionReference("released-after")
        public static let maxInputPrice = OptionReference("max-input-price")
        public static let maxOutputPrice = OptionReference("max-output-price")
        public static let minInputPrice = OptionReference("min-input-price")
        public static let minOutputPrice = OptionReference("min-output-price")
        public static let priced = OptionReference("priced")
        public static let minContext = OptionReference("min-context")
        public static let minOutput = OptionReference("min-output")
        public static let descending = OptionReference("desc")
        public static let limit = OptionReference("limit")
    }

    /// The message with options named neutrally.
    public var description: String { message.description }

    /// The error as a diagnostic about the query; unknown providers carry their suggestions.
    public var diagnostic: Diagnostic {
        if case .unknownProvider(_, let suggestions) = self {
            return Diagnostic(message: message, suggestions: suggestions)
        }
        return Diagnostic(message: message)
    }

    /// What is wrong with the query.
    public var message: DiagnosticText {
        switch self {
        case .unknownCapability(let name):
            return
                "unknown capability '\(name)'; the capabilities are: \(ModelCapability.allNames.joined(separator: ", "))"
        case .unknownStatus(let value):
            let statuses = ModelStatusFilter.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown status '\(value)'; the statuses are: \(statuses) (active: none of the others)"
        case .unknownSortKey(let value):
            return
                "unknown sort key '\(value)'; sort by one of: \(ModelSortKey.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownModality(let value):
            let modalities = ModalityFilter.modalities.joined(separator: ", ")
            return "unknown modality '\(value)'; give one of \(modalities), optionally after input: or output: "
                + "(such as image or output:audio)"
        case .invalidDate(let value):
            return "invalid date '\(value)' for \(option: Option.releasedAfter); write YYYY, YYYY-MM or YYYY-MM-DD"
        case .invalidPrice(let option, let value):
            return "invalid price '\(value)' for \(option: option); write USD per million tokens as a number 0 or more,"
                + " such as 2 or 0.15"
        case .invalidTokenCount(let option, let value):
            return
                "invalid token count '\(value)' for \(option: option); write a whole number of tokens, such as 200000,"
                + " or use k or m (200k, 1m)"
        case .outOfRange(let option, let requirement):
            return "\(option: option) \(requirement)"
        case .descendingWithoutSort:
            return
                "\(option: Option.descending) reverses \(option: Option.sort); add \(option: Option.sort, "price|context|name|release")"
        case .emptyRange(let minimum, let minimumValue, let maximum, let maximumValue):
            return "\(option: minimum, minimumValue) is above \(option: maximum, maximumValue), so no model can match;"
                + " lower the one or raise the other"
        case .unknownProvider(let id, let suggestions) where suggestions.isEmpty:
            return "the catalog has no provider '\(id)'; `modelsync providers` lists them"
        case .unknownProvider(let id, let suggestions):
            let named = suggestions.map { "'\($0)'" }.joined(separator: ", ")
            return "the catalog has no provider '\(id)'; did you mean \(named)? `modelsync providers` lists them all"
        }
    }
}
