import Foundation

/// Where the history of catalogs is kept: the observations of each source and the changes between consecutive
/// ones (docs/history.md).
///
/// SQLite (``SQLiteHistoryStore``) is the embedded default; a store shared by several processes implements the
/// same protocol. A store is used from one task at a time; separate processes coordinate through the store.
public protocol HistoryStore: AnyObject {
    /// Where the store is, for messages: a file path or a database URL without its password.
    var location: String { get }

    /// Records `state`, observed from `source` at `date`, as one observation with the changes against the
    /// observation before it (and, when `date` is earlier than a recorded one, the changes of the one after it
    /// against it). The same state seen again only moves the earlier observation's last-seen time; the same state
    /// at the same time is a no-op; another state at a time the observation before was still seen is refused
    /// (``RecordResult/contradicts(_:)``).
    func record(_ state: CatalogState, source: String, at date: Date, etag: String?) throws(HistoryError)
        -> RecordResult

    /// The newest observation of `source`, or `nil` before the first.
    func latestObservation(source: String) throws(HistoryError) -> Observation?

    /// Every observation of `source`, oldest first.
    func observations(source: String) throws(HistoryError) -> [Observation]

    /// The dated timeline of one model (`model` `""`: the provider itself), restricted to `key` when given.
    func timeline(source: String, provider: String, model: String, key: String?) throws(HistoryError)
        -> ModelTimeline

    /// The changes of `query.source` observed in the query's time range, oldest first.
    func changes(_ query: ChangeQuery) throws(HistoryError) -> [RecordedChange]

    /// The same changes, grouped by the observation that shows them, oldest first (a report of thousands of
    /// changes reads them so, without a record per change).
    func changesByObservation(_ query: ChangeQuery) throws(HistoryError) -> [ObservationChanges]

    /// The providers and models the newest observation of `source` lists (model `""`: the provider itself), only
    /// `provider`'s when given, by provider and model id; none before the first observation.
    func modelIDs(source: String, provider: String?) throws(HistoryError) -> [ListedModel]

    /// Since when each value of `provider`'s models has stood, for a cooldown.
    func valueAges(source: String, provider: String) throws(HistoryError) -> ValueAges

    /// Removes the observations last seen before `date`, except each source's newest, and the changes recorded
    /// with them; returns what was removed.
    func vacuum(before date: Date) throws(HistoryError) -> VacuumResult
}

extension HistoryStore {
    public func changesByObservation(_ query: ChangeQuery) throws(HistoryError) -> [ObservationChanges] {
        var groups: [(id: Int, observedAt: Date, changes: [CatalogChange])] = []
        for recorded in try changes(query) {
            if groups.last?.id == recorded.observationID {
                groups[groups.count - 1].changes.append(recorded.change)
            } else {
                groups.append((recorded.observationID, recorded.observedAt, [recorded.change]))
            }
        }
        return groups.map { group in
            var providers: [StoredProviderChanges] = []
            var start = 0
            while start < group.changes.count {
                var end = start + 1
                while end < group.changes.count && group.changes[end].provider == group.changes[start].provider {
                    end += 1
                }
                providers.append(
                    StoredProviderChanges(
                        provider: group.changes[start].provider, changes: Array(group.changes[start..<end])))
                start = end
            }
            return ObservationChanges(observationID: group.id, observedAt: group.observedAt, providers: providers)
        }
    }
}

/// The changes one observation shows, by provider.
public struct ObservationChanges: Sendable, Equatable {
    public var observationID: Int
    /// When the observation was made.
    public var observedAt: Date
    /// Each provider's changes, by provider id.
    public var providers: [StoredProviderChanges]

    public init(observationID: Int, observedAt: Date, providers: [StoredProviderChanges]) {
        self.observationID = observationID
        self.observedAt = observedAt
        self.providers = providers
    }

}

/// One observation: a catalog state seen from one source.
public struct Observation: Sendable, Equatable {
    public var id: Int
    public var source: String
    /// When this state was first seen (downloaded, read, or the date given to an import).
    public var observedAt: Date
    /// When this state was last seen again.
    public var lastSeenAt: Date
    public var etag: String?
    /// ``CatalogState/digest``.
    public var digest: String
    public var providerCount: Int
    public var modelCount: Int

