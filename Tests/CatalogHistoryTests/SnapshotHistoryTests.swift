import CatalogHistory
import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

/// The three real snapshots recorded in date order, checked against changes computed here from the raw JSON with
/// Foundation's parser: a second reading of the data that shares no code with the store or the catalog decoder.
@Suite struct SnapshotHistoryTests {
    static let source = "https://models.dev/api.json"
    static let snapshots = [
        ("api-2025-08-03.json", "2025-08-03T00:00:00Z"), ("api-2026-01-05.json", "2026-01-05T00:00:00Z"),
        ("api-2026-07-02.json", "2026-07-02T00:00:00Z"),
    ]

    /// One store file with the three snapshots and the raw JSON, shared by the tests of this suite (recording is
    /// the slow part); each test opens its own connection.
    nonisolated(unsafe) static let recording: Result<(TemporaryDirectory, [String: Any]), any Error> = Result {
        let directory = try TemporaryDirectory("modelsync-history")
        let store = try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: true)
        var raw: [String: Any] = [:]
        for (name, date) in snapshots {
            let data = try Fixtures.modelsDevData(name)
            _ = try store.record(
                CatalogState(try Catalog.decode(data, sourceName: name)), source: source,
                at: Timestamp.parse(date) ?? .distantPast, etag: nil)
            raw[date] = try JSONSerialization.jsonObject(with: data)
        }
        return (directory, raw)
    }

    static func recorded() throws -> (TemporaryDirectory, SQLiteHistoryStore, [String: Any]) {
        let (directory, raw) = try recording.get()
        return (directory, try SQLiteHistoryStore(path: directory.file("history.sqlite"), create: false), raw)
    }

    /// The tracked values of one model from the raw JSON, keyed as the history keys them.
    static func values(_ model: [String: Any]) -> [String: String] {
        var values: [String: String] = [:]
        func text(_ value: Any) -> String {
            if let number = value as? NSNumber {
                if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
                return "\(number.doubleValue)"
            }
            if let string = value as? String { return "\"\(string)\"" }
            if let list = value as? [Any] { return "[" + list.map(text).joined(separator: ",") + "]" }
            return "\(value)"
        }
        for key in ["name", "family", "knowledge", "release_date", "last_updated", "open_weights", "status"] {
            if let value = model[key], !(value is NSNull) { values[key] = text(value) }
        }
        let limit = model["limit"] as? [String: Any] ?? [:]
        for (from, to) in [
            ("context", "context_window"), ("input", "max_input_tokens"), ("output", "max_output_tokens"),
        ] {
            if let value = limit[from], !(value is NSNull) { values[to] = text(value) }
        }
        let cost = model["cost"] as? [String: Any] ?? [:]
        for (key, value) in cost where !(value is NSNull) && !(value is [String: Any]) && !(value is [Any]) {
            values["pricing." + key] = text(value)
        }
        if let over = cost["context_over_200k"] as? [String: Any] {
            for (key, value) in over where !(value is NSNull) {
                values["pricing.context_over_200k." + key] = text(value)
            }
        }
        let modalities = model["modalities"] as? [String: Any] ?? [:]
        for key in ["input", "output"] {
            if let list = modalities[key] as? [Any] { values["modalities." + key] = text(list) }
        }
        return values
    }

    /// A stored JSON value in the same notation as ``values(_:)``: numbers as doubles.
    static func normalized(_ json: String?) -> String? {
        guard let json else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        else { return json }
        func text(_ value: Any) -> String {
            if let number = value as? NSNumber {
                if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
                return "\(number.doubleValue)"
            }
            if let string = value as? String { return "\"\(string)\"" }
            if let list = value as? [Any] { return "[" + list.map(text).joined(separator: ",") + "]" }
            return "\(value)"
        }
        return text(object)
    }

    static func models(_ catalog: Any) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for (providerID, provider) in catalog as? [String: Any] ?? [:] {
            for (modelID, model) in (provider as? [String: Any])?["models"] as? [String: Any] ?? [:] {
                if let model = model as? [String: Any] { result[providerID + "/" + modelID] = model }
            }
        }
        return result
    }

    @Test func everyChangeOfTwentyModelsEqualsTheChangeComputedFromTheRawJSON() throws {
        let (_, store, raw) = try Self.recorded()
        let dates = Self.snapshots.map(\.1)
        let states = dates.map { Self.models(raw[$0]!) }
        // Twenty models: the first ten (by id) that changed a tracked value, five added after the first snapshot,
        // five that vanished; chosen from the raw JSON, so the test picks what the store must know.
        let all = Set(states.flatMap(\.keys)).sorted()
        let changed = all.filter { id in
            let versions = states.compactMap { $0[id].map(Self.values) }
            return versions.count == 3 && Set(versions.map { $0.description }).count > 1
        }
        let added = all.filter { states[0][$0] == nil && states[2][$0] != nil }
        let vanished = all.filter { states[0][$0] != nil && states[2][$0] == nil }
        let chosen = Array(changed.prefix(10)) + Array(added.prefix(5)) + Array(vanished.prefix(5))
        #expect(chosen.count == 20)

        for reference in chosen {
            let slash = reference.firstIndex(of: "/")!
            let provider = String(reference[..<slash])
            let model = String(reference[reference.index(after: slash)...])
            var expected: [String] = []
            for step in 1..<3 {
                let before = states[step - 1][reference].map(Self.values)
                let after = states[step][reference].map(Self.values)
                let date = dates[step].prefix(10)
                switch (before, after) {
                case (nil, .some): expected.append("\(date) added")
                case (.some, nil): expected.append("\(date) removed")
                case (let before?, let after?):
                    for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
                        expected.append("\(date) \(key) \(before[key] ?? "-") → \(after[key] ?? "-")")
                    }
                default: break
                }
            }
            let timeline = try store.timeline(source: Self.source, provider: provider, model: model, key: nil)
            let recorded = timeline.changes.compactMap { change -> String? in
                let date = Timestamp.format(change.observedAt).prefix(10)
                guard let key = change.change.key else {
                    return "\(date) \(change.change.new == nil ? "removed" : "added")"
                }
                // Capabilities and tiers are derived or nested: the raw reading above does not derive them.
                if key == "capabilities" || key == "pricing.tiers" { return nil }
                return "\(date) \(key) \(Self.normalized(change.change.old) ?? "-") → "
                    + "\(Self.normalized(change.change.new) ?? "-")"
            }
            #expect(recorded == expected, "\(reference)")
            let firstSeen = dates.firstIndex { Self.models(raw[$0]!)[reference] != nil }.map { dates[$0] }
            #expect(timeline.firstSeen.map(Timestamp.format) == firstSeen, "\(reference)")
            #expect((timeline.vanished != nil) == (states[2][reference] == nil), "\(reference)")
        }
    }

    @Test func theCountsOfAddedRemovedAndRepricedModelsEqualTheRawCounts() throws {
        let (_, store, raw) = try Self.recorded()
        for step in 1..<3 {
            let (before, after) = (
                Self.models(raw[Self.snapshots[step - 1].1]!), Self.models(raw[Self.snapshots[step].1]!)
            )
            let date = Timestamp.parse(Self.snapshots[step].1)!
            let changes = try store.changes(ChangeQuery(source: Self.source, since: date, until: date))
            let models = { (kind: ChangeKind) in
                Set(
                    changes.filter { $0.change.kind == kind && !$0.change.model.isEmpty }.map {
                        $0.change.provider + "/" + $0.change.model
                    })
            }
            let repriced = Set(before.keys).intersection(after.keys).filter { id in
                let old = Self.values(before[id]!).filter { $0.key.hasPrefix("pricing.") }
                let new = Self.values(after[id]!).filter { $0.key.hasPrefix("pricing.") }
                return old != new
            }
            #expect(models(.added) == Set(after.keys).subtracting(before.keys), "step \(step)")
            #expect(models(.removed) == Set(before.keys).subtracting(after.keys), "step \(step)")
            // Tiers are nested lists the raw reading leaves out; a model repriced only in its tiers is rare.
            let storedRepriced = Set(
                changes.filter { $0.change.kind == .price && $0.change.key != "pricing.tiers" }.map {
                    $0.change.provider + "/" + $0.change.model
                })
            #expect(storedRepriced == repriced, "step \(step)")
            #expect(!repriced.isEmpty && !models(.added).isEmpty)
        }
    }

    @Test func theStoreOfTheThreeSnapshotsStaysUnderFiveMegabytes() throws {
        let (directory, store, _) = try Self.recorded()
        _ = store
        let size = { (name: String) in
            ((try? FileManager.default.attributesOfItem(atPath: directory.file(name)))?[.size] as? Int) ?? 0
        }
        let total = size("history.sqlite") + size("history.sqlite-wal")
        print("history of three snapshots: \(size("history.sqlite")) bytes, WAL \(size("history.sqlite-wal")) bytes")
        if let keep = ProcessInfo.processInfo.environment["MODELSYNC_KEEP_HISTORY"] {
            try? FileManager.default.copyItem(atPath: directory.file("history.sqlite"), toPath: keep)
        }
        #expect(total > 0 && total < 5_000_000)
    }
}
