import ModelsDevCatalog

/// Everything the catalog says about one model and its provider, in models.dev's own field names.
///
/// ``providerJSON`` and ``modelJSON`` hold every field: the ones modelsync maps (docs/provider-files.md#managed-keys-of-a-model), the derived
/// capabilities (docs/provider-files.md#capabilities), and the fields it does not mirror (`experimental`, `reasoning_options`, the model's
/// `provider` overrides, anything new) under `other_fields`. Prices are in USD per million tokens, written exactly
/// as the catalog's decimals (`0.0000025`, never `2.5e-06`); limits are in tokens. A field the catalog leaves out is
/// `null`. ``providerRows`` and ``modelRows`` are the same facts flattened for a two-column table.
public struct ModelDetails: Sendable {
    public let resolved: ResolvedModel

    public init(_ resolved: ResolvedModel) {
        self.resolved = resolved
    }

    /// `{id, name, env, npm, api, doc, other_fields}` of the provider.
    public var providerJSON: JSONValue {
        let provider = resolved.provider
        return .object([
            "id": .string(provider.id.rawValue),
            "name": .optional(provider.name),
            "env": provider.env.map { .array($0.map(JSONValue.string)) } ?? .null,
            "npm": .optional(provider.npm),
            "api": .optional(provider.api),
            "doc": .optional(provider.doc),
            "other_fields": .object(provider.otherFields),
        ])
    }

    /// `{id, name, family, limit, cost, modalities, knowledge, release_date, last_updated, open_weights, status,
    /// tool_call, reasoning, structured_output, attachment, temperature, interleaved, capabilities, other_fields}`.
    ///
    /// `limit` is `{context, input, output}`; `cost` holds the base prices by their models.dev names, then
    /// `context_over_200k` (prices) and `tiers` (`[{type, size, <prices>}]`) when listed; `modalities` is
    /// `{input, output}`; `interleaved` is a boolean or the catalog's object; `capabilities` lists the derived
    /// capability names in canonical order.
    public var modelJSON: JSONValue {
        let model = resolved.model
        return .object([
            "id": .string(model.id),
            "name": .optional(model.name),
            "family": .optional(model.family),
            "limit": model.limit.map { limit in
                .object([
                    "context": .optional(limit.context), "input": .optional(limit.input),
                    "output": .optional(limit.output),
                ])
            } ?? .null,
            "cost": model.cost.map(Self.costJSON) ?? .null,
            "modalities": model.modalities.map(ModelDetails.modalitiesJSON) ?? .null,
            "knowledge": .optional(model.knowledge),
            "release_date": .optional(model.releaseDate),
            "last_updated": .optional(model.lastUpdated),
            "open_weights": Self.flag(model.openWeights),
            "status": .optional(model.status),
            "tool_call": Self.flag(model.toolCall),
            "reasoning": Self.flag(model.reasoning),
            "structured_output": Self.flag(model.structuredOutput),
            "attachment": Self.flag(model.attachment),
            "temperature": Self.flag(model.temperature),
            "interleaved": model.interleaved.map { interleaved in
                switch interleaved {
                case .flag(let flag): return .bool(flag)
                case .details(let object): return .object(object)
                }
            } ?? .null,
            "capabilities": .array(model.capabilities.map { .string($0.rawValue) }),
            "other_fields": .object(model.otherFields),
        ])
    }

    /// The provider's facts as `(key, text)` rows: `id`, `name`, `env`, `npm`, `api`, `doc`, then its other
    /// fields, flattened (see ``flattened(_:)``).
    public var providerRows: [(key: String, value: String)] {
        Self.rows(of: providerJSON)
    }

    /// The model's facts as `(key, text)` rows, in ``modelJSON``'s order, with nested objects flattened to dotted
    /// keys (`limit.context`, `cost.tiers[0].size`) and `other_fields` listed under their own names
    /// (`reasoning_options[0].type`).
    public var modelRows: [(key: String, value: String)] {
        Self.rows(of: modelJSON)
    }

    private static func rows(of value: JSONValue) -> [(key: String, value: String)] {
        guard case .object(let object) = value else { return [] }
        var rows: [(key: String, value: String)] = []
        for member in object.members {
            if member.key == "other_fields", case .object(let others) = member.value {
                if !others.isEmpty { rows += flattened(.object(others)) }
            } else {
                rows += flattened(member.value, prefix: member.key)
            }
        }
        return rows
    }

    /// A JSON value as `(dotted key, text)` rows.
    ///
    /// Objects flatten by member (`a.b`), arrays of objects by index (`a[0].b`); scalars and arrays of scalars are
    /// one row each (see ``text(_:)``), and so is an empty object or array.
    public static func flattened(_ value: JSONValue, prefix: String = "") -> [(key: String, value: String)] {
        switch value {
        case .object(let object) where !object.isEmpty:
            return object.members.flatMap { member in
                flattened(member.value, prefix: prefix.isEmpty ? member.key : prefix + "." + member.key)
            }
        case .array(let items) where items.contains(where: \.isCollection):
            return items.enumerated().flatMap { index, item in flattened(item, prefix: prefix + "[\(index)]") }
        default:
            return [(prefix, text(value))]
        }
    }

    /// A value as table text: strings as they are, numbers in positional notation, `true`/`false`, `-` for null,
    /// arrays of scalars joined by `, ` (`[]` when empty), collections otherwise as compact JSON.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "-"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.description
        case .string(let string): return string
        case .array(let items) where items.isEmpty: return "[]"
        case .array(let items) where !items.contains(where: \.isCollection):
            return items.map(text).joined(separator: ", ")
        case .array, .object: return value.serialized()
        }
    }

    /// `modalities` as JSON: `{"input": [...], "output": [...]}`, `null` for a list the catalog leaves out.
    public static func modalitiesJSON(_ modalities: Modalities) -> JSONValue {
        .object([
            "input": modalities.input.map { .array($0.map(JSONValue.string)) } ?? .null,
            "output": modalities.output.map { .array($0.map(JSONValue.string)) } ?? .null,
        ])
    }

    /// `cost` as JSON: base prices, `context_over_200k`, `tiers`.
    static func costJSON(_ cost: ModelCost) -> JSONValue {
        var object = pricesJSON(cost.prices)
        if let over = cost.contextOver200k { object["context_over_200k"] = .object(pricesJSON(over)) }
        if let tiers = cost.tiers {
            object["tiers"] = .array(
                tiers.map { tier in
                    var entry: JSONObject = ["type": .optional(tier.kind), "size": .optional(tier.size)]
                    entry.members += pricesJSON(tier.prices).members
                    return .object(entry)
                })
        }
        return .object(object)
    }

    static func pricesJSON(_ prices: PriceSet) -> JSONObject {
        JSONObject(members: prices.entries.map { JSONObject.Member(key: $0.key, value: .number($0.value)) })
    }

    private static func flag(_ value: Bool?) -> JSONValue {
        value.map { .bool($0) } ?? .null
    }
}

extension JSONValue {
    fileprivate var isCollection: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}
