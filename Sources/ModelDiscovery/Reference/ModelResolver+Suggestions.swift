/// "Did you mean": the references closest to text that names no model.
///
/// Every `provider/model` of the catalog is a candidate. Comparisons ignore case. A candidate is close when
/// - its whole reference is within a few edits of the text (`anthropc/claude-sonnet-4-5`), or
/// - its model id is within a few edits of the text's model part: the whole text, or what follows its first `/`
///   (`anthropic/claude-sonet-4-5`, `claude-sonet-4-5`); a candidate of another provider than the one the text
///   names costs 2 more edits, so the named provider's models come first;
/// - or, after those, its model id contains the text's model part (three characters or more).
///
/// The edit limit is 1 + a fifth of the model part's length, at most 4. Ordering is deterministic: edit distance,
/// then (for containment) another provider after the named one and the fewest extra characters, then the reference
/// in code-point order.
extension ModelResolver {
    /// The number of suggestions an error lists.
    public static let suggestionLimit = 5

    /// The references closest to `text`, best first.
    public func suggestions(for text: String, limit: Int = suggestionLimit) -> [ModelReference] {
        var parts = [QueryPart(model: Self.folded(text), providerID: nil)]
        if let slash = text.firstIndex(of: "/") {
            let prefix = String(text[..<slash])
            parts.append(
                QueryPart(
                    model: Self.folded(String(text[text.index(after: slash)...])),
                    providerID: provider(named: prefix)?.id.rawValue ?? prefix))
        }
        return rank(full: Self.folded(text), parts: parts, limit: limit)
    }

    /// The references closest to model `modelID` of provider `providerID`, that provider's first.
    func suggestions(for modelID: String, inProvider providerID: String, limit: Int = suggestionLimit)
        -> [ModelReference]
    {
        rank(
            full: Self.folded(providerID + "/" + modelID),
            parts: [QueryPart(model: Self.folded(modelID), providerID: providerID)], limit: limit)
    }

    /// The provider ids (and settings file ids) closest to `name`, best first.
    func providerSuggestions(for name: String, limit: Int = suggestionLimit) -> [String] {
        let query = Self.folded(name)
        let editLimit = min(3, 1 + query.count / 4)
        let names = Set(catalog.providers.map(\.id.rawValue)).union(providerAliases.keys)
        var scored: [(rank: Int, score: Int, name: String)] = []
        for candidate in names {
            let folded = Self.folded(candidate)
            if let distance = EditDistance.distance(query, folded, limit: editLimit) {
                scored.append((0, distance, candidate))
            } else if query.count >= 3, folded.contains(query) {
                scored.append((1, folded.count - query.count, candidate))
            }
        }
        scored.sort { lhs, rhs in
            if (lhs.rank, lhs.score) != (rhs.rank, rhs.score) { return (lhs.rank, lhs.score) < (rhs.rank, rhs.score) }
            return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        return scored.prefix(limit).map(\.name)
    }

    /// One reading of the text: a model id, and the provider it names (`nil`: none named).
    private struct QueryPart {
        var model: [UInt8]
        var providerID: String?
    }

    private func rank(full: [UInt8], parts: [QueryPart], limit: Int) -> [ModelReference] {
        let editLimit = min(4, 1 + (parts.last?.model.count ?? 0) / 5)
        var scored: [(rank: Int, score: Int, reference: ModelReference)] = []
        for provider in catalog.providers {
            let providerID = provider.id.rawValue
            let foldedProvider = Self.folded(providerID + "/")
            for model in provider.models {
                let foldedModel = Self.folded(model.id)
                var best = EditDistance.distance(full, foldedProvider + foldedModel, limit: editLimit)
                var containment: Int?
                for part in parts {
                    let penalty = part.providerID == nil || part.providerID == providerID ? 0 : 2
                    if editLimit >= penalty,
                        let distance = EditDistance.distance(part.model, foldedModel, limit: editLimit - penalty)
                    {
                        best = min(best ?? .max, distance + penalty)
                    } else if part.model.count >= 3, foldedModel.contains(part.model) {
                        let score = (penalty > 0 ? 1_000_000 : 0) + foldedModel.count - part.model.count
                        containment = min(containment ?? .max, score)
                    }
                }
                let reference = ModelReference(providerID: providerID, modelID: model.id)
                if let best {
                    scored.append((0, best, reference))
                } else if let containment {
                    scored.append((1, containment, reference))
                }
            }
        }
        scored.sort { lhs, rhs in
            if (lhs.rank, lhs.score) != (rhs.rank, rhs.score) { return (lhs.rank, lhs.score) < (rhs.rank, rhs.score) }
            return lhs.reference.description.utf8.lexicographicallyPrecedes(rhs.reference.description.utf8)
        }
        var seen = Set<ModelReference>()
        var result: [ModelReference] = []
        for entry in scored where result.count < limit && seen.insert(entry.reference).inserted {
            result.append(entry.reference)
        }
        return result
    }

    /// Text compared without regard to case, as UTF-8 bytes.
    private static func folded(_ text: String) -> [UInt8] {
        Array(text.lowercased().utf8)
    }
}
