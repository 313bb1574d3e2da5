/// The data a YAML node stands for, as a YAML 1.1 reader such as PyYAML resolves it.
///
/// Used to compare data semantically (an edited file must read back as the intended data) and as the
/// input for new text. Aliases are never expanded: an alias is the value `.alias(name)`.
/// Equality is by data: `3 == 3.0` is *not* true here (types differ); use ``YAMLValue/isSemanticallyEqual(to:)``
/// for the looser comparison that treats integers and floats of the same value as equal.
/// A collection's ``YAMLCollectionStyle`` is a rendering hint only and never takes part in equality.
public enum YAMLValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A plain scalar that YAML 1.1 reads as a timestamp (`2024-10-22`); the text is kept as written.
    case timestamp(String)
    case sequence([YAMLValue], style: YAMLCollectionStyle? = nil)
    case mapping([YAMLMappingEntry], style: YAMLCollectionStyle? = nil)
    /// A reference to an anchored node (`*name`), never expanded.
    case alias(String)

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.sequence(let a, _), .sequence(let b, _)): return a == b
        case (.mapping(let a, _), .mapping(let b, _)): return a == b
        case (.alias(let a), .alias(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .float(let value): hasher.combine(value.isNaN ? .nan : value)
        case .string(let value): hasher.combine(value)
        case .timestamp(let value): hasher.combine(value)
        case .sequence(let items, _): hasher.combine(items)
        case .mapping(let entries, _): hasher.combine(entries)
        case .alias(let name): hasher.combine(name)
        }
    }

    /// Equality that treats an integer and a float with the same numeric value as equal (`3 == 3.0`),
    /// recursively; everything else compares as with `==`.
    public func isSemanticallyEqual(to other: YAMLValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.sequence(let a, _), .sequence(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.mapping(let a, _), .mapping(let b, _)):
            return a.count == b.count
                && zip(a, b).allSatisfy {
                    $0.key.isSemanticallyEqual(to: $1.key) && $0.value.isSemanticallyEqual(to: $1.value)
                }
        default: return self == other
        }
    }

    /// The value for `key` when this is a mapping with a string key of that text.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == .string(key) }?.value
    }

    /// The string, when this value is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// One key/value pair of a mapping, in document order.
public struct YAMLMappingEntry: Hashable, Sendable {
    public var key: YAMLValue
    public var value: YAMLValue

    public init(key: YAMLValue, value: YAMLValue) {
        self.key = key
        self.value = value
    }

    /// A pair with a string key.
    public init(_ key: String, _ value: YAMLValue) {
        self.init(key: .string(key), value: value)
    }
}

/// How a collection is written: indented lines (`block`) or brackets (`flow`).
public enum YAMLCollectionStyle: Hashable, Sendable {
    case block
    case flow
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: YAMLValue...) { self = .sequence(elements) }
    public init(nilLiteral: ()) { self = .null }
}
