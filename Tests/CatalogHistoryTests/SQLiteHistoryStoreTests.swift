import CatalogHistory
import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

/// The store on small catalogs written in the test: what is recorded, in which order, and what a query returns.
@Suite struct SQLiteHistoryStoreTests {
    static let source = "https://models.dev/api.json"

    static func catalog(_ models: [String: (input: String, context: Int)], provider: String = "acme") throws
        -> Catalog
    {
        var members: [String] = []
        for (id, value) in models.sorted(by: { $0.key < $1.key }) {
            members.append(
                """
                "\(id)": {"id": "\(id)", "name": "\(id.uppercased())", "cost": {"input": \(value.input), "output": 2},
                  "limit": {"context": \(value.context), "output": 4096}}
                """)
        }
        let json = """
            {"\(provider)": {"id": "\(provider)", "name": "Acme", "models": {\(members.joined(separator: ","))}}}
            """
        return try Catalog.decode(Data(json.utf8), sourceName: "test")
    }

    static func date(_ text: String) -> Date { Timestamp.parse(text) ?? .distantPast }

    @Test func recordsChangesBetweenConsecutiveObservations() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        let first = try store.record(
            CatalogState(try Self.catalog(["a": ("1", 1000), "b": ("2", 2000)])), source: Self.source,
            at: Self.date("2026-01-01T00:00:00Z"), etag: "\"1\"")
        guard case .recorded(_, let baseline) = first else {
            Issue.record("first record: \(first)")
            return
        }
        #expect(baseline == 0)
        let second = try store.record(
            CatalogState(try Self.catalog(["a": ("1.5", 1000), "c": ("3", 3000)])), source: Self.source,
            at: Self.date("2026-02-01T00:00:00Z"), etag: "\"2\"")
        guard case .recorded(_, let count) = second else {
            Issue.record("second record: \(second)")
            return
        }
        let changes = try store.changes(ChangeQuery(source: Self.source))
        let summary = changes.map { "\($0.change.model) \($0.change.key ?? "-") \($0.change.kind)" }
        #expect(summary == ["a pricing.input price", "b - removed", "c - added"])
        #expect(count == 3)
        #expect(changes[0].change.old == "1" && changes[0].change.new == "1.5")

