import LosslessYAML

extension MergeSession {
    /// `capabilities` as a set: existing items keep their positions, managed items no longer derived are removed,
    /// newly derived ones are appended in canonical order, other items are never touched.
    mutating func mergeCapabilities(_ node: YAMLNodeID, desired: YAMLValue, model: String?) throws {
        guard case .sequence(let wanted, _) = desired else { return }
        let wantedNames = wanted.compactMap(\.stringValue)
        let shared = isShared(node)
        if document.kind(of: node) == .sequence, !shared {
            // Most runs change nothing here: check without building values first (at most 14 names: arrays).
            var presentNames: [String] = []
            var needsRemoval = false
            for item in document.items(of: node) {
                guard let name = document.scalarText(of: item) else { continue }
                if !wantedNames.contains(name), ManagedKeys.capabilities.contains(name) { needsRemoval = true }
                presentNames.append(name)
            }
            if !needsRemoval && wantedNames.allSatisfy(presentNames.contains) { return }
        }
        let local = document.value(of: node)
        if document.kind(of: node) == .alias || shared {
            let managed = Set(capabilityNames(comparableValue(of: node, local))).intersection(ManagedKeys.capabilities)
            if managed != Set(wanted.compactMap(\.stringValue)) {
                conflicts.append(Conflict(model: model, key: "capabilities", reason: sharedReason(node)))
            }
            return
        }
        guard document.kind(of: node) == .sequence else {
            if local == .null {
                let value = styled(desired, key: "capabilities")
                try edit { try $0.replace(node, with: value) }
                changes.append(Change(model: model, key: "capabilities", old: local, new: desired))
            } else {
                conflicts.append(
                    Conflict(
                        model: model, key: "capabilities",
                        reason: "unexpected shape: \(shapeName(local)); expected a list"))
            }
            return
        }
        if let model, merger.options.cooldown != nil {
            let managedNow = Set(capabilityNames(local)).intersection(ManagedKeys.capabilities)
            if managedNow != Set(wantedNames), coolsDown(model: model, key: "capabilities", old: local, new: desired) {
                return
            }
        }
        let items = document.items(of: node)
        var present = Set<String>()
        var result: [YAMLValue] = []
        for item in items {
            let value = document.value(of: item)
            if case .string(let name) = value, ManagedKeys.capabilities.contains(name), !wantedNames.contains(name) {
                let isHeld =
                    merger.options.guards.capabilityRemoved == .hold
                    && model.map { hold(.capabilityRemoved, model: $0, key: "capabilities", old: value, new: nil) }
                        ?? false
                if !isHeld {
                    try edit { try $0.removeItem(item, from: node) }
                    continue
                }
            }
            if case .string(let name) = value { present.insert(name) }
            result.append(value)
        }
        for name in wantedNames where !present.contains(name) {
            try edit { try $0.appendItem(.string(name), to: node) }
            result.append(.string(name))
        }
        if result != document.items(of: node).map({ document.value(of: $0) }) {
            changes.append(Change(model: model, key: "capabilities", old: local, new: .sequence(result)))
        }
    }

    /// The string items of a list; none for any other value.
    private func capabilityNames(_ value: YAMLValue) -> [String] {
        guard case .sequence(let items, _) = value else { return [] }
        return items.compactMap(\.stringValue)
    }
}
