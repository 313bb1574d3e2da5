extension YAMLDocument {
    /// The data the node stands for, as a YAML 1.1 reader (PyYAML) reads it; aliases are not expanded.
    ///
    /// Plain scalars are resolved by ``ScalarResolver/resolveYAML11(_:)``; quoted and block scalars are strings;
    /// the standard tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!timestamp` are honoured, any other tag
    /// leaves a scalar a string. Merge keys (`<<`) are ordinary entries.
    public func value(of node: YAMLNodeID) -> YAMLValue {
        let record = nodes[Int(node.index)]
        switch record.kind {
        case .scalar:
            let text = arenaText(record)
            if record.hasProperties, let tag = properties[node.index]?.tag {
                return ScalarResolver.resolve(text, tag: tag)
            }
            guard record.style == YAMLScalarStyle.plain.rawValue else { return .string(text) }
            return ScalarResolver.resolveYAML11(text)
        case .alias:
            return .alias(arenaText(record))
        case .sequence:
            let start = Int(record.payload)
            let items = (start..<start + Int(record.childCount)).map { value(of: YAMLNodeID(children[$0])) }
            return .sequence(items, style: record.collectionStyle)
        case .mapping:
            let start = Int(record.payload)
            let entries = stride(from: start, to: start + Int(record.childCount), by: 2).map {
                YAMLMappingEntry(
                    key: value(of: YAMLNodeID(children[$0])), value: value(of: YAMLNodeID(children[$0 + 1])))
            }
            return .mapping(entries, style: record.collectionStyle)
        }
    }

    /// The data of the first document's root, or `nil` for an empty stream.
    public var rootValue: YAMLValue? { root.map { value(of: $0) } }
}
