/// Writes scalars as YAML text by the rules of the spec: plain only when both YAML 1.1 and YAML 1.2 readers read
/// the text back as the same string; numbers in positional notation with the fewest digits that round-trip.
public enum ScalarEmitter {
    /// The quote character used when a string needs quoting and either would do.
    public enum Quote: Sendable, Hashable {
        case single
        case double
    }

    /// Whether `text`, written plain, reads back as the string `text` under YAML 1.1 (PyYAML) and YAML 1.2 (core
    /// schema) rules, in block and flow context alike.
    public static func canWritePlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { canWritePlain(bytes: $0) }
    }

    static func canWritePlain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        // Indicators may not start a plain scalar (`-`, `?`, `:` could in some contexts; quoting them is simpler
        // and always safe).
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), 0x20, 0x09:
            return false
        default: break
        }
        if last == 0x20 || last == 0x09 || last == UInt8(ascii: ":") { return false }
        var previous: UInt8 = 0x20
        var isASCII = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), 0x09:
                return false
            case UInt8(ascii: "#") where previous == 0x20:
                return false
            case 0x20 where previous == UInt8(ascii: ":"):
                return false
            case 0..<0x20, 0x7F:
                return false
            case 0x80...:
                isASCII = false
            default:
                break
            }
            previous = byte
        }
        if !isASCII {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars
            where !isPrintable(scalar) || isLineBreak(scalar) || scalar == "\u{FEFF}" {
                return false
            }
        }
        if bytes.count >= 3, bytes[0] == UInt8(ascii: "."), bytes[1] == UInt8(ascii: "."), bytes[2] == UInt8(ascii: ".")
        {
            return false
        }
        if bytes.count == 1 {
            // `=` (YAML 1.1's value key) and single-letter y/n, which YAML 1.1's own spec reads as booleans
            // (PyYAML does not).
            switch first {
            case UInt8(ascii: "="), UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"):
                return false
            default: break
            }
        }
        if bytes.count == 2, first == UInt8(ascii: "<"), last == UInt8(ascii: "<") { return false }
        // Only text starting like a number, a null or a boolean can read as one.
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"),
            UInt8(ascii: "O"):
            // Text starting so reads as a null or a boolean only when it is one of those words (`name` and
            // `text`, in every model, need no resolver).
            guard bytes.count <= 5 else { return true }
            return !nullAndBooleanWords.contains { $0.elementsEqual(bytes) }
        case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let text = String(decoding: bytes, as: UTF8.self)
            if ScalarResolver.matchesYAML12Core(text) { return false }
            guard let resolved = ScalarResolver.resolveYAML11(bytes: bytes) else { return true }
            if case .string = resolved { return true }
            return false
        default:
            return true
        }
    }

    /// The words YAML 1.1 or the YAML 1.2 core schema reads as a null or a boolean rather than a string.
    static let nullAndBooleanWords: [[UInt8]] = [
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES",
        "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ].map { Array($0.utf8) }

    /// A single-line rendering of a scalar value (`null`, `true`, `3`, `0.0000025`, `'yes'`, `"a\nb"`).
    ///
    /// Strings are plain when ``canWritePlain(_:)`` allows, else quoted with `quote` when that quote can hold them
    /// (single quotes cannot hold line breaks or non-printable characters), else double-quoted with escapes.
    public static func inlineText(for value: YAMLValue, quote: Quote) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value): return floatText(value)
        case .string(let text): return stringText(text, quote: quote)
        case .timestamp(let text): return text
        case .alias(let name): return "*" + name
        case .sequence, .mapping: return nil
        }
    }

    /// A string as a plain, single- or double-quoted scalar, preferring plain, then `quote`.
    public static func stringText(_ text: String, quote: Quote) -> String {
        if canWritePlain(text) { return text }
        var output: [UInt8] = []
        writeQuoted(text, quote: quote, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends ``stringText(_:quote:)`` as UTF-8, copying a plain string's bytes without making a new string.
    static func writeString(_ text: String, quote: Quote, into output: inout [UInt8]) {
        var text = text
        if text.withUTF8({ canWritePlain(bytes: $0) }) {
            output.append(contentsOf: text.utf8)
        } else {
            writeQuoted(text, quote: quote, into: &output)
        }
    }

    /// Appends `text` quoted with `quote` when that quote can hold it, else double-quoted with escapes.
    static func writeQuoted(_ text: String, quote: Quote, into output: inout [UInt8]) {
        if quote == .single, canSingleQuote(text) {
            writeSingleQuoted(text, into: &output)
        } else {
            output.append(contentsOf: doubleQuoted(text).utf8)
        }
    }

    /// A string as a single-quoted scalar, or `nil` when single quotes cannot hold it.
    public static func singleQuotedIfPossible(_ text: String) -> String? {
        canSingleQuote(text) ? singleQuoted(text) : nil
    }

    static func canSingleQuote(_ text: String) -> Bool {
        // Printable ASCII (the common case) needs no look at scalars.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return text.unicodeScalars.allSatisfy { isPrintable($0) && !isLineBreak($0) && $0 != "\t" && $0 != "\u{FEFF}" }
    }

    static func singleQuoted(_ text: String) -> String {
        var output: [UInt8] = []
        writeSingleQuoted(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` in single quotes, each `'` doubled (a byte that never occurs inside a multi-byte character).
    static func writeSingleQuoted(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "'"))
        for byte in text.utf8 {
            output.append(byte)
            if byte == UInt8(ascii: "'") { output.append(byte) }
        }
        output.append(UInt8(ascii: "'"))
    }

    /// A string as a double-quoted scalar; printable characters (non-ASCII included) are written as they are.
    public static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0B}": result += "\\v"
            case "\u{0C}": result += "\\f"
            case "\u{1B}": result += "\\e"
            case "\u{85}": result += "\\N"
            case "\u{A0}": result += "\\_"
            case "\u{2028}": result += "\\L"
            case "\u{2029}": result += "\\P"
            default:
                if isPrintable(scalar) && scalar != "\u{FEFF}" {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    result += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    /// A float in positional notation with the fewest digits that read back as the same `Double`
    /// (`0.0000025`, `0.3`, `3.0`, `1e+20` as `100000000000000000000.0`); `.inf`, `-.inf`, `.nan`.
    public static func floatText(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        let shortest = "\(value)"  // Swift prints the shortest round-tripping digits.
        var text = positional(shortest)
        if !text.contains(".") { text += ".0" }
        return text
    }

    /// Rewrites `1.5e-06` / `2e+20` as positional decimal text; text without an exponent is returned unchanged.
    static func positional(_ text: String) -> String {
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var mantissa = String(text[..<exponentIndex])
        guard let exponent = Int(text[text.index(after: exponentIndex)...]) else { return text }
        var sign = ""
        if mantissa.hasPrefix("-") {
            sign = "-"
            mantissa.removeFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = String(parts[0])
        let fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerDigits + fractionDigits
        var pointPosition = integerDigits.count + exponent
        // Strip leading zeros of the digit string, adjusting the point.
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.hasSuffix("0"), pointPosition < digits.count { digits.removeLast() }
        let result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = digits[..<index] + "." + digits[index...]
        }
        return sign + result
    }

    /// YAML's printable set: tab, line breaks, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD, U+10000 and up.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
