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

    /// The splices that write every recorded edit into the original bytes: a new document's content; replaced
    /// nodes in document order; the members added to and removed from each collection; then end-of-line comments
    /// after edited flow collections put back at their columns.
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

    /// Text for a document with no root (``setEmptyDocumentContent(_:)``), appended after what the file holds.
    private func appendDocumentContent(_ value: YAMLValue, to list: inout SpliceList) {
        let bytes = document.bytes
        var text = renderer.fileText(for: value)
        if let last = bytes.last, last != 0x0A, last != 0x0D {
            text = formatting.lineBreak + text
            if text.hasSuffix(formatting.lineBreak) { text.removeLast(formatting.lineBreak.count) }
        }
        list.insert(text, at: bytes.count, rank: .append)
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
}
