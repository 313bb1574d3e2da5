/// A decimal number kept exactly as a JSON document wrote it.
///
/// Prices in the catalog are decimals such as `0.3` or `0.0000025`; turning them into `Double` and back can
/// print `0.30000000000000004` or `2.5e-06`. This type keeps the JSON number text and compares, hashes and
/// prints by exact decimal value: `3`, `3.0` and `30e-1` are equal, and ``description`` is `3` for all three.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number text as written in the JSON document, such as `0.3`, `3`, `2.5e-6`.
    public let text: String

    /// Creates a value from JSON number text, returning `nil` when `text` is not a JSON number.
    public init?(_ text: String) {
        guard Self.isJSONNumber(text.utf8) else { return nil }
        self.text = text
    }

    /// Creates a value from an integer.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// Creates a value from text the scanner already checked against the JSON number grammar.
    init(validatedText: String) {
        self.text = validatedText
    }

    /// The largest power of ten written out in positional notation; beyond it ``description`` keeps ``text``, so
    /// that a hostile `1e999999999` cannot make a gigabyte of zeros.
    static let maximumPositionalExponent = 64

    /// The value in positional notation with the fewest digits: `3`, `0.3`, `0.0000025`, `-12.5`.
    ///
    /// Values beyond 10^±64 keep the text as written.
    public var description: String {
        if Self.isPositional(text.utf8) { return text }
        let parts = self.parts
        guard abs(parts.exponent) <= Self.maximumPositionalExponent else { return text }
        return Self.positionalText(of: parts)
    }

    /// Whether `text` is already the positional form ``description`` makes: digits with no sign, no exponent, no
    /// leading zero and, after a point, no trailing zero (`0.15`, `3`, `120`), as almost every price is.
    private static func isPositional(_ text: String.UTF8View) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        var points = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                return false
            }
        }
        switch points {
        case 0: return first != UInt8(ascii: "0") || text.count == 1
        case 1:
            guard first != UInt8(ascii: "."), last != UInt8(ascii: "."), last != UInt8(ascii: "0") else { return false }
            // One integer digit may be a zero (`0.15`); a longer integer part may not start with one.
            let integerDigits = text.prefix { $0 != UInt8(ascii: ".") }.count
            return first != UInt8(ascii: "0") || integerDigits == 1
        default: return false
        }
    }

    /// Whether the value has no fractional part (`3`, `3.0`, `2e3`).
    public var isInteger: Bool { parts.digits.count <= parts.exponent || parts.digits.isEmpty }

    /// The value as an `Int` when it is an integer that fits, else `nil`.
    public var intValue: Int? {
        guard isInteger, parts.exponent <= 19 else { return nil }
        return Int(description)
    }

    /// Whether the value is greater than zero, read from its text (`0`, `0.0`, `-1` are not).
    public var isPositive: Bool {
        guard !text.hasPrefix("-") else { return false }
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        return mantissa.contains { $0 >= "1" && $0 <= "9" }
    }

    /// The nearest `Double`, for arithmetic and sorting, never for printing.
    public var doubleValue: Double { Double(text) ?? .nan }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.text == rhs.text || lhs.parts == rhs.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parts)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let left = lhs.parts
        let right = rhs.parts
        if left.isNegative != right.isNegative { return left.isNegative }
        let magnitudeLess = Parts.magnitudeLess(left, right)
        let magnitudeGreater = Parts.magnitudeLess(right, left)
        return left.isNegative ? magnitudeGreater : magnitudeLess
    }

    /// A normalised decimal: the digits after a leading point, times ten to the power `exponent`.
    ///
    /// `0.3` is digits `[3]`, exponent 0; `15` is `[1, 5]`, exponent 2. No leading or trailing zero digits.
    private struct Parts: Hashable {
        var isNegative: Bool
        var digits: [UInt8]
        var exponent: Int

        static func magnitudeLess(_ lhs: Parts, _ rhs: Parts) -> Bool {
            if lhs.digits.isEmpty { return !rhs.digits.isEmpty }
            if rhs.digits.isEmpty { return false }
            if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent }
            return lhs.digits.lexicographicallyPrecedes(rhs.digits)
        }
    }

    private var parts: Parts {
        var isNegative = false
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var exponent = 0
        var exponentNegative = false
        var section = 0  // 0 integer, 1 fraction, 2 exponent
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where section == 0: isNegative = true
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): continue
            case UInt8(ascii: "."): section = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): section = 2
            default:
                let digit = byte &- UInt8(ascii: "0")
                switch section {
                case 0: integerDigits.append(digit)
                case 1: fractionDigits.append(digit)
                default: exponent = min(exponent &* 10 &+ Int(digit), 1_000_000_000)
                }
            }
        }
        if exponentNegative { exponent = -exponent }
        var digits = integerDigits + fractionDigits
        var pointPosition = integerDigits.count + exponent
        let leadingZeros = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { return Parts(isNegative: false, digits: [], exponent: 0) }
        return Parts(isNegative: isNegative, digits: digits, exponent: pointPosition)
    }

    private static func positionalText(of parts: Parts) -> String {
        if parts.digits.isEmpty { return "0" }
        var bytes: [UInt8] = parts.isNegative ? [UInt8(ascii: "-")] : []
        let digitBytes = parts.digits.map { $0 &+ UInt8(ascii: "0") }
        if parts.exponent <= 0 {
            bytes += Array("0.".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: -parts.exponent) + digitBytes
        } else if parts.exponent >= digitBytes.count {
            bytes += digitBytes + [UInt8](repeating: UInt8(ascii: "0"), count: parts.exponent - digitBytes.count)
        } else {
            bytes += digitBytes[..<parts.exponent] + [UInt8(ascii: ".")] + digitBytes[parts.exponent...]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `utf8` matches `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ utf8: String.UTF8View) -> Bool {
        var bytes = Array(utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            numberLength(buffer, from: 0) == buffer.count - 1
        }
    }

    /// The length of the JSON number starting at `start` in `buffer`, or `nil` when none starts there.
    static func numberLength(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        func isDigit(_ position: Int) -> Bool {
            position < buffer.count && buffer[position] &- UInt8(ascii: "0") < 10
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return nil }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        if index < buffer.count, buffer[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        return index - start
    }
}
