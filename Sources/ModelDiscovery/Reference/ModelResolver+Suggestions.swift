import Diagnostics

/// "Did you mean": the references closest to text that names no model.
///
/// Every `provider/model` of the catalog is a candidate. Comparisons ignore case. A candidate is close when
/// - its whole reference is within a few edits of the text (`anthropc/claude-sonnet-4-5`), or
/// - its model id is within a few edits of a reading of the text as a model id: what follows the first `/`
///   (`anthropic/claude-sonet-4-5` → `claude-sonet-4-5`), or the whole text (`claude-sonet-4-5`, or
///   `anthropic/claude-sonet-4-5` as a model id of openrouter-like providers). When the text names a provider,
///   candidates of other providers, and the whole-text reading, cost 2 edits more, so the named provider's models
///   come first; when it names none, reading past an unknown prefix costs 2 more;
/// - or, after all those, its model id contains a reading (three characters or more).
///
/// The edit limit is 1 + a fifth of the length of the shortest reading (the text after its first `/`, else the
/// whole text), at most 4. Ordering is deterministic: edit distance
/// (for containment: a penalised reading after an unpenalised one, then the fewest extra characters), then the named
/// provider's models first, then the reference in code-point order.
extension ModelResolver {
    /// The number of suggestions an error lists.
    public static let suggestionLimit = 5

    /// The references closest to `text`, best first.
    public func suggestions(for text: String, limit: Int = suggestionLimit) -> [ModelReference] {
        let whole = Self.folded(text)
        guard let slash = text.firstIndex(of: "/") else {
            return rank(full: whole, parts: [QueryPart(model: whole)], favored: nil, limit: limit)
        }
        let rest = Self.folded(String(text[text.index(after: slash)...]))
        guard let named = provider(named: String(text[..<slash]))?.id.rawValue else {
            let parts = [QueryPart(model: whole), QueryPart(model: rest, basePenalty: 2)]
            return rank(full: whole, parts: parts, favored: nil, limit: limit)
        }
        let parts = [QueryPart(model: rest, favored: named), QueryPart(model: whole, basePenalty: 2)]
        return rank(full: whole, parts: parts, favored: named, limit: limit)
    }

    /// The references closest to model `modelID` of provider `providerID`, that provider's first.
    func suggestions(for modelID: String, inProvider providerID: String, limit: Int = suggestionLimit)
        -> [ModelReference]
    {
        rank(
            full: Self.folded(providerID + "/" + modelID),
            parts: [QueryPart(model: Self.folded(modelID), favored: providerID)], favored: providerID, limit: limit)
    }

    /// The provider ids (and settings file ids) closest to `name`, best first (``IDSuggestions``).
    func providerSuggestions(for name: String, limit: Int = suggestionLimit) -> [String] {
        IDSuggestions.closest(
            to: name, among: catalog.providers.map(\.id.rawValue) + providerAliases.keys, limit: limit)
    }

    /// One reading of the text as a model id, and what a candidate pays in edits for it.
    private struct QueryPart {
        var model: [UInt8]
        /// The provider the text names: candidates of others pay 2 more.
        var favored: String?
        /// What every candidate pays for this reading.
        var basePenalty = 0

        func penalty(for providerID: String) -> Int {
            basePenalty + (favored == nil || favored == providerID ? 0 : 2)
        }
    }

    private func rank(full: [UInt8], parts: [QueryPart], favored: String?, limit: Int) -> [ModelReference] {
        let editLimit = min(4, 1 + (parts.map(\.model.count).min() ?? 0) / 5)
        var scored: [(rank: Int, score: Int, reference: ModelReference)] = []
        for provider in catalog.providers {
            let providerID = provider.id.rawValue
            let foldedProvider = Self.folded(providerID + "/")
            for model in provider.models {
                let foldedModel = Self.folded(model.id)
                var best = EditDistance.distance(full, foldedProvider + foldedModel, limit: editLimit)
                var containment: Int?
                for part in parts {
                    let penalty = part.penalty(for: providerID)
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
            let lhsFavored = lhs.reference.providerID == favored
            if lhsFavored != (rhs.reference.providerID == favored) { return lhsFavored }
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
