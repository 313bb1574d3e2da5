import LosslessYAML

extension UpdateGuards {
    /// The token limits `limit_shrink` watches.
    static let limitKeys: Set<String> = ["context_window", "max_input_tokens", "max_output_tokens"]

    /// Why a change of the model key `key` (a dotted path) from `old` to `new` is held, or `nil` when it is not.
    ///
    /// `old` is the file's data (aliases read through); `nil` old means an inserted key, which is never held.
    /// Capabilities and vanished models are decided where the merge handles them.
    func reason(forKey key: String, old: YAMLValue?, new: YAMLValue?) -> HoldReason? {
        guard let old else { return nil }
        if Self.limitKeys.contains(key) {
            guard limitShrink == .hold, let before = old.number, let after = new?.number, after < before else {
                return nil
            }
            return .limitShrink
        }
        if key == "pricing.tiers" { return tiersReason(old: old, new: new) }
        if key == "pricing" || key == "pricing.context_over_200k" {
            // The whole mapping goes (a mapping that stays is merged key by key, each key guarded on its own).
            guard new == nil else { return nil }
            return pricesRemovedReason(old)
        }
        guard Self.isPriceKey(key) else { return nil }
        return priceReason(old: old.number, new: new.map { $0.number })
    }

    /// Whether `key` is a price: a price key of `pricing` or of `pricing.context_over_200k`.
    static func isPriceKey(_ key: String) -> Bool {
        guard key.hasPrefix("pricing.") else { return false }
        let last = key.split(separator: ".").last.map(String.init) ?? ""
        return ManagedKeys.priceKeys.contains(last)
    }

    /// The rule for one price.
    ///
    /// `new` is `nil` when the key goes, `.some(nil)` when its new value is not a number.
    private func priceReason(old: Double?, new: Double??) -> HoldReason? {
        guard let old else { return nil }
        switch new {
        case .none:
            return priceToZero == .hold && old > 0 ? .priceRemoved : nil
        case .some(.none):
            return nil
        case .some(.some(let new)):
            if old > 0 && new == 0 { return priceToZero == .hold ? .priceToZero : nil }
            if old == 0 && new > 0 { return priceToZero == .hold ? .priceFromZero : nil }
            guard let limit = priceFactor, old > 0, new > 0 else { return nil }
            // "More than" the factor: exactly 10× is not held, though 0.0028 / 0.028 is a hair under 0.1 in binary.
            let factor = new / old
            let tolerance = 1e-9
            return factor > limit * (1 + tolerance) || factor < (1 - tolerance) / limit ? .priceFactor(factor) : nil
        }
    }

    /// A price mapping (or a list of tiers) that goes as a whole: held when a price in it was above 0.
    private func pricesRemovedReason(_ old: YAMLValue) -> HoldReason? {
        guard priceToZero == .hold else { return nil }
        switch old {
        case .sequence(let tiers, _):
            return tiers.contains { pricesRemovedReason($0) != nil } ? .priceRemoved : nil
        case .mapping(let entries, _):
            let positive = entries.contains { entry in
                guard let key = entry.key.stringValue else { return false }
                if ManagedKeys.priceKeys.contains(key) { return (entry.value.number ?? 0) > 0 }
                if key == "context_over_200k" || key == "tiers" { return pricesRemovedReason(entry.value) != nil }
                return false
            }
            return positive ? .priceRemoved : nil
        default:
            return nil
        }
    }

    /// The rule for `pricing.tiers`: the first reason found holds the whole list.
    ///
    /// Tiers are matched by `min_context`; each price of a tier is guarded as a price, and a tier that goes with a
    /// price above 0 counts as a price removed.
    private func tiersReason(old: YAMLValue, new: YAMLValue?) -> HoldReason? {
        guard case .sequence(let oldTiers, _) = old else { return nil }
        guard case .sequence(let newTiers, _)? = new else {
            return new == nil ? pricesRemovedReason(old) : nil
        }
        func minimum(_ tier: YAMLValue) -> Double? {
            guard case .mapping(let entries, _) = tier else { return nil }
            return entries.first { $0.key.stringValue == "min_context" }?.value.number
        }
        for oldTier in oldTiers {
            guard case .mapping(let oldPrices, _) = oldTier else { continue }
            let match = newTiers.first { minimum($0) == minimum(oldTier) }
            guard case .mapping(let newPrices, _)? = match else {
                if let reason = pricesRemovedReason(oldTier) { return reason }
                continue
            }
            for price in oldPrices {
                guard let key = price.key.stringValue, ManagedKeys.priceKeys.contains(key) else { continue }
                let newValue = newPrices.first { $0.key.stringValue == key }?.value
                if let reason = priceReason(old: price.value.number, new: newValue.map { $0.number }) {
                    return reason
                }
            }
        }
        return nil
    }
}

extension YAMLValue {
    /// The value at a path of mapping keys (`["context_over_200k", "input"]`), or `nil`.
    func value(at path: [String]) -> YAMLValue? {
        var current = self
        for key in path {
            guard case .mapping(let entries, _) = current,
                let entry = entries.first(where: { $0.key.stringValue == key })
            else { return nil }
            current = entry.value
        }
        return current
    }

    /// The value as a number, when it is an integer or a float.
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }
}
