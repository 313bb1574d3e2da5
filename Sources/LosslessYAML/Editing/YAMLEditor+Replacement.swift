/// A node being replaced, with what every way of writing its new value needs.
private struct Replacement {
    var node: YAMLNodeID
    var value: YAMLValue
    var record: NodeRecord
    /// Start of the node's text, including its anchor and tag.
    var start: Int
    /// End of the node's own text (its start when it has none).
    var contentEnd: Int
    var isBlockCollection: Bool
    /// Whether the node's anchor and tag stay: a scalar or alias given a scalar value.
    var keepProperties: Bool
    /// Whether the new value is written as block text (on lines of its own).
    var valueIsBlock: Bool
}

extension YAMLEditor {
    /// Writes `value` in place of `node`, as its place in the text requires: after the introducer of an empty node,
    /// at column 0 for a document root, inline inside a flow collection, after the `:` of a block mapping value or
    /// after the `-` of a block sequence item.
    func replacementSplices(_ node: YAMLNodeID, with value: YAMLValue, into list: inout SpliceList) throws {
        let record = document.nodes[Int(node.index)]
        let replacement = Replacement(
            node: node, value: value, record: record, start: Int(record.start),
            contentEnd: Int(max(record.start, record.contentEnd)), isBlockCollection: record.isBlockCollection,
            keepProperties: (record.kind == .scalar || record.kind == .alias) && !isCollection(value),
            valueIsBlock: renderer.isBlock(value))
        if replacement.start == replacement.contentEnd && record.kind != .mapping && record.kind != .sequence {
            try emptyNodeSplices(node, with: value, into: &list)
            return
        }
        guard record.parent >= 0 else {
            try rootReplacementSplices(replacement, into: &list)
            return
        }
        let parent = document.nodes[Int(record.parent)]
        if parent.isFlowCollection {
            // Inside a flow collection everything is inline.
            try inlineReplacementSplice(replacement, into: &list)
        } else if parent.kind == .mapping {
            try mappingValueReplacementSplices(replacement, into: &list)
        } else {
            try sequenceItemReplacementSplices(replacement, into: &list)
        }
    }

    /// The value's inline text in place of the node's, keeping its anchor (and tag) where they can stay.
    private func inlineReplacementSplice(_ replacement: Replacement, into list: inout SpliceList) throws {
        let node = replacement.node
        try inlineSplice(
            node, text: inlineText(replacement.value, replacing: node), keepProperties: replacement.keepProperties,
            into: &list)
    }

    /// A document root: block text at column 0, or inline text in place.
    private func rootReplacementSplices(_ replacement: Replacement, into list: inout SpliceList) throws {
        guard replacement.valueIsBlock else {
            try inlineReplacementSplice(replacement, into: &list)
            return
        }
        let start = replacement.start
        let contentEnd = replacement.contentEnd
        let lines = renderer.blockLines(replacement.value, indent: 0, step: formatting.indentation)
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
    }

    /// The value of a block mapping entry: block text on the lines below the key, or inline text after its `:`.
    private func mappingValueReplacementSplices(_ replacement: Replacement, into list: inout SpliceList) throws {
        let node = replacement.node
        guard let key = keyNode(ofValue: node) else {
            throw invalid("mapping keys cannot be replaced")
        }
        let keyRecord = document.nodes[Int(key.index)]
        let keyColumn = layout.column(of: Int(keyRecord.start))
        guard let colonEnd = colonEnd(afterKey: key) else {
            throw invalid("cannot find the ':' after the key at \(document.position(of: key))")
        }
        if replacement.valueIsBlock {
            try blockMappingValueSplices(replacement, keyColumn: keyColumn, colonEnd: colonEnd, into: &list)
            return
        }
        let start = replacement.start
        let contentEnd = replacement.contentEnd
        let text = inlineText(replacement.value, replacing: node)
        if replacement.isBlockCollection {
            list.add(colonEnd..<contentEnd, " " + text, rank: .replace)
        } else if start == contentEnd && start == colonEnd {
            list.add(start..<contentEnd, " " + text, rank: .replace)
        } else {
            try inlineSplice(node, text: text, keepProperties: replacement.keepProperties, into: &list)
        }
    }

    /// Block text (a literal block scalar or a block collection) as the value of the key at `keyColumn`, whose `:`
    /// ends at `colonEnd`.
    private func blockMappingValueSplices(
        _ replacement: Replacement, keyColumn: Int, colonEnd: Int, into list: inout SpliceList
    ) throws {
        let node = replacement.node
        let value = replacement.value
        let start = replacement.start
        let contentEnd = replacement.contentEnd
        let step = childStep(of: YAMLNodeID(replacement.record.parent))
        if case .string(let text) = value, let block = renderer.literalBlock(text, indent: keyColumn + step) {
            try literalSplices(
                node, header: block.header, lines: block.lines,
                inlineStart: replacement.isBlockCollection ? nil : start, colonEnd: colonEnd, into: &list)
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
        } else if replacement.isBlockCollection {
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
    }

    /// An item of a block sequence: block text from the `-` line or the lines below it, or inline text after the `-`.
    private func sequenceItemReplacementSplices(_ replacement: Replacement, into list: inout SpliceList) throws {
        let node = replacement.node
        let start = replacement.start
        let contentEnd = replacement.contentEnd
        guard let dash = layout.dashOffset(beforeItemAt: start) else {
            throw invalid("cannot find the '-' of the item at \(document.position(of: node))")
        }
        let onDashLine = layout.lineStart(of: start) == layout.lineStart(of: dash)
        if replacement.valueIsBlock {
            try blockSequenceItemSplices(replacement, dash: dash, onDashLine: onDashLine, into: &list)
            return
        }
        let text = inlineText(replacement.value, replacing: node)
        if start == contentEnd && !onDashLine {
            list.add(dash + 1..<contentEnd, " " + text, rank: .replace)
        } else if replacement.isBlockCollection && !onDashLine {
            list.add(dash + 1..<contentEnd, " " + text, rank: .replace)
        } else if start == contentEnd {
            list.add(start..<contentEnd, (start == dash + 1 ? " " : "") + text, rank: .replace)
        } else {
            try inlineSplice(node, text: text, keepProperties: replacement.keepProperties, into: &list)
        }
    }

    /// Block text (a literal block scalar or a block collection) as the item whose `-` is at `dash`: starting on
    /// the dash's line when the old item did (`onDashLine`), else on the lines of the old item.
    private func blockSequenceItemSplices(
        _ replacement: Replacement, dash: Int, onDashLine: Bool, into list: inout SpliceList
    ) throws {
        let node = replacement.node
        let value = replacement.value
        let start = replacement.start
        let itemColumn = layout.column(of: start)
        if case .string(let text) = value, let block = renderer.literalBlock(text, indent: itemColumn) {
            try literalSplices(
                node, header: block.header, lines: block.lines, inlineStart: onDashLine ? start : nil,
                colonEnd: dash + 1, into: &list)
            return
        }
        let step = childStep(of: YAMLNodeID(replacement.record.parent))
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
                layout.lineStart(of: start)..<replacement.contentEnd, lines.joined(separator: formatting.lineBreak),
                rank: .replace)
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
