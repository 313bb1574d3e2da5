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
        if merger.options.prune && !holdsUserOwnedKey(node) && !isShared(node) {
            try edit { try $0.removeEntry(key: entry.key, from: models) }
            removed.append(id)
            return
        }
        let pinned = pins(in: node)
        if pinned.contains("available") { return }
        let current = document.value(forKey: "available", in: node)
        if let current, document.value(of: current) == .bool(false) { return }
        let availableOnly = [ManagedEntry("available", .bool(false))]
        let before = changes.count
        try mergeMapping(
            node, desired: availableOnly, order: ManagedKeys.modelKeys, model: id, path: "", pinned: pinned,
            level: .model)
        if changes.count > before { unavailable.append(id) }
    }

    /// Whether the model has a key that is not a managed model key (or is not a string).
    private func holdsUserOwnedKey(_ model: YAMLNodeID) -> Bool {
        document.entries(of: model).contains { entry in
            guard case .string(let key) = document.value(of: entry.key) else { return true }
            return !ManagedKeys.modelKeys.contains(key)
        }
    }
}
