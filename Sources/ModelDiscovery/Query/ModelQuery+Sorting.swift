import ModelsDevCatalog

extension ModelQuery {
    /// A value models are ordered by: a number (a count, a price's rank, a search rank) or text.
    private enum SortValue: Comparable {
        case number(Int)
        case text(String)
    }

    /// `entries` in this query's order: by ``sort`` (reversed with ``descending``), else by search rank, else by
    /// reference; entries without a value come last in both directions; ties by provider id, then model id.
    func sorted(_ entries: [ModelEntry]) -> [ModelEntry] {
        let keys = sortValues(entries)
        let descending = self.descending && sort != nil
        // The comparisons read these arrays, not the entries: reading an id through an entry costs more than the
        // comparison.
        let providerIDs = entries.map(\.provider.id)
        let modelIDs = entries.map(\.model.id)
        let order = entries.indices.sorted { left, right in
            switch (keys[left], keys[right]) {
            case (let leftValue?, let rightValue?) where leftValue != rightValue:
                return descending ? rightValue < leftValue : leftValue < rightValue
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if providerIDs[left] != providerIDs[right] { return providerIDs[left] < providerIDs[right] }
                return modelIDs[left].utf8.lexicographicallyPrecedes(modelIDs[right].utf8)
            }
        }
        return order.map { entries[$0] }
    }

    /// The value each entry is sorted by, `nil` where the entry lacks it.
    private func sortValues(_ entries: [ModelEntry]) -> [SortValue?] {
        switch sort {
        case .price:
            // Prices compare exactly; ranking the distinct prices once keeps the comparisons cheap.
            let distinct = Set(entries.compactMap { $0.model.cost?.input }).sorted()
            var rank: [ExactDecimal: Int] = [:]
            for (position, price) in distinct.enumerated() { rank[price] = position }
            return entries.map { entry in entry.model.cost?.input.flatMap { rank[$0] }.map(SortValue.number) }
        case .context:
            return entries.map { $0.model.limit?.context.map(SortValue.number) }
        case .name:
            return entries.map { .text(($0.model.name ?? $0.model.id).lowercased()) }
        case .release:
            return entries.map { $0.model.releaseDate.map(SortValue.text) }
        case nil:
            return entries.map { $0.match.map { .number($0.rawValue) } }
        }
    }
}
