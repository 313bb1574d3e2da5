import Diagnostics

/// Why `add` refuses, or could not finish; every diagnostic says what was written (nothing, for a refusal).
public enum AddError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
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
    /// The provider id cannot become a file name (docs/selection.md), as the message says.
    case refusedProvider(id: String, message: String)
    /// An upstream id that several files track.
    case ambiguousProvider(String, files: [String])
    /// Models were named for a tracked file whose provider models.dev does not list.
    case providerNotListed(fileID: String, upstream: String)
    /// Models the provider does not list.
    case unknownModels([UnknownModel], provider: String)
    /// A model the settings exclude by a glob (`exclude:`), which `add` does not narrow on its own.
    case excludedModel(String, pattern: String, fileID: String)
    /// The provider's file could not be merged (it does not parse, or the merge did not verify): its diagnostic.
    case providerFile(Diagnostic)
    /// The settings file could not be read, edited or written: its diagnostic.
    case settings(Diagnostic)

    /// The message with options named neutrally.
    public var description: String { diagnostic.description }

    public var diagnostic: Diagnostic {
        switch self {
        case .unknownProvider(let id, let suggestions):
            return Diagnostic(
                message:
                    "unknown provider '\(id)': models.dev does not list it and no file tracks it\(DidYouMean.phrase(suggestions)); nothing written",
                suggestions: suggestions)
        case .refusedProvider(_, let message):
            return Diagnostic(message: DiagnosticText(message + "; nothing written"))
        case .ambiguousProvider(let id, let files):
            let names = files.map { "\($0).yml" }.joined(separator: ", ")
            return Diagnostic(
                message: "provider '\(id)' is tracked by several files (\(names)); name one of them; nothing written")
        case .providerNotListed(let fileID, let upstream):
            return Diagnostic(
                message: "models.dev does not list provider '\(upstream)' (tracked by \(fileID).yml); cannot add "
                    + "models to it; nothing written")
        case .unknownModels(let models, let provider):
            let named = models.map { "'\($0.id)'" + DidYouMean.phrase($0.suggestions) }
            let noun = models.count == 1 ? "model" : "models"
            return Diagnostic(
                message: "unknown \(noun) \(named.joined(separator: ", ")): models.dev does not list "
                    + "\(models.count == 1 ? "it" : "them") for provider '\(provider)'; nothing written",
                suggestions: models.flatMap(\.suggestions))
        case .excludedModel(let id, let pattern, let fileID):
            return Diagnostic(
                message: "model '\(id)' is excluded by the pattern '\(pattern)' of \(fileID) in the settings; "
                    + "nothing written",
                notes: ["edit its exclude: list to let the model in, then add it again"])
        case .providerFile(let diagnostic), .settings(let diagnostic):
            return diagnostic
        }
    }
}
