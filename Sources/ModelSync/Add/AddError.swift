/// Why `add` refuses, or could not finish; every message says what was written (nothing, for a refusal).
public enum AddError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model id that the provider does not list, with the closest ids it does list.
    public struct UnknownModel: Equatable, Sendable {
        public var id: String
        public var suggestions: [String]

        public init(_ id: String, _ suggestions: [String]) {
            self.id = id
            self.suggestions = suggestions
        }
    }

    /// models.dev does not list the provider and no file tracks it.
    case unknownProvider(String, suggestions: [String])
    /// The provider id cannot become a file name (SPEC §5), as the message says.
    case refusedProvider(id: String, message: String)
    /// An upstream id that several files track.
    case ambiguousProvider(String, files: [String])
    /// Models were named for a tracked file whose provider models.dev does not list.
    case providerNotListed(fileID: String, upstream: String)
    /// Models the provider does not list.
    case unknownModels([UnknownModel], provider: String)
    /// The provider's file could not be merged (it does not parse, or the merge did not verify).
    case providerFile(String)
    /// The settings file could not be edited or written.
    case settings(String)

    public var description: String {
        switch self {
        case .unknownProvider(let id, let suggestions):
            return "unknown provider '\(id)': models.dev does not list it and no file tracks it"
                + Suggestions.didYouMean(suggestions, parenthesized: true) + "; nothing written"
        case .refusedProvider(_, let message):
            return message + "; nothing written"
        case .ambiguousProvider(let id, let files):
            let names = files.map { "\($0).yml" }.joined(separator: ", ")
            return "provider '\(id)' is tracked by several files (\(names)); name one of them; nothing written"
        case .providerNotListed(let fileID, let upstream):
            return "models.dev does not list provider '\(upstream)' (tracked by \(fileID).yml); cannot add models to "
                + "it; nothing written"
        case .unknownModels(let models, let provider):
            let named = models.map { "'\($0.id)'" + Suggestions.didYouMean($0.suggestions, parenthesized: true) }
            let noun = models.count == 1 ? "model" : "models"
            return "unknown \(noun) \(named.joined(separator: ", ")): models.dev does not list "
                + "\(models.count == 1 ? "it" : "them") for provider '\(provider)'; nothing written"
        case .providerFile(let message), .settings(let message):
            return message
        }
    }
}
