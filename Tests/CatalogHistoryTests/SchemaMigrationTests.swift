import CatalogHistory
import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

/// A history written by the first schema, of real catalogs, answers every query after its migration as it did
/// before (`Tests/Fixtures/history/schema-1-snapshots.txt` was written by the first schema's store), and a store
/// that records the same catalogs today answers the same.
@Suite struct SchemaMigrationTests {
    /// `Tests/Fixtures/history/schema-1-snapshots.sqlite`: `modelsync history import` of the three snapshots of
    /// `Tests/Fixtures/models-dev`, cut to these providers, by the first schema's store.
    static let fixture = Fixtures.directory.appendingPathComponent("history/schema-1-snapshots.sqlite")
    static let answers = Fixtures.directory.appendingPathComponent("history/schema-1-snapshots.txt")
    static let providers: Set = [
        "anthropic", "cloudflare-workers-ai", "deepseek", "mistral", "openai", "xai", "xiaomi",
    ]
    static let dates = ["2025-08-03", "2026-01-05", "2026-07-02"]
    static let source = "https://models.dev/api.json"

    /// The snapshot of `date` cut to ``providers``, with `edit` applied to its JSON object.
    static func catalog(_ date: String, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Catalog {
        let whole = try JSONSerialization.jsonObject(with: try Fixtures.modelsDevData("api-\(date).json"))
        var cut = (whole as? [String: Any] ?? [:]).filter { providers.contains($0.key) }
        edit(&cut)
        return try Catalog.decode(try JSONSerialization.data(withJSONObject: cut), sourceName: date)
    }

    static func time(_ date: String) -> Date { Timestamp.parse(date + "T00:00:00Z") ?? .distantPast }

    /// Every answer of the store, as text: observations, changes, each model's timeline, the listed models and the
    /// value ages of each provider.
    static func answers(of store: SQLiteHistoryStore) throws -> String {
        var lines: [String] = []
        for observation in try store.observations(source: source) {
            lines.append(
                "observation \(Timestamp.format(observation.observedAt)) \(Timestamp.format(observation.lastSeenAt)) "
                    + "\(observation.etag ?? "-") \(observation.digest) \(observation.providerCount) "
                    + "\(observation.modelCount)")
        }
        let changes = try store.changes(ChangeQuery(source: source))
        for recorded in changes {
            let change = recorded.change
            lines.append(
                "change \(Timestamp.format(recorded.observedAt)) \(change.provider)/\(change.model) "
                    + "\(change.key ?? "-") \(change.kind) \(change.old ?? "-") → \(change.new ?? "-")")
        }
        let listed = try store.modelIDs(source: source, provider: nil)
        lines.append("listed " + listed.map { "\($0.provider)/\($0.model)" }.joined(separator: " "))
        var models = Set(listed)
        for recorded in changes {
            models.insert(ListedModel(provider: recorded.change.provider, model: recorded.change.model))
        }
        for model in models.sorted(by: { ($0.provider, $0.model) < ($1.provider, $1.model) }) {
            let timeline = try store.timeline(source: source, provider: model.provider, model: model.model, key: nil)
            let dates = [timeline.firstSeen, timeline.lastSeen, timeline.vanished].map {
                $0.map(Timestamp.format) ?? "-"
            }
            lines.append(
                "timeline \(model.provider)/\(model.model) \(dates.joined(separator: " ")) \(timeline.changes.count)")
        }
        for provider in providers.sorted() {
            let ages = try store.valueAges(source: source, provider: provider)
            lines.append(
                "ages \(provider) first \(ages.firstObservation.map(Timestamp.format) ?? "-") listed "
                    + ages.listed.sorted().joined(separator: " "))
            for (model, keys) in ages.lastChange.sorted(by: { $0.key < $1.key }) {
                for (key, date) in keys.sorted(by: { $0.key < $1.key }) {
                    lines.append("age \(provider)/\(model) \(key.isEmpty ? "-" : key) \(Timestamp.format(date))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aHistoryOfTheFirstSchemaAnswersAfterItsMigrationAsBefore() throws {
        let directory = try TemporaryDirectory()
        let copy = directory.file("old.sqlite")
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: copy)
        let store = try SQLiteHistoryStore(path: copy, create: false)
        try GoldenFile.expect(try Self.answers(of: store), matches: Self.answers)

        // The stored states survived: the newest catalog again is seen again, and one price more is one change.
        let again = try store.record(
            CatalogState(try Self.catalog("2026-07-02")), source: Self.source, at: Self.time("2026-07-03"), etag: nil)
        guard case .seenAgain = again else {
            Issue.record("the 2026-07-02 catalog again: \(again)")
            return
        }
        let repriced = try Self.catalog("2026-07-02") { catalog in
            var openai = catalog["openai"] as? [String: Any] ?? [:]
            var models = openai["models"] as? [String: Any] ?? [:]
            var model = models["gpt-4o"] as? [String: Any] ?? [:]
            var cost = model["cost"] as? [String: Any] ?? [:]
            cost["input"] = 2.75
            model["cost"] = cost
            models["gpt-4o"] = model
            openai["models"] = models
            catalog["openai"] = openai
        }
        let result = try store.record(
            CatalogState(repriced), source: Self.source, at: Self.time("2026-07-04"), etag: nil)
        guard case .recorded(_, let count) = result else {
            Issue.record("one price more: \(result)")
            return
        }
        #expect(count == 1)
        let last = try store.changes(ChangeQuery(source: Self.source, since: Self.time("2026-07-04")))
        #expect(
            last.map { "\($0.change.model) \($0.change.key ?? "-") \($0.change.new ?? "-")" } == [
                "gpt-4o pricing.input 2.75"
            ])
    }

    @Test func theSameCatalogsRecordedTodayAnswerTheSame() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteHistoryStore(path: directory.file("new.sqlite"), create: true)
        for date in Self.dates {
            _ = try store.record(
                CatalogState(try Self.catalog(date)), source: Self.source, at: Self.time(date), etag: nil)
        }
        guard !GoldenFile.isRecording else { return }
        #expect(try Self.answers(of: store) == (try String(contentsOf: Self.answers, encoding: .utf8)))
    }
}
