import LosslessYAML

extension MergeSession {
    /// Whether the node, or a collection around it, carries an anchor that an alias elsewhere refers to.
    func isShared(_ node: YAMLNodeID) -> Bool {
        guard !referencedAnchors.isEmpty else { return false }
        var current: YAMLNodeID? = node
        while let candidate = current {
            if let anchor = document.anchor(of: candidate), referencedAnchors.contains(anchor) { return true }
            current = document.parent(of: candidate)
        }
        return false
    }

    /// Why an edit at `node` is refused as a conflict: the anchor around it that an alias uses, else that the value
    /// is an alias.
    func sharedReason(_ node: YAMLNodeID) -> String {
        var current: YAMLNodeID? = node
        while let candidate = current {
            if let anchor = document.anchor(of: candidate), referencedAnchors.contains(anchor) {
                return "inside anchored node &\(anchor), which an alias uses; not edited through it"
            }
            current = document.parent(of: candidate)
        }
        return "the value is an alias; not edited through it"
    }

    /// The data of `node` with its aliases read through, for comparing with desired data (never for editing);
    /// `value` (the node's own data) when the file has no aliases, or when expanding them would take more than
    /// 10,000 nodes (an alias bomb compares unequal, so it is reported, never expanded).
    func comparableValue(of node: YAMLNodeID, _ value: YAMLValue) -> YAMLValue {
        guard !aliasedNodes.isEmpty else { return value }
        var budget = 10_000
        return expandedValue(of: node, budget: &budget) ?? value
    }

    /// The data of `node` with each alias replaced by the node it stands for, spending one of `budget` per node;
    /// `nil` when the budget runs out or an alias has no anchored node before it.
    private func expandedValue(of node: YAMLNodeID, budget: inout Int) -> YAMLValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch document.kind(of: node) {
        case .alias:
            guard let target = aliasedNodes[node] else { return nil }
            return expandedValue(of: target, budget: &budget)
        case .sequence:
            var items: [YAMLValue] = []
            for item in document.items(of: node) {
                guard let value = expandedValue(of: item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .sequence(items, style: document.collectionStyle(of: node))
        case .mapping:
            var entries: [YAMLMappingEntry] = []
            for (key, value) in document.entries(of: node) {
                guard let keyValue = expandedValue(of: key, budget: &budget),
                    let valueValue = expandedValue(of: value, budget: &budget)
                else { return nil }
                entries.append(YAMLMappingEntry(key: keyValue, value: valueValue))
            }
            return .mapping(entries, style: document.collectionStyle(of: node))
        case .scalar:
            return document.value(of: node)
        }
    }
}
