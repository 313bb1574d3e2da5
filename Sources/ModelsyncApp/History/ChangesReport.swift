import CatalogHistory
import Diagnostics
import Foundation
import ModelsDevCatalog

/// What changed upstream across the catalog in a time range, by observation: what `modelsync changes` prints as
/// text, JSON, Markdown (``markdown``) or an Atom feed (``atom``).
public struct ChangesReport: Sendable {
    /// The options as written: the range (`7d`, a date or a timestamp), a provider, kinds.
    public struct Options: Sendable, Equatable {
        /// `Nd`, `Nw`, `Nh` before now, or a date; default 7 days.
        public var since: String?
        public var until: String?
        public var provider: String?
        /// Kind names (`added`, `removed`, `price`, `limit`, `capability`, `other`); every kind when empty.
        public var kinds: [String] = []

        public init(since: String? = nil, until: String? = nil, provider: String? = nil, kinds: [String] = []) {
            self.since = since
            self.until = until
            self.provider = provider
            self.kinds = kinds
        }
    }

    /// The changes of one observation.
    public struct Group: Sendable {
        public var observation: Observation
        public var changes: [CatalogChange]
    }

    /// The history's key for the catalog source.
    public let source: String
    public let since: Date
    public let until: Date?
    /// The observations that show changes in the range, oldest first, each with its changes.
    public let groups: [Group]
    /// The newest observation of the source, if any (the feed's `updated` when no observation has changes).
    public let newestObservation: Observation?

    /// The default range: the last 7 days.
    public static let defaultSince = "7d"

