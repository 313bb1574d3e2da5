/// One observation's changes of one provider, as the text the store keeps in one row (docs/history.md#storage):
/// a line per change, `model<TAB>key<TAB>old<TAB>new<NEWLINE>`.
///
/// An absent key (a model added or removed) or value is an empty field: a key is never empty, and a value is JSON
/// text, never empty. A backslash, tab or newline inside a field is written `\\`, `\t` or `\n`.
enum ChangeLines {
    /// The lines of `changes`, all of one provider, in their order.
    static func encode(_ changes: ArraySlice<CatalogChange>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(changes.count * 48)
        for change in changes {
            // An empty field reads back as absent: a key is a name and a value JSON text, never empty.
            assert(change.key != "" && change.old != "" && change.new != "", "an empty key or value: \(change)")
            append(change.model, to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.key ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.old ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.new ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The changes of `provider` that `text` lists, in order; a line without four fields (which only a damaged
    /// store could hold) is skipped.
    static func decode(_ text: [UInt8], provider: String, _ each: (CatalogChange) -> Void) {
        forEach(text, provider: provider) { each($0.change) }
    }

    /// Calls `each` with the fields of every line of `text`, read in place (a line written with escapes is given
    /// unescaped, from a buffer of its own).
    static func forEach(_ text: [UInt8], provider: String, _ each: (ChangeFields) -> Void) {
        text.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                // The line's three tabs, then its end.
                var tabs = (0, 0, 0)
                var found = 0
                var escaped = false
                var end = lineStart
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") {
                    switch bytes[end] {
                    case UInt8(ascii: "\t"):
                        switch found {
                        case 0: tabs.0 = end
                        case 1: tabs.1 = end
                        case 2: tabs.2 = end
                        default: break
                        }
                        found += 1
                    case UInt8(ascii: "\\"): escaped = true
                    default: break
                    }
                    end += 1
                }
                if found == 3 {
                    let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                    let tabs = (tabs.0 - lineStart, tabs.1 - lineStart, tabs.2 - lineStart)
                    if escaped {
                        unescapedLine(line, tabs: tabs) { line, tabs in
                            each(ChangeFields(provider: provider, line: line, tabs: tabs))
                        }
                    } else {
                        each(ChangeFields(provider: provider, line: line, tabs: tabs))
                    }
                }
                lineStart = end + 1
            }
        }
    }

    /// Gives `body` the line with each field unescaped, and where its tabs now are.
    private static func unescapedLine(
        _ line: UnsafeBufferPointer<UInt8>, tabs: (Int, Int, Int),
        _ body: (UnsafeBufferPointer<UInt8>, (Int, Int, Int)) -> Void
    ) {
        var fields: [[UInt8]] = []
        for range in [0..<tabs.0, (tabs.0 + 1)..<tabs.1, (tabs.1 + 1)..<tabs.2, (tabs.2 + 1)..<line.count] {
            fields.append(Array(unescaped(UnsafeBufferPointer(rebasing: line[range])).utf8))
        }
        let joined = Array(fields.joined(separator: [UInt8(ascii: "\t")]))
        let first = fields[0].count
        let second = first + 1 + fields[1].count
        let third = second + 1 + fields[2].count
        joined.withUnsafeBufferPointer { body($0, (first, second, third)) }
    }

    private static func append(_ field: String, to bytes: inout [UInt8]) {
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: bytes.append(byte)
            }
        }
    }

    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
                default: result.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// One stored change, its fields read in place from the stored text: valid only during the call that gives it.
public struct ChangeFields {
    public let provider: String
    /// The line: `model<TAB>key<TAB>old<TAB>new`, unescaped.
    private let line: UnsafeBufferPointer<UInt8>
    private let tabs: (Int, Int, Int)

    init(provider: String, line: UnsafeBufferPointer<UInt8>, tabs: (Int, Int, Int)) {
        self.provider = provider
        self.line = line
        self.tabs = tabs
    }

    /// The UTF-8 bytes of the model id; empty for a change of the provider itself.
    public var model: UnsafeBufferPointer<UInt8> { field(0, tabs.0) }
    /// The UTF-8 bytes of the dotted key; `nil` when the model was added or removed.
    public var key: UnsafeBufferPointer<UInt8>? { optionalField(tabs.0 + 1, tabs.1) }
    /// The values' JSON text, as UTF-8.
    public var old: UnsafeBufferPointer<UInt8>? { optionalField(tabs.1 + 1, tabs.2) }
    public var new: UnsafeBufferPointer<UInt8>? { optionalField(tabs.2 + 1, line.count) }

    public var kind: ChangeKind {
        guard let key else { return tabs.2 + 1 < line.count ? .added : .removed }
        return ChangeKind(keyBytes: key)
    }

    /// The change, in strings of its own.
    public var change: CatalogChange {
        CatalogChange(
            provider: provider, model: String(decoding: model, as: UTF8.self),
            key: key.map { String(decoding: $0, as: UTF8.self) }, old: old.map { String(decoding: $0, as: UTF8.self) },
            new: new.map { String(decoding: $0, as: UTF8.self) })
    }

    private func field(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[start..<end])
    }

    private func optionalField(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8>? {
        end > start ? field(start, end) : nil
    }
}

/// One observation's changes of one provider, as the store keeps them: read change by change without a record of
/// each (a report of thousands of changes), or as records.
public struct StoredProviderChanges: Sendable, Equatable {
    public let provider: String
    /// ``ChangeLines`` text, as UTF-8.
    let lines: [UInt8]
    /// The kinds a query selects; every kind when empty.
    let kinds: Set<ChangeKind>

    init(provider: String, lines: [UInt8], kinds: Set<ChangeKind>) {
        self.provider = provider
        self.lines = lines
        self.kinds = kinds
    }

    /// `changes`, all of `provider`, kept as the store keeps them.
    public init(provider: String, changes: [CatalogChange]) {
        self.init(provider: provider, lines: ChangeLines.encode(changes[...]), kinds: [])
    }

    /// Calls `each` with every change, in order.
    public func forEachChange(_ each: (ChangeFields) -> Void) {
        ChangeLines.forEach(lines, provider: provider) { fields in
            if kinds.isEmpty || kinds.contains(fields.kind) { each(fields) }
        }
    }

    /// The changes, as records.
    public var changes: [CatalogChange] {
        var changes: [CatalogChange] = []
        forEachChange { changes.append($0.change) }
        return changes
    }
}
