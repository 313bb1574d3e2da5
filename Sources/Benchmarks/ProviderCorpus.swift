import Foundation
import LosslessYAML

/// Provider-style YAML files generated from a models.dev api.json snapshot: one file per provider, with the managed
/// keys of a model in the layout new files get (2-space indentation, flow lists for `env` and `modalities`).
enum ProviderCorpus {
    static func files(fromSnapshot path: String) throws -> [(name: String, bytes: [UInt8])] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let catalog = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CorpusError(message: "\(path): not a JSON object")
        }
        let renderer = YAMLRenderer()
        return catalog.keys.sorted().compactMap { id in
            guard let provider = catalog[id] as? [String: Any] else { return nil }
            return ("\(id).yml", Array(renderer.fileText(for: providerValue(id: id, provider)).utf8))
        }
    }

    private static func providerValue(id: String, _ provider: [String: Any]) -> YAMLValue {
        var entries = [YAMLMappingEntry("provider", .string(id))]
        for key in ["name", "env", "npm", "api", "doc"] {
            if let value = provider[key] { entries.append(YAMLMappingEntry(key, yaml(value, flow: key == "env"))) }
        }
        let models = provider["models"] as? [String: Any] ?? [:]
        let modelEntries = models.keys.sorted().compactMap { modelID -> YAMLMappingEntry? in
            guard let model = models[modelID] as? [String: Any] else { return nil }
            return YAMLMappingEntry(modelID, modelValue(model))
        }
        entries.append(YAMLMappingEntry("models", .mapping(modelEntries)))
        return .mapping(entries)
    }

    private static func modelValue(_ model: [String: Any]) -> YAMLValue {
        var entries: [YAMLMappingEntry] = []
        func add(_ key: String, _ value: Any?, flow: Bool = false) {
            if let value { entries.append(YAMLMappingEntry(key, yaml(value, flow: flow))) }
        }
        add("name", model["name"])
        add("family", model["family"])
        let limit = model["limit"] as? [String: Any]
        add("context_window", limit?["context"])
        add("max_input_tokens", limit?["input"])
        add("max_output_tokens", limit?["output"])
        add("pricing", model["cost"])
        var capabilities: [YAMLValue] = ["streaming"]
        for (flag, name) in [
            ("tool_call", "function_calling"), ("reasoning", "reasoning"), ("attachment", "attachments"),
        ]
        where model[flag] as? Bool == true {
            capabilities.append(.string(name))
        }
        entries.append(YAMLMappingEntry("capabilities", .sequence(capabilities)))
        if let modalities = model["modalities"] as? [String: Any] {
            entries.append(
                YAMLMappingEntry(
                    "modalities",
                    .mapping(
                        ["input", "output"].compactMap { key in
                            modalities[key].map { YAMLMappingEntry(key, yaml($0, flow: true)) }
                        })))
        }
        for key in ["knowledge", "release_date", "last_updated"] { add(key, model[key]) }
        add("open_weights", model["open_weights"])
        entries.append(YAMLMappingEntry("available", .bool(model["status"] as? String != "deprecated")))
        entries.append(YAMLMappingEntry("source", "models.dev"))
        return .mapping(entries)
    }

    private static func yaml(_ value: Any, flow: Bool = false) -> YAMLValue {
        switch value {
        case let number as NSNumber where String(cString: number.objCType) == "c":
            return .bool(number.boolValue)
        case let number as NSNumber:
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e15, !"\(number)".contains(".") {
                return .int(number.intValue)
            }
            return .float(double)
        case let text as String:
            return .string(text)
        case let array as [Any]:
            return .sequence(array.map { yaml($0) }, style: flow ? .flow : nil)
        case let object as [String: Any]:
            return .mapping(object.keys.sorted().map { YAMLMappingEntry($0, yaml(object[$0] as Any)) })
        default:
            return .null
        }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
