import Foundation

/// A JSON value, used for catalog fields that modelsync does not mirror and for its own JSON output.
///
/// Numbers keep their exact decimal text (``ExactDecimal``); objects keep their members in document order.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(ExactDecimal)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, when this value is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Creates a string value, or `.null` when `text` is `nil`.
    public static func optional(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    /// Creates a number value, or `.null` when `number` is `nil`.
    public static func optional(_ number: Int?) -> JSONValue {
        number.map { .number(ExactDecimal($0)) } ?? .null
    }

    /// The value as JSON text: compact on one line, or indented by two spaces per level when `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self, depth: 0)
        return writer.output
    }
}

/// The members of a JSON object in document order.
public struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// One member: a key and its value.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in the order they were written or appended.
    public var members: [Member]

    public init(members: [Member] = []) {
        self.members = members
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    /// The value of the first member named `key`; setting appends a member or replaces the first one.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
}

extension JSONValue {
    /// Parses `text`, one JSON document, strictly (RFC 8259, with the catalog's scanner: numbers keep their exact
    /// text), naming `sourceName` in errors.
    public init(parsing text: String, sourceName: String = "JSON") throws(CatalogError) {
        self = try Self.parse(Array(text.utf8), sourceName: sourceName)
    }

    /// Parses one JSON document strictly, naming `sourceName` in errors.
    static func parse(_ bytes: some ContiguousBytes, sourceName: String = "JSON") throws(CatalogError) -> JSONValue {
        let result: Result<JSONValue, JSONScanner.Failure> = bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            do throws(JSONScanner.Failure) {
                let value = try scanner.readValue()
                try scanner.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let failure):
            let (line, column) = bytes.withUnsafeBytes { CatalogDecoder.lineAndColumn(of: failure.offset, in: $0) }
            throw .invalidJSON(
                source: sourceName, line: line, column: column, offset: failure.offset, reason: failure.reason)
        }
    }
}
