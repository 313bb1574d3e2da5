/// Text from outside (ids from the catalog, names from files) made safe to show on a terminal or in a log.
///
/// Control characters would act instead of showing: an escape sequence can set a terminal's title or clear its
/// screen, a line break can forge a line of a log. Each is shown as a Swift-style escape instead (`\u{1B}`, `\n`),
/// as are the bidirectional overrides that can make text read other than it is.
public enum TerminalText {
    /// `text` with every control character (C0, DEL, C1), line break and bidirectional override escaped.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Appends the UTF-8 bytes of `text`, escaped as ``escape(_:)`` does, to `output`.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        let printable = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if !printable { output.append(contentsOf: escape(text).utf8) }
    }

    /// Appends text given as UTF-8 bytes, escaped as ``escape(_:)`` does, to `output`.
    public static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            output.append(contentsOf: bytes)
        } else {
            output.append(contentsOf: escape(String(decoding: bytes, as: UTF8.self)).utf8)
        }
    }

    /// Whether `scalar` is shown escaped.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
