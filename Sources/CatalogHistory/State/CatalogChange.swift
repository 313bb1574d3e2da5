/// One change between two consecutive observations of a catalog source.
public struct CatalogChange: Sendable, Equatable {
    public var provider: String
    /// The model id; `""` for a change of the provider itself (added, removed, or one of its own values).
    public var model: String
    /// The dotted key (`pricing.input`); `nil` when the model or provider as a whole was added or removed.
    public var key: String?
    /// The value before, as JSON text; `nil` when added.
    public var old: String?
    /// The value after, as JSON text; `nil` when removed.
    public var new: String?

    public init(provider: String, model: String, key: String?, old: String?, new: String?) {
        self.provider = provider
        self.model = model
        self.key = key
        self.old = old
        self.new = new
    }

    /// What kind of change this is, for `changes --kind`.
    public var kind: ChangeKind {
        guard let key else { return new == nil ? .removed : .added }
        return ChangeKind(key: key)
    }
}

/// The kinds `changes --kind` selects.
public enum ChangeKind: String, CaseIterable, Sendable, Comparable {
    /// A model (or a provider) first listed.
    case added
    /// A model (or a provider) no longer listed.
    case removed
    /// A `pricing` value.
    case price
    /// `context_window`, `max_input_tokens` or `max_output_tokens`.
    case limit
    /// `capabilities`, `modalities.input` or `modalities.output`.
    case capability
    /// Any other value: `name`, `status`, `release_date`, …
    case other

    /// The kind of a change of `key`.
    public init(key: String) {
        var key = key
        self = key.withUTF8 { ChangeKind(keyBytes: $0) }
    }

    /// The kind of a change of the key whose UTF-8 bytes are `keyBytes`.
    public init(keyBytes: UnsafeBufferPointer<UInt8>) {
        func starts(_ prefix: StaticString) -> Bool {
            keyBytes.count >= prefix.utf8CodeUnitCount
                && keyBytes.prefix(prefix.utf8CodeUnitCount).elementsEqual(
                    UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        }
        func equals(_ name: StaticString) -> Bool { keyBytes.count == name.utf8CodeUnitCount && starts(name) }
        if starts("pricing.") {
            self = .price
        } else if equals("context_window") || equals("max_input_tokens") || equals("max_output_tokens") {
            self = .limit
        } else if equals("capabilities") || starts("modalities.") {
            self = .capability
        } else {
            self = .other
        }
    }

    /// The kind's place in ``allCases``.
    public var index: Int {
        switch self {
        case .added: 0
        case .removed: 1
        case .price: 2
        case .limit: 3
        case .capability: 4
        case .other: 5
        }
    }

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool { lhs.index < rhs.index }
}

/// The changes from one state to the next: entries added and removed, and for entries in both, each key whose
/// value differs.
enum CatalogDelta {
    /// Walks two lists in entry order (``CatalogState/precedes(_:_:)``) side by side, visiting each provider and
    /// model once: with its old and new entry, or with `nil` on the side that lacks it.
    static func walk(
        from old: [StoredEntry], to new: [CatalogState.Entry],
        _ visit: (StoredEntry?, CatalogState.Entry?) throws(SQLiteError) -> Void
    ) throws(SQLiteError) {
        var (left, right) = (0, 0)
        while left < old.count || right < new.count {
            guard left < old.count else {
                try visit(nil, new[right])
                right += 1
                continue
            }
            guard right < new.count else {
                try visit(old[left], nil)
                left += 1
                continue
            }
            let (before, after) = (old[left], new[right])
            if before.provider == after.provider && before.model == after.model {
                try visit(before, after)
                left += 1
                right += 1
            } else if CatalogState.precedes(before, after) {
                try visit(before, nil)
                left += 1
            } else {
                try visit(nil, after)
                right += 1
            }
        }
    }

