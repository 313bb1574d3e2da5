/// One observation's changes of one provider, as the text the store keeps in one row (docs/history.md#storage):
/// a line per change, `model<TAB>key<TAB>old<TAB>new<NEWLINE>`.
///
/// An absent key (a model added or removed) or value is an empty field: a key is never empty, and a value is JSON
/// text, never empty. A backslash, tab or newline inside a field is written `\\`, `\t` or `\n`.
enum ChangeLines {
    /// The lines of `changes`, all of one provider, in their order.
    static func encode(_ changes: ArraySlice<CatalogChange>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(changes.count * 48)
        for change in changes {
            append(change.model, to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.key ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.old ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            append(change.new ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The changes of `provider` that `text` lists, in order; a line without four fields (which only a damaged
    /// store could hold) is skipped.
    static func decode(_ text: String, provider: String, _ each: (CatalogChange) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                // The line's three tabs, then its end.
                var tabs = (0, 0, 0)
                var found = 0
                var end = lineStart
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") {
                    if bytes[end] == UInt8(ascii: "\t") {
                        switch found {
                        case 0: tabs.0 = end
                        case 1: tabs.1 = end
                        case 2: tabs.2 = end
                        default: break
                        }
                        found += 1
                    }
                    end += 1
                }
                if found == 3 {
                    let key = field(bytes, lineStart: tabs.0 + 1, end: tabs.1)
                    let old = field(bytes, lineStart: tabs.1 + 1, end: tabs.2)
                    let new = field(bytes, lineStart: tabs.2 + 1, end: end)
                    each(
                        CatalogChange(
                            provider: provider, model: field(bytes, lineStart: lineStart, end: tabs.0),
                            key: key.isEmpty ? nil : key, old: old.isEmpty ? nil : old, new: new.isEmpty ? nil : new))
                }
                lineStart = end + 1
            }
        }
    }

    private static func field(_ bytes: UnsafeBufferPointer<UInt8>, lineStart start: Int, end: Int) -> String {
        field(UnsafeBufferPointer(rebasing: bytes[start..<end]))
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

    private static func field(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
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
