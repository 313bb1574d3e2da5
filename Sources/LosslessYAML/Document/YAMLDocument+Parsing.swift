internal import CLibYAML
import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension YAMLDocument {
    /// Parses `bytes` with libyaml and indexes every node.
    ///
    /// - Parameters:
    ///   - path: the file name for messages (`config/models/openai.yml`).
    ///   - allowsMultipleDocuments: when `false` (the default), a second document is an error.
    /// - Throws: ``YAMLError`` for syntax errors, duplicate keys, a second document, tab indentation, nesting deeper
    ///   than ``YAMLLimits/maximumDepth``, keys longer than ``YAMLLimits/maximumKeyLength``, input over
    ///   ``YAMLLimits/maximumInputBytes`` and UTF-16/32 input.
    public init(bytes: [UInt8], path: String = "<input>", allowsMultipleDocuments: Bool = false) throws {
        guard bytes.count <= YAMLLimits.maximumInputBytes else {
            throw YAMLError.inputTooLarge(path: path, size: bytes.count, limit: YAMLLimits.maximumInputBytes)
        }
        if let encoding = Self.nonUTF8Encoding(bytes) {
            throw YAMLError.unsupportedEncoding(path: path, encoding: encoding)
        }
        var builder = DocumentBuilder(path: path, bytes: bytes, allowsMultipleDocuments: allowsMultipleDocuments)
        try bytes.withUnsafeBufferPointer { buffer in try builder.parse(buffer) }
        self.init(
            path: path, bytes: bytes, roots: builder.roots, nodes: builder.nodes, children: builder.children,
            scalarArena: builder.scalarArena, properties: builder.properties,
            documentContentStarts: builder.documentContentStarts
        )
    }

    /// Parses UTF-8 text; see ``init(bytes:path:allowsMultipleDocuments:)``.
    public init(text: String, path: String = "<input>", allowsMultipleDocuments: Bool = false) throws {
        try self.init(bytes: Array(text.utf8), path: path, allowsMultipleDocuments: allowsMultipleDocuments)
    }

    private static func nonUTF8Encoding(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFE && bytes[1] == 0xFF { return "UTF-16 (big-endian)" }
        if bytes[0] == 0xFF && bytes[1] == 0xFE { return "UTF-16 (little-endian)" }
        if bytes[0] == 0 && bytes[1] != 0 { return "UTF-16 (big-endian)" }
        if bytes[0] != 0 && bytes[1] == 0 { return "UTF-16 (little-endian)" }
        if bytes[0] == 0 && bytes[1] == 0 { return "UTF-32" }
        return nil
    }
}

/// A key for duplicate detection: the bytes of a key that reads as a string, or the value of any other key.
private enum KeyIdentity: Hashable {
    case text(ArenaBytes)
    case value(YAMLValue)
}

/// A view of bytes in the scalar arena, compared and hashed by content; valid while the arena is borrowed.
private struct ArenaBytes: Hashable {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func == (lhs: ArenaBytes, rhs: ArenaBytes) -> Bool {
        guard lhs.bytes.count == rhs.bytes.count else { return false }
        guard let left = lhs.bytes.baseAddress, let right = rhs.bytes.baseAddress else { return true }
        return memcmp(left, right, lhs.bytes.count) == 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
}

/// Builds the flat node index from libyaml's event stream.
private struct DocumentBuilder {
    let path: String
    let bytes: [UInt8]
    let allowsMultipleDocuments: Bool

    var roots: [YAMLNodeID] = []
    var nodes: [NodeRecord] = []
    var children: [Int32] = []
    var scalarArena: [UInt8] = []
    var properties: [Int32: NodeProperties] = [:]
    var documentContentStarts: [Int32] = []

    /// Open collections, innermost last.
    private var openCollections: [Int32] = []
    /// Children of open collections, each collection's run starting at its entry in `pendingStarts`.
    private var pendingChildren: [Int32] = []
    private var pendingStarts: [Int] = []
    private var lastTextEnd: Int32 = 0
    /// The node each anchor name was last given to in the current document: an alias stands for it.
    private var anchoredNodes: [String: Int32] = [:]
    /// For each alias node, the anchored node it stands for.
    private var aliasTargets: [Int32: Int32] = [:]

