extension YAMLEditor {
    /// Replaces a node's single-line text in place, keeping an end-of-line comment at its column where the line
    /// allows (at least one space before the `#`).
    func inlineSplice(_ node: YAMLNodeID, text: String, keepProperties: Bool, into list: inout SpliceList)
        throws
    {
        let record = document.nodes[Int(node.index)]
        var start = Int(record.start)
        var text = text
        if keepProperties && record.hasProperties {
            if document.tag(of: node) != nil {
                // A tag would change how the new value reads (`!!str 3`): keep the anchor only.
                text = (document.anchor(of: node).map { "&\($0) " } ?? "") + text
            } else {
                start = textStart(of: node)
                if start > 0, document.bytes[start - 1] != 0x20, document.bytes[start - 1] != 0x09 { text = " " + text }
            }
        }
        if let flow = outermostFlowCollection(around: node, including: false) {
            list.keepCommentColumn(after: document.range(of: flow))
        }
        let replaced = replacedEnd(of: node)
        if replaced.endsLine || replaced.headerComment != nil {
            var body = text
            if let comment = replaced.headerComment { body += "  " + comment }
            if replaced.endsLine { body += formatting.lineBreak }
            list.add(start..<replaced.offset, body, rank: .replace)
            return
        }
        let end = replaced.offset
        if end < document.bytes.count, document.bytes[end] == UInt8(ascii: "#") {
            // libyaml accepts `"value"# comment`; after new plain text the `#` needs a space to stay a comment.
            text += " "
        }
        if record.parent < 0, followedByDirective(end), text.first != "'", text.first != "\"" {
            throw invalid("a plain value before a directive line would run into it")
        }
        // A tab before an end-of-line comment aligns it to a tab stop: the tab stays and only the value changes.
        if layout.lineEnd(of: start) >= end, let comment = layout.trailingComment(after: end),
            !document.bytes[end..<comment].contains(0x09)
        {
            let lineStart = layout.lineStart(of: start)
            let commentColumn = layout.width(from: lineStart, to: comment)
            let newEnd = layout.width(from: lineStart, to: start) + text.unicodeScalars.count
            let padding = String(repeating: " ", count: max(1, commentColumn - newEnd))
            list.add(start..<comment, text + padding, rank: .replace)
        } else {
            list.add(start..<end, text, rank: .replace)
        }
    }

    /// The text of a new scalar or flow value in place of `node`, keeping the old quoting style where the new value
    /// allows it.
    func inlineText(_ value: YAMLValue, replacing node: YAMLNodeID) -> String {
        if case .string(let text) = value, !text.contains("\n"), let key = keyNode(ofValue: node),
            let name = document.scalarText(of: key), formatting.alwaysQuotedKeys.contains(name)
        {
            if document.scalarStyle(of: node) == .doubleQuoted { return ScalarEmitter.doubleQuoted(text) }
            return renderer.quotedText(text)
        }
        guard case .string(let text) = value, let style = document.scalarStyle(of: node) else {
            return renderer.inlineText(value)
        }
        switch style {
        case .plain, .literal, .folded:
            return ScalarEmitter.stringText(text, quote: formatting.quote)
        case .singleQuoted:
            return ScalarEmitter.singleQuotedIfPossible(text) ?? ScalarEmitter.doubleQuoted(text)
        case .doubleQuoted:
            return ScalarEmitter.doubleQuoted(text)
        }
    }

    /// Offset of a scalar's own text, after its anchor and tag.
    private func textStart(of node: YAMLNodeID) -> Int {
        let record = document.nodes[Int(node.index)]
        let bytes = document.bytes
        var index = Int(record.start)
        let end = Int(record.contentEnd)
        while index < end, bytes[index] == UInt8(ascii: "&") || bytes[index] == UInt8(ascii: "!") {
            while index < end, bytes[index] != 0x20, bytes[index] != 0x09, bytes[index] != 0x0A, bytes[index] != 0x0D {
                index += 1
            }
            while index < end,
                bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A
                    || bytes[index] == 0x0D
            {
                index += 1
            }
        }
        return index
    }
}
