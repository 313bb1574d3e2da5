import Foundation

/// A strict RFC 8259 JSON scanner over UTF-8 bytes, for decoding straight into catalog types.
///
/// It reads tokens in place: keys are compared as bytes, strings without escapes become `String`s in one copy,
/// and numbers keep their text. Every failure names its byte offset and says what was expected and what was
/// found. A UTF-8 byte order mark at the start is skipped; invalid UTF-8, control characters in strings, lone
/// surrogates, trailing commas, leading zeros and trailing content are errors.
struct JSONScanner {
    /// Why scanning stopped: the byte offset and a reason; `isSyntax` separates malformed JSON from JSON of
    /// the wrong shape.
    struct Failure: Error {
        var offset: Int
        var reason: String
        var isSyntax: Bool
    }

    /// The deepest nesting ``readValue()`` accepts, in levels.
    static let maximumDepth = 128

    let buffer: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    private let keyArena = JSONKeyArena()

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { offset = 3 }
    }

    // MARK: Whitespace and punctuation

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < buffer.count {
            switch buffer[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, without consuming it; `nil` at the end of input.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < buffer.count ? buffer[offset] : nil
    }

    /// Moves to `position`, which the caller has checked holds the end of a value.
    mutating func skip(to position: Int) {
        offset = position
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        guard offset == buffer.count else {
            throw syntaxError("unexpected \(describeNext()) after the end of the top-level value")
        }
    }

    /// Consumes `{`, failing with a shape error that names `what` when another value starts here.
    mutating func beginObject(_ what: @autoclosure () -> String) throws(Failure) {
        guard peek() == UInt8(ascii: "{") else { throw typeMismatch(expected: "an object", for: what()) }
        offset += 1
    }

    /// Consumes `[`, failing with a shape error that names `what` when another value starts here.
    mutating func beginArray(_ what: @autoclosure () -> String) throws(Failure) {
        guard peek() == UInt8(ascii: "[") else { throw typeMismatch(expected: "an array", for: what()) }
        offset += 1
    }

    /// Moves to the next member of the current object: consumes `}` and returns `false` at its end, else
    /// consumes the separating `,` (not before the first member) and returns `true` with the key next.
    @inline(__always)
    mutating func nextMember(isFirst: inout Bool) throws(Failure) -> Bool {
        guard let byte = peek() else { throw syntaxError("unexpected end of input inside an object") }
        if byte == UInt8(ascii: "}"), isFirst {
            offset += 1
            return false
        }
        if !isFirst {
            if byte == UInt8(ascii: "}") {
                offset += 1
                return false
            }
            guard byte == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}' after an object member") }
            offset += 1
            guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a string key after ','") }
        } else {
            guard byte == UInt8(ascii: "\"") else { throw syntaxError("expected a string key or '}'") }
        }
        isFirst = false
        return true
    }

    /// Moves to the next element of the current array: consumes `]` and returns `false` at its end, else
    /// consumes the separating `,` (not before the first element) and returns `true` with the value next.
    @inline(__always)
    mutating func nextElement(isFirst: inout Bool) throws(Failure) -> Bool {
        guard let byte = peek() else { throw syntaxError("unexpected end of input inside an array") }
        if byte == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        if !isFirst {
            guard byte == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ']' after an array element") }
            offset += 1
            guard let next = peek(), next != UInt8(ascii: "]") else { throw syntaxError("expected a value after ','") }
        }
        isFirst = false
        return true
    }

    // MARK: Keys

    /// Reads an object key and the `:` after it.
    ///
    /// The key stays a view into the buffer unless it had escapes.
    @inline(__always)
    mutating func readKey() throws(Failure) -> JSONKey {
        let key: JSONKey
        let start = offset + 1
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 {
                index = -1
                break
            }
            index += 1
        }
        if index >= 0, index < buffer.count {
            key = JSONKey(raw: UnsafeBufferPointer(rebasing: buffer[start..<index]))
            offset = index + 1
        } else {
            key = JSONKey(raw: keyArena.store(try readString().utf8))
        }
        guard peek() == UInt8(ascii: ":") else { throw syntaxError("expected ':' after an object key") }
        offset += 1
        return key
    }

    // MARK: Scalars

    /// Reads a string, failing with a shape error that names `what` when another value starts here.
    @inline(__always)
    mutating func readString(_ what: @autoclosure () -> String = "a value") throws(Failure) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw typeMismatch(expected: "a string", for: what()) }
        let start = offset + 1
        var index = start
        var isASCII = true
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
                if !isASCII, let bad = Self.firstInvalidUTF8(slice) {
                    offset = start + bad
                    throw syntaxError("invalid UTF-8 in a string")
                }
                offset = index + 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 {
                offset = index
                throw syntaxError(
                    "control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) in a string; it must be escaped"
                )
            }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        offset = start - 1
        throw syntaxError("unterminated string")
    }

    private mutating func readEscapedString(from start: Int) throws(Failure) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = start
        var rawStart = start
        func flushRaw(upTo end: Int) throws(Failure) {
            let raw = UnsafeBufferPointer(rebasing: buffer[rawStart..<end])
            if let bad = Self.firstInvalidUTF8(raw) {
                offset = rawStart + bad
                throw syntaxError("invalid UTF-8 in a string")
            }
            bytes.append(contentsOf: raw)
        }
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                try flushRaw(upTo: index)
                offset = index + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if byte < 0x20 {
                offset = index
                throw syntaxError("control character in a string; it must be escaped")
            }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            try flushRaw(upTo: index)
            guard index + 1 < buffer.count else { break }
            let escape = buffer[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try readUnicodeEscape(at: &index)
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            default:
                offset = index - 2
                throw syntaxError("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
            }
            rawStart = index
        }
        offset = start - 1
        throw syntaxError("unterminated string")
    }

    /// Reads the hex digits of a `\u` escape (and of a following low surrogate) whose digits start at `index`.
    private mutating func readUnicodeEscape(at index: inout Int) throws(Failure) -> Unicode.Scalar {
        let escapeStart = index - 2
        guard let high = hexQuad(at: index) else {
            offset = escapeStart
            throw syntaxError("invalid \\u escape: expected four hex digits")
        }
        index += 4
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u"),
                let low = hexQuad(at: index + 2), (0xDC00..<0xE000).contains(low)
            else {
                offset = escapeStart
                throw syntaxError("lone surrogate in a \\u escape")
            }
            index += 6
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            if let scalar = Unicode.Scalar(value) { return scalar }
        } else if let scalar = Unicode.Scalar(high) {
            return scalar
        }
        offset = escapeStart
        throw syntaxError("lone surrogate in a \\u escape")
    }

    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= buffer.count else { return nil }
        var value: UInt32 = 0
        for position in index..<(index + 4) {
            let byte = buffer[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Reads `true` or `false`, failing with a shape error that names `what` when another value starts here.
    @inline(__always)
    mutating func readBool(_ what: @autoclosure () -> String) throws(Failure) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return false
        default:
            throw typeMismatch(expected: "true or false", for: what())
        }
    }

    /// Consumes `null` and returns `true` when it is next; leaves the input alone otherwise.
    @inline(__always)
    mutating func readNull() throws(Failure) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try readLiteral("null")
        return true
    }

    private mutating func readLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= buffer.count, let base = buffer.baseAddress,
            memcmp(base + offset, literal.utf8Start, count) == 0
        else {
            throw syntaxError("unexpected \(describeNext())")
        }
        offset += count
    }

    /// Reads a number as exact decimal text, failing with a shape error that names `what` when another value
    /// starts here.
    @inline(__always)
    mutating func readDecimal(_ what: @autoclosure () -> String) throws(Failure) -> ExactDecimal {
        let range = try readNumberRange(what())
        return ExactDecimal(
            validatedText: String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
    }

    /// Reads a number that must be an integer (`200000`, also `2e5` or `200000.0`).
    @inline(__always)
    mutating func readInt(_ what: @autoclosure () -> String) throws(Failure) -> Int {
        let start = offset
        let range = try readNumberRange(what())
        var value = 0
        var isSimple = range.count <= 18
        var index = range.lowerBound
        let negative = buffer[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        while isSimple, index < range.upperBound {
            let digit = buffer[index] &- UInt8(ascii: "0")
            if digit >= 10 {
                isSimple = false
                break
            }
            value = value * 10 + Int(digit)
            index += 1
        }
        if isSimple { return negative ? -value : value }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        guard let integer = ExactDecimal(validatedText: text).intValue else {
            offset = start
            throw Failure(offset: start, reason: "\(what()) must be an integer, found \(text)", isSyntax: false)
        }
        return integer
    }

    private mutating func readNumberRange(_ what: @autoclosure () -> String) throws(Failure) -> Range<Int> {
        guard let byte = peek() else { throw syntaxError("unexpected end of input") }
        guard byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 else {
            throw typeMismatch(expected: "a number", for: what())
        }
        guard let length = ExactDecimal.numberLength(buffer, from: offset) else {
            throw syntaxError("malformed number")
        }
        let end = offset + length
        if end < buffer.count, buffer[end] &- UInt8(ascii: "0") < 10 {
            throw syntaxError("malformed number (leading zero)")
        }
        let range = offset..<end
        offset = end
        return range
    }

    // MARK: Any value

    /// Reads any value into a ``JSONValue``, bounded to ``maximumDepth`` levels of nesting.
    mutating func readValue(depth: Int = 0) throws(Failure) -> JSONValue {
        guard let byte = peek() else { throw syntaxError("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else {
                throw syntaxError("nesting deeper than \(Self.maximumDepth) levels")
            }
            offset += 1
            var object = JSONObject()
            var isFirst = true
            while try nextMember(isFirst: &isFirst) {
                let key = try readKey().string
                object.members.append(JSONObject.Member(key: key, value: try readValue(depth: depth + 1)))
            }
            return .object(object)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw syntaxError("nesting deeper than \(Self.maximumDepth) levels")
            }
            offset += 1
            var elements: [JSONValue] = []
            var isFirst = true
            while try nextElement(isFirst: &isFirst) {
                elements.append(try readValue(depth: depth + 1))
            }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try readBool("a value"))
        case UInt8(ascii: "n"):
            _ = try readNull()
            return .null
        default: return .number(try readDecimal("a value"))
        }
    }

    // MARK: Errors

    /// A shape error at the current offset: `what` must be `expected`, and the next value is described.
    func typeMismatch(expected: String, for what: String) -> Failure {
        guard let kind = describeValueKind() else { return syntaxError("unexpected \(describeNext())") }
        return Failure(offset: offset, reason: "\(what) must be \(expected), found \(kind)", isSyntax: false)
    }

    /// A shape error at `offset`.
    func shapeError(_ reason: String, at offset: Int) -> Failure {
        Failure(offset: offset, reason: reason, isSyntax: false)
    }

    func syntaxError(_ reason: String) -> Failure {
        Failure(offset: offset, reason: reason, isSyntax: true)
    }

    private func describeValueKind() -> String? {
        guard offset < buffer.count else { return nil }
        switch buffer[offset] {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        default: return nil
        }
    }

    private func describeNext() -> String {
        guard offset < buffer.count else { return "end of input" }
        let byte = buffer[offset]
        if byte >= 0x21, byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    }

    // MARK: UTF-8

    /// The offset of the first byte that breaks UTF-8 well-formedness (RFC 3629), or `nil` when all are fine.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                highest = 0x9F
            case 0xF0:
                length = 4
                lowest = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                highest = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            guard (lowest...highest).contains(bytes[index + 1]) else { return index }
            for position in (index + 2)..<(index + length) where bytes[position] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}

/// An object key as read by ``JSONScanner``, valid while the scanner lives.
///
/// A view into the input, or into the scanner's arena when the key had escapes.
struct JSONKey {
    let raw: UnsafeBufferPointer<UInt8>

    /// Whether the key is exactly `name`.
    @inline(__always)
    func equals(_ name: StaticString) -> Bool {
        guard raw.count == name.utf8CodeUnitCount else { return false }
        guard let base = raw.baseAddress else { return true }
        return memcmp(base, name.utf8Start, raw.count) == 0
    }

    /// The length of the key in UTF-8 bytes.
    var byteCount: Int { raw.count }

    /// The key as a `String`.
    var string: String { String(decoding: raw, as: UTF8.self) }
}

/// Owns the decoded bytes of escaped keys for as long as the scanner that made them.
final class JSONKeyArena {
    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []

    /// Copies `bytes` into memory that stays valid until the arena is released.
    func store(_ bytes: some Collection<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = block.initialize(from: bytes)
        blocks.append(block)
        return UnsafeBufferPointer(rebasing: block[..<bytes.count])
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
