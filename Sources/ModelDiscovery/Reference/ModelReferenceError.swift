import Diagnostics

/// Why a model reference names no model of the catalog; the message lists the closest references.
public enum ModelReferenceError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// No provider lists the reference (its first part names no provider, or naming one did not help).
    case unknownModel(reference: String, suggestions: [ModelReference])
    /// The provider exists but has no model of that id.
    case unknownModelOfProvider(provider: String, model: String, suggestions: [ModelReference])
    /// `--provider` names a provider the catalog does not list.
    case unknownProvider(provider: String, suggestions: [String])
    /// A bare model id that several providers list; `matches` holds all of them in catalog order.
    case ambiguous(reference: String, matches: [ModelReference])

    /// At most this many references of an ambiguous id are listed; the rest are counted.
    public static let listedMatches = 10

    /// The error as a diagnostic, its suggestions (references or provider ids) listed apart too.
    public var diagnostic: Diagnostic {
        let suggestions: [String]
        switch self {
        case .unknownModel(_, let references), .unknownModelOfProvider(_, _, let references):
            suggestions = references.map(\.description)
        case .unknownProvider(_, let ids): suggestions = ids
        case .ambiguous(_, let matches): suggestions = matches.map(\.description)
        }
        return Diagnostic(message: DiagnosticText(description), suggestions: suggestions)
    }

    public var description: String {
        switch self {
        case .unknownModel(let reference, let suggestions):
            guard !suggestions.isEmpty else {
                return
                    "unknown model '\(TerminalText.escape(reference))': no provider lists it and no model id is close to it "
                    + "(write PROVIDER/MODEL; 'modelsync providers' lists the provider ids)"
            }
            return "unknown model '\(TerminalText.escape(reference))'; did you mean:"
                + Self.lines(suggestions.map(\.description))
        case .unknownModelOfProvider(let provider, let model, let suggestions):
            guard !suggestions.isEmpty else {
                return
                    "provider '\(TerminalText.escape(provider))' has no model '\(TerminalText.escape(model))', and no model id is close to it"
            }
            return
                "provider '\(TerminalText.escape(provider))' has no model '\(TerminalText.escape(model))'; did you mean:"
                + Self.lines(suggestions.map(\.description))
        case .unknownProvider(let provider, let suggestions):
            guard !suggestions.isEmpty else {
                return "unknown provider '\(TerminalText.escape(provider))': models.dev does not list it "
                    + "('modelsync providers' lists the provider ids)"
            }
            return "unknown provider '\(TerminalText.escape(provider))'; did you mean:" + Self.lines(suggestions)
        case .ambiguous(let reference, let matches):
            var text =
                "'\(TerminalText.escape(reference))' is a model of \(matches.count) providers; name one as PROVIDER/MODEL:"
                + Self.lines(matches.prefix(Self.listedMatches).map(\.description))
            if matches.count > Self.listedMatches {
                text += "\n  and \(matches.count - Self.listedMatches) more"
            }
            return text
        }
    }

    private static func lines(_ items: [String]) -> String {
        items.map { "\n  " + TerminalText.escape($0) }.joined()
    }
}
