extension YAMLEditor {
    /// Applies every recorded edit and returns the new bytes, verified.
    ///
    /// The new text is parsed again and must read as exactly ``intendedValues()``; otherwise this throws
    /// ``YAMLError/verificationFailed(path:detail:)`` (or ``YAMLError/invalidEdit(path:message:)`` for edits that
    /// cannot be written) and the caller keeps the original bytes. With no edits, returns the original bytes.
    public func apply() throws -> [UInt8] {
        guard hasEdits else { return document.bytes }
        do {
            let output = try splices().apply(to: document.bytes, path: document.path)
            try verify(output)
            return output
        } catch let error as YAMLError {
            // Multi-line strings are written as literal blocks for readability; where the surrounding text makes
            // one read differently, fall back to double quotes once.
            guard allowsBlockScalars else { throw error }
            var plainer = self
            plainer.allowsBlockScalars = false
            guard (try? plainer.splices().apply(to: document.bytes, path: document.path)) != nil else { throw error }
            return try plainer.apply()
        }
    }

    /// Parses `output` and checks that it reads as the intended data.
    func verify(_ output: [UInt8]) throws {
        let reparsed: YAMLDocument
        do {
            reparsed = try YAMLDocument(
                bytes: output, path: document.path, allowsMultipleDocuments: document.roots.count > 1)
        } catch let error as YAMLError {
            throw YAMLError.verificationFailed(path: document.path, detail: "the new text does not parse: \(error)")
        }
        let same: Bool
        if document.roots.isEmpty {
            let intended = intendedValues()
            same =
                intended.count == reparsed.roots.count
                && zip(reparsed.roots, intended).allSatisfy { reparsed.isEqual($0, to: $1) }
        } else {
            same =
                reparsed.roots.count == document.roots.count
                && zip(reparsed.roots, document.roots).allSatisfy { reads($0, in: reparsed, asIntended: $1) }
        }
        guard same else {
            let intended = intendedValues()
            let actual = reparsed.roots.map { reparsed.value(of: $0) }
            let detail = YAMLValueDifference.describe(expected: intended, actual: actual)
            throw YAMLError.verificationFailed(path: document.path, detail: detail)
        }
    }

    /// Whether `node` of `reparsed` reads as the data ``intendedValue(of:)`` gives for `original`, a node of the
    /// edited document, without building that value.
    ///
    /// Untouched leaves compare by their bytes (falling back to their data when the bytes differ); only edited parts
    /// compare against the values the edits carry.
    private func reads(_ node: YAMLNodeID, in reparsed: YAMLDocument, asIntended original: YAMLNodeID) -> Bool {
        if let replacement = replacements[original.index] { return reparsed.isEqual(node, to: replacement) }
        let record = document.nodes[Int(original.index)]
        guard record.kind == .mapping || record.kind == .sequence else {
            if reparsed.hasSameLeafText(node, as: original, in: document) { return true }
            return reparsed.isEqual(node, to: document.value(of: original))
        }
        let other = reparsed.nodes[Int(node.index)]
        guard other.kind == record.kind else { return false }
        let stride = record.kind == .mapping ? 2 : 1
        var position = Int(other.payload)
        let end = position + Int(other.childCount)
        func readsAsInserted(_ insertion: Insertion) -> Bool {
            guard position + stride <= end else { return false }
            let child = { YAMLNodeID(reparsed.children[position + $0]) }
            let same: Bool
            if stride == 2 {
                same =
                    reparsed.isEqual(child(0), to: insertion.key ?? .null)
                    && reparsed.isEqual(child(1), to: insertion.value)
            } else {
                same = reparsed.isEqual(child(0), to: insertion.value)
            }
            position += stride
            return same
        }
        let first = Int(record.payload)
        for index in Swift.stride(from: first, to: first + Int(record.childCount), by: stride) {
            let member = document.children[index]
            for insertion in insertionsBefore[member] ?? [] where !readsAsInserted(insertion) { return false }
            guard !removals.contains(member) else { continue }
            guard position + stride <= end else { return false }
            for offset in 0..<stride {
                let intended = YAMLNodeID(document.children[index + offset])
                guard reads(YAMLNodeID(reparsed.children[position + offset]), in: reparsed, asIntended: intended)
                else { return false }
            }
            position += stride
        }
        for insertion in appends[original.index] ?? [] where !readsAsInserted(insertion) { return false }
        return position == end
    }