    public init(
        id: Int, source: String, observedAt: Date, lastSeenAt: Date, etag: String?, digest: String,
        providerCount: Int, modelCount: Int
    ) {
        self.id = id
        self.source = source
        self.observedAt = observedAt
        self.lastSeenAt = lastSeenAt
        self.etag = etag
        self.digest = digest
        self.providerCount = providerCount
        self.modelCount = modelCount
    }
}

/// What ``HistoryStore/record(_:source:at:etag:)`` did.
public enum RecordResult: Sendable, Equatable {
    /// A new observation, with the number of changes recorded against the one before.
    case recorded(Observation, changes: Int)
    /// The state was already the newest one before `date`: its last-seen time moved.
    case seenAgain(Observation)
    /// This state at this time was already recorded: nothing changed.
    case alreadyRecorded(Observation)
    /// Not recorded: the observation before `date` was still seen after it, with other values (a snapshot dated
    /// inside another observation's seen period, or a stale cached catalog). The history is left as it was.
    case contradicts(Observation)

    public var observation: Observation {
        switch self {
        case .recorded(let observation, _), .seenAgain(let observation), .alreadyRecorded(let observation),
            .contradicts(let observation):
            return observation
        }
    }
}

/// A change with the observation that first showed it.
public struct RecordedChange: Sendable, Equatable {
    public var change: CatalogChange
    /// When the observation that shows the change was made.
    public var observedAt: Date
    public var observationID: Int

    public init(change: CatalogChange, observedAt: Date, observationID: Int) {
        self.change = change
        self.observedAt = observedAt
        self.observationID = observationID
    }
}

/// Which changes ``HistoryStore/changes(_:)`` returns.
public struct ChangeQuery: Sendable, Equatable {
    public var source: String
    /// Only changes observed at or after this time.
    public var since: Date?
    /// Only changes observed at or before this time.
    public var until: Date?
    /// Only this provider's.
    public var provider: String?
    /// Only these kinds; every kind when empty.
    public var kinds: Set<ChangeKind>

    public init(
        source: String, since: Date? = nil, until: Date? = nil, provider: String? = nil, kinds: Set<ChangeKind> = []
    ) {
        self.source = source
        self.since = since
        self.until = until
        self.provider = provider
        self.kinds = kinds
    }
}

/// The dated life of one model in one source's history.
public struct ModelTimeline: Sendable, Equatable {
    public var provider: String
    public var model: String
    /// When the model was first seen; `nil` when the history never saw it.
    public var firstSeen: Date?
    /// When the model was last seen (the last-seen time of the newest observation that lists it).
    public var lastSeen: Date?
    /// When the observation that no longer listed it was made; `nil` while it is listed.
    public var vanished: Date?
    /// Its changes, oldest first: additions, value changes and removals (it may come back).
    public var changes: [RecordedChange]

    public init(
        provider: String, model: String, firstSeen: Date?, lastSeen: Date?, vanished: Date?,
        changes: [RecordedChange]
    ) {
        self.provider = provider
        self.model = model
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.vanished = vanished
        self.changes = changes
    }
}

/// A provider or model one observation lists.
public struct ListedModel: Sendable, Hashable {
    public var provider: String
    /// The model id; `""` for the provider itself.
    public var model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }
}

/// Since when the values of one provider's models have stood, from the history of one source: what a cooldown
/// (ModelSync's `Cooldown`, which decides from it) needs.
public struct ValueAges: Sendable, Equatable {
    /// The first observation of the source: every value seen then has stood at least since then.
    public var firstObservation: Date?
    /// The last change of each model's key (`""` for the model's addition), by model.
    public var lastChange: [String: [String: Date]]
    /// The models the newest observation lists.
    public var listed: Set<String>

    public init(firstObservation: Date?, lastChange: [String: [String: Date]], listed: Set<String>) {
        self.firstObservation = firstObservation
        self.lastChange = lastChange
        self.listed = listed
    }

}

/// What ``HistoryStore/vacuum(before:)`` removed.
public struct VacuumResult: Sendable, Equatable {
    public var observationsRemoved: Int
    public var changesRemoved: Int
    /// The store's size before and after, in bytes; `nil` where the store has no single file.
    public var bytesBefore: Int?
    public var bytesAfter: Int?

    public init(observationsRemoved: Int, changesRemoved: Int, bytesBefore: Int?, bytesAfter: Int?) {
        self.observationsRemoved = observationsRemoved
        self.changesRemoved = changesRemoved
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}
