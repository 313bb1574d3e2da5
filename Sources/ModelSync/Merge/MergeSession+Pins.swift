import LosslessYAML

extension MergeSession {
    /// The managed key names listed in a mapping's `pinned` (a list, or one string).
    func pins(in mapping: YAMLNodeID) -> Set<String> {
        guard let node = document.value(forKey: "pinned", in: mapping) else { return [] }
        switch document.value(of: node) {
        case .string(let name): return [name]
        case .sequence(let items, _): return Set(items.compactMap(\.stringValue))
        default: return []
        }
    }

    /// Whether `key` or one of its parents (`pricing` for `pricing.input`) is pinned.
    func isPinned(_ key: String, _ pinned: Set<String>) -> Bool {
        if pinned.contains(key) { return true }
        var prefix = Substring(key)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if pinned.contains(String(prefix)) { return true }
        }
        return false
    }
}
