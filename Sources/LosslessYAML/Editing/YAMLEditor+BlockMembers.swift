extension YAMLEditor {
    /// One entry (mapping) or item (sequence) of a block collection, located in the text.
    struct BlockMember {
        var node: Int32
        /// The key's first byte, or the item's `-`.
        var anchorOffset: Int
        var column: Int
        /// Whether the member is the first thing on its line (not `- key:` sharing its parent item's line).
        var startsLine: Bool
        /// Start of the member's first line (its anchor when it does not start a line).
        var lineStart: Int
        /// Start of the member's leading comment block (its line start when it has none).
        var leadingStart: Int
        var contentEnd: Int
        /// End of the member's last line, including comments indented deeper than the member.
        var ownedEnd: Int
    }

    /// The members of a block collection in document order, each located with the lines and comments it owns (see
    /// ``YAMLEditor`` for comment ownership).
    func blockMembers(of collection: YAMLNodeID) throws -> [BlockMember] {
        let record = document.nodes[Int(collection.index)]
        let isMapping = record.kind == .mapping
        let first = Int(record.payload)
        let stride = isMapping ? 2 : 1
        var members: [BlockMember] = []
        var index = first
        while index < first + Int(record.childCount) {
            let anchorNode = document.children[index]
            let lastNode = document.children[index + stride - 1]
            let anchorRecord = document.nodes[Int(anchorNode)]
            let anchorOffset: Int
            if isMapping {
                anchorOffset = explicitKeyIndicator(before: Int(anchorRecord.start)) ?? Int(anchorRecord.start)
            } else {
                guard let dash = layout.dashOffset(beforeItemAt: Int(anchorRecord.start)) else {
                    throw invalid("cannot find the '-' of the item at \(document.position(of: YAMLNodeID(anchorNode)))")
                }
                anchorOffset = dash
            }
            let column = layout.column(of: anchorOffset)
            let startsLine = layout.isFirstOnLine(anchorOffset)
            let lineStart = startsLine ? layout.lineStart(of: anchorOffset) : anchorOffset
            var leadingStart = lineStart
            if startsLine {
                let bound = Int(anchorRecord.precedingEnd)
                while let previous = layout.previousLineStart(leadingStart), previous >= bound,
                    layout.isCommentLine(previous),
                    members.isEmpty || layout.column(of: layout.firstNonBlank(inLineStartingAt: previous)) <= column
                {
                    leadingStart = previous
                }
            }
            let lastRecord = document.nodes[Int(lastNode)]
            let contentEnd = Int(max(lastRecord.contentEnd, anchorRecord.start))
            var ownedEnd =
                layout.restOfLineIsBlankOrComment(after: contentEnd)
                ? layout.nextLineStart(after: contentEnd) : contentEnd
            if let blockScalar = trailingBlockScalar(of: YAMLNodeID(lastNode)) {
                // A block scalar's trailing blank lines may be content (`|+`): keep them with it, also when it is the
                // last value deep inside the member.
                ownedEnd = max(ownedEnd, Int(document.nodes[Int(blockScalar.index)].end))
            }
            var cursor = ownedEnd
            while cursor < layout.bytes.count {
                if layout.isBlankLine(cursor) {
                    cursor = layout.nextLineStart(after: cursor)
                } else if layout.isCommentLine(cursor),
                    layout.column(of: layout.firstNonBlank(inLineStartingAt: cursor)) > column
                {
                    cursor = layout.nextLineStart(after: cursor)
                    ownedEnd = cursor
                } else {
                    break
                }
            }
            members.append(
                BlockMember(
                    node: anchorNode, anchorOffset: anchorOffset, column: column, startsLine: startsLine,
                    lineStart: lineStart, leadingStart: leadingStart, contentEnd: contentEnd, ownedEnd: ownedEnd))
            index += stride
        }
        return members
    }

    /// The literal or folded block scalar that ends `node`'s text (`node` itself, or the last value of its last
    /// member, recursively), if any.
    private func trailingBlockScalar(of node: YAMLNodeID) -> YAMLNodeID? {
        var current = node
        while true {
            let record = document.nodes[Int(current.index)]
            switch record.kind {
            case .scalar:
                let isBlock =
                    record.style == YAMLScalarStyle.literal.rawValue || record.style == YAMLScalarStyle.folded.rawValue
                return isBlock ? current : nil
            case .mapping, .sequence:
                guard record.isBlockCollection, record.childCount > 0 else { return nil }
                current = YAMLNodeID(document.children[Int(record.payload) + Int(record.childCount) - 1])
            case .alias:
                return nil
            }
        }
    }
}
