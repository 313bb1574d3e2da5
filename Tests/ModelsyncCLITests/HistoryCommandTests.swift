import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

/// Small catalogs for the history commands' tests, and a runner whose history is a file of its own.
enum HistoryFixture {
    /// A model with an id, prices and a context window; `extra` is more JSON members.
    static func model(_ id: String, input: String, context: Int = 128_000, extra: String = "") -> String {
        let escaped = id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{1}", with: "\\u0001")
        return "\"\(escaped)\":{\"id\":\"\(escaped)\",\"name\":\"M\",\"limit\":{\"context\":\(context),"
            + "\"output\":4096},\"cost\":{\"input\":\(input),\"output\":10}\(extra)}"
    }

    static func provider(_ id: String, name: String = "P", _ models: [String]) -> String {
        "\"\(id)\":{\"id\":\"\(id)\",\"name\":\"\(name)\",\"env\":[\"KEY\"],\"models\":{"
            + models.joined(separator: ",") + "}}"
    }

    static func catalog(_ providers: [String]) -> String {
        "{" + providers.joined(separator: ",") + "}"
    }

    /// An id with `<`, `&`, `"` and a control character.
    static let oddID = "odd<&\"\u{1}id"

    /// 2026-01-05: openai gpt-5 (1.25) and gpt-4o; anthropic claude (200k).
    static let first = catalog([
        provider("openai", [model("gpt-5", input: "1.25"), model("gpt-4o", input: "2.5")]),
        provider("anthropic", [model("claude", input: "3", context: 200_000)]),
    ])
    /// 2026-03-01: anthropic claude's context grows to 1m; openai's name changes.
    static let second = catalog([
        provider(
            "openai", name: "OpenAI",
            [model("gpt-5", input: "1.25"), model("gpt-4o", input: "2.5")]),
        provider("anthropic", [model("claude", input: "3", context: 1_000_000)]),
    ])
    /// 2026-07-02: gpt-5 costs 1.5 and reads PDFs; gpt-4o is gone; gpt-5-mini and the odd id are new.
    static let third = catalog([
        provider(
            "openai", name: "OpenAI",
            [
                model("gpt-5", input: "1.5", extra: ",\"attachment\":true"), model("gpt-5-mini", input: "0.25"),
                model(oddID, input: "1"),
            ]),
        provider("anthropic", [model("claude", input: "3", context: 1_000_000)]),
    ])

    static let dates = ["2026-01-05", "2026-03-01", "2026-07-02"]

    /// A runner with the three catalogs written as `first.json`, `second.json`, `third.json`, and the history
    /// file it names.
    static func runner() throws -> (CommandRunner, String) {
        let runner = try CommandRunner()
        try runner.directory.write("first.json", first)
        try runner.directory.write("second.json", second)
        try runner.directory.write("third.json", third)
        return (runner, runner.directory.file("h.sqlite"))
    }

    /// A runner whose history holds the three catalogs at ``dates``.
    static func imported() async throws -> (CommandRunner, String) {
        let (runner, history) = try runner()
        try await runner.run(
            ["history", "import", "first.json", "second.json", "third.json", "--history", history]
                + dates.flatMap { ["--as-of", $0] }, expecting: 0)
        return (runner, history)
    }

    /// The date of a `YYYY-MM-DDTHH:MM:SSZ` timestamp.
    static func date(_ text: String) throws -> Date {
        try #require(Timestamp.parse(text))
    }
}

/// `modelsync history`, `history import` and `history vacuum`, in-process, on real SQLite files.
struct HistoryCommandTests {
    @Test func importsWithAsOfThenPrintsTheTimelineAsTextAndJSON() async throws {
        let (runner, history) = try HistoryFixture.runner()
        // Given out of date order: recorded in date order.
        let imported = try await runner.run(
            [
                "history", "import", "third.json", "first.json", "second.json", "--as-of", "2026-07-02T12:00:00Z",
                "--as-of", "2026-01-05", "--as-of", "2026-03-01", "--history", history,
            ], expecting: 0)
        #expect(
            imported.stdout == """
                2026-01-05  first.json  recorded: first observation
                2026-03-01  second.json  recorded: 2 changes
                2026-07-02T12:00:00Z  third.json  recorded: 5 changes

                """, "\(imported.stdout)")