    /// The changes the options select in the history of the configuration's source, relative to the
    /// environment's clock.
    ///
    /// - Throws: ``RunFailure``: usage for a date, duration or kind that cannot be read; exit 2 when there is no
    ///   history.
    public init(_ options: Options, configuration: RunConfiguration) throws(RunFailure) {
        let now = configuration.environment.now()
        let sinceText = options.since ?? Self.defaultSince
        if let seconds = HistoryQuery.duration(sinceText) {
            since = now.addingTimeInterval(-seconds)
        } else if HistoryQuery.date(sinceText) != nil {
            since = try HistoryQuery.date(sinceText, for: HistoryQuery.Option.since)
        } else {
            throw RunFailure(
                Diagnostic(
                    message: "\(option: HistoryQuery.Option.since) takes a duration (7d, 12w, 48h) or a date "
                        + "(YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), not '\(sinceText)'"),
                status: .usage)
        }
        until = try options.until.map { text throws(RunFailure) in
            let date = try HistoryQuery.date(text, for: HistoryQuery.Option.until)
            // A day given alone includes the whole day.
            return text.utf8.count == 10 ? date.addingTimeInterval(86_399) : date
        }
        var kinds = Set<ChangeKind>()
        for name in options.kinds {
            guard let kind = ChangeKind(rawValue: name) else {
                throw RunFailure(
                    Diagnostic(
                        message: "unknown kind '\(name)': one of "
                            + "\(ChangeKind.allCases.map(\.rawValue).joined(separator: ", "))"),
                    status: .usage)
            }
            kinds.insert(kind)
        }
        let store = try HistoryQuery.open(configuration, create: false)
        let source = configuration.historySource
        self.source = source
        let query = ChangeQuery(
            source: source, since: since, until: until, provider: options.provider, kinds: kinds)
        let (changes, observations) = try HistoryQuery.reading { () throws(HistoryError) in
            (try store.changes(query), try store.observations(source: source))
        }
        newestObservation = observations.last
        let byID = Dictionary(observations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [Group] = []
        for recorded in changes {
            if groups.last?.observation.id == recorded.observationID {
                groups[groups.count - 1].changes.append(recorded.change)
            } else if let observation = byID[recorded.observationID] {
                groups.append(Group(observation: observation, changes: [recorded.change]))
            }
        }
        self.groups = groups
    }

    /// Every change, oldest first.
    public var changes: [CatalogChange] { groups.flatMap(\.changes) }

    // MARK: Counts

    /// The number of changes of each kind, and of distinct models added, removed and repriced (provider-level
    /// entries are not models).
    public struct Counts: Sendable, Equatable {
        public var byKind: [ChangeKind: Int] = [:]
        public var modelsAdded = 0
        public var modelsRemoved = 0
        public var modelsRepriced = 0
    }

    public var counts: Counts {
        /// A model, by provider and model id.
        struct ModelID: Hashable {
            var provider: String
            var model: String
        }
        var counts = Counts()
        var added = Set<ModelID>()
        var removed = Set<ModelID>()
        var repriced = Set<ModelID>()
        var byKind = [Int](repeating: 0, count: ChangeKind.allCases.count)
        var lastRepriced: (provider: String, model: String)?
        func count(_ change: CatalogChange) {
            let kind = change.kind
            byKind[kind.index] += 1
            guard !change.model.isEmpty else { return }
            switch kind {
            case .added: added.insert(ModelID(provider: change.provider, model: change.model))
            case .removed: removed.insert(ModelID(provider: change.provider, model: change.model))
            case .price:
                // A model's prices are listed together: count it once without hashing it again.
                if lastRepriced?.model != change.model || lastRepriced?.provider != change.provider {
                    repriced.insert(ModelID(provider: change.provider, model: change.model))
                    lastRepriced = (change.provider, change.model)
                }
            default: break
            }
        }
        for group in groups {
            for change in group.changes {
                count(change)
            }
        }
        for kind in ChangeKind.allCases where byKind[kind.index] > 0 { counts.byKind[kind] = byKind[kind.index] }
        counts.modelsAdded = added.count
        counts.modelsRemoved = removed.count
        counts.modelsRepriced = repriced.count
        return counts
    }

    // MARK: Text

    /// One line per change (`2026-07-02  openai/gpt-5  pricing.input  1.25 → 1.5`), a blank line between
    /// observations, and a summary line.
    public var text: String {
        // One buffer of bytes, appended to in place: a week of a busy catalog is thousands of lines.
        var text: [UInt8] = []
        text.reserveCapacity(groups.reduce(0) { $0 + $1.changes.count } * 80 + 256)
        for group in groups {
            let day = Array(HistoryQuery.day(group.observation.observedAt).utf8) + Array("  ".utf8)
            for change in group.changes {
                text.append(contentsOf: day)
                Self.appendLine(change, to: &text)
                text.append(UInt8(ascii: "\n"))
            }
            text.append(UInt8(ascii: "\n"))
        }
        text.append(contentsOf: summary.utf8)
        return String(decoding: text, as: UTF8.self)
    }

    /// `openai/gpt-5  pricing.input  1.25 → 1.5`, `openai/gpt-5  added`: ids and values escaped for a terminal.
    static func line(_ change: CatalogChange) -> String {
        var line: [UInt8] = []
        appendLine(change, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends ``line(_:)`` of `change` to `text`.
    static func appendLine(_ change: CatalogChange, to text: inout [UInt8]) {
        TerminalText.append(change.provider, to: &text)
        if !change.model.isEmpty {
            text.append(UInt8(ascii: "/"))
            TerminalText.append(change.model, to: &text)
        }
        text.append(contentsOf: "  ".utf8)
        guard let key = change.key else {
            text.append(contentsOf: change.kind.rawValue.utf8)
            return
        }
        TerminalText.append(key, to: &text)
        text.append(contentsOf: "  ".utf8)
        appendValue(change.old, to: &text)
        text.append(contentsOf: " → ".utf8)
        appendValue(change.new, to: &text)
    }

    /// Appends ``HistoryQuery/text(_:)`` of a stored value, escaped for a terminal; a number, the most common
    /// value, as it is stored.
    private static func appendValue(_ stored: String?, to text: inout [UInt8]) {
        if let stored, let first = stored.utf8.first,
            first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        {
            TerminalText.append(stored, to: &text)
        } else {
            TerminalText.append(HistoryQuery.text(stored), to: &text)
        }
    }

    /// `12 changes from 2026-06-25 to 2026-07-02: 3 added, 9 price; models: 3 added, 0 removed, 4 repriced`.
    public var summary: String {
        let counts = counts
        let total = groups.reduce(0) { $0 + $1.changes.count }
        let range =
            "from \(Timestamp.format(since))" + (until.map { " to \(Timestamp.format($0))" } ?? "")
        guard total > 0 else { return "no changes \(range)" }
        let kinds = ChangeKind.allCases.compactMap { kind in counts.byKind[kind].map { "\($0) \(kind.rawValue)" } }
        return "\(total) change\(total == 1 ? "" : "s") \(range): \(kinds.joined(separator: ", ")); models: "
            + "\(counts.modelsAdded) added, \(counts.modelsRemoved) removed, \(counts.modelsRepriced) repriced"
    }

    // MARK: JSON

    /// `{source, since, until, changes: [{observed_at, provider, model, key, kind, old, new}], counts}`.
    public var json: JSONValue {
        let counts = counts
        var countObject = JSONObject()
        for kind in ChangeKind.allCases {
            countObject[kind.rawValue] = .optional(counts.byKind[kind] ?? 0)
        }
        countObject["models_added"] = .optional(counts.modelsAdded)
        countObject["models_removed"] = .optional(counts.modelsRemoved)
        countObject["models_repriced"] = .optional(counts.modelsRepriced)
        var items: [JSONValue] = []
        for group in groups {
            let observedAt = JSONValue.string(Timestamp.format(group.observation.observedAt))
            for change in group.changes {
                items.append(
                    .object([
                        "observed_at": observedAt,
                        "provider": .string(change.provider),
                        "model": .string(change.model),
                        "key": .optional(change.key),
                        "kind": .string(change.kind.rawValue),
                        "old": HistoryQuery.json(change.old),
                        "new": HistoryQuery.json(change.new),
                    ]))
            }
        }
        return .object([
            "source": .string(source),
            "since": .string(Timestamp.format(since)),
            "until": .optional(until.map(Timestamp.format)),
            "changes": .array(items),
            "counts": .object(countObject),
        ])
    }
}
