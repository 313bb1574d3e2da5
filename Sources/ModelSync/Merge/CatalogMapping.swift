import LosslessYAML
import ModelsDevCatalog

/// Turns catalog data into the managed data of provider files (docs/provider-files.md).
public enum CatalogMapping {
    /// The desired data of a file tracking `provider`.
    public static func desired(for provider: Provider) -> DesiredProvider {
        var models: [DesiredModel] = []
        var refused: [RefusedModel] = []
        for model in provider.models {
            if let reason = refusal(of: model) {
                refused.append(RefusedModel(id: model.id, reason: reason))
            } else {
                models.append(desired(for: model))
            }
        }
        return DesiredProvider(
            upstreamID: provider.id.rawValue,
            keys: [
                ManagedEntry("name", provider.name.map { .string($0) }),
                ManagedEntry("env", provider.env.map { .sequence($0.map { .string($0) }, style: .flow) }),
                ManagedEntry("npm", provider.npm.map { .string($0) }),
                ManagedEntry("api", provider.api.map { .string($0) }),
                ManagedEntry("doc", provider.doc.map { .string($0) }),
            ],
            models: models, refused: refused)
    }

    /// Why a file cannot hold `model` faithfully, or `nil` when it can.
    ///
    /// - An id longer than ``LosslessYAML/YAMLLimits/maximumKeyLength`` Unicode scalars: no YAML reader reads it
    ///   back as a key.
    /// - A price below 0, or a price or token count that a YAML number cannot hold exactly: beyond the range of a
    ///   double (`1e400`), too small to be told from 0 (`1e-400`), or with more significant digits than a double
    ///   keeps (a 39-digit price). Writing any of them would change the value; the catalog's figure is kept nowhere
    ///   rather than altered.
    public static func refusal(of model: Model) -> String? {
        let length = model.id.unicodeScalars.count
        if length > YAMLLimits.maximumKeyLength {
            return "its id is \(length) characters long, more than the \(YAMLLimits.maximumKeyLength) a YAML key may "
                + "have"
        }
        if let cost = model.cost {
            var sets: [(String, PriceSet)] = [("pricing", cost.prices)]
            if let over = cost.contextOver200k { sets.append(("pricing.context_over_200k", over)) }
            for (index, tier) in (cost.tiers ?? []).enumerated() {
                sets.append(("pricing.tiers[\(index)]", tier.prices))
            }
            for (path, set) in sets {
                for entry in set.entries {
                    if let problem = numberProblem(entry.value, negativeAllowed: false) {
                        return "\(path).\(entry.key) is \(entry.value.text): \(problem)"
                    }
                }
            }
        }
        return nil
    }

    /// What is wrong with `value` as a YAML number, or `nil` when `number(_:)` holds it exactly.
    static func numberProblem(_ value: ExactDecimal, negativeAllowed: Bool) -> String? {
        if !negativeAllowed, value < ExactDecimal(0) { return "a price below 0" }
        switch number(value) {
        case .int:
            return nil
        case .float(let double):
            guard double.isFinite else { return "beyond the range a YAML number can hold" }
            if double == 0, value != ExactDecimal(0) { return "too small to be told from 0 in a YAML number" }
            guard let written = ExactDecimal(ScalarEmitter.floatText(double)), written == value else {
                return "more significant digits than a YAML number keeps"
            }
            return nil
        default:
            return nil
        }
    }

    /// The managed keys of one model, in ``ManagedKeys/modelKeys`` order.
    public static func desired(for model: Model) -> DesiredModel {
        let status = model.status
        return DesiredModel(
            id: model.id,
            entries: [
                ManagedEntry("name", model.name.map { .string($0) }),
                ManagedEntry("family", model.family.map { .string($0) }),
                ManagedEntry("context_window", model.limit?.context.map { .int($0) }),
                ManagedEntry("max_input_tokens", model.limit?.input.map { .int($0) }),
                ManagedEntry("max_output_tokens", model.limit?.output.map { .int($0) }),
                ManagedEntry("pricing", model.cost.flatMap(pricing)),
                ManagedEntry("capabilities", .sequence(model.capabilities.map { .string($0.rawValue) })),
                ManagedEntry("modalities", model.modalities.flatMap(modalities)),
                ManagedEntry("knowledge", model.knowledge.map { .string($0) }),
                ManagedEntry("release_date", model.releaseDate.map { .string($0) }),
                ManagedEntry("last_updated", model.lastUpdated.map { .string($0) }),
                ManagedEntry("open_weights", model.openWeights.map { .bool($0) }),
                ManagedEntry("status", status == "alpha" || status == "beta" ? status.map { .string($0) } : nil),
                ManagedEntry("available", .bool(status != "deprecated")),
                ManagedEntry("deprecated", .bool(status == "deprecated")),
                ManagedEntry("source", .string(ManagedKeys.sourceValue)),
            ])
    }

    /// `pricing`: the base prices, `context_over_200k` and `tiers` (each `min_context` then its prices).
    static func pricing(_ cost: ModelCost) -> YAMLValue? {
        var entries = prices(cost.prices)
        if let over = cost.contextOver200k, !over.isEmpty {
            entries.append(YAMLMappingEntry("context_over_200k", .mapping(prices(over))))
        }
        if let tiers = cost.tiers, !tiers.isEmpty {
            let items = tiers.map { tier -> YAMLValue in
                var tierEntries: [YAMLMappingEntry] = []
                if let size = tier.size { tierEntries.append(YAMLMappingEntry("min_context", .int(size))) }
                return .mapping(tierEntries + prices(tier.prices))
            }
            entries.append(YAMLMappingEntry("tiers", .sequence(items)))
        }
        return entries.isEmpty ? nil : .mapping(entries)
    }

    static func prices(_ set: PriceSet) -> [YAMLMappingEntry] {
        set.entries.map { YAMLMappingEntry($0.key, number($0.value)) }
    }

    /// A price as YAML data: integers stay integers, decimals become the nearest `Double`, which YAML text writes
    /// with the fewest digits that read back the same (`0.0000025`).
    static func number(_ value: ExactDecimal) -> YAMLValue {
        let utf8 = value.text.utf8
        guard let point = utf8.firstIndex(of: UInt8(ascii: ".")) else {
            if !utf8.contains(UInt8(ascii: "e")), !utf8.contains(UInt8(ascii: "E")), let integer = Int(value.text) {
                return .int(integer)
            }
            return value.intValue.map { .int($0) } ?? .float(value.doubleValue)
        }
        // `0.3`: a fraction with a digit other than zero and no exponent is no integer (the common case, decided
        // without normalising the number).
        let fraction = utf8[utf8.index(after: point)...]
        if !fraction.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
            fraction.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
        {
            return .float(value.doubleValue)
        }
        if let integer = value.intValue { return .int(integer) }
        return .float(value.doubleValue)
    }

    static func modalities(_ modalities: Modalities) -> YAMLValue? {
        var entries: [YAMLMappingEntry] = []
        if let input = modalities.input {
            entries.append(YAMLMappingEntry("input", .sequence(input.map { .string($0) }, style: .flow)))
        }
        if let output = modalities.output {
            entries.append(YAMLMappingEntry("output", .sequence(output.map { .string($0) }, style: .flow)))
        }
        return entries.isEmpty ? nil : .mapping(entries)
    }
}