    init(path: String, bytes: [UInt8], allowsMultipleDocuments: Bool) {
        self.path = path
        self.bytes = bytes
        self.allowsMultipleDocuments = allowsMultipleDocuments
        let estimate = bytes.count / 12
        nodes.reserveCapacity(estimate)
        children.reserveCapacity(estimate)
        scalarArena.reserveCapacity(bytes.count)
    }

    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        let byteOrderMarkLength =
            buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
        var marks = MarkConverter(bytes: buffer, byteOrderMarkLength: byteOrderMarkLength)
        let parser = LibYAMLParser(buffer: buffer)
        while true {
            guard parser.next() else { throw syntaxError(parser.failure, marks: &marks) }
            let event = parser.current.pointee
            let start = Int32(marks.byteOffset(ofCharacterIndex: Int(event.start_mark.index)))
            let end = Int32(marks.byteOffset(ofCharacterIndex: Int(event.end_mark.index)))
            switch event.type {
            case .streamEnd:
                return
            case .documentStart:
                if !roots.isEmpty && !allowsMultipleDocuments {
                    throw YAMLError.multipleDocuments(
                        Diagnostic(
                            path: path, bytes: bytes, offset: Int(start),
                            message: "several documents in one file; expected exactly one"))
                }
                documentContentStarts.append(end)
                anchoredNodes = [:]
                // An implicit document starts at its first token, after any leading comments: keep the bound
                // where the previous text ended so those comments can still be found.
                if end > start { lastTextEnd = end }
            case .documentEnd:
                if end > start { lastTextEnd = end }
            case .scalar:
                let scalar = event.data.scalar
                let length = Int(scalar.length)
                let arenaOffset = Int32(scalarArena.count)
                if length > 0, let value = scalar.value {
                    scalarArena.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
                }
                let style: YAMLScalarStyle
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                var nodeStart = start
                var contentEnd = end
                var nodeEnd = end
                if style == .literal || style == .folded {
                    while contentEnd > start, Self.isBlank(buffer[Int(contentEnd) - 1]) { contentEnd -= 1 }
                } else if style == .plain && scalar.length == 0 {
                    // An empty node: libyaml may place it at the next token, lines later. It ends after its
                    // properties, or else right after the text before it (the `:`, `-` or `?` that introduced it).
                    if scalar.anchor != nil || scalar.tag != nil {
                        contentEnd = Self.endOfProperties(buffer, from: start, limit: end)
                    } else {
                        contentEnd = Self.endOfTextBefore(buffer, offset: start, lowerBound: lastTextEnd)
                        nodeStart = contentEnd
                    }
                    nodeEnd = contentEnd
                }
                if length > YAMLLimits.maximumKeyLength, isKeyPosition {
                    try checkKeyLength(offset: Int(arenaOffset), length: length, at: start)
                }
                let index = addNode(
                    kind: .scalar, style: style.rawValue, start: nodeStart, end: nodeEnd, contentEnd: contentEnd,
                    payload: arenaOffset, length: Int32(length), anchor: scalar.anchor, tag: scalar.tag)
                completeNode(index)
                lastTextEnd = max(lastTextEnd, nodeEnd)
            case .alias:
                let arenaOffset = Int32(scalarArena.count)
                var length = 0
                if let name = event.data.alias.anchor {
                    length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
                    scalarArena.append(contentsOf: UnsafeBufferPointer(start: name, count: length))
                }
                let name = String(decoding: scalarArena[Int(arenaOffset)...], as: UTF8.self)
                guard let target = anchoredNodes[name] else {
                    throw YAMLError.undefinedAlias(
                        Diagnostic(
                            path: path, bytes: bytes, offset: Int(start),
                            message: "alias '*\(name)' refers to no anchor: no '&\(name)' comes before it"))
                }
                let index = addNode(
                    kind: .alias, style: 0, start: start, end: end, contentEnd: end,
                    payload: arenaOffset, length: Int32(length), anchor: nil, tag: nil)
                aliasTargets[index] = target
                completeNode(index)
                lastTextEnd = end
            case .sequenceStart, .mappingStart:
                let isMapping = event.type == .mappingStart
                if openCollections.count >= YAMLLimits.maximumDepth {
                    throw YAMLError.nestingTooDeep(
                        Diagnostic(
                            path: path, bytes: bytes, offset: Int(start),
                            message: "collections nested deeper than \(YAMLLimits.maximumDepth) levels"))
                }
                let style: YAMLCollectionStyle
                let anchor: UnsafeMutablePointer<yaml_char_t>?
                let tag: UnsafeMutablePointer<yaml_char_t>?
                if isMapping {
                    style = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block
                    anchor = event.data.mapping_start.anchor
                    tag = event.data.mapping_start.tag
                } else {
                    style = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block
                    anchor = event.data.sequence_start.anchor
                    tag = event.data.sequence_start.tag
                }
                let index = addNode(
                    kind: isMapping ? .mapping : .sequence, style: style.recordStyle, start: start, end: end,
                    contentEnd: end, payload: 0, length: 0, anchor: anchor, tag: tag)
                openCollections.append(index)
                pendingStarts.append(pendingChildren.count)
            case .sequenceEnd, .mappingEnd:
                guard let index = openCollections.popLast(), let runStart = pendingStarts.popLast() else { continue }
                let first = Int32(children.count)
                children.append(contentsOf: pendingChildren[runStart...])
                let count = Int32(pendingChildren.count - runStart)
                pendingChildren.removeSubrange(runStart...)
                nodes[Int(index)].payload = first
                nodes[Int(index)].childCount = count
                nodes[Int(index)].end = end
                if nodes[Int(index)].isFlowCollection {
                    nodes[Int(index)].contentEnd = end
                    lastTextEnd = end
                } else if count > 0 {
                    nodes[Int(index)].contentEnd = nodes[Int(children[Int(first + count - 1)])].contentEnd
                } else {
                    nodes[Int(index)].contentEnd = nodes[Int(index)].start
                }
                if event.type == .mappingEnd {
                    try checkDuplicateKeys(first: Int(first), count: Int(count))
                }
                completeNode(index)
            default:
                continue
            }
        }
    }

