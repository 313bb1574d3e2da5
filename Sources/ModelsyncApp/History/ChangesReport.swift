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
        /// Each provider's changes, as the store keeps them (read in place by ``text`` and ``counts``).
        public var providers: [StoredProviderChanges]

        /// The changes, as records, in order.
        public var changes: [CatalogChange] { providers.flatMap(\.changes) }
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
            (try store.changesByObservation(query), try store.observations(source: source))
        }
        newestObservation = observations.last
        let byID = Dictionary(observations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        groups = changes.compactMap { group in
            byID[group.observationID].map { Group(observation: $0, providers: group.providers) }
        }
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

    /// `12 changes from 2026-06-25 to 2026-07-02: 3 added, 9 price; models: 3 added, 0 removed, 4 repriced`.
    public var summary: String { summary(counts) }

    /// ``summary`` from counts already made.
    func summary(_ counts: Counts) -> String {
        let total = counts.byKind.values.reduce(0, +)
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
