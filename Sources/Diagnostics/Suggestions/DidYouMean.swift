/// The words of a "did you mean" hint, shared by every message that suggests ids.
public enum DidYouMean {
    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`; empty for no suggestion.
    public static func list(_ suggestions: [String]) -> String {
        let quoted = suggestions.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    }

    /// ` (did you mean 'a', 'b' or 'c'?)`, or `; did you mean …?` unless `parenthesized`; empty for no suggestion.
    public static func phrase(_ suggestions: [String], parenthesized: Bool = true) -> String {
        guard !suggestions.isEmpty else { return "" }
        return parenthesized ? " (did you mean \(list(suggestions))?)" : "; did you mean \(list(suggestions))?"
    }
}
