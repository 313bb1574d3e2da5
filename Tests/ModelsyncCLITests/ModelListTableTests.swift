import Foundation
import TestSupport
import Testing

/// The tables of `list` and `search` at 80 and 120 columns without colour: golden files under
/// `Tests/ModelsyncCLITests/Golden`, rewritten only when `RECORD_SNAPSHOTS=1`, and the width rule on the whole
/// catalog.
struct ModelListTableTests {
    private let snapshot = ListCommandTests.snapshot
    private static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden", isDirectory: true)

    /// A golden case: a name and the arguments after `--source`.
    static let cases: [(String, [String])] = [
        ("list-anthropic-by-price", ["list", "--provider", "anthropic", "--sort", "price"]),
        ("search-gpt-4o", ["search", "gpt-4o", "--limit", "15"]),
        (
            "list-function-calling-1m-under-2",
            [
                "list", "--capability", "function_calling", "--min-context", "1m", "--max-input-price", "2", "--sort",
                "price", "--limit", "30",
            ]
        ),
    ]

    @Test(arguments: cases, [80, 120])
    func matchesTheGoldenTable(_ testCase: (String, [String]), columns: Int) async throws {
        let (name, arguments) = testCase
        let result = try await CommandRunner().run(
            [arguments[0], "--source", snapshot, "--quiet"] + arguments.dropFirst(),
            environment: ["COLUMNS": String(columns), "NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        Self.expectFits(result.stdout, columns: columns)
        let url = Self.goldenDirectory.appendingPathComponent("\(name)-\(columns).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(result.stdout.utf8).write(to: url)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1")
            return
        }
        #expect(result.stdout == golden)
    }

    @Test(arguments: [80, 120])
    func theWholeCatalogFitsExceptAReferenceAloneWiderThanTheTerminal(columns: Int) async throws {
        let models = try await SnapshotModel.loadLatest()
        let result = try await CommandRunner().run(
            ["list", "--source", snapshot, "--quiet"], environment: ["COLUMNS": String(columns), "NO_COLOR": "1"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == models.count + 1)
        Self.expectFits(result.stdout, columns: columns)
        #expect(Set(lines.dropFirst().map { String($0.prefix { $0 != " " }) }) == Set(models.map(\.reference)))
    }

    /// Checks that every line of `table` fits `columns`, unless it holds nothing but a reference that is itself
    /// wider, and that no reference was cut.
    static func expectFits(_ table: String, columns: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in table.split(separator: "\n") where line.count > columns {
            #expect(!line.contains(" "), "\(line.count) > \(columns): \(line)", sourceLocation: sourceLocation)
        }
        let references = table.split(separator: "\n").dropFirst().map { $0.prefix { $0 != " " } }
        #expect(!references.contains { $0.hasSuffix("…") }, sourceLocation: sourceLocation)
    }
}