        let timeline = try await runner.run(["history", "openai/gpt-5", "--history", history], expecting: 0)
        #expect(
            timeline.stdout == """
                openai/gpt-5 in the catalog history of https://models.dev/api.json (3 observations)
                2026-01-05  first seen
                2026-07-02  capabilities  [] → [attachments]
                2026-07-02  pricing.input  1.25 → 1.5
                2026-07-02  last seen

                """, "\(timeline.stdout)")

        let vanished = try await runner.run(["history", "openai/gpt-4o", "--history", history], expecting: 0)
        #expect(vanished.stdout.hasSuffix("2026-01-05  first seen\n2026-03-01  last seen\n2026-07-02  vanished\n"))

        let provider = try await runner.run(["history", "openai", "--history", history], expecting: 0)
        #expect(provider.stdout.contains("2026-03-01  name  P → OpenAI\n"), "\(provider.stdout)")

        let json = try await runner.run(
            ["history", "openai/gpt-5", "--key", "pricing", "--json", "--history", history], expecting: 0)
        let object = try PlainJSON.parse(Data(json.stdout.utf8))
        #expect(object["source"] == .string("https://models.dev/api.json"))
        #expect(object["provider"] == .string("openai"))
        #expect(object["model"] == .string("gpt-5"))
        #expect(object["first_seen"] == .string("2026-01-05T00:00:00Z"))
        #expect(object["last_seen"] == .string("2026-07-02T12:00:00Z"))
        #expect(object["vanished"] == .null)
        let changes = try #require(object["changes"]?.arrayValue)
        #expect(changes.count == 1, "only pricing keys: \(changes)")
        #expect(changes.first?["key"] == .string("pricing.input"))
        #expect(changes.first?["kind"] == .string("price"))
        #expect(changes.first?["old"]?.doubleValue == 1.25)
        #expect(changes.first?["new"]?.doubleValue == 1.5)
        #expect(changes.first?["observed_at"] == .string("2026-07-02T12:00:00Z"))
    }

    @Test func aSnapshotDatedWhileTheHistorySawOtherValuesIsNotRecorded() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("first.json", HistoryFixture.first)
        try runner.directory.write("second.json", HistoryFixture.second)
        let history = runner.directory.file("h.sqlite")
        // The first catalog seen on 2026-01-05 and again on 2026-07-02; the second dated between them.
        try await runner.run(
            [
                "history", "import", "first.json", "first.json", "--as-of", "2026-01-05", "--as-of", "2026-07-02",
                "--history", history,
            ], expecting: 0)
        let inside = try await runner.run(
            ["history", "import", "second.json", "--as-of", "2026-03-01", "--history", history], expecting: 0)
        #expect(
            inside.stdout
                == "2026-03-01  second.json  not recorded: the history saw other values from 2026-01-05T00:00:00Z "
                + "until 2026-07-02T00:00:00Z\n", "\(inside.stdout)")
        let changes = try await runner.run(
            ["changes", "--since", "2026-01-01", "--json", "--history", history], expecting: 0)
        #expect(try PlainJSON.parse(Data(changes.stdout.utf8))["changes"]?.arrayValue?.isEmpty == true)
    }

    @Test func readsDatesFromFileNamesAndImportingTwiceChangesNothing() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("snapshots/api-2026-07-02.json", HistoryFixture.third)
        try runner.directory.write("snapshots/api-2026-01-05.json", HistoryFixture.first)
        let history = runner.directory.file("h.sqlite")
        let arguments = [
            "history", "import", "snapshots/api-2026-07-02.json", "snapshots/api-2026-01-05.json", "--history",
            history,
        ]
        let first = try await runner.run(arguments, expecting: 0)
        #expect(
            first.stdout == """
                2026-01-05  snapshots/api-2026-01-05.json  recorded: first observation
                2026-07-02  snapshots/api-2026-07-02.json  recorded: 7 changes

                """, "\(first.stdout)")
        let before = try await runner.run(["changes", "--since", "2026-01-01", "--json", "--history", history])
        let size = try FileManager.default.attributesOfItem(atPath: history)[.size] as? Int

        let again = try await runner.run(arguments, expecting: 0)
        #expect(
            again.stdout == """
                2026-01-05  snapshots/api-2026-01-05.json  already recorded
                2026-07-02  snapshots/api-2026-07-02.json  already recorded

                """, "\(again.stdout)")
        let after = try await runner.run(["changes", "--since", "2026-01-01", "--json", "--history", history])
        #expect(after.stdout == before.stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: history)[.size] as? Int == size)

        // The same catalog at a later date is the same state seen again.
        try runner.directory.write("snapshots/api-2026-08-01.json", HistoryFixture.third)
        let seen = try await runner.run(
            ["history", "import", "snapshots/api-2026-08-01.json", "--history", history], expecting: 0)
        #expect(seen.stdout == "2026-08-01  snapshots/api-2026-08-01.json  seen again\n")
        let timeline = try await runner.run(["history", "openai/gpt-5", "--history", history, "--json"])
        #expect(try PlainJSON.parse(Data(timeline.stdout.utf8))["last_seen"] == .string("2026-08-01T00:00:00Z"))

        let undated = try await runner.run(["history", "import", "first.json", "--history", history])
        #expect(undated.status == 64)
        #expect(undated.stderr.contains("holds no date YYYY-MM-DD"), "\(undated.stderr)")
        let unpaired = try await runner.run(
            ["history", "import", "a.json", "b.json", "--as-of", "2026-01-01", "--history", history])
        #expect(unpaired.status == 64)
        let badDate = try await runner.run(
            ["history", "import", "a.json", "--as-of", "2026-13-01", "--history", history])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("--as-of takes a date"), "\(badDate.stderr)")
    }

    @Test func aBadFileFailsAloneAndTheOthersAreRecorded() async throws {
        let (runner, history) = try HistoryFixture.runner()
        try runner.directory.write("broken.json", "{\"openai\": {")
        let result = try await runner.run(
            [
                "history", "import", "first.json", "broken.json", "missing.json", "third.json", "--as-of",
                "2026-01-05", "--as-of", "2026-02-01", "--as-of", "2026-02-02", "--as-of", "2026-07-02", "--history",
                history,
            ], expecting: 2)
        #expect(
            result.stdout == """
                2026-01-05  first.json  recorded: first observation
                2026-02-01  broken.json  not recorded (error)
                2026-02-02  missing.json  not recorded (error)
                2026-07-02  third.json  recorded: 7 changes

                """, "\(result.stdout)")
        #expect(result.stderr.contains("broken.json"), "\(result.stderr)")
        #expect(result.stderr.contains("missing.json"), "\(result.stderr)")
        let timeline = try await runner.run(["history", "openai/gpt-5", "--history", history], expecting: 0)
        #expect(timeline.stdout.contains("(2 observations)"), "\(timeline.stdout)")
    }

    @Test func withHistoryOffImportAndQueriesExit2SayingHowToTurnItOn() async throws {
        let (runner, _) = try HistoryFixture.runner()
        for (arguments, environment) in [
            (["history", "import", "first.json", "--as-of", "2026-01-05", "--no-history"], [:]),
            (["history", "import", "first.json", "--as-of", "2026-01-05"], ["MODELSYNC_HISTORY": "off"]),
            (["history", "openai/gpt-5"], ["MODELSYNC_HISTORY": "off"]),
            (["changes", "--no-history"], [:]),
        ] {
            let result = try await runner.run(arguments, environment: environment)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: no catalog history is kept"), "\(result.stderr)")
            #expect(result.stderr.contains("--history FILE"), "\(result.stderr)")
        }
        try runner.directory.write("config/modelsync.yml", "history: off\n")
        let settings = try await runner.run(
            ["history", "import", "first.json", "--as-of", "2026-01-05"], environment: ["MODELSYNC_HISTORY": ""])
        #expect(settings.status == 2)
        #expect(settings.stderr.contains("no catalog history is kept"), "\(settings.stderr)")
        #expect(!FileManager.default.fileExists(atPath: runner.directory.file(".local/share/modelsync")))
    }

    @Test func aMissingStoreIsNotCreatedByAQuery() async throws {
        let runner = try CommandRunner()
        let history = runner.directory.file("none.sqlite")
        for arguments in [["history", "openai/gpt-5"], ["changes"], ["history", "vacuum", "--keep", "30d"]] {
            let result = try await runner.run(arguments + ["--history", history], expecting: 2)
            #expect(result.stderr.contains("none.sqlite: error: no catalog history recorded yet"), "\(result.stderr)")
            #expect(result.stderr.contains("modelsync history import"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: history))

        // The default place (the runner's MODELSYNC_HISTORY=off unset): the import creates its directory under HOME.
        try runner.directory.write("first.json", HistoryFixture.first)
        let imported = try await runner.run(
            ["history", "import", "first.json", "--as-of", "2026-01-05"], environment: ["MODELSYNC_HISTORY": ""])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: runner.directory.file(".local/share/modelsync/history.sqlite")))
    }

    @Test func aModelTheHistoryNeverSawExits2WithTheClosestIDs() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let result = try await runner.run(["history", "openai/gpt5-mini", "--history", history], expecting: 2)
        #expect(
            result.stderr.hasPrefix(
                "error: the catalog history of https://models.dev/api.json never saw 'openai/gpt5-mini'; did you "
                    + "mean:\n  openai/gpt-5-mini\n"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let otherProvider = try await runner.run(["history", "anthropc/claude", "--history", history], expecting: 2)
        #expect(otherProvider.stderr.contains("\n  anthropic/claude"), "\(otherProvider.stderr)")
    }

    @Test func vacuumRemovesObservationsLastSeenBeforeTheKeptDuration() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let now = try HistoryFixture.date("2026-07-10T00:00:00Z")
        let bad = try await runner.run(["history", "vacuum", "--keep", "7x", "--history", history])
        #expect(bad.status == 64)
        // 2026-07-10 - 20 weeks = 2026-02-20: only the 2026-01-05 observation is older.
        let result = try await runner.run(
            ["history", "vacuum", "--keep", "20w", "--history", history], now: { now })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "removed 1 observation and 0 changes last seen before 2026-02-20T00:00:00Z; "), "\(result.stdout)")
        #expect(result.stdout.contains(" → "))
        let timeline = try await runner.run(["history", "openai/gpt-5", "--history", history], expecting: 0)
        #expect(timeline.stdout.contains("(2 observations)"), "\(timeline.stdout)")
        let again = try await runner.run(
            ["history", "vacuum", "--keep", "20w", "--history", history, "--json"], now: { now })
        let object = try PlainJSON.parse(Data(again.stdout.utf8))
        #expect(object["observations_removed"]?.doubleValue == 0)
    }

    @Test func infoShowsTheLastPriceChangeWhenTheHistoryKnowsOne() async throws {
        let (runner, history) = try HistoryFixture.runner()
        let source = runner.directory.file("third.json")
        try await runner.run(
            [
                "history", "import", "first.json", "third.json", "--as-of", "2026-01-05", "--as-of", "2026-07-02",
                "--source", source, "--history", history,
            ], expecting: 0)
        let info = try await runner.run(
            ["info", "openai/gpt-5", "--source", source, "--history", history, "--quiet"], expecting: 0)
        #expect(info.stdout.contains("\nlast price change: 2026-07-02 (pricing.input 1.25 → 1.5)\n"), "\(info.stdout)")
        let unchanged = try await runner.run(
            ["info", "anthropic/claude", "--source", source, "--history", history, "--quiet"], expecting: 0)
        #expect(!unchanged.stdout.contains("last price change"))
        // No history at all, or one that is not a history: info still works and says nothing of it.
        try runner.directory.write("not-a-history.sqlite", "plain text")
        for flags in [["--no-history"], ["--history", runner.directory.file("not-a-history.sqlite")]] {
            let quiet = try await runner.run(["info", "openai/gpt-5", "--source", source, "--quiet"] + flags)
            #expect(quiet.status == 0, "\(quiet.stderr)")
            #expect(!quiet.stdout.contains("last price change"))
            #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        }
    }

    /// The three snapshots imported by their names, then `history --json` of twenty models and `changes --json`
    /// counts of each step, against changes computed from the raw JSON (``RawSnapshot``).
    @Test func historyAndChangesOfTheRealSnapshotsEqualTheChangesComputedFromTheRawJSON() async throws {
        let runner = try CommandRunner()
        let history = runner.directory.file("h.sqlite")
        let dates = ["2025-08-03", "2026-01-05", "2026-07-02"]
        try await runner.run(
            ["history", "import"] + dates.map { Fixtures.modelsDev("api-\($0).json").path } + ["--history", history],
            expecting: 0)
        let raw = try dates.map { try RawSnapshot(Fixtures.modelsDevData("api-\($0).json")) }
        let chosen = RawSnapshot.twentyModels(across: raw)
        #expect(chosen.count == 20)
        for reference in chosen {
            let result = try await runner.run(["history", reference, "--json", "--history", history], expecting: 0)
            let timeline = try PlainJSON.parse(Data(result.stdout.utf8))
            let recorded = (timeline["changes"]?.arrayValue ?? []).compactMap { change -> String? in
                let date = (change["observed_at"]?.stringValue ?? "").prefix(10)
                guard let key = change["key"]?.stringValue else {
                    return "\(date) \(change["kind"]?.stringValue ?? "?")"
                }
                if key == "capabilities" { return nil }
                let text = { (name: String) -> String in
                    guard let value = change[name], value != .null else { return "-" }
                    return RawSnapshot.normalized(value.description) ?? "-"
                }
                return "\(date) \(key) \(text("old")) → \(text("new"))"
            }
            #expect(
                recorded == RawSnapshot.expectedChanges(of: reference, across: Array(zip(dates, raw))), "\(reference)")
        }
        for step in 1..<3 {
            let result = try await runner.run(
                ["changes", "--since", dates[step], "--until", dates[step], "--json", "--history", history],
                expecting: 0)
            let counts = try #require(try PlainJSON.parse(Data(result.stdout.utf8))["counts"])
            let expected = RawSnapshot.counts(from: raw[step - 1], to: raw[step])
            #expect(counts["models_added"]?.doubleValue == Double(expected.added.count), "step \(step)")
            #expect(counts["models_removed"]?.doubleValue == Double(expected.removed.count), "step \(step)")
            #expect(counts["models_repriced"]?.doubleValue == Double(expected.repriced.count), "step \(step)")
        }
    }

    /// The three models.dev snapshots, imported by their names, agree between `changes` and `history`.
    @Test func realSnapshotsImportedByNameAgreeBetweenChangesAndHistory() async throws {
        let runner = try CommandRunner()
        let history = runner.directory.file("h.sqlite")
        let names = ["api-2026-07-02.json", "api-2025-08-03.json", "api-2026-01-05.json"]
        let imported = try await runner.run(
            ["history", "import"] + names.map { Fixtures.modelsDev($0).path } + ["--history", history], expecting: 0)
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("2025-08-03  ") == true && lines.first?.hasSuffix("first observation") == true)
        #expect(lines.last?.hasPrefix("2026-07-02  ") == true && lines.last?.contains("recorded: ") == true)

        let changes = try await runner.run(
            ["changes", "--since", "2026-01-01", "--json", "--history", history], expecting: 0)
        let report = try PlainJSON.parse(Data(changes.stdout.utf8))
        let counts = try #require(report["counts"])
        for key in ["added", "price", "models_added", "models_repriced"] {
            #expect((counts[key]?.doubleValue ?? 0) > 0, "\(key): \(counts)")
        }
        let items = try #require(report["changes"]?.arrayValue)
        let total = ["added", "removed", "price", "limit", "capability", "other"].reduce(0.0) {
            $0 + (counts[$1]?.doubleValue ?? 0)
        }
        #expect(Double(items.count) == total)
        // The text, written in pieces of 64 KiB: a line per change, in the order of the JSON, each observation's
        // lines followed by a blank line, then the summary.
        let text = try await runner.run(["changes", "--since", "2026-01-01", "--history", history], expecting: 0)
        #expect(text.stdout.utf8.count > 4 * 65_536)
        let textLines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(textLines.count == items.count + 2 + 2)
        let changeLines = textLines.filter { $0.count > 12 && $0.dropFirst(10).hasPrefix("  ") }
        #expect(changeLines.count == items.count)
        for (line, item) in zip(changeLines, items) {
            let model = item["model"]?.stringValue ?? ""
            let reference = (item["provider"]?.stringValue ?? "") + (model.isEmpty ? "" : "/" + model)
            let prefix = "\((item["observed_at"]?.stringValue ?? "").prefix(10))  \(reference)  "
            #expect(line.hasPrefix(prefix), "\(line) vs \(prefix)")
            if let key = item["key"]?.stringValue { #expect(line.dropFirst(prefix.count).hasPrefix(key + "  ")) }
        }
        #expect(textLines.last == "" && textLines[textLines.count - 2].hasPrefix("\(items.count) changes from "))
        let priced = items.filter { $0["kind"] == .string("price") && $0["model"] != .string("") }
        let repriced = Set(priced.map { "\($0["provider"]?.stringValue ?? "")/\($0["model"]?.stringValue ?? "")" })
        #expect(Double(repriced.count) == counts["models_repriced"]?.doubleValue)
        #expect(
            items.allSatisfy {
                $0["observed_at"] == .string("2026-01-05T00:00:00Z")
                    || $0["observed_at"] == .string("2026-07-02T00:00:00Z")
            })

        let first = try #require(priced.first)
        let provider = try #require(first["provider"]?.stringValue)
        let model = try #require(first["model"]?.stringValue)
        let timeline = try await runner.run(
            ["history", "\(provider)/\(model)", "--key", "pricing", "--json", "--history", history], expecting: 0)
        let object = try PlainJSON.parse(Data(timeline.stdout.utf8))
        let since = items.first { _ in true }?["observed_at"]
        let fromHistory = (object["changes"]?.arrayValue ?? []).filter { $0["kind"] == .string("price") }
            .filter { $0["observed_at"] != .string("2025-08-03T00:00:00Z") }
        let fromChanges = priced.filter { $0["provider"] == first["provider"] && $0["model"] == first["model"] }
        #expect(since != nil)
        #expect(fromHistory.count == fromChanges.count, "\(fromHistory) vs \(fromChanges)")
        for (lhs, rhs) in zip(fromHistory, fromChanges) {
            for key in ["observed_at", "key", "old", "new"] { #expect(lhs[key] == rhs[key], "\(key)") }
        }
    }
}
