import Foundation

/// A models.dev snapshot read with Foundation's `JSONSerialization`: a second reading of the catalog that shares no
/// code with modelsync's decoder or its history, for tests that compute the expected changes themselves.
///
/// Values are written in one notation, whatever their source: numbers as `Double` descriptions, strings quoted,
/// lists in brackets, objects with sorted keys. Capabilities are left out (derived from several fields).
public struct RawSnapshot: @unchecked Sendable {
    /// `provider/model` to the model's JSON object.
    public let models: [String: [String: Any]]

    public init(_ data: Data) throws {
        var models: [String: [String: Any]] = [:]
        for (providerID, provider) in try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:] {
            for (modelID, model) in (provider as? [String: Any])?["models"] as? [String: Any] ?? [:] {
                if let model = model as? [String: Any] { models[providerID + "/" + modelID] = model }
            }
        }
        self.models = models
    }

    /// The tracked values of the model `reference` (`provider/model`), keyed as the history keys them; `nil` when
    /// the snapshot does not list it.
    public func values(_ reference: String) -> [String: String]? {
        models[reference].map(Self.values)
    }

    static func values(_ model: [String: Any]) -> [String: String] {
        var values: [String: String] = [:]
        for key in ["name", "family", "knowledge", "release_date", "last_updated", "open_weights", "status"] {
            if let value = model[key], !(value is NSNull) { values[key] = text(value) }
        }
        let limit = model["limit"] as? [String: Any] ?? [:]
        for (from, to) in [
            ("context", "context_window"), ("input", "max_input_tokens"), ("output", "max_output_tokens"),
        ] {
            if let value = limit[from], !(value is NSNull) { values[to] = text(value) }
        }
        let cost = model["cost"] as? [String: Any] ?? [:]
        for (key, value) in cost where !(value is NSNull) && !(value is [String: Any]) && !(value is [Any]) {
            values["pricing." + key] = text(value)
        }
        if let tiers = cost["tiers"] as? [[String: Any]], !tiers.isEmpty {
            // As a provider file writes a tier: `kind` and `min_context` from `tier`, then the prices.
            values["pricing.tiers"] = text(
                tiers.map { tier -> [String: Any] in
                    var flat = tier.filter { $0.key != "tier" && !($0.value is NSNull) }
                    let bounds = tier["tier"] as? [String: Any] ?? [:]
                    if let kind = bounds["type"], !(kind is NSNull) { flat["kind"] = kind }
                    if let size = bounds["size"], !(size is NSNull) { flat["min_context"] = size }
                    return flat
                })
        }
        if let over = cost["context_over_200k"] as? [String: Any] {
            for (key, value) in over where !(value is NSNull) {
                values["pricing.context_over_200k." + key] = text(value)
            }
        }
        let modalities = model["modalities"] as? [String: Any] ?? [:]
        for key in ["input", "output"] {
            if let list = modalities[key] as? [Any] { values["modalities." + key] = text(list) }
        }
        return values
    }

    /// A JSON value (as text, such as the history stores) in the notation of ``values(_:)``.
    public static func normalized(_ json: String?) -> String? {
        guard let json else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        else { return json }
        return text(object)
    }

    static func text(_ value: Any) -> String {
        if let number = value as? NSNumber {
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return "\(number.doubleValue)"
        }
        if let string = value as? String { return "\"\(string)\"" }
        if let list = value as? [Any] { return "[" + list.map(text).joined(separator: ",") + "]" }
        if let object = value as? [String: Any] {
            return "{" + object.sorted { $0.key < $1.key }.map { "\($0.key):\(text($0.value))" }.joined(separator: ",")
                + "}"
        }
        return "\(value)"
    }

    /// The expected history of `reference` across `snapshots` (dated `YYYY-MM-DD`): `DATE added`, `DATE removed`
    /// and `DATE key old → new` lines (`-` for an absent value), in date and key order.
    public static func expectedChanges(of reference: String, across snapshots: [(date: String, snapshot: RawSnapshot)])
        -> [String]
    {
        var expected: [String] = []
        for step in 1..<snapshots.count {
            let before = snapshots[step - 1].snapshot.values(reference)
            let after = snapshots[step].snapshot.values(reference)
            let date = snapshots[step].date
            switch (before, after) {
            case (nil, .some): expected.append("\(date) added")
            case (.some, nil): expected.append("\(date) removed")
            case (let before?, let after?):
                for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
                    expected.append("\(date) \(key) \(before[key] ?? "-") → \(after[key] ?? "-")")
                }
            default: break
            }
        }
        return expected
    }

    /// Twenty models to follow across `snapshots`: the first ten (by id) listed in all of them whose tracked values
    /// change, five added after the first, five gone by the last.
    public static func twentyModels(across snapshots: [RawSnapshot]) -> [String] {
        guard let first = snapshots.first, let last = snapshots.last else { return [] }
        let all = Set(snapshots.flatMap(\.models.keys)).sorted()
        let changed = all.filter { id in
            let versions = snapshots.compactMap { $0.values(id) }
            return versions.count == snapshots.count && Set(versions.map(\.description)).count > 1
        }
        let added = all.filter { first.models[$0] == nil && last.models[$0] != nil }
        let vanished = all.filter { first.models[$0] != nil && last.models[$0] == nil }
        return Array(changed.prefix(10)) + Array(added.prefix(5)) + Array(vanished.prefix(5))
    }

    /// The models added, removed and repriced (a `pricing` value differs) from `before` to `after`.
    public static func counts(from before: RawSnapshot, to after: RawSnapshot)
        -> (added: Set<String>, removed: Set<String>, repriced: Set<String>)
    {
        let old = Set(before.models.keys)
        let new = Set(after.models.keys)
        let repriced = old.intersection(new).filter { id in
            let prices = { (values: [String: String]?) in (values ?? [:]).filter { $0.key.hasPrefix("pricing.") } }
            return prices(before.values(id)) != prices(after.values(id))
        }
        return (new.subtracting(old), old.subtracting(new), repriced)
    }
}
