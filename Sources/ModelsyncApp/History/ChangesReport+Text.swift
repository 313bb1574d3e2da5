import CatalogHistory
import Diagnostics
import ModelsDevCatalog

/// The counts of a report and its text, written for reports of thousands of changes: no string per line, no hash
/// per change where the order of the changes already tells.
extension ChangesReport {
    /// A model, by provider and model id.
    struct ModelID: Hashable {
        var provider: String
        var model: String

        /// Entry order: by provider, then model (the order of an observation's changes).
        static func precedes(_ left: ModelID, _ right: ModelID) -> Bool {
            left.provider == right.provider ? left.model < right.model : left.provider < right.provider
        }
    }

    public var counts: Counts {
        var unused: [UInt8] = []
        return walk(rendering: false, into: &unused) { _ in }
    }

    /// One pass over the changes: their counts, and when `rendering`, their lines appended to `text`, given to
    /// `flush` and emptied whenever it holds 64 KiB.
    private func walk(rendering: Bool, into text: inout [UInt8], flush: ([UInt8]) -> Void) -> Counts {
        var counts = Counts()
        var byKind = [Int](repeating: 0, count: ChangeKind.allCases.count)
        // Each observation's models of each kind, in the order it lists them (once each).
        var added: [[ModelID]] = []
        var removed: [[ModelID]] = []
        var repriced: [[ModelID]] = []
        for group in groups {
            var (groupAdded, groupRemoved, groupRepriced): ([ModelID], [ModelID], [ModelID]) = ([], [], [])
            let day = Array(HistoryQuery.day(group.observation.observedAt).utf8) + Array("  ".utf8)
            for provider in group.providers {
                provider.forEachChange { change in
                    if rendering {
                        text.append(contentsOf: day)
                        Self.appendLine(change, to: &text)
                        text.append(UInt8(ascii: "\n"))
                        if text.count >= 65_536 {
                            flush(text)
                            text.removeAll(keepingCapacity: true)
                        }
                    }
                    let kind = change.kind
                    byKind[kind.index] += 1
                    guard !change.model.isEmpty else { return }
                    let model = {
                        ModelID(provider: change.provider, model: String(decoding: change.model, as: UTF8.self))
                    }
                    switch kind {
                    case .added: groupAdded.append(model())
                    case .removed: groupRemoved.append(model())
                    case .price:
                        // A model's prices are listed together.
                        if let last = groupRepriced.last, last.provider == change.provider,
                            last.model.utf8.elementsEqual(change.model)
                        {
                            break
                        }
                        groupRepriced.append(model())
                    default: break
                    }
                }
            }
            if rendering { text.append(UInt8(ascii: "\n")) }
            added.append(groupAdded)
            removed.append(groupRemoved)
            repriced.append(groupRepriced)
        }
        for kind in ChangeKind.allCases where byKind[kind.index] > 0 { counts.byKind[kind] = byKind[kind.index] }
        counts.modelsAdded = Self.distinctCount(added)
        counts.modelsRemoved = Self.distinctCount(removed)
        counts.modelsRepriced = Self.distinctCount(repriced)
        return counts
    }

    /// The number of distinct models in `lists`: merged in entry order when there are a few lists, each strictly
    /// in that order (as an observation lists its changes), else through a set.
    static func distinctCount(_ lists: [[ModelID]]) -> Int {
        let lists = lists.filter { !$0.isEmpty }
        // Merging copies the merged list once per list: many observations (a year of hourly ones) take a set.
        guard lists.count <= 8,
            lists.allSatisfy({ list in zip(list, list.dropFirst()).allSatisfy { ModelID.precedes($0, $1) } })
        else { return Set(lists.joined()).count }
        guard lists.count > 1 else { return lists.first?.count ?? 0 }
        var merged = lists[0]
        for list in lists.dropFirst() {
            var result: [ModelID] = []
            result.reserveCapacity(merged.count + list.count)
            var (left, right) = (0, 0)
            while left < merged.count || right < list.count {
                if right == list.count || (left < merged.count && ModelID.precedes(merged[left], list[right])) {
                    result.append(merged[left])
                    left += 1
                } else if left == merged.count || ModelID.precedes(list[right], merged[left]) {
                    result.append(list[right])
                    right += 1
                } else {
                    result.append(merged[left])
                    left += 1
                    right += 1
                }
            }
            merged = result
        }
        return merged.count
    }

