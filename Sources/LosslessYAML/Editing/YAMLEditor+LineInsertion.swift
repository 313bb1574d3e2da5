extension YAMLEditor {
    /// Whether `offset` is the end of a file that has no final line break (text inserted there must not add one,
    /// unless it ends in a block scalar, which needs it).
    func isEndWithoutFinalBreak(_ offset: Int) -> Bool {
        let bytes = document.bytes
        guard offset >= bytes.count, let last = bytes.last else { return false }
        return last != 0x0A && last != 0x0D
    }

    /// Rendered whole lines (each ended by a line break) to insert at a line start; at the end of a file without
    /// a final line break, the break goes first so the file still ends without one.
    func wholeLinesText(_ text: String, at offset: Int, endsInBlockScalar: Bool = false) -> String {
        guard isEndWithoutFinalBreak(offset) else { return text }
        // A block scalar's value includes its final line break: the file gains one rather than change data.
        return formatting.lineBreak + text.dropLast() + (endsInBlockScalar ? formatting.lineBreak : "")
    }

    /// Whole lines to insert at a line start; at the end of a file without a final line break, the break goes
    /// first so the file still ends without one.
    func linesText(_ lines: [String], at offset: Int, endsInBlockScalar: Bool = false) -> String {
        let body = lines.joined(separator: formatting.lineBreak)
        if isEndWithoutFinalBreak(offset) {
            // A block scalar's value includes its final line break: the file gains one rather than change data.
            return formatting.lineBreak + body + (endsInBlockScalar ? formatting.lineBreak : "")
        }
        return body + formatting.lineBreak
    }
}
