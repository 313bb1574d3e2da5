import LosslessYAML

extension MergeSession {
    /// Merges the desired models into the `models` mapping.
    ///
    /// Models the file has are merged key by key; new models the options insert go in id order when the file's ids
    /// are sorted (else at the end); models upstream no longer lists go to ``vanish(_:entry:in:)``. A missing or
    /// null `models` is given the inserted models; any other shape is a conflict.
    mutating func mergeModels(_ root: YAMLNodeID) throws {
        let desiredModels = merger.desired.models.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let options = merger.options
        let insertedModels = desiredModels.filter { options.inserts($0.id) }
        guard let modelsEntry = document.entry(forKey: "models", in: root) else {
            guard !insertedModels.isEmpty else { return }
            let value = YAMLValue.mapping(insertedModels.map { YAMLMappingEntry($0.id, styled($0.mappingValue)) })
            try edit { try $0.insertEntry(key: "models", value: value, into: root) }
            added += insertedModels.map(\.id)
            return
        }
        let models = modelsEntry.value
        switch document.kind(of: models) {
        case .mapping:
            break
        case .scalar where document.value(of: models) == .null:
            guard !insertedModels.isEmpty else { return }
            let value = YAMLValue.mapping(insertedModels.map { YAMLMappingEntry($0.id, styled($0.mappingValue)) })
            try edit { try $0.replace(models, with: value) }
            added += insertedModels.map(\.id)
            return
        default:
            conflicts.append(Conflict(model: nil, key: "models", reason: "expected a mapping of model ids"))
            return
        }
        let modelsShared = isShared(models)

        var localByID: [String: (key: YAMLNodeID, value: YAMLNodeID)] = [:]
        var localIDs: [String] = []
        var localKeys: [YAMLNodeID] = []
        for entry in document.entries(of: models) {
            guard case .string(let id) = document.value(of: entry.key) else { continue }
            localByID[id] = localByID[id] ?? entry
            localIDs.append(id)
            localKeys.append(entry.key)
        }
        let desiredIDs = Set(desiredModels.map(\.id))
        let refusedIDs = Set(merger.desired.refused.map(\.id))
        for refused in merger.desired.refused where !options.excludes(refused.id) {
            // Reported when the file has the model (it stays as it is) or would have got it.
            guard localByID[refused.id] != nil || options.inserts(refused.id) else { continue }
            conflicts.append(Conflict(model: refused.id, key: "", reason: refused.reason))
        }
        let sorted = zip(localIDs, localIDs.dropFirst()).allSatisfy { !$1.utf8.lexicographicallyPrecedes($0.utf8) }
        // Both lists are in id order, so the first local id after each new model only moves forwards.
        var following = 0

        for model in desiredModels where !options.excludes(model.id) {
            if let local = localByID[model.id] {
                try mergeModel(model, entry: local)
            } else if options.inserts(model.id) {
                if modelsShared {
                    conflicts.append(Conflict(model: model.id, key: "", reason: sharedReason(models)))
                    continue
                }
                var before: YAMLNodeID?
                if sorted {
                    while following < localIDs.count, !model.id.utf8.lexicographicallyPrecedes(localIDs[following].utf8)
                    {
                        following += 1
                    }
                    before = following < localKeys.count ? localKeys[following] : nil
                }
                let value = styled(model.mappingValue)
                try edit { try $0.insertEntry(key: .string(model.id), value: value, into: models, before: before) }
                added.append(model.id)
            }
        }

        // Models upstream no longer lists.
        for id in localIDs where !desiredIDs.contains(id) && !refusedIDs.contains(id) && !options.excludes(id) {
            guard let local = localByID[id] else { continue }
            try vanish(id, entry: local, in: models)
        }
    }

    /// Merges one desired model into the model the file has.
    ///
    /// A null value is given the whole model; an alias is a conflict unless the model it stands for already reads
    /// as desired; a model whose `source` is not models.dev is left alone.
    private mutating func mergeModel(_ model: DesiredModel, entry: (key: YAMLNodeID, value: YAMLNodeID)) throws {
        let node = entry.value
        guard document.kind(of: node) == .mapping else {
            if document.kind(of: node) == .alias {
                // Nothing to report when the model the alias stands for already reads as the catalog says.
                if let target = aliasedNodes[node], document.kind(of: target) == .mapping {
                    var probe = self
                    try probe.mergeModel(model, entry: (key: entry.key, value: target))
                    if probe.changes.count == changes.count && probe.conflicts.count == conflicts.count { return }
                }
                conflicts.append(Conflict(model: model.id, key: "", reason: "the model is an alias; not edited"))
            } else if document.value(of: node) == .null {
                let value = styled(model.mappingValue)
                try edit { try $0.replace(node, with: value) }
                for managed in model.entries where managed.value != nil {
                    changes.append(Change(model: model.id, key: managed.key, old: nil, new: managed.value))
                }
            } else {
                conflicts.append(Conflict(model: model.id, key: "", reason: "expected a mapping of model keys"))
            }
            return
        }
        // Only models with `source: models.dev`, or without `source` (adopted), are synced.
        if let sourceNode = document.value(forKey: "source", in: node),
            !ManagedKeys.isUpstreamSource(sourceNode, in: document)
        {
            return
        }
        // A model inside an anchored node that an alias uses is merged like any other: each value that would change
        // (or key that would be inserted or removed) is reported as a conflict by name, and current data is no
        // conflict at all.
        try mergeMapping(
            node, desired: model.entries, order: ManagedKeys.modelKeys, model: model.id, path: "",
            pinned: pins(in: node),
            level: .model)
    }
}
