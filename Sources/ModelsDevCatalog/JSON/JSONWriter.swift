/// Writes ``JSONValue``s as JSON text, escaping strings per RFC 8259.
struct JSONWriter {
    let pretty: Bool
    private(set) var output = ""
    /// The indentation of each depth so far: two spaces per level.
    private var indentation = [""]

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += number.description
        case .string(let text): writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(depth: depth + 1)
                write(element, depth: depth + 1)
            }
            newline(depth: depth)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                newline(depth: depth + 1)
                writeString(member.key)
                output += pretty ? ": " : ":"
                write(member.value, depth: depth + 1)
            }
            newline(depth: depth)
            output += "}"
        }
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        // Each depth's indentation is made once: making a string of spaces for every line costs more than the line.
        while indentation.count <= depth { indentation.append(indentation[indentation.count - 1] + "  ") }
        output += "\n"
        output += indentation[depth]
    }

    private mutating func writeString(_ text: String) {
        output += "\""
        // Most strings need no escape: write them whole rather than scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
