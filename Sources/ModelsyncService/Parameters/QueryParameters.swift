import Diagnostics

/// A request's query, decoded: `name=value` pairs in the order sent, each name one the endpoint takes.
///
/// `application/x-www-form-urlencoded` rules: pairs are separated by `&`, `+` is a space, `%XX` a byte; a name
/// without `=` has the empty value. A list parameter (``list(_:)``) may be repeated and may hold several values
/// separated by commas; any other parameter may be given once.
public struct QueryParameters: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    /// Decodes `query` (percent-encoded, without the `?`) for an endpoint that takes the parameters `allowed`.
    ///
    /// - Throws: ``APIError`` 400 naming a parameter the endpoint does not take (with the closest names), one given
    ///   twice that may be given once, or a bad percent-escape.
    public init(_ query: String?, allowed: Set<String>, lists: Set<String> = [], endpoint: String) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = component.firstIndex(of: "=")
            let rawName = component[..<(equals ?? component.endIndex)]
            let rawValue = equals.map { component[component.index(after: $0)...] } ?? ""
            let name = try Self.decode(rawName, what: "a parameter name")
            guard allowed.contains(name) else {
                let shown = TerminalText.escape(String(name.prefix(100)))
                let names = allowed.sorted().joined(separator: ", ")
                throw APIError(
                    status: 400,
                    message: allowed.isEmpty
                        ? "\(endpoint) takes no query parameters; '\(shown)' was given"
                        : "unknown parameter '\(shown)' for \(endpoint); it takes: \(names)",
                    suggestions: IDSuggestions.closest(to: name, among: allowed, limit: 3))
            }
            if !lists.contains(name), pairs.contains(where: { $0.name == name }) {
                throw APIError(status: 400, message: "parameter \(name) is given twice; give it once")
            }
            pairs.append((name, try Self.decode(rawValue, what: "the value of \(name)")))
        }
    }

    /// The value of the single-valued parameter `name`, or `nil` when it is not given.
    public func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of the list parameter `name`: each time it is given, split at commas, empty parts left out.
    public func list(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.flatMap { pair in
            pair.value.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        }
    }

    /// A boolean parameter: `true`, `1` or the empty value (`?desc`) are true; `false` and `0` false.
    ///
    /// - Throws: ``APIError`` 400 for any other value.
    public func flag(_ name: String) throws(APIError) -> Bool? {
        guard let value = value(name) else { return nil }
        switch value {
        case "", "true", "1": return true
        case "false", "0": return false
        default:
            throw APIError(
                status: 400,
                message: "invalid value '\(Self.shown(value))' for \(name); write true or false (or 1 or 0)")
        }
    }

    /// A whole-number parameter in `range`.
    ///
    /// - Throws: ``APIError`` 400 for a value that is not a whole number in the range.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw APIError(
                status: 400,
                message: "invalid value '\(Self.shown(value))' for \(name); write a whole number from "
                    + "\(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The query in a canonical form: pairs sorted by name (the values of a name in the order given), encoded the
    /// same way whatever the request's own escapes; `replacing` sets (or, with `nil`, removes) single values.
    public func canonical(replacing replacements: [String: String?] = [:]) -> String {
        var pairs = self.pairs.filter { replacements[$0.name] == nil }
        for (name, value) in replacements { if let value { pairs.append((name, value)) } }
        let ordered = pairs.enumerated().sorted { lhs, rhs in
            lhs.element.name == rhs.element.name
                ? lhs.offset < rhs.offset : lhs.element.name.utf8.lexicographicallyPrecedes(rhs.element.name.utf8)
        }
        return ordered.map {
            PercentDecoding.encodeComponent($0.element.name) + "=" + PercentDecoding.encodeComponent($0.element.value)
        }.joined(separator: "&")
    }

    /// How a message names an option of the library's (`max-input-price`): as the query parameter
    /// (`max_input_price`), with its value when given (`sort=price`).
    public static func spelling(_ option: OptionReference, _ value: String?) -> String {
        let name = String(option.rawValue.map { $0 == "-" ? "_" : $0 })
        return value.map { "\(name)=\($0)" } ?? name
    }

    private static func decode(_ text: Substring, what: String) throws(APIError) -> String {
        do {
            return try PercentDecoding.decode(text, plusIsSpace: true)
        } catch .badEscape(let offset) {
            throw APIError(
                status: 400,
                message: "\(what) has a bad percent-escape at byte \(offset + 1): '%' must be followed by two "
                    + "hexadecimal digits (write %25 for a '%')")
        } catch {
            throw APIError(status: 400, message: "\(what) decodes to bytes that are not UTF-8")
        }
    }

    /// A value as a message shows it: escaped, and cut after 100 characters.
    static func shown(_ value: String) -> String {
        let cut = value.count > 100 ? String(value.prefix(100)) + "…" : value
        return TerminalText.escape(cut)
    }
}