        let timeline = try store.timeline(source: Self.source, provider: "acme", model: "b", key: nil)
        #expect(timeline.firstSeen == Self.date("2026-01-01T00:00:00Z"))
        #expect(timeline.lastSeen == Self.date("2026-01-01T00:00:00Z"))
        #expect(timeline.vanished == Self.date("2026-02-01T00:00:00Z"))
        let added = try store.timeline(source: Self.source, provider: "acme", model: "c", key: nil)
        #expect(added.firstSeen == Self.date("2026-02-01T00:00:00Z") && added.vanished == nil)
    }

    @Test func aValueThatComesBackReusesItsStoredVersionAndEveryObservationReadsWhole() throws {
        // 150 models: more than two batches of inserted rows; model m007 changes and changes back, m149 leaves and
        // comes back, so the third observation's versions are already stored.
        let directory = try TemporaryDirectory()
        let path = directory.file("history.sqlite")
        let store = try SQLiteHistoryStore(path: path, create: true)
        var models: [String: (input: String, context: Int)] = [:]
        for index in 0..<150 { models[String(format: "m%03d", index)] = ("1", 1000 + index) }
        var changed = models
        changed["m007"] = ("2", 1007)
        changed["m149"] = nil
        for (models, day) in [(models, "01"), (changed, "02"), (models, "03")] {
            let result = try store.record(
                CatalogState(try Self.catalog(models)), source: Self.source, at: Self.date("2026-01-\(day)T00:00:00Z"),
                etag: nil)
            guard case .recorded = result else {
                Issue.record("2026-01-\(day): \(result)")
                return
            }
        }
        let changes = try store.changes(ChangeQuery(source: Self.source))
        let summary = changes.map {
            "\(Timestamp.format($0.observedAt).prefix(10)) \($0.change.model) \($0.change.key ?? $0.change.kind.rawValue)"
        }
        #expect(
            summary == [
                "2026-01-02 m007 pricing.input", "2026-01-02 m149 removed", "2026-01-03 m007 pricing.input",
                "2026-01-03 m149 added",
            ])
        #expect(changes.last { $0.change.model == "m007" }?.change.new == "1")
        let listed = try store.modelIDs(source: Self.source, provider: "acme")
        #expect(listed.count == 151 && listed.contains { $0.model == "m149" })
        // A fourth observation compares against the third as stored: one change only.
        var fourth = models
        fourth["m100"] = ("3", 1100)
        guard
            case .recorded(_, let count) = try store.record(
                CatalogState(try Self.catalog(fourth)), source: Self.source, at: Self.date("2026-01-04T00:00:00Z"),
                etag: nil)
        else {
            Issue.record("2026-01-04 not recorded")
            return
        }
        #expect(count == 1)
    }

    @Test func aCachedReadDatedInWholeSecondsIsTheDownloadItCameFrom() throws {
        // A download recorded to the millisecond, another catalog later, then the first read from a cache that keeps
        // whole seconds: the same observation, not a new one dated before the other.
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        let first = CatalogState(try Self.catalog(["a": ("1", 1000)]))
        let second = CatalogState(try Self.catalog(["a": ("2", 1000)]))
        let downloaded = Date(timeIntervalSince1970: 1_790_000_000.7)
        _ = try store.record(first, source: Self.source, at: downloaded, etag: "\"1\"")
        _ = try store.record(second, source: Self.source, at: downloaded.addingTimeInterval(5), etag: "\"2\"")
        let cached = try store.record(
            first, source: Self.source, at: Date(timeIntervalSince1970: 1_790_000_000), etag: "\"1\"")
        guard case .alreadyRecorded(let observation) = cached else {
            Issue.record("the cached read: \(cached)")
            return
        }
        #expect(observation.observedAt == downloaded)
        #expect(try store.observations(source: Self.source).count == 2)
        // Within one second, a catalog that comes back after another is a new observation.
        let back = try store.record(first, source: Self.source, at: downloaded.addingTimeInterval(5.2), etag: nil)
        guard case .recorded = back else {
            Issue.record("the catalog back within a second: \(back)")
            return
        }
    }

    @Test func anEntrysBodyListsCodedKeysInTheOrderOfTheirNames() throws {
        let state = CatalogState(try Self.catalog(["a": ("0.5", 1000)]))
        let model = try #require(state.entries.first { $0.model == "a" })
        // capabilities, context_window, max_output_tokens, name, pricing.input, pricing.output: part of the schema.
        #expect(model.body == "U\t[]\nC\t1000\nE\t4096\nA\t\"A\"\nF\t0.5\nG\t2\n")
        #expect(
            model.values == [
                "capabilities": "[]", "context_window": "1000", "max_output_tokens": "4096", "name": "\"A\"",
                "pricing.input": "0.5", "pricing.output": "2",
            ])
        let provider = try #require(state.entries.first { $0.model.isEmpty })
        #expect(provider.body == "A\t\"Acme\"\n")
        #expect(state.modelCount == 1 && state.providerCount == 1)
    }

    @Test func theSameStateAgainOnlyMovesLastSeenAndTheSameImportIsANoOp() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        let state = CatalogState(try Self.catalog(["a": ("1", 1000)]))
        _ = try store.record(state, source: Self.source, at: Self.date("2026-01-01T00:00:00Z"), etag: nil)
        let again = try store.record(state, source: Self.source, at: Self.date("2026-01-03T00:00:00Z"), etag: nil)
        guard case .seenAgain(let observation) = again else {
            Issue.record("\(again)")
            return
        }
        #expect(observation.lastSeenAt == Self.date("2026-01-03T00:00:00Z"))
        let twice = try store.record(state, source: Self.source, at: Self.date("2026-01-01T00:00:00Z"), etag: nil)
        guard case .alreadyRecorded = twice else {
            Issue.record("\(twice)")
            return
        }
        #expect(try store.observations(source: Self.source).count == 1)
    }

    @Test func anEarlierObservationIsPutInItsPlaceAndTheLaterChangesAreRecomputed() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        _ = try store.record(
            CatalogState(try Self.catalog(["a": ("3", 1000)])), source: Self.source,
            at: Self.date("2026-03-01T00:00:00Z"), etag: nil)
        _ = try store.record(
            CatalogState(try Self.catalog(["a": ("1", 1000)])), source: Self.source,
            at: Self.date("2026-01-01T00:00:00Z"), etag: nil)
        _ = try store.record(
            CatalogState(try Self.catalog(["a": ("2", 500)])), source: Self.source,
            at: Self.date("2026-02-01T00:00:00Z"), etag: nil)
        let changes = try store.changes(ChangeQuery(source: Self.source)).map {
            "\(Timestamp.format($0.observedAt).prefix(10)) \($0.change.key ?? "-") \($0.change.old ?? "") → \($0.change.new ?? "")"
        }
        #expect(
            changes == [
                "2026-02-01 context_window 1000 → 500", "2026-02-01 pricing.input 1 → 2",
                "2026-03-01 context_window 500 → 1000", "2026-03-01 pricing.input 2 → 3",
            ])
    }

    @Test func anotherStateDatedWhileTheOneBeforeWasStillSeenIsRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        let first = CatalogState(try Self.catalog(["a": ("1", 1000)]))
        _ = try store.record(first, source: Self.source, at: Self.date("2026-01-01T00:00:00Z"), etag: nil)
        _ = try store.record(first, source: Self.source, at: Self.date("2026-03-01T00:00:00Z"), etag: nil)
        let inside = try store.record(
            CatalogState(try Self.catalog(["a": ("2", 1000)])), source: Self.source,
            at: Self.date("2026-02-01T00:00:00Z"), etag: nil)
        guard case .contradicts(let observation) = inside else {
            Issue.record("\(inside)")
            return
        }
        #expect(observation.lastSeenAt == Self.date("2026-03-01T00:00:00Z"))
        #expect(try store.observations(source: Self.source).count == 1)
        #expect(try store.changes(ChangeQuery(source: Self.source)).isEmpty)
    }

    @Test func vacuumKeepsEachSourcesNewestObservationByTimeNotByOrderOfRecording() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        // Recorded newest first, as a sync followed by imports of older snapshots is.
        for (input, date) in [("3", "2026-03-01"), ("1", "2026-01-01"), ("2", "2026-02-01")] {
            _ = try store.record(
                CatalogState(try Self.catalog(["a": (input, 1000)])), source: Self.source,
                at: Self.date(date + "T00:00:00Z"), etag: nil)
        }
        let result = try store.vacuum(before: Self.date("2027-01-01T00:00:00Z"))
        #expect(result.observationsRemoved == 2)
        let kept = try store.observations(source: Self.source)
        #expect(kept.map(\.observedAt) == [Self.date("2026-03-01T00:00:00Z")])
    }

    @Test func anSQLiteFileWithoutTablesButWithAUserVersionIsNotTaken() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.sqlite")
        // An empty database of another program's: the header's user version (bytes 60–63) is 1, no tables.
        var bytes = [UInt8](repeating: 0, count: 4_096)
        let header = Array("SQLite format 3\0".utf8)
        bytes.replaceSubrange(0..<16, with: header)
        bytes[16] = 0x10  // page size 4096
        bytes[17] = 0x00
        bytes[18] = 1  // file format write version
        bytes[19] = 1  // read version
        bytes[21] = 64  // max embedded payload fraction
        bytes[22] = 32
        bytes[23] = 32
        bytes[31] = 1  // database size: 1 page
        bytes[47] = 4  // schema format
        bytes[63] = 1  // user version 1, the history schema's own number
        bytes[59] = 1  // text encoding UTF-8 (bytes 56–59)
        bytes[100] = 0x0D  // an empty table leaf page for sqlite_schema
        bytes[105] = 0x10  // cell content area starts at 4096
        bytes[106] = 0x00
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: HistoryError(location: path, reason: .foreign)) {
            try SQLiteHistoryStore(path: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    @Test func aFileThatIsNotAModelsyncHistoryIsRefusedAndLeftAsItIs() throws {
        let directory = try TemporaryDirectory()
        try directory.write("text.sqlite", "not a database\n")
        #expect(throws: HistoryError.self) { try SQLiteHistoryStore(path: directory.file("text.sqlite"), create: true) }
        #expect(try String(contentsOfFile: directory.file("text.sqlite"), encoding: .utf8) == "not a database\n")
    }
}

/// Files of earlier schemas open and read as they were written; files of a later schema are refused untouched.
@Suite struct HistorySchemaTests {
    /// `Tests/Fixtures/history/schema-1.sqlite`: made by the first schema's store from the two catalogs of
    /// ``SQLiteHistoryStoreTests/catalog(_:provider:)`` below (`MODELSYNC_RECORD_SCHEMA_FIXTURE=1` writes it again,
    /// which only a new schema's first version may do).
    static let fixture = Fixtures.directory.appendingPathComponent("history/schema-1.sqlite")

    static func writeFixture(to path: String) throws {
        let store = try SQLiteHistoryStore(path: path, create: true)
        _ = try store.record(
            CatalogState(try SQLiteHistoryStoreTests.catalog(["a": ("1", 1000), "b": ("2", 2000)])),
            source: SQLiteHistoryStoreTests.source, at: SQLiteHistoryStoreTests.date("2026-01-01T00:00:00Z"),
            etag: "\"one\"")
        _ = try store.record(
            CatalogState(try SQLiteHistoryStoreTests.catalog(["a": ("1.5", 1000), "c": ("3", 3000)])),
            source: SQLiteHistoryStoreTests.source, at: SQLiteHistoryStoreTests.date("2026-02-01T00:00:00Z"),
            etag: "\"two\"")
    }

    @Test func aFileOfTheFirstSchemaOpensAndReadsAsWritten() throws {
        if ProcessInfo.processInfo.environment["MODELSYNC_RECORD_SCHEMA_FIXTURE"] == "1" {
            try? FileManager.default.removeItem(at: Self.fixture)
            try Self.writeFixture(to: Self.fixture.path)
            // One file: the write-ahead log folded in.
            let store = try SQLiteHistoryStore(path: Self.fixture.path, create: false)
            _ = try store.vacuum(before: Date(timeIntervalSince1970: 0))
        }
        let directory = try TemporaryDirectory()
        let copy = directory.file("old.sqlite")
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: copy)
        let store = try SQLiteHistoryStore(path: copy, create: false)
        let observations = try store.observations(source: SQLiteHistoryStoreTests.source)
        #expect(observations.map(\.etag) == ["\"one\"", "\"two\""])
        #expect(observations.map(\.modelCount) == [2, 2])
        let changes = try store.changes(ChangeQuery(source: SQLiteHistoryStoreTests.source)).map {
            "\($0.change.model) \($0.change.key ?? "-") \($0.change.new ?? "-")"
        }
        #expect(changes == ["a pricing.input 1.5", "b - -", "c - {}"])
        // And it takes new observations.
        let third = try store.record(
            CatalogState(try SQLiteHistoryStoreTests.catalog(["a": ("2", 1000)])),
            source: SQLiteHistoryStoreTests.source, at: SQLiteHistoryStoreTests.date("2026-03-01T00:00:00Z"), etag: nil)
        guard case .recorded(_, let count) = third else {
            Issue.record("\(third)")
            return
        }
        #expect(count == 2)
    }

    @Test func aFileOfALaterSchemaIsRefusedAndLeftAsItIs() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("newer.sqlite")
        var bytes = try Data(contentsOf: Self.fixture)
        // The database header's user version (bytes 60–63, big-endian): schema 99.
        bytes.replaceSubrange(60..<64, with: [0, 0, 0, 99])
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: HistoryError(location: path, reason: .newerSchema(99))) {
            try SQLiteHistoryStore(path: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aQueryOfAHistoryThatDoesNotExistSaysSoAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: HistoryError(location: directory.file("none.sqlite"), reason: .missing)) {
            try SQLiteHistoryStore(path: directory.file("none.sqlite"), create: false)
        }
        #expect(directory.files().isEmpty)
    }
}

