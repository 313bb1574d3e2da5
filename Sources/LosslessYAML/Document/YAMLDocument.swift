import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A YAML file parsed by libyaml, with its original bytes and an index of every node's exact source range.
///
/// The document never re-serialises: it answers questions about the text (where each node is, how it is written,
/// what data it stands for) so that ``YAMLEditor`` can splice new bytes into the old ones. Offsets are UTF-8 byte
/// offsets into ``bytes`` (a byte-order mark included).
public struct YAMLDocument: Sendable {
    /// The file name used in messages, as the caller gave it.
    public let path: String
    /// The original bytes, untouched.
    public let bytes: [UInt8]
    /// The root node of each document in the stream (empty for a stream with no document).
    public let roots: [YAMLNodeID]

    var nodes: [NodeRecord]
    var children: [Int32]
    /// The UTF-8 bytes of every scalar's value (after unescaping and folding) and alias name, back to back; strings
    /// are made from them only when asked for.
    var scalarArena: [UInt8]
    var properties: [Int32: NodeProperties]
    /// Per document: byte offset just past its start (after `---` when written).
    let documentContentStarts: [Int32]

    /// The root node of the first document, or `nil` for an empty stream.
    public var root: YAMLNodeID? { roots.first }

    /// Number of nodes in the document (every scalar, collection and alias).
    public var nodeCount: Int { nodes.count }

    init(
        path: String, bytes: [UInt8], roots: [YAMLNodeID], nodes: [NodeRecord], children: [Int32],
        scalarArena: [UInt8], properties: [Int32: NodeProperties], documentContentStarts: [Int32]
    ) {
        self.path = path
        self.bytes = bytes
        self.roots = roots
        self.nodes = nodes
        self.children = children
        self.scalarArena = scalarArena
        self.properties = properties
        self.documentContentStarts = documentContentStarts
    }
}

// MARK: - Reading nodes

extension YAMLDocument {
    /// What the node is.
    public func kind(of node: YAMLNodeID) -> YAMLNodeKind { nodes[Int(node.index)].kind }

    /// The parent collection, or `nil` for a document root.
    public func parent(of node: YAMLNodeID) -> YAMLNodeID? {
        let parent = nodes[Int(node.index)].parent
        return parent < 0 ? nil : YAMLNodeID(parent)
    }

    /// The scalar's value after unescaping and folding (always a string; see ``value(of:)`` for its type).
    public func scalarText(of node: YAMLNodeID) -> String? {
        let record = nodes[Int(node.index)]
        return record.kind == .scalar ? arenaText(record) : nil
    }

    /// How the scalar is written, or `nil` when the node is not a scalar.
    public func scalarStyle(of node: YAMLNodeID) -> YAMLScalarStyle? {
        let record = nodes[Int(node.index)]
        return record.kind == .scalar ? YAMLScalarStyle(rawValue: record.style) : nil
    }

    /// Whether the collection is written in block or flow style, or `nil` when the node is not a collection.
    public func collectionStyle(of node: YAMLNodeID) -> YAMLCollectionStyle? {
        nodes[Int(node.index)].collectionStyle
    }

    /// The node's anchor (`&name`), if written.
    public func anchor(of node: YAMLNodeID) -> String? {
        nodes[Int(node.index)].hasProperties ? properties[node.index]?.anchor : nil
    }

    /// The node's tag in full form (`!!str` is `tag:yaml.org,2002:str`), if written.
    public func tag(of node: YAMLNodeID) -> String? {
        nodes[Int(node.index)].hasProperties ? properties[node.index]?.tag : nil
    }

    /// The anchor name an alias refers to, or `nil` when the node is not an alias.
    public func aliasTarget(of node: YAMLNodeID) -> String? {
        let record = nodes[Int(node.index)]
        return record.kind == .alias ? arenaText(record) : nil
    }

    /// Every node of the document, in document order (a collection before its children).
    public var allNodes: [YAMLNodeID] { (0..<nodes.count).map { YAMLNodeID($0) } }

    /// The anchor names that aliases in the document refer to.
    public var aliasTargets: Set<String> {
        var names = Set<String>()
        for record in nodes where record.kind == .alias { names.insert(arenaText(record)) }
        return names
    }

    /// The key node of the mapping entry whose value is `value`, or `nil` when `value` is not a mapping value.
    public func key(ofValue value: YAMLNodeID) -> YAMLNodeID? {
        guard let parent = parent(of: value) else { return nil }
        let record = nodes[Int(parent.index)]
        guard record.kind == .mapping else { return nil }
        let first = Int(record.payload)
        var index = first + 1
        while index < first + Int(record.childCount) {
            if children[index] == value.index { return YAMLNodeID(children[index - 1]) }
            index += 2
        }
        return nil
    }

