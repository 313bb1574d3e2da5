/// "Did you mean" for a mistyped id: the candidate ids closest to it, shared by every command that names providers
/// or models by id.
///
/// Comparisons ignore case. A candidate is close when it is within a few edits of the text (insertions, deletions
/// and substitutions of bytes count one each; the limit is 1 + a quarter of the text's length, at most 3), or, after
/// all of those, when it contains the text (three characters or more). Of the near ones, only those at most one edit
/// farther than the nearest are kept, so that a near miss is not drowned by loose ones. Order: fewest edits (for
/// containment: fewest extra characters), then code-point order.
public enum IDSuggestions {
    /// Up to `limit` ids of `candidates` closest to `text`, best first; `text` itself is never suggested.
    public static func closest(to text: String, among candidates: some Sequence<String>, limit: Int) -> [String] {
        let query = Array(text.lowercased().utf8)
        guard !query.isEmpty else { return [] }
        let editLimit = min(3, 1 + query.count / 4)
        var scored: [(rank: Int, score: Int, id: String)] = []
        for candidate in Set(candidates) where candidate != text {
            let folded = Array(candidate.lowercased().utf8)
            if let distance = EditDistance.distance(query, folded, limit: editLimit) {
                scored.append((0, distance, candidate))
            } else if query.count >= 3, folded.count > query.count, folded.contains(query) {
                scored.append((1, folded.count - query.count, candidate))
            }
        }
        scored.sort { lhs, rhs in
            if (lhs.rank, lhs.score) != (rhs.rank, rhs.score) { return (lhs.rank, lhs.score) < (rhs.rank, rhs.score) }
            return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
        }
        let nearest = scored.first { $0.rank == 0 }?.score ?? 0
        return scored.filter { $0.rank != 0 || $0.score <= nearest + 1 }.prefix(limit).map(\.id)
    }
}
