import LosslessYAML

extension MergeSession {
    /// Whether the change of a model's key is held: a guard matches it and no acceptance covers it.
    ///
    /// A held change is recorded, and the caller leaves the value as it is.
    mutating func holds(model: String?, key: String, old: YAMLValue?, new: YAMLValue?) -> Bool {
        guard let model else { return false }
        if coolsDown(model: model, key: key, old: old, new: new) { return true }
        guard let reason = merger.options.guards.reason(forKey: key, old: old, new: new) else { return false }
        return hold(reason, model: model, key: key, old: old, new: new)
    }

    /// Whether the cooldown holds the change.
    ///
    /// It does when the new upstream value is younger than the cooldown and no acceptance covers it. A change the
    /// history cannot date is applied and counted.
    mutating func coolsDown(model: String, key: String, old: YAMLValue?, new: YAMLValue?) -> Bool {
        guard let cooldown = merger.options.cooldown else { return false }
        // A mapping merged member by member (`pricing`) is decided for each member it changes.
        if case .mapping = old, case .mapping = new, nestedOrder(key) != nil { return false }
        switch cooldown.decision(model: model, key: key) {
        case .apply:
            return false
        case .unknown:
            cooldownUnknown += 1
            return false
        case .hold(let hours):
            return hold(.cooldown(standingHours: hours), model: model, key: key, old: old, new: new)
        }
    }

    /// Records the change as held unless an acceptance covers it; whether it is held.
    mutating func hold(_ reason: HoldReason, model: String, key: String, old: YAMLValue?, new: YAMLValue?) -> Bool {
        if merger.options.accepted.accepts(fileID: merger.fileID, model: model, key: key) { return false }
        held.append(HeldChange(model: model, key: key, old: old, new: new, reason: reason))
        return true
    }

    /// Records a pinned key whose upstream value differs from the file's (`local` is `nil` when the key is absent).
    mutating func notePinnedDrift(model: String?, key: String, local: YAMLNodeID?, upstream: YAMLValue?) {
        guard let model else { return }
        let localValue = local.map { comparableValue(of: $0, document.value(of: $0)) }
        switch (localValue, upstream) {
        case (nil, nil):
            return
        case (let local?, let upstream?):
            if key == "capabilities" {
                // A set, and only the managed items count: the user's own (`web_search`) are not drift.
                let managed = { (value: YAMLValue) -> Set<String> in
                    guard case .sequence(let items, _) = value else { return [] }
                    return Set(items.compactMap(\.stringValue)).intersection(ManagedKeys.capabilities)
                }
                if managed(local) == managed(upstream) { return }
            } else if local.isSemanticallyEqual(to: upstream) {
                return
            }
        default:
            break
        }
        pinnedDrift.append(PinnedDrift(model: model, key: key, local: localValue, upstream: upstream))
    }
}
