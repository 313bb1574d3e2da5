/// Describes where two YAML values first differ, for verification messages (`at models.gpt-4o.name: …`).
enum YAMLValueDifference {
    static func describe(expected: [YAMLValue], actual: [YAMLValue]) -> String {
        guard expected.count == actual.count else {
            return "expected \(expected.count) document(s), read \(actual.count)"
        }
        for (index, pair) in zip(expected, actual).enumerated() where pair.0 != pair.1 {
            let prefix = expected.count > 1 ? "document \(index + 1)" : ""
            return describe(expected: pair.0, actual: pair.1, path: prefix)
        }
        return "no difference"
    }

    private static func describe(expected: YAMLValue, actual: YAMLValue, path: String) -> String {
        switch (expected, actual) {
        case (.mapping(let a, _), .mapping(let b, _)):
            for (x, y) in zip(a, b) where x != y {
                let keyText = x.key.stringValue ?? "\(x.key)"
                if x.key != y.key {
                    return "at \(path.isEmpty ? "root" : path): expected key '\(keyText)', read '\(y.key)'"
                }
                return describe(expected: x.value, actual: y.value, path: path.isEmpty ? keyText : path + "." + keyText)
            }
            return "at \(path.isEmpty ? "root" : path): expected \(a.count) entries, read \(b.count)"
        case (.sequence(let a, _), .sequence(let b, _)):
            for (index, (x, y)) in zip(a, b).enumerated() where x != y {
                return describe(expected: x, actual: y, path: path + "[\(index)]")
            }
            return "at \(path.isEmpty ? "root" : path): expected \(a.count) items, read \(b.count)"
        default:
            return "at \(path.isEmpty ? "root" : path): expected \(expected), read \(actual)"
        }
    }
}
