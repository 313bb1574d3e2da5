import LosslessYAML
import ModelsDevCatalog

extension YAMLValue {
    /// A YAML value as JSON: mappings with string keys become objects, other keys their YAML text; aliases `*name`.
    public var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .number(ExactDecimal(number))
        case .float(let number):
            guard number.isFinite, let decimal = ExactDecimal(ScalarEmitter.floatText(number)) else {
                return .string(ScalarEmitter.floatText(number))
            }
            return .number(decimal)
        case .string(let text), .timestamp(let text): return .string(text)
        case .alias(let name): return .string("*" + name)
        case .sequence(let items, _): return .array(items.map(\.json))
        case .mapping(let entries, _):
            var object = JSONObject()
            for entry in entries {
                let key = entry.key.stringValue ?? YAMLRenderer().inlineText(entry.key)
                object.members.append(JSONObject.Member(key: key, value: entry.value.json))
            }
            return .object(object)
        }
    }
}
