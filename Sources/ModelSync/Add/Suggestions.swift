import ModelDiscovery

/// "Did you mean" candidates for a mistyped id: the closest ids by edit distance.
enum Suggestions {
    /// Up to `limit` ids of `candidates` closest to `text`, closest first (``IDSuggestions``).
    static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        IDSuggestions.closest(to: text, among: candidates, limit: limit)
    }

    /// ` (did you mean 'a', 'b' or 'c'?)` (`; did you mean …?` unless `parenthesized`); empty for no suggestion.
    static func didYouMean(_ suggestions: [String], parenthesized: Bool = true) -> String {
        guard !suggestions.isEmpty else { return "" }
        let quoted = suggestions.map { "'\($0)'" }
        let list =
            quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
        return parenthesized ? " (did you mean \(list)?)" : "; did you mean \(list)?"
    }
}