    /// Whether the next node completed is a mapping key.
    private var isKeyPosition: Bool {
        guard let open = openCollections.last, nodes[Int(open)].kind == .mapping, let runStart = pendingStarts.last
        else { return false }
        return (pendingChildren.count - runStart) % 2 == 0
    }

    private mutating func addNode(
        kind: YAMLNodeKind, style: UInt8, start: Int32, end: Int32, contentEnd: Int32, payload: Int32, length: Int32,
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?
    ) -> Int32 {
        let index = Int32(nodes.count)
        let hasProperties = anchor != nil || tag != nil
        if hasProperties {
            let name = anchor.map { String(cString: $0) }
            properties[index] = NodeProperties(anchor: name, tag: tag.map { String(cString: $0) })
            if let name { anchoredNodes[name] = index }
        }
        nodes.append(
            NodeRecord(
                kind: kind, style: style, hasProperties: hasProperties, start: start, end: end,
                contentEnd: contentEnd, precedingEnd: lastTextEnd, parent: openCollections.last ?? -1,
                payload: payload, childCount: length))
        if openCollections.isEmpty { roots.append(YAMLNodeID(index)) }
        return index
    }

    private mutating func completeNode(_ index: Int32) {
        if !openCollections.isEmpty { pendingChildren.append(index) }
    }

    private func checkKeyLength(offset: Int, length: Int, at start: Int32) throws {
        let characters = scalarArena[offset..<offset + length].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        guard characters > YAMLLimits.maximumKeyLength else { return }
        throw YAMLError.keyTooLong(
            Diagnostic(
                path: path, bytes: bytes, offset: Int(start),
                message: "key is \(characters) characters long, longer than the limit of \(YAMLLimits.maximumKeyLength)"
            ))
    }

    /// Reports the second occurrence of a key in the mapping whose children are `children[first..<first+count]`.
    ///
    /// Keys are compared by the data they read as. Most keys read as strings: those are compared by their bytes;
    /// the rest (`1`, `true`, `~`, collections, aliases) as ``YAMLValue``s.
    private func checkDuplicateKeys(first: Int, count: Int) throws {
        let entryCount = count / 2
        guard entryCount > 1 else { return }
        try scalarArena.withUnsafeBufferPointer { arena in
            let identities = (0..<entryCount).map { keyIdentity(children[first + 2 * $0], arena: arena) }
            if entryCount <= 16 {
                for later in 1..<entryCount {
                    for earlier in 0..<later where identities[earlier] == identities[later] {
                        throw duplicateKey(children[first + 2 * later])
                    }
                }
            } else {
                var seen = Set<KeyIdentity>(minimumCapacity: entryCount)
                for (offset, identity) in identities.enumerated() where !seen.insert(identity).inserted {
                    throw duplicateKey(children[first + 2 * offset])
                }
            }
        }
    }