    /// The child nodes of a collection in document order (a mapping's are key, value, key, value, …).
    public func children(of node: YAMLNodeID) -> [YAMLNodeID] {
        let record = nodes[Int(node.index)]
        guard record.kind == .mapping || record.kind == .sequence else { return [] }
        let start = Int(record.payload)
        return (start..<start + Int(record.childCount)).map { YAMLNodeID(children[$0]) }
    }

    /// Number of entries of a mapping or items of a sequence (0 for scalars and aliases).
    public func count(of node: YAMLNodeID) -> Int {
        let record = nodes[Int(node.index)]
        switch record.kind {
        case .mapping: return Int(record.childCount) / 2
        case .sequence: return Int(record.childCount)
        case .scalar, .alias: return 0
        }
    }

    /// The key and value nodes of a mapping's entries, in document order.
    public func entries(of mapping: YAMLNodeID) -> [(key: YAMLNodeID, value: YAMLNodeID)] {
        let record = nodes[Int(mapping.index)]
        guard record.kind == .mapping else { return [] }
        let start = Int(record.payload)
        return stride(from: start, to: start + Int(record.childCount), by: 2).map {
            (YAMLNodeID(children[$0]), YAMLNodeID(children[$0 + 1]))
        }
    }

    /// The items of a sequence, in document order.
    public func items(of sequence: YAMLNodeID) -> [YAMLNodeID] {
        nodes[Int(sequence.index)].kind == .sequence ? children(of: sequence) : []
    }

    /// The entry of `mapping` whose key is a scalar that reads as the string `key`.
    public func entry(forKey key: String, in mapping: YAMLNodeID) -> (key: YAMLNodeID, value: YAMLNodeID)? {
        let record = nodes[Int(mapping.index)]
        guard record.kind == .mapping else { return nil }
        let start = Int(record.payload)
        var index = start
        while index < start + Int(record.childCount) {
            let keyIndex = children[index]
            let keyRecord = nodes[Int(keyIndex)]
            if keyRecord.kind == .scalar, arenaEquals(keyRecord, key),
                keyReadsAsString(YAMLNodeID(keyIndex))
            {
                return (YAMLNodeID(keyIndex), YAMLNodeID(children[index + 1]))
            }
            index += 2
        }
        return nil
    }

    /// The value node for a string key in `mapping`.
    public func value(forKey key: String, in mapping: YAMLNodeID) -> YAMLNodeID? {
        entry(forKey: key, in: mapping)?.value
    }

    /// The value bytes of a scalar or alias record as a string.
    func arenaText(_ record: NodeRecord) -> String {
        let start = Int(record.payload)
        return String(decoding: scalarArena[start..<start + Int(record.childCount)], as: UTF8.self)
    }

    /// Whether a scalar record's value bytes equal `text`.
    func arenaEquals(_ record: NodeRecord, _ text: String) -> Bool {
        let start = Int(record.payload)
        let length = Int(record.childCount)
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == length else { return false }
            return scalarArena.withUnsafeBufferPointer { arena in
                guard length > 0, let left = utf8.baseAddress, let right = arena.baseAddress else { return true }
                return memcmp(left, right + start, length) == 0
            }
        }
    }

    private func keyReadsAsString(_ key: YAMLNodeID) -> Bool {
        if case .string = value(of: key) { return true }
        return false
    }

    /// The node's source text range: from its first byte (anchor and tag included) to just past its last non-blank byte.
    ///
    /// UTF-8 byte offsets.
    public func range(of node: YAMLNodeID) -> Range<Int> {
        let record = nodes[Int(node.index)]
        return Int(record.start)..<Int(max(record.start, record.contentEnd))
    }

    /// The node's start as line, column and byte offset.
    public func position(of node: YAMLNodeID) -> SourcePosition {
        position(ofOffset: Int(nodes[Int(node.index)].start))
    }

    /// Line, column (Unicode scalars) and byte offset of a byte offset in this document.
    public func position(ofOffset offset: Int) -> SourcePosition {
        Diagnostic.locate(offset: offset, in: bytes).position
    }

    /// A compiler-style diagnostic at a node, for callers that report problems with the file's content.
    public func diagnostic(at node: YAMLNodeID, _ message: DiagnosticText) -> Diagnostic {
        Diagnostic(path: path, bytes: bytes, offset: Int(nodes[Int(node.index)].start), message: message)
    }

    /// The text of the document exactly as given.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
