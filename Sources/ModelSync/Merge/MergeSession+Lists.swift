import LosslessYAML

extension MergeSession {
    /// Makes a list read as `desired` with the fewest item edits: items on the longest common subsequence stay,
    /// with their comments; others are removed or inserted in place.
    mutating func syncList(_ node: YAMLNodeID, to desired: [YAMLValue], model: String?, fullKey: String) throws {
        let items = document.items(of: node)
        let local = items.map { document.value(of: $0) }
        let common = longestCommonSubsequence(local, desired)
        var localIndex = 0
        var desiredIndex = 0
        for (keptLocal, keptDesired) in common + [(items.count, desired.count)] {
            while localIndex < keptLocal {
                try edit { try $0.removeItem(items[localIndex], from: node) }
                localIndex += 1
            }
            while desiredIndex < keptDesired {
                let before = keptLocal < items.count ? items[keptLocal] : nil
                try edit { try $0.insertItem(desired[desiredIndex], into: node, before: before) }
                desiredIndex += 1
            }
            localIndex = keptLocal + 1
            desiredIndex = keptDesired + 1
        }
        changes.append(Change(model: model, key: fullKey, old: .sequence(local), new: .sequence(desired)))
    }

    /// Pairs of indexes of a longest common subsequence of two lists (semantic equality), in order.
    private func longestCommonSubsequence(_ a: [YAMLValue], _ b: [YAMLValue]) -> [(Int, Int)] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] =
                    a[i].isSemanticallyEqual(to: b[j])
                    ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i].isSemanticallyEqual(to: b[j]) {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }
}