/// A store that implements only the calls every store must (``HistoryStore``), forwarding them to an SQLite store:
/// what it answers for `changesByObservation` is the protocol's own, built from `changes`.
final class StoreWithoutGroupedChanges: HistoryStore {
    let base: SQLiteHistoryStore
    init(_ base: SQLiteHistoryStore) { self.base = base }
    var location: String { base.location }
    func record(_ state: CatalogState, source: String, at date: Date, etag: String?) throws(HistoryError)
        -> RecordResult
    { try base.record(state, source: source, at: date, etag: etag) }
    func latestObservation(source: String) throws(HistoryError) -> Observation? {
        try base.latestObservation(source: source)
    }
    func observations(source: String) throws(HistoryError) -> [Observation] { try base.observations(source: source) }
    func timeline(source: String, provider: String, model: String, key: String?) throws(HistoryError)
        -> ModelTimeline
    { try base.timeline(source: source, provider: provider, model: model, key: key) }
    func changes(_ query: ChangeQuery) throws(HistoryError) -> [RecordedChange] { try base.changes(query) }
    func modelIDs(source: String, provider: String?) throws(HistoryError) -> [ListedModel] {
        try base.modelIDs(source: source, provider: provider)
    }
    func valueAges(source: String, provider: String) throws(HistoryError) -> ValueAges {
        try base.valueAges(source: source, provider: provider)
    }
    func vacuum(before date: Date) throws(HistoryError) -> VacuumResult { try base.vacuum(before: date) }
}

