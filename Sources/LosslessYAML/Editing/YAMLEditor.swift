/// A batch of edits to a ``YAMLDocument`` that changes only the bytes whose data changes.
///
/// Edits are recorded against the original document's nodes and applied together by ``apply()``, which splices new
/// text into the original bytes, parses the result again and checks that it reads as exactly the intended data;
/// otherwise it throws and the caller keeps the original bytes. Comments, blank lines, quoting and indentation
/// outside the edited ranges are untouched.
///
/// Comment ownership (libyaml reports no comments; the editor computes it from the text):
/// - a comment block directly above an entry or item (no blank line between) belongs to it: it goes when the entry
///   is removed, and an entry inserted before it goes above the comments;
/// - comments after an entry that are indented deeper than the entry belong to it;
/// - comments after the last entry at the entries' column are the collection's footer: appended entries go
///   before them;
/// - an end-of-line comment stays on its line, at its column when the line allows.
public struct YAMLEditor {
    /// The document being edited; its bytes are never changed.
    public let document: YAMLDocument
    /// Conventions for new text; detected from the document, and adjustable before ``apply()``.
    public var formatting: YAMLFormatting

    let layout: TextLayout
    var replacements: [Int32: YAMLValue] = [:]
    var removals: Set<Int32> = []
    var insertionsBefore: [Int32: [Insertion]] = [:]
    var appends: [Int32: [Insertion]] = [:]
    var newRoot: YAMLValue?
    /// The keys each mapping will have, kept as entries are inserted and removed (made on the first insert).
    var keyCache: [Int32: Set<YAMLValue>] = [:]
    /// Cleared for a second attempt when a literal block scalar read back differently (blank lines after it).
    var allowsBlockScalars = true

    /// One entry (with a key) or item (without) to insert.
    struct Insertion {
        var key: YAMLValue?
        var value: YAMLValue
        /// Insert between the anchor entry's leading comments and the entry, instead of above the comments.
        var belowLeadingComments: Bool
    }

    public init(document: YAMLDocument) {
        self.document = document
        self.formatting = YAMLFormatting(detectedIn: document)
        self.layout = TextLayout(bytes: document.bytes)
    }

    /// Whether any edit has been recorded.
    public var hasEdits: Bool {
        !replacements.isEmpty || !removals.isEmpty || !insertionsBefore.isEmpty || !appends.isEmpty || newRoot != nil
    }

    // MARK: - Recording edits

    /// Sets a scalar (or alias, or any node) to a scalar value, keeping its quoting style when the new value allows,
    /// its anchor and tag, and its end-of-line comment at the same column where the line allows.
    public mutating func setScalar(_ node: YAMLNodeID, to value: YAMLValue) throws {
        try replace(node, with: value)
    }

    /// Replaces a node's value with a new subtree (written in the file's conventions at the node's place).
    public mutating func replace(_ node: YAMLNodeID, with value: YAMLValue) throws {
        try checkNotKey(node)
        replacements[node.index] = value
        keyCache[node.index] = nil
    }

    /// Inserts `key: value` into `mapping`, before the entry whose key node is `before` (above that entry's leading
    /// comments, or directly above the entry when `belowLeadingComments`), or after the last entry when `before` is
    /// `nil` (before the mapping's footer comments).
    public mutating func insertEntry(
        key: YAMLValue, value: YAMLValue, into mapping: YAMLNodeID, before: YAMLNodeID? = nil,
        belowLeadingComments: Bool = false
    ) throws {
        guard document.kind(of: mapping) == .mapping else { throw invalid("insertEntry target is not a mapping") }
        // Taken out of the cache while it changes, so that the set is not copied on every insertion.
        var keys = keyCache.removeValue(forKey: mapping.index) ?? Set(currentKeys(of: mapping))
        defer { keyCache[mapping.index] = keys }
        guard keys.insert(key).inserted else {
            throw invalid("key '\(renderer.inlineText(key))' is already in the mapping")
        }
        let insertion = Insertion(key: key, value: value, belowLeadingComments: belowLeadingComments)
        if let before {
            guard isMember(before, of: mapping, keys: true) else {
                throw invalid("'before' is not a key of the mapping")
            }
            insertionsBefore[before.index, default: []].append(insertion)
        } else {
            appends[mapping.index, default: []].append(insertion)
        }
    }

    /// Removes the entry whose key node is `key` from `mapping`, with its leading and end-of-line comments and the
    /// comments indented under it.
    public mutating func removeEntry(key: YAMLNodeID, from mapping: YAMLNodeID) throws {
        guard isMember(key, of: mapping, keys: true) else { throw invalid("the key is not an entry of the mapping") }
        removals.insert(key.index)
        keyCache[mapping.index]?.remove(document.value(of: key))
    }