    /// What a key reads as, cheaply: the bytes of a string key, or the value of any other key; an alias reads as
    /// the node it stands for.
    private func keyIdentity(_ key: Int32, arena: UnsafeBufferPointer<UInt8>) -> KeyIdentity {
        if let target = aliasTargets[key] { return keyIdentity(target, arena: arena) }
        let record = nodes[Int(key)]
        switch record.kind {
        case .scalar:
            let start = Int(record.payload)
            let slice = UnsafeBufferPointer(rebasing: arena[start..<start + Int(record.childCount)])
            if record.hasProperties, let tag = properties[key]?.tag {
                let text = String(decoding: slice, as: UTF8.self)
                let value = ScalarResolver.resolve(text, tag: tag)
                if case .string = value { return .text(ArenaBytes(slice)) }
                return .value(value)
            }
            if record.style == YAMLScalarStyle.plain.rawValue, let value = ScalarResolver.resolveYAML11(bytes: slice) {
                if case .string = value { return .text(ArenaBytes(slice)) }
                return .value(value)
            }
            return .text(ArenaBytes(slice))
        case .alias:
            let start = Int(record.payload)
            return .value(.alias(String(decoding: arena[start..<start + Int(record.childCount)], as: UTF8.self)))
        case .mapping, .sequence:
            return .value(
                .sequence([.string(String(decoding: bytes[Int(record.start)..<Int(record.end)], as: UTF8.self))]))
        }
    }

    private func duplicateKey(_ key: Int32) -> YAMLError {
        let record = nodes[Int(key)]
        let name =
            record.kind == .scalar
            ? String(
                decoding: scalarArena[Int(record.payload)..<Int(record.payload + record.childCount)], as: UTF8.self)
            : String(decoding: bytes[Int(record.start)..<Int(record.contentEnd)], as: UTF8.self)
        return .duplicateKey(
            Diagnostic(path: path, bytes: bytes, offset: Int(record.start), message: "duplicate key '\(name)'"))
    }

    private func syntaxError(
        _ failure: (problem: String, index: Int, line: Int, column: Int, context: String?, contextLine: Int),
        marks: inout MarkConverter
    ) -> YAMLError {
        let offset = marks.byteOffset(ofCharacterIndex: failure.index)
        // A tab in a line's indentation is the most common cause of libyaml's errors in hand-edited files.
        var lineStart = min(offset, bytes.count)
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        var cursor = lineStart
        var sawTab = false
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 {
            if bytes[cursor] == 0x09 { sawTab = true }
            cursor += 1
        }
        if sawTab && cursor >= offset {
            return .tabIndentation(
                Diagnostic(
                    path: path, bytes: bytes, offset: offset,
                    message: "tab character used for indentation; indent with spaces"))
        }
        var message = failure.problem
        if let context = failure.context {
            message += " (\(context) at line \(failure.contextLine + 1))"
        }
        return .syntax(Diagnostic(path: path, bytes: bytes, offset: offset, message: DiagnosticText(message)))
    }

    /// End of the anchor and tag tokens (`&a !t`) written at `start`, or `start` when there are none.
    private static func endOfProperties(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int32, limit: Int32) -> Int32
    {
        var index = Int(start)
        var end = index
        while index < Int(limit), buffer[index] == UInt8(ascii: "&") || buffer[index] == UInt8(ascii: "!") {
            while index < Int(limit), !isBlank(buffer[index]) { index += 1 }
            end = index
            while index < Int(limit), isBlank(buffer[index]) { index += 1 }
        }
        return Int32(end)
    }

    /// Offset just past the last non-blank, non-comment byte before `offset`, never below `lowerBound`.
    private static func endOfTextBefore(_ buffer: UnsafeBufferPointer<UInt8>, offset: Int32, lowerBound: Int32) -> Int32
    {
        var index = Int(offset)
        let floor = Int(lowerBound)
        while index > floor {
            while index > floor, isBlank(buffer[index - 1]) { index -= 1 }
            guard index > floor else { break }
            var lineStart = index - 1
            while lineStart > 0, buffer[lineStart - 1] != 0x0A, buffer[lineStart - 1] != 0x0D { lineStart -= 1 }
            var cursor = max(lineStart, floor)
            var comment: Int?
            while cursor < index {
                if buffer[cursor] == UInt8(ascii: "#"), cursor == lineStart || isBlank(buffer[cursor - 1]) {
                    comment = cursor
                    break
                }
                cursor += 1
            }
            guard let comment else { break }
            index = comment
        }
        return Int32(max(index, floor))
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