@Suite struct GroupedChangesTests {
    @Test func storedChangesReadBackAsWrittenWhateverTheirIDsAndValuesHold() {
        // Tabs, line breaks and backslashes, a lone backslash at the end, an escape written literally, an empty
        // model id (the provider's own change), non-ASCII text.
        let changes = [
            CatalogChange(provider: "p", model: "t\tab\nline", key: "name", old: #""a\tb""#, new: #""c""#),
            CatalogChange(provider: "p", model: "ends\\", key: nil, old: nil, new: "{}"),
            CatalogChange(provider: "p", model: #"lit\t"#, key: nil, old: "{}", new: nil),
            CatalogChange(provider: "p", model: "", key: "name", old: #""Café""#, new: #""模型""#),
        ]
        let stored = StoredProviderChanges(provider: "p", changes: changes)
        #expect(stored.changes == changes)
        var kinds: [ChangeKind] = []
        stored.forEachChange { kinds.append($0.kind) }
        #expect(kinds == [.other, .added, .removed, .other])
    }

    @Test func theProtocolsGroupingOfChangesEqualsTheSQLiteStores() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        let source = SQLiteHistoryStoreTests.source
        let catalogs = [
            try SQLiteHistoryStoreTests.catalog(["a": ("1", 1000), "b": ("2", 2000)]),
            try SQLiteHistoryStoreTests.catalog(["a": ("1.5", 1000), "c": ("3", 3000)]),
            try SQLiteHistoryStoreTests.catalog(["a": ("2", 1000), "c": ("3", 4000), "d x": ("1", 1)]),
        ]
        for (index, catalog) in catalogs.enumerated() {
            _ = try store.record(
                CatalogState(catalog), source: source,
                at: SQLiteHistoryStoreTests.date("2026-0\(index + 1)-01T00:00:00Z"), etag: nil)
        }
        let other = StoreWithoutGroupedChanges(store)
        for query in [
            ChangeQuery(source: source), ChangeQuery(source: source, kinds: [.price]),
            ChangeQuery(source: source, kinds: [.added, .removed]),
        ] {
            let own = try store.changesByObservation(query)
            let derived = try other.changesByObservation(query)
            #expect(own.count == derived.count && own.count >= 1)
            for (lhs, rhs) in zip(own, derived) {
                #expect(lhs.observationID == rhs.observationID && lhs.observedAt == rhs.observedAt)
                #expect(lhs.providers.flatMap(\.changes) == rhs.providers.flatMap(\.changes))
                #expect(lhs.providers.map(\.provider) == rhs.providers.map(\.provider))
            }
        }
    }
}
