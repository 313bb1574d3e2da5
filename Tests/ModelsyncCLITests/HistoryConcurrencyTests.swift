import Foundation
import TestSupport
import Testing

/// A cron sync and a person's query at the same time: real processes recording and reading one history.
///
/// A long suite: it launches the binary some 30 times.
@Suite(TestTier.long) struct HistoryConcurrencyTests {
    /// Set once the syncs are done; the query loop reads it between its runs.
    final class Finished: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test func syncsRecordingAndQueriesReadingAtOnceLoseNothing() async throws {
        // Its own two process slots: the two loops run side by side whatever the rest of the suite does.
        let runner = try CommandRunner(slots: ProcessSlots(count: 2))
        let older = try Fixtures.modelsDevData("api-2026-01-05.json")
        let newer = try Fixtures.modelsDevData("api-2026-07-02.json")
        let syncs = 8
        // The catalog alternates at every download: each sync sees a new body.
        let server = try LoopbackHTTPServer(
            script: (0..<syncs).map { .json($0 % 2 == 0 ? older : newer, etag: "\"\($0)\"") })
        defer { server.stop() }
        let history = runner.directory.file("history.sqlite")
        let finished = Finished()

        async let syncing: [CommandRunner.Result] = {
            defer { finished.set() }
            var results: [CommandRunner.Result] = []
            for _ in 0..<syncs {
                results.append(
                    try await runner.runProcess([
                        "sync", "--quiet", "--provider", "xai", "--refresh", "--allow-shrink", "--source",
                        server.url().absoluteString, "--history", history,
                    ]))
            }
            return results
        }()
        async let querying: [CommandRunner.Result] = {
            var results: [CommandRunner.Result] = []
            // At least one query runs after the first sync created the history; the rest while the syncs run.
            repeat {
                results.append(
                    try await runner.runProcess([
                        "changes", "--since", "2000-01-01", "--json", "--source", server.url().absoluteString,
                        "--history", history,
                    ]))
            } while !finished.isSet
            return results
        }()
        let (synced, queried) = try await (syncing, querying)

        for result in synced {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("history"), "\(result.stderr)")
        }
        // A query before the first observation finds no history yet (exit 2, said so); every other one succeeds.
        for result in queried {
            #expect(
                result.status == 0 || result.stderr.contains("no catalog history recorded yet"), "\(result.stderr)")
        }
        #expect(queried.contains { $0.status == 0 })
        print(
            "history concurrency: \(syncs) syncs, \(queried.count) queries beside them "
                + "(\(queried.filter { $0.status == 0 }.count) answered)")
        #expect(server.requestCount == syncs)

        // The final timeline, read by Python's sqlite3: one observation per download, and each after the first
        // holds the same number of changes (the delta between the two snapshots, one way or the other).
        let output = try HistoryRecordingTests.python(
            """
            import json, sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            # A change is a line of a provider's row (docs/history.md#storage).
            rows = c.execute("SELECT o.id, (SELECT coalesce(sum(length(changes) - length(replace(changes, char(10), ''))), 0) "
                             'FROM provider_changes WHERE observation_id = o.id) '
                             'FROM observations o ORDER BY observed_at').fetchall()
            print(json.dumps([n for _, n in rows]))
            """, arguments: [history])
        let counts = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Int] ?? []
        #expect(counts.count == syncs, "\(counts)")
        #expect(counts.first == 0)
        #expect(Set(counts.dropFirst()).count == 1 && (counts.last ?? 0) > 1_000, "\(counts)")
    }
}
