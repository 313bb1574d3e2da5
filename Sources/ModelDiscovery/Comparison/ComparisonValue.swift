import ModelsDevCatalog

/// One cell of a comparison.
public enum ComparisonValue: Equatable, Sendable {
    /// A price in USD per million tokens, exact.
    case price(ExactDecimal)
    /// A number of tokens.
    case tokens(Int)
    /// A date as the catalog writes it: `2025-07-31`, `2024-10` or `2025`.
    case date(String)
    case text(String)
    case list([String])
    case flag(Bool)

    /// The cell as table text: prices in positional notation, `yes`/`no`, lists joined by `,` (`-` when empty).
    public var text: String {
        switch self {
        case .price(let price): return price.description
        case .tokens(let tokens): return String(tokens)
        case .date(let text), .text(let text): return text
        case .list(let items): return items.isEmpty ? "-" : items.joined(separator: ",")
        case .flag(let flag): return flag ? "yes" : "no"
        }
    }

    /// The cell as JSON: numbers, strings, arrays of strings, booleans.
    public var json: JSONValue {
        switch self {
        case .price(let price): return .number(price)
        case .tokens(let tokens): return .number(ExactDecimal(tokens))
        case .date(let text), .text(let text): return .string(text)
        case .list(let items): return .array(items.map(JSONValue.string))
        case .flag(let flag): return .bool(flag)
        }
    }

    /// Whether `self` is better than `other` by `preference`; values of different kinds never are.
    func isBetter(than other: ComparisonValue, by preference: ComparisonField.Preference) -> Bool {
        switch (preference, self, other) {
        case (.lowest, .price(let a), .price(let b)): return a < b
        case (.highest, .tokens(let a), .tokens(let b)): return a > b
        case (.newest, .date(let a), .date(let b)):
            return Self.dateParts(b).lexicographicallyPrecedes(Self.dateParts(a))
        default: return false
        }
    }

    /// `2025-07-31` as `[2025, 7, 31]`, `2024-10` as `[2024, 10]`: a more precise date of the same month sorts
    /// after the month alone.
    static func dateParts(_ text: String) -> [Int] {
        text.split(separator: "-").map { Int($0) ?? 0 }
    }
}
