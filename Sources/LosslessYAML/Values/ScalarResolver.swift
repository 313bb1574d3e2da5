/// Reads the type of a plain scalar the way YAML readers do.
///
/// `resolveYAML11` follows PyYAML's implicit resolvers (YAML 1.1 as most tools read it): null, bool
/// (`yes`/`no`/`on`/`off`/`true`/`false`), int (binary, octal `012`, hex, `_` separators, sexagesimal `1:20`),
/// float (`1.5`, `1.0e+3`, `.inf`, `.nan`, sexagesimal), timestamp. `matchesYAML12Core` tells whether the YAML 1.2
/// core schema reads the text as anything but a string. Quoted and block scalars are always strings.
public enum ScalarResolver {
    /// The value a YAML 1.1 reader (PyYAML) gives a plain scalar with this text.
    public static func resolveYAML11(_ text: String) -> YAMLValue {
        var text = text
        return text.withUTF8 { bytes in resolveYAML11(bytes: bytes) } ?? .string(text)
    }

    /// The value of a scalar given its explicit tag (`!!str`, `!!int`, …), or `nil` when the tag is not one of the
    /// YAML 1.1 standard scalar tags (the scalar is then read as a string).
    static func resolve(_ text: String, tag: String) -> YAMLValue {
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let value) = resolveYAML11(text) { return .bool(value) }
        case "tag:yaml.org,2002:int":
            if case .int(let value) = resolveYAML11(text) { return .int(value) }
        case "tag:yaml.org,2002:float":
            switch resolveYAML11(text) {
            case .float(let value): return .float(value)
            case .int(let value): return .float(Double(value))
            default: break
            }
        case "tag:yaml.org,2002:timestamp":
            return .timestamp(text)
        default: break
        }
        return .string(text)
    }

    /// Whether YAML 1.2's core schema reads this plain text as null, bool, int or float.
    public static func matchesYAML12Core(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default: break
        }
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return bytes[2...].allSatisfy(isOctalDigit) }
            if bytes[1] == UInt8(ascii: "x") { return bytes[2...].allSatisfy(isHexDigit) }
        }
        // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE][-+]?[0-9]+ )?  — also covers the core int form.
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let integerDigits = countDigits(bytes, from: index)
        index += integerDigits
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionDigits = countDigits(bytes, from: index)
            index += fractionDigits
            if integerDigits == 0 && fractionDigits == 0 { return false }
        } else if integerDigits == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            let exponentDigits = countDigits(bytes, from: index)
            if exponentDigits == 0 { return false }
            index += exponentDigits
        }
        return index == bytes.count
    }

    // MARK: - YAML 1.1 (PyYAML)

    static func resolveYAML11(bytes: UnsafeBufferPointer<UInt8>) -> YAMLValue? {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if matches(bytes, "null", "Null", "NULL") { return .null }
            return matches(bytes, "no", "No", "NO") ? .bool(false) : nil
        case UInt8(ascii: "y"), UInt8(ascii: "Y"):
            return matches(bytes, "yes", "Yes", "YES") ? .bool(true) : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matches(bytes, "true", "True", "TRUE") ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matches(bytes, "false", "False", "FALSE") ? .bool(false) : nil
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            if matches(bytes, "on", "On", "ON") { return .bool(true) }
            return matches(bytes, "off", "Off", "OFF") ? .bool(false) : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return resolveNumberOrTimestamp(bytes)
        default:
            return nil
        }
    }

    /// Whether `bytes` spell one of the three spellings (lower, title, upper case) of a YAML word.
    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lower: StaticString, _ title: StaticString, _ upper: StaticString
    ) -> Bool {
        guard bytes.count == lower.utf8CodeUnitCount else { return false }
        for word in [lower, title, upper] {
            let spelling = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            if bytes.elementsEqual(spelling) { return true }
        }
        return false
    }

    private static func resolveNumberOrTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLValue? {
        if let value = resolveInt(bytes) { return value }
        if let value = resolveFloat(bytes) { return value }
        if isTimestamp(bytes) { return .timestamp(String(decoding: bytes, as: UTF8.self)) }
        return nil
    }

    /// PyYAML's int: `[-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
    /// [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`.
    private static func resolveInt(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLValue? {
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[index...])
        let magnitude: Int?
        if body[0] == UInt8(ascii: "0") {
            if body.count == 1 {
                magnitude = 0
            } else if body[1] == UInt8(ascii: "b") {
                guard body.count > 2, body[2...].allSatisfy({ $0 == 0x30 || $0 == 0x31 || $0 == 0x5F }) else {
                    return nil
                }
                magnitude = parseRadix(body[2...], radix: 2)
            } else if body[1] == UInt8(ascii: "x") {
                guard body.count > 2, body[2...].allSatisfy({ isHexDigit($0) || $0 == 0x5F }) else { return nil }
                magnitude = parseRadix(body[2...], radix: 16)
            } else {
                guard body[1...].allSatisfy({ isOctalDigit($0) || $0 == 0x5F }) else { return nil }
                magnitude = parseRadix(body[1...], radix: 8)
            }
        } else if body.allSatisfy({ isDigit($0) || $0 == 0x5F }) {
            magnitude = parseRadix(body[...], radix: 10)
        } else if let parts = sexagesimalParts(body[...], allowFraction: false) {
            var total = 0
            for part in parts {
                let (product, overflow) = total.multipliedReportingOverflow(by: 60)
                guard !overflow else { return nil }
                total = product + part
            }
            magnitude = total
        } else {
            return nil
        }
        guard let magnitude else {
            // Digits that do not fit in 64 bits: PyYAML makes a big integer; keep the text as a float-free marker.
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        return .int(negative ? -magnitude : magnitude)
    }

    /// PyYAML's float: `[-+]?([0-9][0-9_]*)\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
    /// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`.
    private static func resolveFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLValue? {
        let text = String(decoding: bytes, as: UTF8.self)
        switch text {
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: break
        }
        var index = 0
        var negative = false
        let signed = bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")
        if signed {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        let body = bytes[index...]
        if let colon = body.firstIndex(of: UInt8(ascii: ":")) {
            _ = colon
            // Sexagesimal float: [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
            guard let parts = sexagesimalParts(body, allowFraction: true), isDigit(body[body.startIndex]) else {
                return nil
            }
            guard let dot = body.lastIndex(of: UInt8(ascii: ".")) else { return nil }
            let fractionText = String(decoding: body[dot...].filter { $0 != 0x5F }, as: UTF8.self)
            var total = 0.0
            for part in parts { total = total * 60 + Double(part) }
            total += Double("0" + fractionText) ?? 0
            return .float(negative ? -total : total)
        }
        var cursor = body.startIndex
        let integerStart = cursor
        while cursor < body.endIndex, isDigit(body[cursor]) || body[cursor] == 0x5F { cursor += 1 }
        let hasInteger = cursor > integerStart
        if hasInteger, !isDigit(body[integerStart]) { return nil }
        guard cursor < body.endIndex, body[cursor] == UInt8(ascii: ".") else { return nil }
        if !hasInteger && signed { return nil }
        cursor += 1
        let fractionStart = cursor
        while cursor < body.endIndex, isDigit(body[cursor]) || body[cursor] == 0x5F { cursor += 1 }
        if !hasInteger && cursor == fractionStart { return nil }
        if cursor < body.endIndex {
            guard body[cursor] == UInt8(ascii: "e") || body[cursor] == UInt8(ascii: "E") else { return nil }
            cursor += 1
            guard cursor < body.endIndex, body[cursor] == UInt8(ascii: "-") || body[cursor] == UInt8(ascii: "+") else {
                return nil
            }
            cursor += 1
            let exponentStart = cursor
            while cursor < body.endIndex, isDigit(body[cursor]) { cursor += 1 }
            guard cursor > exponentStart, cursor == body.endIndex else { return nil }
        }
        let cleaned = String(decoding: bytes.filter { $0 != 0x5F }, as: UTF8.self)
        let normalized = cleaned.hasSuffix(".") ? cleaned + "0" : cleaned
        guard let value = Double(normalized.hasPrefix(".") ? "0" + normalized : normalized) else {
            return .string(text)
        }
        return .float(value)
    }

    /// Parts of `[0-9][0-9_]*(:[0-5]?[0-9])+` (with an optional `\.[0-9_]*` tail when `allowFraction`).
    private static func sexagesimalParts(_ body: Slice<UnsafeBufferPointer<UInt8>>, allowFraction: Bool) -> [Int]? {
        var end = body.endIndex
        if allowFraction {
            guard let dot = body.firstIndex(of: UInt8(ascii: ".")) else { return nil }
            guard body[(dot + 1)...].allSatisfy({ isDigit($0) || $0 == 0x5F }) else { return nil }
            end = dot
        }
        let pieces = body[body.startIndex..<end].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard pieces.count >= 2, let head = pieces.first, let headFirst = head.first else { return nil }
        if !allowFraction && headFirst == UInt8(ascii: "0") { return nil }
        guard isDigit(headFirst), head.allSatisfy({ isDigit($0) || $0 == 0x5F }) else { return nil }
        var parts: [Int] = []
        guard let headValue = parseRadix(head, radix: 10) else { return nil }
        parts.append(headValue)
        for piece in pieces.dropFirst() {
            guard (1...2).contains(piece.count), piece.allSatisfy(isDigit) else { return nil }
            if piece.count == 2, let first = piece.first, first > UInt8(ascii: "5") { return nil }
            guard let value = parseRadix(piece, radix: 10) else { return nil }
            parts.append(value)
        }
        return parts
    }

    /// PyYAML's timestamp: `YYYY-MM-DD` or `YYYY-M-D[Tt ]h:mm:ss[.frac][ ][Z|±h[:mm]]`.
    private static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = Array(bytes)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= b.count && b[range].allSatisfy(isDigit) }
        guard b.count >= 8, digits(0..<4), b[4] == UInt8(ascii: "-") else { return false }
        if b.count == 10, digits(5..<7), b[7] == UInt8(ascii: "-"), digits(8..<10) { return true }
        var i = 5
        func takeDigits(min: Int, max: Int) -> Bool {
            var n = 0
            while i < b.count, n < max, isDigit(b[i]) {
                i += 1
                n += 1
            }
            return n >= min
        }
        func take(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard takeDigits(min: 1, max: 2), take(UInt8(ascii: "-")), takeDigits(min: 1, max: 2) else { return false }
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
            i += 1
        } else {
            let spaceStart = i
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            guard i > spaceStart else { return false }
        }
        guard takeDigits(min: 1, max: 2), take(UInt8(ascii: ":")), takeDigits(min: 2, max: 2),
            take(UInt8(ascii: ":")), takeDigits(min: 2, max: 2)
        else { return false }
        if take(UInt8(ascii: ".")) { _ = takeDigits(min: 0, max: Int.max) }
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        if i == b.count { return true }
        if take(UInt8(ascii: "Z")) { return i == b.count }
        guard take(UInt8(ascii: "-")) || take(UInt8(ascii: "+")), takeDigits(min: 1, max: 2) else { return false }
        if take(UInt8(ascii: ":")) { guard takeDigits(min: 2, max: 2) else { return false } }
        return i == b.count
    }

    // MARK: - Helpers

    private static func parseRadix<C: Collection>(_ digits: C, radix: Int) -> Int? where C.Element == UInt8 {
        var value = 0
        for byte in digits where byte != 0x5F {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            let (product, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = product.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    private static func countDigits(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isOctalDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x37 }
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
}
