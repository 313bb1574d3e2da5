import LosslessYAML

extension LocalModelEntry {
    /// One difference inside a list or a mapping that differs from upstream: an item or entry that one side has and
    /// the other lacks, an entry whose value differs, or the same items in another order.
    ///
    /// Items and values compare as ``LocalModelEntry`` compares values: semantically (`3 == 3.0`).
    public struct ItemChange: Equatable, Sendable {
        /// What differs.
        public enum Kind: String, Sendable {
            /// Upstream has the item or entry and the local value lacks it: sync adds it.
            case added
            /// The local value has the item or entry and upstream lacks it: sync removes it.
            case removed
            /// Both have the entry, with other values.
            case changed
            /// Both have the same items or keys, in another order.
            case reordered
        }

        public var kind: Kind
        /// Where inside the value: empty for the list or mapping itself, else a key (`input`), an index (`[1]`) or
        /// both (`[0].input`) of a nested one.
        public var path: String
        /// The key of an entry of a mapping at ``path``; `nil` for an item of a list at ``path``, or, for
        /// `changed`, the whole value at ``path`` (an item of a list compared by position).
        public var key: String?
        /// The item or the entry's value: upstream's for `added` and `changed`, the local one for `removed`; for
        /// `reordered`, upstream's list, or upstream's mapping.
        public var value: YAMLValue

        public init(_ kind: Kind, path: String = "", key: String? = nil, value: YAMLValue) {
            self.kind = kind
            self.path = path
            self.key = key
            self.value = value
        }
    }
}

extension LocalModelEntry.Row {
    /// What differs inside the value, when the local and upstream values are both lists or both mappings and differ;
    /// `nil` otherwise.
    ///
    /// - Lists: the items only upstream has (`added`, in upstream's order), then those only the local value has
    ///   (`removed`, in local order), counted as multisets; when they are the same items, one `reordered` with
    ///   upstream's list. Two lists of the same length holding mappings or lists are compared position by
    ///   position instead (`[0].input`), since their items are records, not members of a set.
    /// - `capabilities`: only the managed items, as a set, as sync compares them: the user's own items and the
    ///   order never count.
    /// - Mappings: the entries only upstream has (`added`), those whose values differ (`changed`), then those only
    ///   the local value has (`removed`); with the same entries in another order, one `reordered`.
    public var itemChanges: [LocalModelEntry.ItemChange]? {
        guard differs, let local, let upstream else { return nil }
        let changes: [LocalModelEntry.ItemChange]
        switch (local, upstream) {
        case (.sequence(let localItems, _), .sequence(let upstreamItems, _)) where key == "capabilities":
            let managed = localItems.filter { $0.stringValue.map(ManagedKeys.capabilities.contains) ?? false }
            changes = Self.itemChanges(managed, upstreamItems, path: "").filter { $0.kind != .reordered }
        case (.sequence(let localItems, _), .sequence(let upstreamItems, _)):
            changes = Self.itemChanges(localItems, upstreamItems, path: "")
        case (.mapping(let localEntries, _), .mapping(let upstreamEntries, _)):
            changes = Self.entryChanges(localEntries, upstreamEntries, path: "")
        default:
            return nil
        }
        return changes.isEmpty ? nil : changes
    }

    private static func itemChanges(
        _ local: [YAMLValue], _ upstream: [YAMLValue], path: String
    ) -> [LocalModelEntry.ItemChange] {
        if local.count == upstream.count, (local + upstream).contains(where: \.isCollection) {
            var changes: [LocalModelEntry.ItemChange] = []
            for (index, (localItem, upstreamItem)) in zip(local, upstream).enumerated()
            where !localItem.isSemanticallyEqual(to: upstreamItem) {
                changes += valueChanges(localItem, upstreamItem, path: path + "[\(index)]")
            }
            return changes
        }
        var unmatched = local
        var added: [YAMLValue] = []
        for item in upstream {
            if let index = unmatched.firstIndex(where: { $0.isSemanticallyEqual(to: item) }) {
                unmatched.remove(at: index)
            } else {
                added.append(item)
            }
        }
        if added.isEmpty, unmatched.isEmpty {
            let same = zip(local, upstream).allSatisfy { $0.isSemanticallyEqual(to: $1) }
            return same ? [] : [.init(.reordered, path: path, value: .sequence(upstream))]
        }
        return added.map { .init(.added, path: path, value: $0) }
            + unmatched.map { .init(.removed, path: path, value: $0) }
    }

    private static func entryChanges(
        _ local: [YAMLMappingEntry], _ upstream: [YAMLMappingEntry], path: String
    ) -> [LocalModelEntry.ItemChange] {
        var added: [LocalModelEntry.ItemChange] = []
        var changed: [LocalModelEntry.ItemChange] = []
        for entry in upstream {
            guard let localEntry = local.first(where: { $0.key.isSemanticallyEqual(to: entry.key) }) else {
                added.append(.init(.added, path: path, key: keyText(entry.key), value: entry.value))
                continue
            }
            guard !localEntry.value.isSemanticallyEqual(to: entry.value) else { continue }
            let nested = join(path, keyText(entry.key))
            if localEntry.value.isCollection, entry.value.isCollection {
                changed += valueChanges(localEntry.value, entry.value, path: nested)
            } else {
                changed.append(.init(.changed, path: path, key: keyText(entry.key), value: entry.value))
            }
        }
        let removed = local.filter { entry in !upstream.contains { $0.key.isSemanticallyEqual(to: entry.key) } }
            .map { LocalModelEntry.ItemChange(.removed, path: path, key: keyText($0.key), value: $0.value) }
        let changes = added + changed + removed
        if changes.isEmpty, local.count == upstream.count,
            !zip(local, upstream).allSatisfy({ $0.key.isSemanticallyEqual(to: $1.key) })
        {
            return [.init(.reordered, path: path, value: .mapping(upstream))]
        }
        return changes
    }

    /// The changes between two values at `path`: inside them when both are lists or both mappings, else the
    /// upstream value as a change of the whole.
    private static func valueChanges(
        _ local: YAMLValue, _ upstream: YAMLValue, path: String
    ) -> [LocalModelEntry.ItemChange] {
        switch (local, upstream) {
        case (.sequence(let localItems, _), .sequence(let upstreamItems, _)):
            return itemChanges(localItems, upstreamItems, path: path)
        case (.mapping(let localEntries, _), .mapping(let upstreamEntries, _)):
            return entryChanges(localEntries, upstreamEntries, path: path)
        default:
            return [.init(.changed, path: path, value: upstream)]
        }
    }

    private static func keyText(_ key: YAMLValue) -> String {
        key.stringValue ?? YAMLRenderer().inlineText(key)
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }
}

extension YAMLValue {
    fileprivate var isCollection: Bool {
        switch self {
        case .sequence, .mapping: return true
        default: return false
        }
    }
}
