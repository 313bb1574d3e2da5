import Foundation

/// A JSON value as plain data, with numbers kept as the text they were written as.
///
/// Tests read models.dev snapshots and PyYAML's view of written files into this form with their own small reader
/// (``PlainJSON``), independently of the code under test; numbers compare by value, never through `Double` parsing
/// of a whole document (Foundation's `JSONSerialization` misreads some decimals on Linux).
public indirect enum PlainValue: Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// A number as written: `3`, `0.0000025`, `2.5e-06`.
    case number(String)
    case string(String)
    case array([PlainValue])
    /// Members in the order they were written.
    case object([PlainMember])

    /// The member `key` of an object, `nil` when absent or not an object.
    public subscript(key: String) -> PlainValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members of an object, none for other values.
    public var members: [PlainMember] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The keys of an object in order, none for other values.
    public var keys: [String] { members.map(\.key) }

    /// The items of an array, `nil` for other values.
    public var arrayValue: [PlainValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The text of a string, `nil` for other values.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Whether the value is the boolean `true`.
    public var isTrue: Bool { self == .bool(true) }

    /// The value of a number as a `Double`, `nil` for other values.
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// Whether two values mean the same data: numbers by value (`3 == 3.0`, `0.0000025 == 2.5e-06`), objects
    /// regardless of member order, arrays item by item.
    public func isSemanticallyEqual(to other: PlainValue) -> Bool {
        switch (self, other) {
        case (.number(let left), .number(let right)):
            if let leftInteger = Int(left), let rightInteger = Int(right) { return leftInteger == rightInteger }
            guard let leftValue = Double(left), let rightValue = Double(right) else { return left == right }
            return leftValue == rightValue
        case (.array(let left), .array(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count, Set(left.map(\.key)).count == left.count else { return false }
            return left.allSatisfy { member in
                right.first { $0.key == member.key }.map { member.value.isSemanticallyEqual(to: $0.value) } ?? false
            }
        default:
            return self == other
        }
    }

    /// The value as compact JSON, for messages.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return PlainJSON.quoted(text)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { PlainJSON.quoted($0.key) + ":" + $0.value.description }.joined(separator: ",")
                + "}"
        }
    }
}

/// One member of a ``PlainValue`` object.
public struct PlainMember: Equatable, Sendable {
    public var key: String
    public var value: PlainValue

    public init(_ key: String, _ value: PlainValue) {
        self.key = key
        self.value = value
    }
}

/// A small JSON reader for tests: strict RFC 8259, numbers kept as text, member order kept.
public struct PlainJSON {
    private let bytes: [UInt8]
    private var index = 0

    /// A malformed document, with the byte offset where reading stopped.
    public struct ReadError: Error, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "JSON: \(reason) at byte \(offset)" }
    }

    /// Reads one JSON document.
    public static func parse(_ data: Data) throws(ReadError) -> PlainValue {
        var reader = PlainJSON(bytes: Array(data))
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.failure("trailing characters") }
        return value
    }

    /// Reads the JSON file at `url`.
    public static func read(_ url: URL) throws -> PlainValue {
        try parse(Data(contentsOf: url))
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ reason: String) -> ReadError {
        ReadError(offset: index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func readValue(depth: Int) throws(ReadError) -> PlainValue {
        guard depth < 512 else { throw failure("nesting too deep") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        default: return try readNumber()
        }
    }

    private mutating func readLiteral(_ word: String, _ value: PlainValue) throws(ReadError) -> PlainValue {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw failure("expected \(word)")
        }
        index += expected.count
        return value
    }

    private mutating func readNumber() throws(ReadError) -> PlainValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = skipDigits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            index = start
            throw failure("invalid number or value")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw failure("expected digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skipDigits() > 0 else { throw failure("expected digits in the exponent") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// Skips ASCII digits and returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func readObject(depth: Int) throws(ReadError) -> PlainValue {
        index += 1
        var members: [PlainMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            members.append(PlainMember(key, try readValue(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func readArray(depth: Int) throws(ReadError) -> PlainValue {
        index += 1
        var items: [PlainValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            } else {
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func readString() throws(ReadError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(index)
                index += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            flush(index)
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try readHex4()
                if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try readHex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
                scalars.append(scalar)
            default:
                throw failure("invalid escape")
            }
            runStart = index
        }
        throw failure("unterminated string")
    }

    private mutating func readHex4() throws(ReadError) -> UInt32 {
        guard bytes.count - index >= 4,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("invalid \\u escape") }
        index += 4
        return code
    }
}
