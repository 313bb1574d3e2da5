import LosslessYAML

extension MergeSession {
    /// Which mapping ``mergeMapping(_:desired:order:model:path:pinned:level:)`` works on, for where a missing key
    /// goes (see ``insertionPoint(for:in:order:level:)``).
    enum Level {
        case provider(providerInserted: Bool)
        case model
        case nested
    }

    /// Sets, inserts and removes the managed keys `desired` in `mapping`; keys not in `order` are the user's.
    mutating func mergeMapping(
        _ mapping: YAMLNodeID, desired: [ManagedEntry], order: [String], model: String?, path: String,
        pinned: Set<String>, level: Level
    ) throws {
        // One pass over the mapping finds the entries of the desired keys (slot i holds desired[i]'s entry).
        var found = [(key: YAMLNodeID, value: YAMLNodeID)?](repeating: nil, count: desired.count)
        document.forEachStringKeyedEntry(of: mapping) { key, keyNode, valueNode in
            if let slot = desired.firstIndex(where: { $0.key == key }), found[slot] == nil {
                found[slot] = (keyNode, valueNode)
            }
            return true
        }
        for (slot, entry) in desired.enumerated() {
            let fullKey = path.isEmpty ? entry.key : path + "." + entry.key
            if !pinned.isEmpty, isPinned(fullKey, pinned) {
                if pinned.contains(fullKey) {
                    notePinnedDrift(model: model, key: fullKey, local: found[slot]?.value, upstream: entry.value)
                }
                continue
            }
            if let local = found[slot] {
                try mergeValue(
                    local.value, key: local.key, desired: entry.value, name: entry.key, fullKey: fullKey,
                    in: mapping, model: model, pinned: pinned)
            } else if let desiredValue = entry.value {
                // A pinned key inside a missing mapping stays absent: the mapping comes without it, or not at all.
                for key in pinned where key.hasPrefix(fullKey + ".") {
                    let path = key.dropFirst(fullKey.count + 1).split(separator: ".").map(String.init)
                    notePinnedDrift(model: model, key: key, local: nil, upstream: desiredValue.value(at: path))
                }
                guard let value = Self.withoutPinnedKeys(desiredValue, at: fullKey, pinned: pinned) else { continue }
                if isShared(mapping) {
                    conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(mapping)))
                    continue
                }
                let point = insertionPoint(for: entry.key, in: mapping, order: order, level: level)
                let styledValue = styled(value, key: entry.key)
                try edit {
                    try $0.insertEntry(
                        key: .string(entry.key), value: styledValue, into: mapping, before: point.before,
                        belowLeadingComments: point.belowComments)
                }
                changes.append(Change(model: model, key: fullKey, old: nil, new: value))
            }
        }
    }

    /// `value` (the value of the key `fullKey`) without the keys inside it that `pinned` names (`pricing.input` in
    /// `pricing`), at any depth; `nil` when nothing is left of a mapping.
    static func withoutPinnedKeys(_ value: YAMLValue, at fullKey: String, pinned: Set<String>) -> YAMLValue? {
        guard case .mapping(let entries, let style) = value, pinned.contains(where: { $0.hasPrefix(fullKey + ".") })
        else { return value }
        let kept = entries.compactMap { entry -> YAMLMappingEntry? in
            guard case .string(let key) = entry.key else { return entry }
            let inner = fullKey + "." + key
            if pinned.contains(inner) { return nil }
            return withoutPinnedKeys(entry.value, at: inner, pinned: pinned).map {
                YAMLMappingEntry(key: entry.key, value: $0)
            }
        }
        return kept.isEmpty ? nil : .mapping(kept, style: style)
    }

    /// Merges the desired value of one managed key (`nil`: the key should go) into the value `node` it has in
    /// `mapping`, whose key node is `key`.
    ///
    /// Managed nested mappings and lists are merged member by member, `capabilities` as a set, other values
    /// replaced; aliased or shared values and unexpected shapes are conflicts.
    private mutating func mergeValue(
        _ node: YAMLNodeID, key: YAMLNodeID, desired: YAMLValue?, name: String, fullKey: String, in mapping: YAMLNodeID,
        model: String?, pinned: Set<String>
    ) throws {
        if let desired, fullKey != "capabilities", document.isSemanticallyEqual(node, to: desired) { return }
        let local = document.value(of: node)
        guard let desired else {
            if holds(model: model, key: fullKey, old: comparableValue(of: node, local), new: nil) { return }
            if isShared(mapping) {
                conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(mapping)))
                return
            }
            let hasPinnedInside = pinned.contains { $0.hasPrefix(fullKey + ".") }
            if let order = nestedOrder(fullKey), document.kind(of: node) == .mapping,
                hasPinnedInside
                    || document.entries(of: node).contains(where: { entry in
                        document.value(of: entry.key).stringValue.map { !order.contains($0) } ?? true
                    })
            {
                // The user's own keys inside a managed mapping (`pricing: {discount: 0.2}`) and its pinned keys
                // (`pricing.input`) outlive it: only the other managed keys go.
                try mergeMapping(
                    node, desired: order.map { ManagedEntry($0, nil) }, order: order, model: model, path: fullKey,
                    pinned: pinned, level: .nested)
                return
            }
            try edit { try $0.removeEntry(key: key, from: mapping) }
            changes.append(Change(model: model, key: fullKey, old: local, new: nil))
            return
        }
        if fullKey == "capabilities" {
            try mergeCapabilities(node, desired: desired, model: model)
            return
        }
        if comparableValue(of: node, local).isSemanticallyEqual(to: desired) { return }
        if document.kind(of: node) == .alias {
            conflicts.append(
                Conflict(model: model, key: fullKey, reason: "the value is an alias; not edited through it"))
            return
        }
        if isShared(node) {
            conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(node)))
            return
        }
        if holds(model: model, key: fullKey, old: comparableValue(of: node, local), new: desired) { return }
        switch (document.kind(of: node), desired) {
        case (.mapping, .mapping(let entries, _)) where nestedOrder(fullKey) != nil:
            let desiredEntries = entries.compactMap { entry -> ManagedEntry? in
                guard case .string(let key) = entry.key else { return nil }
                return ManagedEntry(key, entry.value)
            }
            let order = nestedOrder(fullKey) ?? []
            // Managed keys of the nested mapping that upstream no longer has are removed.
            let absent = order.filter { key in !desiredEntries.contains { $0.key == key } }.map {
                ManagedEntry($0, nil)
            }
            let merged = order.compactMap { key in (desiredEntries + absent).first { $0.key == key } }
            try mergeMapping(
                node, desired: merged, order: order, model: model, path: fullKey, pinned: pinned, level: .nested)
        case (.sequence, .sequence(let items, _)) where fullKey != "pricing.tiers":
            try syncList(node, to: items, model: model, fullKey: fullKey)
        case (.mapping, _), (.sequence, _):
            if document.kind(of: node) == .sequence && !isList(desired)
                || document.kind(of: node) == .mapping && !isMap(desired)
            {
                conflicts.append(Conflict(model: model, key: fullKey, reason: "unexpected shape: \(shapeName(local))"))
                return
            }
            let value = styled(desired, key: name, like: node)
            try edit { try $0.replace(node, with: value) }
            changes.append(Change(model: model, key: fullKey, old: local, new: desired))
        default:
            if isList(desired) || isMap(desired), local != .null {
                conflicts.append(Conflict(model: model, key: fullKey, reason: "unexpected shape: \(shapeName(local))"))
                return
            }
            let value = styled(desired, key: name)
            try edit { try $0.replace(node, with: value) }
            changes.append(Change(model: model, key: fullKey, old: local, new: desired))
        }
    }

    /// Order of the managed keys of a nested mapping, or `nil` when the key is not a managed mapping.
    func nestedOrder(_ fullKey: String) -> [String]? {
        switch fullKey {
        case "pricing": return ManagedKeys.pricingKeys
        case "pricing.context_over_200k": return ManagedKeys.priceKeys
        case "modalities": return ManagedKeys.modalityKeys
        default: return nil
        }
    }

    /// Where a missing managed key goes: right after the nearest preceding managed key that exists; else right
    /// before the nearest following one; else first (provider level: right after `provider`).
    private func insertionPoint(for key: String, in mapping: YAMLNodeID, order: [String], level: Level)
        -> (before: YAMLNodeID?, belowComments: Bool)
    {
        guard let rank = order.firstIndex(of: key) else { return (nil, false) }
        let entries = document.entries(of: mapping)
        var preceding: Int?
        var following: (position: Int, rank: Int)?
        for (position, entry) in entries.enumerated() {
            guard case .string(let name) = document.value(of: entry.key), let other = order.firstIndex(of: name) else {
                continue
            }
            if other < rank {
                preceding = position
            } else if other > rank, following.map({ other < $0.rank }) ?? true {
                following = (position, other)
            }
        }
        if let preceding {
            return (preceding + 1 < entries.count ? entries[preceding + 1].key : nil, false)
        }
        if let following {
            return (entries[following.position].key, false)
        }
        switch level {
        case .provider(let providerInserted):
            if providerInserted { return (entries.first?.key, true) }
            if let position = entries.firstIndex(where: { document.value(of: $0.key) == .string("provider") }) {
                return (position + 1 < entries.count ? entries[position + 1].key : nil, false)
            }
            return (entries.first?.key, false)
        case .model, .nested:
            return (entries.first?.key, false)
        }
    }

    /// Whether `value` is a list.
    private func isList(_ value: YAMLValue) -> Bool {
        if case .sequence = value { return true }
        return false
    }

    /// Whether `value` is a mapping.
    private func isMap(_ value: YAMLValue) -> Bool {
        if case .mapping = value { return true }
        return false
    }

    /// How a conflict names the shape of an unexpected value.
    func shapeName(_ value: YAMLValue) -> String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .null: return "null"
        default: return "a scalar"
        }
    }
}
