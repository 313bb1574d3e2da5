extension YAMLEditor {
    /// A literal block scalar in place of a node: the header where the old value started (or after the `:`/`-`), the content lines below.
    ///
    /// An end-of-line comment after the old value moves up to the header's line, so it stays a comment.
    func literalSplices(
        _ node: YAMLNodeID, header: String, lines: [String], inlineStart: Int?, colonEnd: Int,
        into list: inout SpliceList
    ) throws {
        let end = replacedEnd(of: node)
        let start = inlineStart ?? colonEnd
        let prefix = inlineStart == nil || start == colonEnd ? " " : ""
        var headerLine = prefix + header
        var rangeEnd = end.offset
        if !end.endsLine {
            guard layout.restOfLineIsBlankOrComment(after: end.offset) else {
                throw invalid("cannot write a block scalar at \(document.position(of: node)): more follows on its line")
            }
            rangeEnd = layout.lineEnd(of: end.offset)
            if let comment = layout.commentStart(after: end.offset) {
                headerLine += " " + String(decoding: document.bytes[comment..<rangeEnd], as: UTF8.self)
            }
        }
        if let comment = end.headerComment {
            headerLine += " " + comment
        }
        let indent = lines.first { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count } ?? 0
        if whitespaceLinesWiden(after: rangeEnd, beyond: indent) {
            throw invalid("a block scalar at \(document.position(of: node)) would take in the blank lines after it")
        }
        var body = ([headerLine] + lines).joined(separator: formatting.lineBreak)
        if end.endsLine || isEndWithoutFinalBreak(rangeEnd) && !header.hasSuffix("-") {
            body += formatting.lineBreak
        }
        list.add(start..<rangeEnd, body, rank: .replace)
    }

    /// Whether blank lines after `offset` hold more than `indent` spaces (a block scalar placed before them would
    /// read them as content).
    private func whitespaceLinesWiden(after offset: Int, beyond indent: Int) -> Bool {
        var line = layout.lineStart(of: offset) == offset ? offset : layout.nextLineStart(after: offset)
        while line < document.bytes.count, layout.isBlankLine(line) {
            if layout.lineEnd(of: line) - line > indent { return true }
            line = layout.nextLineStart(after: line)
        }
        return false
    }

    /// Where the text of a node being replaced ends.
    ///
    /// A block scalar's range runs past its trailing blank lines (`endsLine`: the replacement must end with a line
    /// break), and its header comment is reported to keep.
    func replacedEnd(of node: YAMLNodeID) -> (offset: Int, endsLine: Bool, headerComment: String?) {
        let record = document.nodes[Int(node.index)]
        let contentEnd = Int(max(record.start, record.contentEnd))
        guard record.kind == .scalar,
            record.style == YAMLScalarStyle.literal.rawValue || record.style == YAMLScalarStyle.folded.rawValue
        else { return (contentEnd, false, nil) }
        var headerEnd = Int(record.start)
        let bytes = document.bytes
        while headerEnd < bytes.count, bytes[headerEnd] != UInt8(ascii: "|"), bytes[headerEnd] != UInt8(ascii: ">") {
            headerEnd += 1
        }
        let headerLineEnd = layout.lineEnd(of: headerEnd)
        let comment = layout.commentStart(after: headerEnd, before: headerLineEnd).map {
            String(decoding: bytes[$0..<headerLineEnd], as: UTF8.self)
        }
        let end = Int(record.end)
        let endsLine = end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D)
        return (max(end, contentEnd), endsLine, comment)
    }

    /// Whether the text of `value` ends with a literal block scalar (its last leaf is a multi-line string).
    func endsInBlockScalar(_ value: YAMLValue) -> Bool {
        switch value {
        case .string(let text): return renderer.literalBlock(text, indent: 0) != nil
        case .sequence(let items, _): return renderer.isBlock(value) && items.last.map(endsInBlockScalar) == true
        case .mapping(let entries, _):
            return renderer.isBlock(value) && entries.last.map { endsInBlockScalar($0.value) } == true
        default: return false
        }
    }
}
