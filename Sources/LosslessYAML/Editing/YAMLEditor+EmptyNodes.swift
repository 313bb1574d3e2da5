extension YAMLEditor {
    /// A value written into a node that has no text (`key:`, `-`, an empty document): after the `:`, the `-` or the `---` that introduces it.
    ///
    /// Empty nodes elsewhere (flow pairs without `:`, explicit `?` keys) are refused.
    func emptyNodeSplices(_ node: YAMLNodeID, with value: YAMLValue, into list: inout SpliceList) throws {
        let record = document.nodes[Int(node.index)]
        let anchorText = document.anchor(of: node).map { "&\($0) " } ?? ""
        let introducer: Int
        var column = 0
        var step = formatting.indentation
        if record.parent < 0 {
            guard let documentIndex = document.roots.firstIndex(of: node),
                documentIndex < document.documentContentStarts.count
            else { throw invalid("cannot place a value in this empty document") }
            let contentStart = Int(document.documentContentStarts[documentIndex])
            guard contentStart >= 3, document.bytes[contentStart - 1] == UInt8(ascii: "-") else {
                throw invalid("cannot place a value in an empty document without '---'")
            }
            introducer = contentStart
            // A directive right after an empty document would read as the value's continuation.
            if followedByDirective(contentStart) {
                throw invalid("cannot place a value in an empty document followed by a directive")
            }
        } else if document.nodes[Int(record.parent)].kind == .mapping {
            guard let key = keyNode(ofValue: node), let colon = colonEnd(afterKey: key) else {
                throw invalid("cannot find the ':' before the empty value at \(document.position(of: node))")
            }
            introducer = colon
            column = layout.column(of: Int(document.nodes[Int(key.index)].start))
            step = childStep(of: YAMLNodeID(record.parent))
        } else if document.nodes[Int(record.parent)].isBlockCollection,
            let dash = layout.dashOffset(beforeItemAt: Int(record.start))
        {
            introducer = dash + 1
            column = layout.column(of: dash) + 2
            step = 0
        } else {
            throw invalid("cannot place a value in the empty item at \(document.position(of: node))")
        }
        if document.tag(of: node) != nil || record.hasProperties && record.start < Int32(introducer) {
            throw invalid("cannot place a value in an empty node with a tag at \(document.position(of: node))")
        }
        let parentIsFlow = record.parent >= 0 && document.nodes[Int(record.parent)].isFlowCollection
        if renderer.isBlock(value) && !parentIsFlow {
            let isSequence: Bool
            if case .sequence = value { isSequence = true } else { isSequence = false }
            let indent = column + (isSequence && !formatting.indentsSequences ? 0 : step)
            var head = anchorText.isEmpty ? "" : " " + anchorText.dropLast()
            let lines: [String]
            if case .string(let text) = value, let block = renderer.literalBlock(text, indent: max(indent, column + 1))
            {
                head = " " + anchorText + block.header
                lines = block.lines
            } else {
                let blockIndent = max(indent, record.parent < 0 ? 0 : column + 1)
                lines = renderer.blockLines(value, indent: blockIndent, step: step == 0 ? formatting.indentation : step)
            }
            if layout.restOfLineIsBlank(after: introducer) {
                var body = head + formatting.lineBreak + lines.joined(separator: formatting.lineBreak)
                if isEndWithoutFinalBreak(layout.lineEnd(of: introducer)) && endsInBlockScalar(value) {
                    body += formatting.lineBreak
                }
                list.add(introducer..<introducer, body, rank: .fill)
            } else {
                // `-  # comment`: the header stays before the comment, the content goes on the lines below.
                list.add(introducer..<introducer, head, rank: .fill)
                let at = layout.nextLineStart(after: introducer)
                list.add(at..<at, linesText(lines, at: at, endsInBlockScalar: endsInBlockScalar(value)), rank: .fill)
            }
        } else {
            list.add(introducer..<introducer, " " + anchorText + renderer.inlineText(value), rank: .fill)
        }
        if record.hasProperties {
            // The anchor is written again with the value; drop the old one.
            list.add(Int(record.start)..<Int(record.end), "", rank: .replace)
        }
    }
}