    // MARK: - Splices

    func splices() throws -> SpliceList {
        var list = SpliceList()
        if document.roots.isEmpty, let newRoot {
            appendDocumentContent(newRoot, to: &list)
        }
        // Edits inside a replaced node or a removed member are moot: the intended data no longer holds them.
        for node in replacements.keys.sorted() where !isSuperseded(YAMLNodeID(node)) {
            guard let value = replacements[node] else { continue }
            try replacementSplices(YAMLNodeID(node), with: value, into: &list)
        }
        var touched = Set(appends.keys)
        for member in removals.union(insertionsBefore.keys) {
            let parent = document.nodes[Int(member)].parent
            if parent >= 0 { touched.insert(parent) }
        }
        for collection in touched.sorted()
        where replacements[collection] == nil && !isSuperseded(YAMLNodeID(collection)) {
            let node = YAMLNodeID(collection)
            if isInsideKey(node) {
                throw invalid(
                    "cannot add or remove members of a collection used as a key at \(document.position(of: node))")
            }
            if document.collectionStyle(of: node) == .flow {
                try flowMembershipSplices(node, into: &list)
            } else {
                try blockMembershipSplices(node, into: &list)
            }
        }
        alignComments(in: &list)
        return list
    }

    /// Puts the end-of-line comment after each edited one-line flow collection back at its column where the line
    /// allows (at least one space before the `#`).
    ///
    /// The edits on the line before the collection's end add up; a gap with a tab (aligned to a tab stop), or a line
    /// whose edits add or remove line breaks, is left as written.
    private func alignComments(in list: inout SpliceList) {
        for anchor in list.commentAnchors.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let contentEnd = anchor.upperBound
            let lineStart = layout.lineStart(of: contentEnd)
            guard layout.lineStart(of: anchor.lowerBound) == lineStart,
                let comment = layout.trailingComment(after: contentEnd),
                !document.bytes[contentEnd..<comment].contains(0x09)
            else { continue }
            var delta = 0
            var alignable = true
            for splice in list.splices where splice.range.upperBound > lineStart && splice.range.lowerBound < comment {
                let range = splice.range
                if range.lowerBound < lineStart || range.upperBound > contentEnd
                    || splice.text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                {
                    alignable = false
                    break
                }
                delta += splice.text.unicodeScalars.count - layout.width(from: range.lowerBound, to: range.upperBound)
            }
            let gap = comment - contentEnd
            let padding = max(1, gap - delta)
            guard alignable, padding != gap else { continue }
            list.add(contentEnd..<comment, String(repeating: " ", count: padding), rank: .replace)
        }
    }

    /// The outermost flow collection that holds `node` (or is `node`, when `including`), if `node` lies in flow.
    private func outermostFlowCollection(around node: YAMLNodeID, including: Bool) -> YAMLNodeID? {
        var found: YAMLNodeID? = including && document.collectionStyle(of: node) == .flow ? node : nil
        var current = node
        while let parent = document.parent(of: current), document.collectionStyle(of: parent) == .flow {
            found = parent
            current = parent
        }
        return found
    }

    private func appendDocumentContent(_ value: YAMLValue, to list: inout SpliceList) {
        let bytes = document.bytes
        var text = renderer.fileText(for: value)
        if let last = bytes.last, last != 0x0A, last != 0x0D {
            text = formatting.lineBreak + text
            if text.hasSuffix(formatting.lineBreak) { text.removeLast(formatting.lineBreak.count) }
        }
        list.insert(text, at: bytes.count, rank: .append)
    }

    // MARK: Replacing a node

    private func replacementSplices(_ node: YAMLNodeID, with value: YAMLValue, into list: inout SpliceList) throws {
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

    /// A value written into a node that has no text (`key:`, `-`, an empty document): after the `:`, the `-` or the `---` that introduces it.
    ///
    /// Empty nodes elsewhere (flow pairs without `:`, explicit `?` keys) are refused.
    private func emptyNodeSplices(_ node: YAMLNodeID, with value: YAMLValue, into list: inout SpliceList) throws {
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

    /// A literal block scalar in place of a node: the header where the old value started (or after the `:`/`-`), the content lines below.
    ///
    /// An end-of-line comment after the old value moves up to the header's line, so it stays a comment.
    private func literalSplices(
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

    /// Replaces a node's single-line text in place, keeping an end-of-line comment at its column where the line
    /// allows (at least one space before the `#`).
    private func inlineSplice(_ node: YAMLNodeID, text: String, keepProperties: Bool, into list: inout SpliceList)
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

    // MARK: Membership of block collections

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

    private func blockMembershipSplices(_ collection: YAMLNodeID, into list: inout SpliceList) throws {
        let members = try blockMembers(of: collection)
        let isMapping = document.kind(of: collection) == .mapping
        let survivors = members.filter { !removals.contains($0.node) }.count
        let additions =
            members.reduce(0) { $0 + (insertionsBefore[$1.node]?.count ?? 0) } + (appends[collection.index]?.count ?? 0)
        guard let firstMember = members.first, let lastMember = members.last else { return }
        if survivors == 0 && additions == 0 {
            // A block collection cannot be empty: write `{}` or `[]` in its place.
            let empty: YAMLValue = isMapping ? .mapping([], style: .flow) : .sequence([], style: .flow)
            try replacementSplices(collection, with: empty, into: &list)
            return
        }
        let column = firstMember.column
        let step = childStep(of: collection)
        let depth = self.depth(of: collection)
        for (position, member) in members.enumerated() {
            for insertion in insertionsBefore[member.node] ?? [] {
                let rendered = memberText([insertion], column: column, step: step)
                if member.startsLine {
                    let at = insertion.belowLeadingComments ? member.lineStart : member.leadingStart
                    list.insert(wholeLinesText(rendered, at: at), at: at, rank: .insertBefore)
                } else {
                    // `- key: value`: the new entry takes the dash line, the old one moves to the next line.
                    var text = String(rendered.dropFirst(column))
                    text.removeLast()  // the final line break (one `Character`, `\r\n` included)
                    let removedLast = removals.contains(member.node) && position + 1 == members.count
                    let suffix = removedLast ? "" : formatting.lineBreak + String(repeating: " ", count: column)
                    list.insert(text + suffix, at: member.anchorOffset, rank: .insertBefore)
                }
            }
            if removals.contains(member.node) {
                if !member.startsLine, position + 1 < members.count {
                    list.add(member.anchorOffset..<members[position + 1].anchorOffset, "", rank: .replace)
                } else if !member.startsLine {
                    list.add(member.anchorOffset..<member.contentEnd, "", rank: .replace)
                } else {
                    list.add(member.leadingStart..<member.ownedEnd, "", rank: .replace)
                }
            }
        }
        if let appended = appends[collection.index], let lastAppended = appended.last {
            let rendered = memberText(appended, column: column, step: step)
            let at = lastMember.ownedEnd
            list.insert(
                wholeLinesText(rendered, at: at, endsInBlockScalar: endsInBlockScalar(lastAppended.value)), at: at,
                rank: .append, depth: depth)
        }
    }

    /// The text of new members at column `column`, one after the other, every line ended by the file's line break.
    private func memberText(_ insertions: [Insertion], column: Int, step: Int) -> String {
        var output: [UInt8] = []
        for insertion in insertions {
            if let key = insertion.key {
                renderer.writeEntry(key: key, value: insertion.value, indent: column, step: step, into: &output)
            } else {
                renderer.writeItem(insertion.value, indent: column, step: step, into: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Rendered whole lines (each ended by a line break) to insert at a line start; at the end of a file without
    /// a final line break, the break goes first so the file still ends without one.
    private func wholeLinesText(_ text: String, at offset: Int, endsInBlockScalar: Bool = false) -> String {
        guard isEndWithoutFinalBreak(offset) else { return text }
        // A block scalar's value includes its final line break: the file gains one rather than change data.
        return formatting.lineBreak + text.dropLast() + (endsInBlockScalar ? formatting.lineBreak : "")
    }

    /// Whole lines to insert at a line start; at the end of a file without a final line break, the break goes
    /// first so the file still ends without one.
    private func linesText(_ lines: [String], at offset: Int, endsInBlockScalar: Bool = false) -> String {
        let body = lines.joined(separator: formatting.lineBreak)
        if isEndWithoutFinalBreak(offset) {
            // A block scalar's value includes its final line break: the file gains one rather than change data.
            return formatting.lineBreak + body + (endsInBlockScalar ? formatting.lineBreak : "")
        }
        return body + formatting.lineBreak
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

    // MARK: Membership of flow collections

    private func flowMembershipSplices(_ collection: YAMLNodeID, into list: inout SpliceList) throws {
        let record = document.nodes[Int(collection.index)]
        if let flow = outermostFlowCollection(around: collection, including: true) {
            list.keepCommentColumn(after: document.range(of: flow))
        }
        if record.kind == .mapping {
            let firstChildStart =
                record.childCount > 0
                ? document.nodes[Int(document.children[Int(record.payload)])].start : record.contentEnd
            guard let open = openingBracket(of: collection), open < Int(firstChildStart) else {
                throw invalid(
                    "cannot add or remove entries of a flow pair without braces at \(document.position(of: collection))"
                )
            }
        }
        let isMapping = record.kind == .mapping
        let stride = isMapping ? 2 : 1
        let first = Int(record.payload)
        var members: [(node: Int32, start: Int, end: Int)] = []
        var index = first
        while index < first + Int(record.childCount) {
            let anchor = document.children[index]
            let last = document.children[index + stride - 1]
            let keyStart = Int(document.nodes[Int(anchor)].start)
            let start = isMapping ? (explicitKeyIndicator(before: keyStart) ?? keyStart) : keyStart
            members.append((anchor, start, Int(max(document.nodes[Int(last)].contentEnd, Int32(start)))))
            index += stride
        }
        func text(_ insertion: Insertion) -> String {
            guard let key = insertion.key else { return renderer.inlineText(insertion.value) }
            return renderer.keyText(key) + ": "
                + renderer.entryValueText(YAMLMappingEntry(key: key, value: insertion.value))
        }
        let surviving = members.filter { !removals.contains($0.node) }
        var before: [Int32: [Insertion]] = [:]
        var appended: [Insertion] = []
        var carried: [Insertion] = []
        for member in members {
            carried += insertionsBefore[member.node] ?? []
            if !removals.contains(member.node) {
                before[member.node] = carried
                carried = []
            }
        }
        appended = carried + (appends[collection.index] ?? [])

        if surviving.isEmpty {
            let all = appended
            let parentIsBlock = record.parent < 0 || document.nodes[Int(record.parent)].isBlockCollection
            if isMapping && !all.isEmpty && parentIsBlock {
                // `models: {}` becomes a block mapping when filled.
                let entries = all.map { YAMLMappingEntry(key: $0.key ?? .null, value: $0.value) }
                try replacementSplices(collection, with: .mapping(entries, style: .block), into: &list)
                return
            }
            guard let open = openingBracket(of: collection) else {
                throw invalid("cannot find the bracket of the flow collection at \(document.position(of: collection))")
            }
            let close = Int(record.contentEnd) - 1
            list.add(open + 1..<close, all.map(text).joined(separator: ", "), rank: .replace)
            return
        }
        // Removals, in runs of neighbours.
        var position = 0
        while position < members.count {
            guard removals.contains(members[position].node) else {
                position += 1
                continue
            }
            var runEnd = position
            while runEnd + 1 < members.count, removals.contains(members[runEnd + 1].node) { runEnd += 1 }
            if runEnd + 1 < members.count {
                list.add(members[position].start..<members[runEnd + 1].start, "", rank: .replace)
            } else {
                list.add(members[position - 1].end..<members[runEnd].end, "", rank: .replace)
            }
            position = runEnd + 1
        }
        for member in surviving {
            guard let insertions = before[member.node], !insertions.isEmpty else { continue }
            list.insert(insertions.map(text).joined(separator: ", ") + ", ", at: member.start, rank: .insertBefore)
        }
        if !appended.isEmpty, let last = surviving.last {
            list.insert(
                ", " + appended.map(text).joined(separator: ", "), at: last.end, rank: .append,
                depth: depth(of: collection))
        }
    }

    private func openingBracket(of collection: YAMLNodeID) -> Int? {
        let record = document.nodes[Int(collection.index)]
        let bracket = record.kind == .mapping ? UInt8(ascii: "{") : UInt8(ascii: "[")
        var index = Int(record.start)
        while index < Int(record.contentEnd) {
            if document.bytes[index] == bracket { return index }
            index += 1
        }
        return nil
    }

    // MARK: Positions

    /// The key node of the entry whose value is `value`.
    func keyNode(ofValue value: YAMLNodeID) -> YAMLNodeID? {
        document.key(ofValue: value)
    }

    /// Offset just past the `:` that follows a block mapping key.
    private func colonEnd(afterKey key: YAMLNodeID) -> Int? {
        var index = Int(document.nodes[Int(key.index)].contentEnd)
        let bytes = document.bytes
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":") ? index + 1 : nil
    }

    /// Offset of the `?` of an explicit key (`? key`) written before `keyStart` on the same line, if any.
    private func explicitKeyIndicator(before keyStart: Int) -> Int? {
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
    private func followedByDirective(_ offset: Int) -> Bool {
        var next = layout.nextLineStart(after: offset)
        while next < document.bytes.count, layout.isBlankLine(next) || layout.isCommentLine(next) {
            next = layout.nextLineStart(after: next)
        }
        return next < document.bytes.count && document.bytes[next] == UInt8(ascii: "%")
    }

    /// Whether `offset` is the end of a file that has no final line break (text inserted there must not add one,
    /// unless it ends in a block scalar, which needs it).
    func isEndWithoutFinalBreak(_ offset: Int) -> Bool {
        let bytes = document.bytes
        guard offset >= bytes.count, let last = bytes.last else { return false }
        return last != 0x0A && last != 0x0D
    }

    /// Whether `node` lies inside a replaced node or inside a removed entry or item.
    private func isSuperseded(_ node: YAMLNodeID) -> Bool {
        var current = node
        while let parent = document.parent(of: current) {
            if replacements[parent.index] != nil { return true }
            let member = document.kind(of: parent) == .mapping ? (keyNode(ofValue: current) ?? current) : current
            if removals.contains(member.index) { return true }
            current = parent
        }
        return false
    }

    /// Whether `node` is a mapping key or lies inside one.
    private func isInsideKey(_ node: YAMLNodeID) -> Bool {
        var current = node
        while let parent = document.parent(of: current) {
            if document.kind(of: parent) == .mapping, keyNode(ofValue: current) == nil { return true }
            current = parent
        }
        return false
    }

    private func depth(of node: YAMLNodeID) -> Int {
        var depth = 0
        var current = document.nodes[Int(node.index)].parent
        while current >= 0 {
            depth += 1
            current = document.nodes[Int(current)].parent
        }
        return depth
    }

    private func isCollection(_ value: YAMLValue) -> Bool {
        switch value {
        case .mapping, .sequence: return true
        default: return false
        }
    }

    private func isSequence(_ value: YAMLValue) -> Bool {
        if case .sequence = value { return true }
        return false
    }
}
