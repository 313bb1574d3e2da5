import Diagnostics

extension Diagnostic {
    /// An error at a byte offset of `bytes`, with line, column and the source line computed from the bytes
    /// (``SourcePosition`` states the units).
    init(path: String, bytes: [UInt8], offset: Int, message: DiagnosticText) {
        let (position, sourceLine) = Self.locate(offset: offset, in: bytes)
        self.init(path: path, position: position, message: message, sourceLine: sourceLine)
    }

    /// The position of a byte offset in `bytes` (clamped to the bytes) and the text of its line.
    static func locate(offset: Int, in bytes: [UInt8]) -> (position: SourcePosition, sourceLine: String) {
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
        return (SourcePosition(offset: clamped, line: line, column: column), text)
    }
}
