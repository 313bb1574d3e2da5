/// The text of a message: words, and options named symbolically (``OptionReference``) that whoever shows the
/// message spells.
///
/// Written as a string literal with interpolations; `\(option: .source, "FILE")` names an option with a value
/// placeholder. Interpolated values are escaped for the terminal (``TerminalText``); literal text is kept as it is:
///
/// ```swift
/// let text: DiagnosticText = "no cached catalog (hint: \(option: .source, "FILE") reads a saved api.json)"
/// ```
public struct DiagnosticText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// One piece of the text.
    public enum Fragment: Hashable, Sendable {
        /// Words, shown as they are.
        case text(String)
        /// An option, with the placeholder of its value (such as `FILE`) when the text shows one.
        case option(OptionReference, value: String?)
    }

    public private(set) var fragments: [Fragment]

    public init(_ fragments: [Fragment]) {
        self.fragments = []
        for fragment in fragments { append(fragment) }
    }

    public init(_ text: String) {
        self.init([.text(text)])
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(stringInterpolation.fragments)
    }

    /// The text with every option spelled by `spell` (given the option and its value placeholder).
    public func rendered(spellingOptionsWith spell: (OptionReference, String?) -> String) -> String {
        var result = ""
        for fragment in fragments {
            switch fragment {
            case .text(let text): result += text
            case .option(let option, let value): result += spell(option, value)
            }
        }
        return result
    }

    /// The text with options spelled neutrally (`option 'source' FILE`), for logs and debugging; programs that
    /// show messages to people spell options their own way with ``rendered(spellingOptionsWith:)``.
    public var description: String {
        rendered { option, value in "option '\(option.rawValue)'" + (value.map { " " + $0 } ?? "") }
    }

    /// Whether the text names no option.
    public var isPlain: Bool {
        !fragments.contains { if case .option = $0 { return true } else { return false } }
    }

    /// Appends `other` to this text.
    public mutating func append(_ other: DiagnosticText) {
        for fragment in other.fragments { append(fragment) }
    }

    private mutating func append(_ fragment: Fragment) {
        if case .text(let next) = fragment {
            guard !next.isEmpty else { return }
            if case .text(let previous)? = fragments.last {
                fragments[fragments.count - 1] = .text(previous + next)
                return
            }
        }
        fragments.append(fragment)
    }

    public static func + (lhs: DiagnosticText, rhs: DiagnosticText) -> DiagnosticText {
        var result = lhs
        result.append(rhs)
        return result
    }

    public static func += (lhs: inout DiagnosticText, rhs: DiagnosticText) {
        lhs.append(rhs)
    }

    /// Builds a text from a string literal with interpolations.
    public struct StringInterpolation: StringInterpolationProtocol {
        var fragments: [Fragment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            fragments.append(.text(literal))
        }

        /// Any value, as `String(describing:)` shows it, its control characters escaped (``TerminalText``).
        public mutating func appendInterpolation<Value>(_ value: Value) {
            fragments.append(.text(TerminalText.escape(String(describing: value))))
        }

        /// A string, its control characters escaped: interpolated values are data (ids, paths, reasons), which must
        /// not act on a terminal or forge a line; the literal text around them is the message's own.
        public mutating func appendInterpolation(_ value: String) {
            fragments.append(.text(TerminalText.escape(value)))
        }

        /// Another text, its options kept symbolic.
        public mutating func appendInterpolation(_ text: DiagnosticText) {
            fragments += text.fragments
        }

        /// An option, and the placeholder of its value when the text shows one (`FILE`, `SECONDS`).
        public mutating func appendInterpolation(option: OptionReference, _ value: String? = nil) {
            fragments.append(.option(option, value: value))
        }
    }
}
