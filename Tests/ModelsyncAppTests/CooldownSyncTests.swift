import CatalogHistory
import Foundation
import ModelSync
import ModelsDevCatalog
import ModelsyncApp
import TestSupport
import Testing

/// `cooldown_hours`: a sync applies a changed value only once the history shows it has stood long enough.
///
/// The observations are recorded at chosen times and the run's clock is fixed: nothing waits.
@Suite struct CooldownSyncTests {
    static let now = Timestamp.parse("2026-07-02T12:00:00Z") ?? .distantPast

    static func catalog(input: String, context: Int) -> String {
        """
        {"acme": {"id": "acme", "name": "Acme", "models": {
          "m1": {"id": "m1", "name": "M1", "cost": {"input": \(input), "output": 8},
                 "limit": {"context": \(context), "output": 4096}},
          "m2": {"id": "m2", "name": "M2", "cost": {"input": 3, "output": 9}, "limit": {"context": 8000}}}}}
        """
    }

    /// A directory tracking acme with `cooldown_hours: 24`, synced from the old catalog (input 1, context 1000)
    /// without history; then the new catalog (input 2) is put in place.
    static func setUp() async throws -> TemporaryDirectory {
        let root = try TemporaryDirectory("modelsync-cooldown")
        try root.write("config/modelsync.yml", "cooldown_hours: 24\nproviders:\n  acme: {}\n")
        try root.write("catalog.json", catalog(input: "1", context: 1000))
        let outcome = try await sync(root, history: nil)
        #expect(outcome.reports.map(\.status) == [.created])
        try root.write("catalog.json", catalog(input: "2", context: 1000))
        return root
    }

    /// Records `old` at `oldTime` and the new catalog at `newTime` in the history `root/history.sqlite`, under the
    /// name the sync gives the source.
    static func record(in root: TemporaryDirectory, newSeenAt newTime: Date, oldSeenAt oldTime: Date) throws {
        let store = try SQLiteHistoryStore(path: root.file("history.sqlite"), create: true)
        let source = root.file("catalog.json")
        let old = try Catalog.decode(Data(catalog(input: "1", context: 1000).utf8), sourceName: "old")
        let new = try Catalog.decode(Data(catalog(input: "2", context: 1000).utf8), sourceName: "new")
        _ = try store.record(CatalogState(old), source: source, at: oldTime, etag: nil)
        _ = try store.record(CatalogState(new), source: source, at: newTime, etag: nil)
    }

    /// A sync of `root` from `catalog.json` at ``now``, with the history file `history` (`nil`: no history).
    static func sync(_ root: TemporaryDirectory, history: String? = "history.sqlite", accept: [String] = [])
        async throws -> SyncOutcome
    {
        var options = RunOptions()
        options.source = "catalog.json"
        options.allowShrink = true
        options.history = history
        options.noHistory = history == nil
        options.accept = accept
        var environment = environment(in: root, ["MODELSYNC_CACHE_DIR": root.file("cache")])
        environment.now = { now }
        return try await ModelsDevSyncer(try RunConfiguration.resolve(options, writes: true, in: environment))
            .run(.sync)
    }

    static func input(_ root: TemporaryDirectory) throws -> String? {
        let text = try String(contentsOfFile: root.file("config/models/acme.yml"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let m1 = try #require(lines.firstIndex { $0.hasSuffix("m1:") })
        return lines[m1...].first { $0.contains("input:") }.map {
            String($0.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func aChangeSeenForTwoHoursIsHeld() async throws {
        let root = try await Self.setUp()
        try Self.record(
            in: root, newSeenAt: Self.now.addingTimeInterval(-2 * 3_600),
            oldSeenAt: Self.now.addingTimeInterval(-30 * 86_400))
        let outcome = try await Self.sync(root)
        let report = try #require(outcome.reports.first)
        #expect(report.held.map(\.key) == ["pricing.input"])
        #expect(report.held.first?.reason == .cooldown(standingHours: 2))
        #expect(report.held.first?.reason.description == "new for 2 h (cooldown)")
        #expect(try Self.input(root) == "1")
        #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
    }

    @Test func theSameChangeSeenForTwentyFiveHoursIsApplied() async throws {
        let root = try await Self.setUp()
        try Self.record(
            in: root, newSeenAt: Self.now.addingTimeInterval(-25 * 3_600),
            oldSeenAt: Self.now.addingTimeInterval(-30 * 86_400))
        let outcome = try await Self.sync(root)
        let report = try #require(outcome.reports.first)
        #expect(report.held.isEmpty)
        #expect(report.status == .updated)
        #expect(try Self.input(root) == "2")
    }

    @Test func aHeldCooldownChangeIsAppliedWhenAccepted() async throws {
        let root = try await Self.setUp()
        try Self.record(
            in: root, newSeenAt: Self.now.addingTimeInterval(-2 * 3_600),
            oldSeenAt: Self.now.addingTimeInterval(-30 * 86_400))
        let outcome = try await Self.sync(root, accept: ["acme/m1:pricing.input"])
        #expect(outcome.reports.first?.held.isEmpty == true)
        #expect(try Self.input(root) == "2")
    }

    @Test func withoutHistoryOlderThanTheCooldownTheChangeIsAppliedAndTheRunSaysSo() async throws {
        let root = try await Self.setUp()
        // A fresh runner: the history starts with this run's own observation.
        let outcome = try await Self.sync(root)
        #expect(outcome.reports.first?.held.isEmpty == true)
        #expect(try Self.input(root) == "2")
        #expect(
            outcome.warnings.map(\.message.description) == [
                "cooldown: the catalog history cannot tell how long 1 new upstream value has stood (the history is "
                    + "younger than the cooldown, or has not seen the model); applied"
            ])
    }

    @Test func withTheHistoryOffTheRunSaysTheCooldownCannotApply() async throws {
        let root = try await Self.setUp()
        let outcome = try await Self.sync(root, history: nil)
        #expect(try Self.input(root) == "2")
        #expect(
            outcome.warnings.map(\.message.description) == [
                "cooldown_hours is set, but this run keeps no catalog history: changes are applied without a cooldown"
            ])
    }

    @Test func aHistoryThatCannotBeReadSaysTheCooldownCannotApply() async throws {
        let root = try await Self.setUp()
        try root.write("history.sqlite", "my notes, not a database\n")
        let outcome = try await Self.sync(root)
        #expect(try Self.input(root) == "2")
        #expect(
            outcome.warnings.map(\.message.description) == [
                "catalog history not recorded: history.sqlite: not a usable history database (the file is not an "
                    + "SQLite database); left as it is",
                "cooldown_hours is set, but the catalog history cannot be read: changes are applied without a "
                    + "cooldown",
            ])
        #expect(
            try String(contentsOfFile: root.file("history.sqlite"), encoding: .utf8) == "my notes, not a database\n")
    }
}
