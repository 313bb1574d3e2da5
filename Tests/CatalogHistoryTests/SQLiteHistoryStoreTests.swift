import CatalogHistory
import Foundation
import ModelsDevCatalog
import Testing
import TestSupport

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

    static func date(_ text: String) -> Date { Timestamp.parse(text)! }

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

    @Test func aFileThatIsNotAModelsyncHistoryIsRefusedAndLeftAsItIs() throws {
        let directory = try TemporaryDirectory()
        try directory.write("text.sqlite", "not a database\n")
        #expect(throws: HistoryError.self) { try SQLiteHistoryStore(path: directory.file("text.sqlite"), create: true) }
        #expect(try String(contentsOfFile: directory.file("text.sqlite"), encoding: .utf8) == "not a database\n")
    }
}
