#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension YAMLDocument {
    /// Whether `node` reads as `value`, comparing as ``YAMLValue/isSemanticallyEqual(to:)`` does (`3 == 3.0`), without
    /// building the node's ``YAMLValue``.
    ///
    /// String scalars compare their bytes; numbers, booleans, nulls and timestamps are resolved; collections compare
    /// element by element. Collection styles never matter.
    public func isSemanticallyEqual(_ node: YAMLNodeID, to value: YAMLValue) -> Bool {
        matches(node, value, strict: false)
    }

    /// Whether `node` reads as exactly `value` (types included: `3` is not `3.0`), without building the node's
    /// ``YAMLValue``; collection styles never matter.
    public func isEqual(_ node: YAMLNodeID, to value: YAMLValue) -> Bool {
        matches(node, value, strict: true)
    }

    /// The data of a plain scalar without properties, resolved from its bytes; `nil` for any other node.
    private func plainScalarValue(_ record: NodeRecord) -> YAMLValue? {
        guard record.kind == .scalar, !record.hasProperties, record.style == YAMLScalarStyle.plain.rawValue else {
            return nil
        }
        let start = Int(record.payload)
        let resolved = scalarArena.withUnsafeBufferPointer { arena in
            ScalarResolver.resolveYAML11(
                bytes: UnsafeBufferPointer(rebasing: arena[start..<start + Int(record.childCount)]))
        }
        return resolved ?? .string(arenaText(record))
    }

    /// Whether scalar or alias `node` and `other` of `otherDocument` surely read as the same data.
    ///
    /// True when both have the same text, the same style class (plain or not) and no properties; `false` says only
    /// that the text alone cannot tell.
    func hasSameLeafText(_ node: YAMLNodeID, as other: YAMLNodeID, in otherDocument: YAMLDocument) -> Bool {
        let record = nodes[Int(node.index)]
        let otherRecord = otherDocument.nodes[Int(other.index)]
        let plain = YAMLScalarStyle.plain.rawValue
        guard record.kind == otherRecord.kind, record.kind == .scalar || record.kind == .alias,
            !record.hasProperties, !otherRecord.hasProperties,
            (record.style == plain) == (otherRecord.style == plain), record.childCount == otherRecord.childCount
        else { return false }
        let length = Int(record.childCount)
        guard length > 0 else { return true }
        return scalarArena.withUnsafeBufferPointer { arena in
            otherDocument.scalarArena.withUnsafeBufferPointer { otherArena in
                guard let left = arena.baseAddress, let right = otherArena.baseAddress else { return false }
                return memcmp(left + Int(record.payload), right + Int(otherRecord.payload), length) == 0
            }
        }
    }

    private func matches(_ node: YAMLNodeID, _ value: YAMLValue, strict: Bool) -> Bool {
        let record = nodes[Int(node.index)]
        switch record.kind {
        case .scalar:
            guard case .string(let text) = value, !record.hasProperties || properties[node.index]?.tag == nil else {
                switch value {
                case .sequence, .mapping, .alias: return false
                default:
                    let local = plainScalarValue(record) ?? self.value(of: node)
                    return strict ? local == value : local.isSemanticallyEqual(to: value)
                }
            }
            if record.style == YAMLScalarStyle.plain.rawValue {
                let start = Int(record.payload)
                let readsAsString = scalarArena.withUnsafeBufferPointer { arena in
                    let slice = UnsafeBufferPointer(rebasing: arena[start..<start + Int(record.childCount)])
                    guard let resolved = ScalarResolver.resolveYAML11(bytes: slice) else { return true }
                    if case .string = resolved { return true }
                    return false
                }
                guard readsAsString else { return false }
            }
            return arenaEquals(record, text)
        case .alias:
            guard case .alias(let name) = value else { return false }
            return arenaEquals(record, name)
        case .sequence:
            guard case .sequence(let items, _) = value, items.count == Int(record.childCount) else { return false }
            let first = Int(record.payload)
            for (offset, item) in items.enumerated()
            where !matches(YAMLNodeID(children[first + offset]), item, strict: strict) {
                return false
            }
            return true
        case .mapping:
            guard case .mapping(let entries, _) = value, entries.count * 2 == Int(record.childCount) else {
                return false
            }
            let first = Int(record.payload)
            for (offset, entry) in entries.enumerated() {
                guard matches(YAMLNodeID(children[first + 2 * offset]), entry.key, strict: strict),
                    matches(YAMLNodeID(children[first + 2 * offset + 1]), entry.value, strict: strict)
                else { return false }
            }
            return true
        }
    }

    /// Calls `body` with the key text and the key and value nodes of each entry of `mapping` whose key is a plain or
    /// quoted scalar, in document order; stops when `body` returns `false`.
    public func forEachStringKeyedEntry(
        of mapping: YAMLNodeID, _ body: (_ key: String, _ keyNode: YAMLNodeID, _ valueNode: YAMLNodeID) -> Bool
    ) {
        let record = nodes[Int(mapping.index)]
        guard record.kind == .mapping else { return }
        let first = Int(record.payload)
        var index = first
        while index < first + Int(record.childCount) {
            let keyRecord = nodes[Int(children[index])]
            if keyRecord.kind == .scalar, !keyRecord.hasProperties {
                let keep = body(arenaText(keyRecord), YAMLNodeID(children[index]), YAMLNodeID(children[index + 1]))
                if !keep { return }
            } else if keyRecord.kind == .scalar, case .string(let key) = value(of: YAMLNodeID(children[index])) {
                // A key with a tag or an anchor (`!!str name`, `&k name`) is matched by what it reads as.
                let keep = body(key, YAMLNodeID(children[index]), YAMLNodeID(children[index + 1]))
                if !keep { return }
            }
            index += 2
        }
    }
}
