/// Line-level questions about a YAML file's bytes: where lines start and end, what is a comment line, which
/// column a byte is in.
///
/// Offsets and columns are in UTF-8 bytes; indentation is ASCII spaces, so for the indentation that matters
/// byte columns equal character columns. Line breaks are LF, CRLF or a lone CR.
struct TextLayout {
    let bytes: [UInt8]

    /// Offset of the first byte of the line containing `offset`.
    func lineStart(of offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > 0, bytes[index - 1] != 0x0A, bytes[index - 1] != 0x0D { index -= 1 }
        // Line one starts after a byte-order mark: nothing may be inserted before it.
        if index == 0, hasByteOrderMark, offset >= 3 { return 3 }
        return index
    }

    /// Offset of the line break ending the line containing `offset` (or the end of the file).
    func lineEnd(of offset: Int) -> Int {
        var index = max(0, offset)
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        return index
    }

    /// Offset just past the line break ending the line containing `offset` (or the end of the file).
    func nextLineStart(after offset: Int) -> Int {
        let end = lineEnd(of: offset)
        guard end < bytes.count else { return end }
        if bytes[end] == 0x0D, end + 1 < bytes.count, bytes[end + 1] == 0x0A { return end + 2 }
        return end + 1
    }

    /// Start of the line before the one starting at `lineStart`, or `nil` for the first line.
    func previousLineStart(_ lineStart: Int) -> Int? {
        guard lineStart > (hasByteOrderMark ? 3 : 0) else { return nil }
        var index = lineStart - 1
        if bytes[index] == 0x0A, index > 0, bytes[index - 1] == 0x0D { index -= 1 }
        return self.lineStart(of: index)
    }

    /// Column of `offset` in bytes from its line start (0-based); a byte-order mark on line one is not counted.
    func column(of offset: Int) -> Int {
        max(0, offset - lineStart(of: offset))
    }

    var hasByteOrderMark: Bool { bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF }

    /// First offset of the line's content after spaces and tabs (a byte-order mark skipped on line one).
    func firstNonBlank(inLineStartingAt lineStart: Int) -> Int {
        var index = lineStart == 0 && hasByteOrderMark ? 3 : lineStart
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    /// Whether only spaces precede `offset` on its line.
    func isFirstOnLine(_ offset: Int) -> Bool {
        firstNonBlank(inLineStartingAt: lineStart(of: offset)) >= offset
    }

    /// Whether the line starting at `lineStart` holds only a comment (after optional indentation).
    func isCommentLine(_ lineStart: Int) -> Bool {
        let first = firstNonBlank(inLineStartingAt: lineStart)
        return first < bytes.count && bytes[first] == UInt8(ascii: "#")
    }

    /// Whether the line starting at `lineStart` is empty or only spaces and tabs.
    func isBlankLine(_ lineStart: Int) -> Bool {
        let first = firstNonBlank(inLineStartingAt: lineStart)
        return first >= bytes.count || bytes[first] == 0x0A || bytes[first] == 0x0D
    }

    /// Offset of the `#` of an end-of-line comment following `offset`, a node's end, on the same line (only spaces
    /// between, or none: libyaml reads `{}#note` and `'a'#note` as a value and a comment), or `nil`.
    func trailingComment(after offset: Int) -> Int? {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "#") ? index : nil
    }

    /// Whether only spaces and an optional comment follow `offset` on its line.
    func restOfLineIsBlankOrComment(after offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index >= bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == UInt8(ascii: "#")
    }

    /// Offset of the `#` of a comment after `offset` on the same line (spaces between, or directly adjacent as libyaml
    /// allows after a quoted scalar), before `limit` when given; `nil` when none.
    func commentStart(after offset: Int, before limit: Int? = nil) -> Int? {
        var index = offset
        let end = limit ?? lineEnd(of: offset)
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        // With a limit (a block scalar's header line), indicators such as `|-2` may come before the comment.
        while index < end, bytes[index] != UInt8(ascii: "#"), limit != nil { index += 1 }
        return index < end && bytes[index] == UInt8(ascii: "#") ? index : nil
    }

    /// Whether only spaces and tabs follow `offset` on its line.
    func restOfLineIsBlank(after offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index >= bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D
    }

    /// The offset of the `-` that introduces the block sequence item starting at `itemStart`.
    func dashOffset(beforeItemAt itemStart: Int) -> Int? {
        var index = itemStart
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index -= 1
                continue
            }
            if byte == UInt8(ascii: "-") { return index - 1 }
            // `-  # comment` on the line above: the dash is the line's first character.
            let first = firstNonBlank(inLineStartingAt: lineStart(of: index - 1))
            return bytes[first] == UInt8(ascii: "-") ? first : nil
        }
        return nil
    }

    /// Offset just past the `:` that precedes a mapping value starting at `valueStart` on the same line.
    func colonOffset(beforeValueAt valueStart: Int) -> Int? {
        var index = valueStart
        while index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { index -= 1 }
        return index > 0 && bytes[index - 1] == UInt8(ascii: ":") ? index : nil
    }

    /// Width in Unicode scalars of `bytes[start..<end]`.
    func width(from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
