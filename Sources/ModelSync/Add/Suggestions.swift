/// "Did you mean" candidates for a mistyped id: the closest ids by edit distance.
enum Suggestions {
    /// Up to `limit` ids of `candidates` closest to `text`, closest first (ties in code-point order).
    ///
    /// A candidate qualifies when its edit distance to `text` (case ignored; insertions, deletions and
    /// substitutions count one each) is at most a third of the longer length, at least 1 and at most 3, or when one
    /// contains the other (`gpt-5` for `gpt-5-mini`); of those, only the ones at most one edit farther than the
    /// closest are kept, so that a near miss is not drowned by loose matches.
    static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let query = Array(text.lowercased().unicodeScalars)
        guard !query.isEmpty else { return [] }
        var scored: [(distance: Int, id: String)] = []
        var seen = Set<String>()
        for candidate in candidates where candidate != text && seen.insert(candidate).inserted {
            let other = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(query, other)
            let allowed = min(3, max(1, max(query.count, other.count) / 3))
            let lowered = candidate.lowercased()
            let contains = lowered.contains(text.lowercased()) || text.lowercased().contains(lowered)
            if distance <= allowed || (contains && min(query.count, other.count) >= 3) {
                scored.append((distance, candidate))
            }
        }
        scored.sort {
            $0.distance != $1.distance ? $0.distance < $1.distance : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
        }
        guard let best = scored.first?.distance else { return [] }
        return scored.prefix { $0.distance <= best + 1 }.prefix(limit).map(\.id)
    }

    /// ` (did you mean 'a', 'b' or 'c'?)` (`; did you mean …?` unless `parenthesized`); empty for no suggestion.
    static func didYouMean(_ suggestions: [String], parenthesized: Bool = true) -> String {
        guard !suggestions.isEmpty else { return "" }
        let quoted = suggestions.map { "'\($0)'" }
        let list =
            quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
        return parenthesized ? " (did you mean \(list)?)" : "; did you mean \(list)?"
    }

    /// The Levenshtein distance of two scalar arrays.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
