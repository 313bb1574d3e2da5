extension YAMLEditor {
    func replacementSplices(_ node: YAMLNodeID, with value: YAMLValue, into list: inout SpliceList) throws {
        let record = document.nodes[Int(node.index)]
        let start = Int(record.start)
        let contentEnd = Int(max(record.start, record.contentEnd))
        let isBlockCollection = record.isBlockCollection
        let keepProperties = (record.kind == .scalar || record.kind == .alias) && !isCollection(value)
        let valueIsBlock = renderer.isBlock(value)
        if start == contentEnd && record.kind != .mapping && record.kind != .sequence {
            try emptyNodeSplices(node, with: value, into: &list)
            return
        }

        guard record.parent >= 0 else {
            // A document root: block text at column 0.
            if valueIsBlock {
                let lines = renderer.blockLines(value, indent: 0, step: formatting.indentation)
                if start == contentEnd {
                    let prefix = layout.isFirstOnLine(start) ? "" : formatting.lineBreak
                    list.add(start..<contentEnd, prefix + lines.joined(separator: formatting.lineBreak), rank: .replace)
                } else if layout.isFirstOnLine(start) {
                    let from = layout.lineStart(of: start)
                    list.add(from..<contentEnd, lines.joined(separator: formatting.lineBreak), rank: .replace)
                } else {
                    list.add(
                        start..<contentEnd, formatting.lineBreak + lines.joined(separator: formatting.lineBreak),
                        rank: .replace)
                }
            } else {
                try inlineSplice(
                    node, text: inlineText(value, replacing: node), keepProperties: keepProperties, into: &list)
            }
            return
        }

        let parent = document.nodes[Int(record.parent)]
        if parent.isFlowCollection {
            // Inside a flow collection everything is inline.
            try inlineSplice(
                node, text: inlineText(value, replacing: node), keepProperties: keepProperties, into: &list)
            return
        }

        if parent.kind == .mapping {
            guard let key = keyNode(ofValue: node) else {
                throw invalid("mapping keys cannot be replaced")
            }
            let keyRecord = document.nodes[Int(key.index)]
            let keyColumn = layout.column(of: Int(keyRecord.start))
            guard let colonEnd = colonEnd(afterKey: key) else {
                throw invalid("cannot find the ':' after the key at \(document.position(of: key))")
            }
            let step = childStep(of: YAMLNodeID(record.parent))
            if valueIsBlock {
                if case .string(let text) = value, let block = renderer.literalBlock(text, indent: keyColumn + step) {
                    try literalSplices(
                        node, header: block.header, lines: block.lines, inlineStart: isBlockCollection ? nil : start,
                        colonEnd: colonEnd, into: &list)
                    return
                }
                let indent = keyColumn + (isSequence(value) && !formatting.indentsSequences ? 0 : step)
                let lines = renderer.blockLines(value, indent: indent, step: step)
                let replaced = replacedEnd(of: node)
                if replaced.endsLine || replaced.headerComment != nil {
                    // A block scalar gives way to a block collection: its header comment stays on the key's line.
                    var body = replaced.headerComment.map { " " + $0 } ?? ""
                    body += formatting.lineBreak + lines.joined(separator: formatting.lineBreak)
                    if replaced.endsLine { body += formatting.lineBreak }
                    list.add(colonEnd..<replaced.offset, body, rank: .replace)
                } else if isBlockCollection {
                    if layout.isFirstOnLine(start) {
                        list.add(
                            layout.lineStart(of: start)..<contentEnd, lines.joined(separator: formatting.lineBreak),
                            rank: .replace)
                    } else {
                        list.add(
                            colonEnd..<contentEnd, formatting.lineBreak + lines.joined(separator: formatting.lineBreak),
                            rank: .replace)
                    }
                } else if layout.trailingComment(after: contentEnd) != nil || contentEnd > layout.lineEnd(of: start) {
                    // Keep `key:  # comment` on its line; the block goes on the lines below.
                    list.add(colonEnd..<replacedEnd(of: node).offset, "", rank: .replace)
                    let at = layout.nextLineStart(after: contentEnd)
                    list.insert(linesText(lines, at: at), at: at, rank: .fill)
                } else {
                    list.add(
                        colonEnd..<layout.lineEnd(of: contentEnd),
                        formatting.lineBreak + lines.joined(separator: formatting.lineBreak), rank: .replace)
                }
                return
            }
            let text = inlineText(value, replacing: node)
            if isBlockCollection {
                list.add(colonEnd..<contentEnd, " " + text, rank: .replace)
            } else if start == contentEnd && start == colonEnd {
                list.add(start..<contentEnd, " " + text, rank: .replace)
            } else {
                try inlineSplice(node, text: text, keepProperties: keepProperties, into: &list)
            }
            return
        }

        // A block sequence item.
        guard let dash = layout.dashOffset(beforeItemAt: start) else {
            throw invalid("cannot find the '-' of the item at \(document.position(of: node))")
        }
        let onDashLine = layout.lineStart(of: start) == layout.lineStart(of: dash)
        let itemColumn = onDashLine ? layout.column(of: start) : layout.column(of: start)
        if valueIsBlock {
            if case .string(let text) = value, let block = renderer.literalBlock(text, indent: itemColumn) {
                try literalSplices(
                    node, header: block.header, lines: block.lines, inlineStart: onDashLine ? start : nil,
                    colonEnd: dash + 1, into: &list)
                return
            }
            let step = childStep(of: YAMLNodeID(record.parent))
            let lines = renderer.blockLines(value, indent: itemColumn, step: step)
            if onDashLine {
                let first = String(lines[0].dropFirst(itemColumn))
                var text = ([first] + lines.dropFirst()).joined(separator: formatting.lineBreak)
                let replaced = replacedEnd(of: node)
                if let comment = replaced.headerComment {
                    text =
                        "# " + comment.dropFirst() + formatting.lineBreak + String(repeating: " ", count: itemColumn)
                        + text
                }
                if replaced.endsLine { text += formatting.lineBreak }
                list.add(start..<replaced.offset, text, rank: .replace)
            } else {
                list.add(
                    layout.lineStart(of: start)..<contentEnd, lines.joined(separator: formatting.lineBreak),
                    rank: .replace)
            }
            return
        }
        let text = inlineText(value, replacing: node)
        if start == contentEnd && !onDashLine {
            list.add(dash + 1..<contentEnd, " " + text, rank: .replace)
        } else if isBlockCollection && !onDashLine {
            list.add(dash + 1..<contentEnd, " " + text, rank: .replace)
        } else if start == contentEnd {
            list.add(start..<contentEnd, (start == dash + 1 ? " " : "") + text, rank: .replace)
        } else {
            try inlineSplice(node, text: text, keepProperties: keepProperties, into: &list)
        }
    }

    /// Whether `value` is a mapping or a sequence.
    private func isCollection(_ value: YAMLValue) -> Bool {
        switch value {
        case .mapping, .sequence: return true
        default: return false
        }
    }

    /// Whether `value` is a sequence.
    private func isSequence(_ value: YAMLValue) -> Bool {
        if case .sequence = value { return true }
        return false
    }
}
