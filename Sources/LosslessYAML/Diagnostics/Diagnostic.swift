/// A message about one place in a YAML source, rendered the way compilers print errors.
///
/// ```
/// config/models/openai.yml:12:5: error: duplicate key 'gpt-4o'
///     gpt-4o:
///     ^
/// ```
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The file name as the caller gave it, such as `config/models/openai.yml`, or `<input>`.
    public var path: String
    /// Where the problem is.
    public var position: SourcePosition
    /// What is wrong, without position or severity, such as `duplicate key 'gpt-4o'`.
    public var message: String
    /// The full text of the source line, without its line break, for the excerpt under the message.
    public var sourceLine: String

    public init(path: String, position: SourcePosition, message: String, sourceLine: String) {
        self.path = path
        self.position = position
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `path:line:column: error: message`, the source line, and a caret under the column.
    public var description: String {
        var caretPrefix = ""
        for (index, scalar) in sourceLine.unicodeScalars.enumerated() where index < position.column - 1 {
            caretPrefix.append(scalar == "\t" ? "\t" : " ")
        }
        return "\(path):\(position.line):\(position.column): error: \(message)\n\(sourceLine)\n\(caretPrefix)^"
    }
}

extension Diagnostic {
    /// Builds a diagnostic for a byte offset in `bytes`, computing line, column and the source line.
    init(path: String, bytes: [UInt8], offset: Int, message: String) {
        let clamped = max(0, min(offset, bytes.count))
        var lineStart = 0
        var line = 1
        var index = 0
        while index < clamped {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
        var textStart = lineStart
        if lineStart == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            textStart = 3
        }
        let prefix = bytes[min(textStart, clamped)..<clamped]
        let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        let text = String(decoding: bytes[textStart..<lineEnd], as: UTF8.self)
        self.init(
            path: path,
            position: SourcePosition(offset: clamped, line: line, column: column),
            message: message,
            sourceLine: text
        )
    }
}