    // MARK: Text

    /// One line per change (`2026-07-02  openai/gpt-5  pricing.input  1.25 → 1.5`), a blank line between
    /// observations, and a summary line.
    public var text: String { String(decoding: textBytes, as: UTF8.self) }

    /// ``text`` as UTF-8, without its final line break.
    public var textBytes: [UInt8] {
        var bytes: [UInt8] = []
        writeText { bytes += $0 }
        return bytes
    }

    /// Gives ``text`` to `write` as UTF-8, in pieces of about 64 KiB, without its final line break: a report of
    /// thousands of changes is never held whole.
    public func writeText(_ write: ([UInt8]) -> Void) {
        var text: [UInt8] = []
        text.reserveCapacity(65_536 + 4_096)
        let counts = walk(rendering: true, into: &text, flush: write)
        text.append(contentsOf: summary(counts).utf8)
        write(text)
    }

    /// `openai/gpt-5  pricing.input  1.25 → 1.5`, `openai/gpt-5  added`: ids and values escaped for a terminal.
    static func line(_ change: CatalogChange) -> String {
        var line: [UInt8] = []
        StoredProviderChanges(provider: change.provider, changes: [change]).forEachChange { appendLine($0, to: &line) }
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends ``line(_:)`` of `change` to `text`.
    static func appendLine(_ change: ChangeFields, to text: inout [UInt8]) {
        TerminalText.append(change.provider, to: &text)
        if !change.model.isEmpty {
            text.append(UInt8(ascii: "/"))
            TerminalText.append(utf8: change.model, to: &text)
        }
        text.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
        guard let key = change.key else {
            text.append(contentsOf: change.kind.rawValue.utf8)
            return
        }
        TerminalText.append(utf8: key, to: &text)
        text.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
        appendValue(change.old, to: &text)
        text.append(contentsOf: " → ".utf8)
        appendValue(change.new, to: &text)
    }

    /// Appends ``HistoryQuery/text(_:)`` of a stored value, escaped for a terminal: a number, a string or a list
    /// of strings, the values a catalog mostly has, straight from its bytes.
    private static func appendValue(_ stored: UnsafeBufferPointer<UInt8>?, to text: inout [UInt8]) {
        guard let stored else {
            text.append(contentsOf: "(none)".utf8)
            return
        }
        let done = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            guard let first = bytes.first, let last = bytes.last,
                bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") })
            else { return false }
            if first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
                text.append(contentsOf: bytes)
                return true
            }
            let quote = UInt8(ascii: "\"")
            if first == quote, last == quote, bytes.count >= 2, !bytes.dropFirst().dropLast().contains(quote) {
                text.append(contentsOf: bytes.dropFirst().dropLast())
                return true
            }
            // ["a","b"] as [a, b]
            guard first == UInt8(ascii: "["), last == UInt8(ascii: "]") else { return false }
            let start = text.count
            text.append(UInt8(ascii: "["))
            var index = 1
            while index < bytes.count - 1 {
                guard bytes[index] == quote,
                    let close = bytes[(index + 1)..<(bytes.count - 1)].firstIndex(of: quote)
                else {
                    text.removeSubrange(start...)
                    return false
                }
                text.append(contentsOf: bytes[(index + 1)..<close])
                index = close + 1
                if index < bytes.count - 1 {
                    guard bytes[index] == UInt8(ascii: ","), index + 1 < bytes.count - 1 else {
                        text.removeSubrange(start...)
                        return false
                    }
                    text.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
                    index += 1
                }
            }
            text.append(UInt8(ascii: "]"))
            return true
        }(stored)
        if !done { TerminalText.append(HistoryQuery.text(String(decoding: stored, as: UTF8.self)), to: &text) }
    }
}
