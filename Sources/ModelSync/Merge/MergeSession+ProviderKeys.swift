import LosslessYAML

extension MergeSession {
    /// Merges the provider-level managed keys into the root mapping.
    ///
    /// A file without `provider` gets it as its first entry, below the leading comments of the entry that was first
    /// (they stay at the top of the file).
    mutating func mergeProviderKeys(_ root: YAMLNodeID) throws {
        let entries = document.entries(of: root)
        let hasProvider = document.entry(forKey: "provider", in: root) != nil
        if !hasProvider {
            // First in the file: before the entry that was first, or alone in an empty mapping (`{}`), so that one
            // sync reaches the state the next one leaves as it is.
            let fileID = merger.fileID
            try edit {
                try $0.insertEntry(
                    key: "provider", value: .string(fileID), into: root, before: entries.first?.key,
                    belowLeadingComments: true)
            }
            changes.append(Change(model: nil, key: "provider", old: nil, new: .string(merger.fileID)))
        }
        let pinned = pins(in: root)
        try mergeMapping(
            root, desired: merger.desired.keys, order: ManagedKeys.providerKeys, model: nil, path: "", pinned: pinned,
            level: .provider(providerInserted: !hasProvider))
    }
}
