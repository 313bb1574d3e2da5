/// A handle to one node of a ``YAMLDocument``; valid only with the document that produced it.
public struct YAMLNodeID: Hashable, Comparable, Sendable {
    let index: Int32

    init(_ index: Int32) { self.index = index }
    init(_ index: Int) { self.index = Int32(index) }

    public static func < (lhs: YAMLNodeID, rhs: YAMLNodeID) -> Bool { lhs.index < rhs.index }
}

/// What a node is.
public enum YAMLNodeKind: UInt8, Sendable {
    case scalar
    case sequence
    case mapping
    /// `*name`: a reference to an anchored node, never expanded.
    case alias
}

/// How a scalar is written.
public enum YAMLScalarStyle: UInt8, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    /// `|` block scalar.
    case literal
    /// `>` block scalar.
    case folded
}

/// One parsed node, stored flat.
///
/// Offsets are UTF-8 byte offsets into the document's bytes.
struct NodeRecord {
    var kind: YAMLNodeKind
    /// Scalar: ``YAMLScalarStyle`` raw value.
    ///
    /// Collection: ``YAMLCollectionStyle/recordStyle`` (0 block, 1 flow); read it through ``collectionStyle``.
    var style: UInt8
    /// Whether the node has an anchor or tag (stored in the document's property table).
    var hasProperties: Bool
    /// Start of the node's text, including its anchor and tag.
    var start: Int32
    /// End as libyaml reports it; for a block collection this lies past trailing comments and blank lines.
    var end: Int32
    /// End of the node's own text: just past its last non-blank character (a block collection ends with its last
    /// child; a block scalar before its trailing blank lines).
    var contentEnd: Int32
    /// End of the nearest text before this node (previous scalar, alias, flow end or document start), the bound for
    /// looking upwards for comments that belong to the node.
    var precedingEnd: Int32
    var parent: Int32
    /// Collections: first index into the document's `children` array.
    ///
    /// Scalars and aliases: offset of the value (an alias's anchor name) in the document's `scalarArena`.
    var payload: Int32
    /// Collections: number of child nodes (a mapping has two per entry: key, value).
    ///
    /// Scalars and aliases: length of the value in bytes.
    var childCount: Int32
}

extension NodeRecord {
    /// How the collection is written, read from `style`; `nil` for scalars and aliases, whose `style` is a
    /// ``YAMLScalarStyle`` raw value (or unused).
    var collectionStyle: YAMLCollectionStyle? {
        switch kind {
        case .mapping, .sequence: return style == YAMLCollectionStyle.flow.recordStyle ? .flow : .block
        case .scalar, .alias: return nil
        }
    }

    /// Whether the node is a flow collection (`[a, b]`, `{a: 1}`).
    var isFlowCollection: Bool { collectionStyle == .flow }

    /// Whether the node is a block collection (indented entries or `-` items).
    var isBlockCollection: Bool { collectionStyle == .block }
}

extension YAMLCollectionStyle {
    /// The value a collection's ``NodeRecord/style`` stores for this style.
    var recordStyle: UInt8 {
        switch self {
        case .block: return 0
        case .flow: return 1
        }
    }
}

/// Anchor and tag of a node, as written (the tag resolved to its full form by libyaml).
struct NodeProperties: Sendable {
    var anchor: String?
    var tag: String?
}