    /// Inserts an item into `sequence` before the item `before`, or after the last item when `before` is `nil`.
    public mutating func insertItem(_ value: YAMLValue, into sequence: YAMLNodeID, before: YAMLNodeID? = nil) throws {
        guard document.kind(of: sequence) == .sequence else { throw invalid("insertItem target is not a sequence") }
        let insertion = Insertion(key: nil, value: value, belowLeadingComments: false)
        if let before {
            guard isMember(before, of: sequence, keys: false) else {
                throw invalid("'before' is not an item of the sequence")
            }
            insertionsBefore[before.index, default: []].append(insertion)
        } else {
            appends[sequence.index, default: []].append(insertion)
        }
    }

    /// Appends an item to `sequence`.
    public mutating func appendItem(_ value: YAMLValue, to sequence: YAMLNodeID) throws {
        try insertItem(value, into: sequence, before: nil)
    }

    /// Removes an item from `sequence`, with its leading comments and the comments indented under it.
    public mutating func removeItem(_ item: YAMLNodeID, from sequence: YAMLNodeID) throws {
        guard isMember(item, of: sequence, keys: false) else {
            throw invalid("the node is not an item of the sequence")
        }
        removals.insert(item.index)
    }

    /// Gives a document with no root (an empty file, or only comments) its content, appended after what is there.
    public mutating func setEmptyDocumentContent(_ value: YAMLValue) throws {
        guard document.roots.isEmpty else { throw invalid("the document already has content; edit its root instead") }
        newRoot = value
    }

    // MARK: - Intended data

    /// The data each document root should read as after the edits.
    public func intendedValues() -> [YAMLValue] {
        if document.roots.isEmpty { return newRoot.map { [$0] } ?? [] }
        return document.roots.map { intendedValue(of: $0) }
    }

    /// The data `node` should read as after the edits.
    public func intendedValue(of node: YAMLNodeID) -> YAMLValue {
        if let replacement = replacements[node.index] { return replacement }
        switch document.kind(of: node) {
        case .mapping:
            var entries: [YAMLMappingEntry] = []
            for (key, value) in document.entries(of: node) {
                for insertion in insertionsBefore[key.index] ?? [] {
                    entries.append(YAMLMappingEntry(key: insertion.key ?? .null, value: insertion.value))
                }
                if !removals.contains(key.index) {
                    entries.append(YAMLMappingEntry(key: intendedValue(of: key), value: intendedValue(of: value)))
                }
            }
            for insertion in appends[node.index] ?? [] {
                entries.append(YAMLMappingEntry(key: insertion.key ?? .null, value: insertion.value))
            }
            return .mapping(entries, style: document.collectionStyle(of: node))
        case .sequence:
            var items: [YAMLValue] = []
            for item in document.items(of: node) {
                items += (insertionsBefore[item.index] ?? []).map(\.value)
                if !removals.contains(item.index) { items.append(intendedValue(of: item)) }
            }
            items += (appends[node.index] ?? []).map(\.value)
            return .sequence(items, style: document.collectionStyle(of: node))
        case .scalar, .alias:
            return document.value(of: node)
        }
    }

    // MARK: - Helpers

    var renderer: YAMLRenderer { YAMLRenderer(formatting: formatting, allowsBlockScalars: allowsBlockScalars) }

    func invalid(_ message: String) -> YAMLError {
        .invalidEdit(path: document.path, message: message)
    }

    private func checkNotKey(_ node: YAMLNodeID) throws {
        guard let parent = document.parent(of: node), document.kind(of: parent) == .mapping else { return }
        if isMember(node, of: parent, keys: true) {
            throw invalid("mapping keys cannot be replaced; remove the entry and insert another")
        }
    }

    private func isMember(_ node: YAMLNodeID, of collection: YAMLNodeID, keys: Bool) -> Bool {
        guard document.parent(of: node) == collection else { return false }
        guard keys else { return true }
        let record = document.nodes[Int(collection.index)]
        let first = Int(record.payload)
        return Swift.stride(from: first, to: first + Int(record.childCount), by: 2).contains {
            document.children[$0] == node.index
        }
    }

    /// The keys `mapping` will have after the edits recorded so far (a replaced mapping's own keys).
    private func currentKeys(of mapping: YAMLNodeID) -> [YAMLValue] {
        if let replacement = replacements[mapping.index] {
            if case .mapping(let entries, _) = replacement { return entries.map(\.key) }
            return []
        }
        var keys: [YAMLValue] = []
        for (key, _) in document.entries(of: mapping) {
            keys += (insertionsBefore[key.index] ?? []).compactMap(\.key)
            if !removals.contains(key.index) { keys.append(document.value(of: key)) }
        }
        return keys + (appends[mapping.index] ?? []).compactMap(\.key)
    }
}
