import LosslessYAML

extension MergeSession {
    /// `value` with its lists in the file's style for their keys (flow or block, as the file writes that key's lists,
    /// else as most of its lists); new files' hints (flow `env`, `modalities`) apply when the file has no example.
    mutating func styled(_ value: YAMLValue, key: String? = nil, like node: YAMLNodeID? = nil) -> YAMLValue {
        switch value {
        case .sequence(let items, let hint):
            var style = hint
            if let node, let existing = document.collectionStyle(of: node) {
                style = existing
            } else if let key, let seen = listStyle(forKey: key) {
                style = seen
            } else if hint == nil, let prefersFlow = edit({ $0.formatting.prefersFlowSequences }) {
                style = prefersFlow ? .flow : .block
            }
            return .sequence(items.map { styled($0) }, style: style)
        case .mapping(let entries, let style):
            return .mapping(
                entries.map { entry in
                    YAMLMappingEntry(key: entry.key, value: styled(entry.value, key: entry.key.stringValue))
                }, style: style)
        default:
            return value
        }
    }

    /// How the file writes lists under `key`, by majority; `nil` when it has none.
    private mutating func listStyle(forKey key: String) -> YAMLCollectionStyle? {
        if let known = listStyles[key] { return known }
        var flow = 0
        var block = 0
        for node in document.allNodes where document.kind(of: node) == .sequence {
            guard let keyNode = document.key(ofValue: node), document.scalarText(of: keyNode) == key else { continue }
            if document.collectionStyle(of: node) == .flow { flow += 1 } else { block += 1 }
        }
        guard flow + block > 0 else { return nil }
        let style: YAMLCollectionStyle = flow > block ? .flow : .block
        listStyles[key] = style
        return style
    }
}
