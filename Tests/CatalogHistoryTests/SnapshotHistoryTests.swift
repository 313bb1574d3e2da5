import CatalogHistory
import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

/// The three real snapshots recorded in date order, checked against changes computed from the raw JSON with
/// Foundation's parser (``RawSnapshot``): a second reading of the data that shares no code with the store or the
/// catalog decoder.
@Suite struct SnapshotHistoryTests {
    static let source = "https://models.dev/api.json"
    static let dates = ["2025-08-03", "2026-01-05", "2026-07-02"]

    /// One store file with the three snapshots and their raw readings, shared by the tests of this suite (recording
    /// is the slow part); each test opens its own connection.
    static let recording: Result<(TemporaryDirectory, [RawSnapshot]), any Error> = Result {
        let directory = try TemporaryDirectory("modelsync-history")
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        var raw: [RawSnapshot] = []
        for date in dates {
            let data = try Fixtures.modelsDevData("api-\(date).json")
            _ = try store.record(
                CatalogState(try Catalog.decode(data, sourceName: date)), source: source,
                at: Timestamp.parse(date + "T00:00:00Z") ?? .distantPast, etag: nil)
            raw.append(try RawSnapshot(data))
        }
        return (directory, raw)
    }

    static func recorded() throws -> (TemporaryDirectory, SQLiteHistoryStore, [RawSnapshot]) {
        let (directory, raw) = try recording.get()
        return (directory, try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: false), raw)
    }

    @Test func everyChangeOfTwentyModelsEqualsTheChangeComputedFromTheRawJSON() throws {
        let (_, store, raw) = try Self.recorded()
        let chosen = RawSnapshot.twentyModels(across: raw)
        #expect(chosen.count == 20)
        for reference in chosen {
            let slash = try #require(reference.firstIndex(of: "/"))
            let timeline = try store.timeline(
                source: Self.source, provider: String(reference[..<slash]),
                model: String(reference[reference.index(after: slash)...]), key: nil)
            let recorded = timeline.changes.compactMap { change -> String? in
                let date = Timestamp.format(change.observedAt).prefix(10)
                guard let key = change.change.key else {
                    return "\(date) \(change.change.new == nil ? "removed" : "added")"
                }
                // Capabilities are derived from several fields: the raw reading does not derive them.
                if key == "capabilities" { return nil }
                return "\(date) \(key) \(RawSnapshot.normalized(change.change.old) ?? "-") → "
                    + "\(RawSnapshot.normalized(change.change.new) ?? "-")"
            }
            #expect(
                recorded == RawSnapshot.expectedChanges(of: reference, across: Array(zip(Self.dates, raw))),
                "\(reference)")
            let firstSeen = raw.firstIndex { $0.models[reference] != nil }.map { Self.dates[$0] + "T00:00:00Z" }
            #expect(timeline.firstSeen.map(Timestamp.format) == firstSeen, "\(reference)")
            #expect((timeline.vanished != nil) == (raw[2].models[reference] == nil), "\(reference)")
        }
    }

    @Test func theCountsOfAddedRemovedAndRepricedModelsEqualTheRawCounts() throws {
        let (_, store, raw) = try Self.recorded()
        for step in 1..<3 {
            let date = try #require(Timestamp.parse(Self.dates[step] + "T00:00:00Z"))
            let changes = try store.changes(ChangeQuery(source: Self.source, since: date, until: date))
            let models = { (kinds: Set<ChangeKind>) in
                Set(
                    changes.filter { kinds.contains($0.change.kind) && !$0.change.model.isEmpty }
                        .map { $0.change.provider + "/" + $0.change.model })
            }
            let expected = RawSnapshot.counts(from: raw[step - 1], to: raw[step])
            #expect(models([.added]) == expected.added, "step \(step)")
            #expect(models([.removed]) == expected.removed, "step \(step)")
            #expect(models([.price]) == expected.repriced, "step \(step)")
            #expect(!expected.repriced.isEmpty && !expected.added.isEmpty)
        }
    }

    @Test func theStoreOfTheThreeSnapshotsStaysUnderFiveMegabytes() throws {
        let (directory, _, _) = try Self.recorded()
        let size = { (name: String) in
            ((try? FileManager.default.attributesOfItem(atPath: directory.file(name)))?[.size] as? Int) ?? 0
        }
        let total = size("history.sqlite") + size("history.sqlite-wal")
        print("history of three snapshots: \(size("history.sqlite")) bytes, WAL \(size("history.sqlite-wal")) bytes")
        #expect(total > 0 && total < 5_000_000)
    }
}
