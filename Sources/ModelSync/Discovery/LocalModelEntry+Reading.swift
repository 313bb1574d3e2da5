import LosslessYAML

extension LocalModelEntry {
    /// Walks one model entry beside its desired data and collects the rows.
    struct EntryReader {
        let document: YAMLDocument
        /// The model's mapping; `nil` for an entry written as null or another scalar (no local keys).
        let entry: YAMLNodeID?
        var rows: [Row] = []
        /// The user-owned keys with the offset of each key in the file, in the order met.
        private var userEntries: [(key: String, value: YAMLValue, offset: Int)] = []
        var source: String?
        private var pins: Set<String> = []

        init(document: YAMLDocument, entry: YAMLNodeID?) {
            self.document = document
            self.entry = entry
            if let entry, let node = document.value(forKey: "pinned", in: entry) {
                switch document.value(of: node) {
                case .string(let name): pins = [name]
                case .sequence(let items, _): pins = Set(items.compactMap(\.stringValue))
                default: break
                }
            }
            if let entry, let node = document.value(forKey: "source", in: entry) {
                // A tagged `source` (`!<tag:x> models.dev`) is the user's: shown with its tag, so it reads as
                // another source than `models.dev`.
                let text = document.value(of: node).stringValue ?? document.scalarText(of: node) ?? ""
                source =
                    ManagedKeys.isUpstreamSource(node, in: document)
                    ? ManagedKeys.sourceValue : (document.tag(of: node).map { "!<\($0)> " } ?? "") + text
            }
        }

        /// The user-owned keys in file order.
        var userKeys: [(key: String, value: YAMLValue)] {
            userEntries.sorted { $0.offset < $1.offset }.map { ($0.key, $0.value) }
        }

        mutating func compare(_ desired: DesiredModel) {
            compareMapping(entry, desired: desired.entries, order: ManagedKeys.modelKeys, path: "")
        }

        /// Rows for the keys in `order`, user keys for the others.
        private mutating func compareMapping(
            _ mapping: YAMLNodeID?, desired: [ManagedEntry], order: [String], path: String
        ) {
            var local: [String: YAMLNodeID] = [:]
            if let mapping {
                for (keyNode, valueNode) in document.entries(of: mapping) {
                    let value = document.value(of: keyNode)
                    let name = value.stringValue ?? YAMLRenderer().inlineText(value)
                    if let key = value.stringValue, order.contains(key) {
                        if local[key] == nil { local[key] = valueNode }
                    } else {
                        userEntries.append(
                            (
                                Self.join(path, name), document.value(of: valueNode),
                                document.range(of: keyNode).lowerBound
                            ))
                    }
                }
            }
            for key in order {
                let fullKey = Self.join(path, key)
                let wanted: YAMLValue? = desired.first { $0.key == key }.flatMap(\.value)
                let node = local[key]
                if let nested = Self.nestedOrder(fullKey), Self.isMappingOrAbsent(wanted),
                    node.map({ document.kind(of: $0) == .mapping }) ?? true, wanted != nil || node != nil
                {
                    let entries: [ManagedEntry]
                    if case .mapping(let pairs, _)? = wanted {
                        entries = pairs.compactMap { pair in pair.key.stringValue.map { ManagedEntry($0, pair.value) } }
                    } else {
                        entries = []
                    }
                    compareMapping(node, desired: entries, order: nested, path: fullKey)
                    continue
                }
                guard node != nil || wanted != nil else { continue }
                rows.append(row(fullKey, node: node, wanted: wanted))
            }
        }

        private func row(_ key: String, node: YAMLNodeID?, wanted: YAMLValue?) -> Row {
            let local = node.map { document.value(of: $0) }
            let differs: Bool
            switch (node, wanted) {
            case (let node?, let wanted?) where key == "capabilities":
                differs = !Self.sameManagedCapabilities(document.value(of: node), wanted)
            case (let node?, let wanted?):
                differs = !document.isSemanticallyEqual(node, to: wanted)
            default:
                differs = true
            }
            return Row(key: key, local: local, upstream: wanted, differs: differs, pinned: isPinned(key))
        }

        /// Whether the managed items of a local `capabilities` list are exactly the wanted ones, in any order.
        private static func sameManagedCapabilities(_ local: YAMLValue, _ wanted: YAMLValue) -> Bool {
            guard case .sequence(let items, _) = local, case .sequence(let wantedItems, _) = wanted else {
                return false
            }
            let managed = Set(items.compactMap(\.stringValue)).intersection(ManagedKeys.capabilities)
            return managed == Set(wantedItems.compactMap(\.stringValue))
        }

        /// Whether `key` or one of its parents (`pricing` for `pricing.input`) is pinned.
        private func isPinned(_ key: String) -> Bool {
            var prefix = Substring(key)
            while true {
                if pins.contains(String(prefix)) { return true }
                guard let dot = prefix.lastIndex(of: ".") else { return false }
                prefix = prefix[..<dot]
            }
        }

        private static func isMappingOrAbsent(_ value: YAMLValue?) -> Bool {
            guard let value else { return true }
            if case .mapping = value { return true }
            return false
        }

        /// The managed keys of a nested managed mapping, or `nil` when `fullKey` is not one.
        private static func nestedOrder(_ fullKey: String) -> [String]? {
            switch fullKey {
            case "pricing": return ManagedKeys.pricingKeys
            case "pricing.context_over_200k": return ManagedKeys.priceKeys
            case "modalities": return ManagedKeys.modalityKeys
            default: return nil
            }
        }

        private static func join(_ path: String, _ key: String) -> String {
            path.isEmpty ? key : path + "." + key
        }
    }
}
