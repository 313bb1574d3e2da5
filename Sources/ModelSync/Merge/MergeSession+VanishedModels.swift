import LosslessYAML

extension MergeSession {
    /// A model with `source: models.dev` that upstream no longer lists: removed when pruning, unless it holds keys of
    /// the user's or is shared through an alias; else marked `available: false` (unless `available` is pinned or
    /// already false), and counted as unavailable when that changes the file.
    mutating func vanish(_ id: String, entry: (key: YAMLNodeID, value: YAMLNodeID), in models: YAMLNodeID)
        throws
    {
        let node = entry.value
        guard document.kind(of: node) == .mapping,
            let sourceNode = document.value(forKey: "source", in: node),
            ManagedKeys.isUpstreamSource(sourceNode, in: document)
        else { return }
        let current = document.value(forKey: "available", in: node)
        let currentValue = current.map { document.value(of: $0) }
        if merger.options.prune && !holdsUserOwnedKey(node) && !isShared(node) {
            if holdsVanished(id, available: currentValue, new: nil) { return }
            try edit { try $0.removeEntry(key: entry.key, from: models) }
            removed.append(id)
            return
        }
        let pinned = pins(in: node)
        if pinned.contains("available") { return }
        if currentValue == .bool(false) { return }
        if holdsVanished(id, available: currentValue, new: .bool(false)) { return }
        let availableOnly = [ManagedEntry("available", .bool(false))]
        let before = changes.count
        try mergeMapping(
            node, desired: availableOnly, order: ManagedKeys.modelKeys, model: id, path: "", pinned: pinned,
            level: .model)
        if changes.count > before { unavailable.append(id) }
    }

    /// Whether the `vanished` guard holds the change (`new`: `false` to mark the model, `nil` to prune it).
    private mutating func holdsVanished(_ id: String, available: YAMLValue?, new: YAMLValue?) -> Bool {
        if coolsDown(model: id, key: "available", old: available, new: new) { return true }
        guard merger.options.guards.vanished == .hold else { return false }
        return hold(.vanished, model: id, key: "available", old: available, new: new)
    }

    /// Whether the model holds data of the user's: a key that is not a managed model key (or is not a string), or
    /// inside a managed value a key of `pricing` or `modalities` modelsync does not manage, or a capability outside
    /// its vocabulary.
    private func holdsUserOwnedKey(_ model: YAMLNodeID) -> Bool {
        document.entries(of: model).contains { entry in
            guard case .string(let key) = document.value(of: entry.key), ManagedKeys.modelKeys.contains(key) else {
                return true
            }
            return holdsUserOwnedItem(entry.value, under: key)
        }
    }

    private func holdsUserOwnedItem(_ node: YAMLNodeID, under key: String) -> Bool {
        func isUnmanaged(_ keyNode: YAMLNodeID, in names: [String]) -> Bool {
            guard case .string(let name) = document.value(of: keyNode) else { return true }
            return !names.contains(name)
        }
        switch (key, document.kind(of: node)) {
        case ("pricing", .mapping):
            return document.entries(of: node).contains { isUnmanaged($0.key, in: ManagedKeys.pricingKeys) }
        case ("modalities", .mapping):
            return document.entries(of: node).contains { isUnmanaged($0.key, in: ManagedKeys.modalityKeys) }
        case ("capabilities", .sequence):
            return document.items(of: node).contains { isUnmanaged($0, in: ManagedKeys.capabilities) }
        default:
            return false
        }
    }
}
