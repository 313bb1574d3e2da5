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
        if key.hasPrefix("pricing.") {
            self = .price
        } else if key == "context_window" || key == "max_input_tokens" || key == "max_output_tokens" {
            self = .limit
        } else if key == "capabilities" || key.hasPrefix("modalities.") {
            self = .capability
        } else {
            self = .other
        }
    }

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The changes from one state to the next: entries added and removed, and for entries in both, each key whose
/// value differs.
enum CatalogDelta {
    /// The changes from `old` to `new`, by provider, model and key.
    ///
    /// `oldBody` gives an old entry's body by its version id (read only for entries whose digest differs).
    static func changes(
        from old: [EntryKey: (digest: String, id: Int)], to new: [CatalogState.Entry],
        oldBody: (Int) throws(SQLiteError) -> String
    ) throws(SQLiteError) -> [CatalogChange] {
        var changes: [CatalogChange] = []
        var seen = Set<EntryKey>()
        seen.reserveCapacity(new.count)
        for entry in new {
            let key = EntryKey(provider: entry.provider, model: entry.model)
            seen.insert(key)
            guard let previous = old[key] else {
                changes.append(
                    CatalogChange(provider: entry.provider, model: entry.model, key: nil, old: nil, new: "{}"))
                continue
            }
            if previous.digest == entry.digest { continue }
            for (key, old, new) in keyChanges(from: try oldBody(previous.id), to: entry.body) {
                changes.append(
                    CatalogChange(provider: entry.provider, model: entry.model, key: key, old: old, new: new))
            }
        }
        for key in old.keys where !seen.contains(key) {
            changes.append(CatalogChange(provider: key.provider, model: key.model, key: nil, old: "{}", new: nil))
        }
        return changes
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

/// A provider and model id (`""` for the provider itself).
struct EntryKey: Hashable {
    var provider: String
    var model: String
}