    /// Appends the changes from `old` to `new` of one provider or model: added, removed, or each key whose value
    /// differs.
    ///
    /// `oldBody` gives an old entry's body by its version id (read only for an entry whose digest differs).
    static func append(
        from old: StoredEntry?, to new: CatalogState.Entry?, oldBody: (Int) throws(SQLiteError) -> String,
        into changes: inout [CatalogChange]
    ) throws(SQLiteError) {
        switch (old, new) {
        case (nil, let new?):
            changes.append(CatalogChange(provider: new.provider, model: new.model, key: nil, old: nil, new: "{}"))
        case (let old?, nil):
            changes.append(CatalogChange(provider: old.provider, model: old.model, key: nil, old: "{}", new: nil))
        case (let old?, let new?) where old.digest != new.digest:
            for (key, before, after) in keyChanges(from: try oldBody(old.id), to: new.body) {
                changes.append(
                    CatalogChange(provider: new.provider, model: new.model, key: key, old: before, new: after))
            }
        default:
            break
        }
    }

    /// `entries` in entry order: as they are when they already are (SQLite sorts text by its bytes, which for
    /// the ids of the catalog is the same order).
    static func inEntryOrder<Entry: CatalogEntryIdentity>(_ entries: [Entry]) -> [Entry] {
        zip(entries, entries.dropFirst()).allSatisfy { CatalogState.precedes($0, $1) }
            ? entries : entries.sorted(by: CatalogState.precedes)
    }
}

extension CatalogDelta {
    /// The keys whose values differ between two bodies, in the order of their names, with the values as JSON text.
    ///
    /// Both bodies list their lines in that order, so one walk over the two compares them; a body with a key that
    /// has no one-letter code (written by a later version) is compared through ``CatalogState/Entry/values``.
    static func keyChanges(from old: String, to new: String) -> [(key: String, old: String?, new: String?)] {
        guard let before = codedLines(old), let after = codedLines(new) else {
            let (before, after) = (
                CatalogState.Entry(provider: "", model: "", body: old, digest: "").values,
                CatalogState.Entry(provider: "", model: "", body: new, digest: "").values
            )
            return Set(before.keys).union(after.keys).sorted().compactMap { key in
                before[key] == after[key] ? nil : (key, before[key], after[key])
            }
        }
        let ranks = StoredKeys.ranks
        var result: [(key: String, old: String?, new: String?)] = []
        var (left, right) = (0, 0)
        while left < before.count || right < after.count {
            let leftRank = left < before.count ? ranks[before[left].code] : Int.max
            let rightRank = right < after.count ? ranks[after[right].code] : Int.max
            if leftRank == rightRank {
                if !before[left].value.elementsEqual(after[right].value) {
                    result.append(
                        (
                            StoredKeys.names[before[left].code], String(Substring(before[left].value)),
                            String(Substring(after[right].value))
                        ))
                }
                left += 1
                right += 1
            } else if leftRank < rightRank {
                result.append((StoredKeys.names[before[left].code], String(Substring(before[left].value)), nil))
                left += 1
            } else {
                result.append((StoredKeys.names[after[right].code], nil, String(Substring(after[right].value))))
                right += 1
            }
        }
        return result
    }

    /// The lines of a body as (code index, value bytes); `nil` when a key is not a one-letter code.
    private static func codedLines(_ body: String) -> [(code: Int, value: Substring.UTF8View)]? {
        var lines: [(code: Int, value: Substring.UTF8View)] = []
        let codes = StoredKeys.codeIndex
        for line in body.utf8.split(separator: UInt8(ascii: "\n")) {
            guard line.count >= 2, let first = line.first,
                line[line.index(after: line.startIndex)] == UInt8(ascii: "\t"), let code = codes[Int(first)]
            else { return nil }
            lines.append((code, line.dropFirst(2)))
        }
        return lines
    }
}

/// What identifies a stored or computed entry: its provider and model id (`""` for the provider itself).
protocol CatalogEntryIdentity: Sendable {
    var provider: String { get }
    var model: String { get }
}

/// An entry of a stored observation: its ids, and its version's digest and id.
struct StoredEntry: CatalogEntryIdentity, Sendable {
    var provider: String
    var model: String
    var digest: String
    var id: Int
}

extension CatalogState.Entry: CatalogEntryIdentity {}
