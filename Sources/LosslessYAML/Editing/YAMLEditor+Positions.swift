extension YAMLEditor {
    /// The key node of the entry whose value is `value`.
    func keyNode(ofValue value: YAMLNodeID) -> YAMLNodeID? {
        document.key(ofValue: value)
    }

    /// Offset just past the `:` that follows a block mapping key.
    func colonEnd(afterKey key: YAMLNodeID) -> Int? {
        var index = Int(document.nodes[Int(key.index)].contentEnd)
        let bytes = document.bytes
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":") ? index + 1 : nil
    }

    /// Offset of the `?` of an explicit key (`? key`) written before `keyStart` on the same line, if any.
    func explicitKeyIndicator(before keyStart: Int) -> Int? {
        var index = keyStart
        let bytes = document.bytes
        while index > 0,
            bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 || bytes[index - 1] == 0x0A
                || bytes[index - 1] == 0x0D
        {
            index -= 1
        }
        guard index > 0 else { return nil }
        if bytes[index - 1] == UInt8(ascii: "?") { return index - 1 }
        // `? # comment` on the line above the key.
        let first = layout.firstNonBlank(inLineStartingAt: layout.lineStart(of: index - 1))
        guard first < keyStart, bytes[first] == UInt8(ascii: "?"), layout.restOfLineIsBlankOrComment(after: first + 1),
            layout.lineStart(of: first) != layout.lineStart(of: keyStart)
        else { return nil }
        return first
    }

    /// Indentation step for new nested content of `collection`'s members: copied from an existing member with a
    /// block collection value; else the collection's own step from its parent; else the file's indentation.
    func childStep(of collection: YAMLNodeID) -> Int {
        let record = document.nodes[Int(collection.index)]
        guard record.childCount > 0 else { return formatting.indentation }
        let isMapping = record.kind == .mapping
        let firstAnchor = Int(document.nodes[Int(document.children[Int(record.payload)])].start)
        let memberColumn = layout.column(
            of: isMapping ? firstAnchor : (layout.dashOffset(beforeItemAt: firstAnchor) ?? firstAnchor))
        let stride = isMapping ? 2 : 1
        var index = Int(record.payload) + stride - 1
        while index < Int(record.payload) + Int(record.childCount) {
            let child = document.nodes[Int(document.children[index])]
            if child.kind == .mapping, child.isBlockCollection, child.childCount > 0 {
                let childStart = Int(document.nodes[Int(document.children[Int(child.payload)])].start)
                if layout.isFirstOnLine(childStart) {
                    let step = layout.column(of: childStart) - memberColumn
                    if step > 0 { return step }
                }
            }
            index += stride
        }
        if record.parent >= 0 {
            let parent = document.nodes[Int(record.parent)]
            if parent.isBlockCollection, parent.childCount > 0, parent.kind == .mapping {
                let parentColumn = layout.column(
                    of: Int(document.nodes[Int(document.children[Int(parent.payload)])].start))
                let step = memberColumn - parentColumn
                if step > 0 { return step }
            }
        }
        return formatting.indentation
    }

    /// Whether the next line that is not blank or a comment after `offset` is a directive (`%YAML`, `%TAG`).
    func followedByDirective(_ offset: Int) -> Bool {
        var next = layout.nextLineStart(after: offset)
        while next < document.bytes.count, layout.isBlankLine(next) || layout.isCommentLine(next) {
            next = layout.nextLineStart(after: next)
        }
        return next < document.bytes.count && document.bytes[next] == UInt8(ascii: "%")
    }

    /// How many collections enclose `node` (0 for a document root).
    func depth(of node: YAMLNodeID) -> Int {
        var depth = 0
        var current = document.nodes[Int(node.index)].parent
        while current >= 0 {
            depth += 1
            current = document.nodes[Int(current)].parent
        }
        return depth
    }
}
