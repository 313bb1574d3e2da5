import Foundation
import TestSupport
import Testing

/// The tables of `list` and `search` at 80 and 120 columns without colour: golden files under
/// `Tests/ModelsyncCLITests/Golden`, rewritten only when `RECORD_SNAPSHOTS=1`, and the width rule on the whole
/// catalog.
struct ModelListTableTests {
    private let snapshot = ListCommandTests.snapshot
    private static let goldenDirectory = CommandGolden.directory

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
        (
            "list-vision-200k-priced-by-price",
            ["list", "--capability", "vision", "--min-context", "200k", "--priced", "--sort", "price", "--limit", "20"]
        ),
        (
            "list-bedrock-32k-output-by-context",
            ["list", "--provider", "amazon-bedrock", "--min-output", "32k", "--sort", "context", "--limit", "15"]
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
        try GoldenFile.expect(
            result.stdout, matches: Self.goldenDirectory.appendingPathComponent("\(name)-\(columns).txt"))
    }

    /// The columns of a table's header line (titles are separated by two spaces or more).
    private static func header(_ table: String) -> [String] {
        String(table.prefix { $0 != "\n" }).components(separatedBy: "  ").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
    }

    /// Filters and sorts with the columns they refer to.
    ///
    /// togetherai's long references leave room at 80 columns for
    /// three columns besides MODEL.
    static let referringCases: [([String], [String])] = [
        (["--min-context", "100k"], ["CONTEXT"]),
        (["--sort", "context"], ["CONTEXT"]),
        (["--min-output", "32k"], ["OUTPUT"]),
        (["--max-input-price", "1"], ["IN $/M"]),
        (["--min-input-price", "1"], ["IN $/M"]),
        (["--sort", "price", "--desc"], ["IN $/M"]),
        (["--max-output-price", "1"], ["OUT $/M"]),
        (["--min-output-price", "1"], ["OUT $/M"]),
        (["--priced"], ["IN $/M", "OUT $/M"]),
        (["--min-output", "32k", "--min-context", "100k"], ["CONTEXT", "OUTPUT"]),
        (["--min-output", "32k", "--max-output-price", "5"], ["OUTPUT", "OUT $/M"]),
    ]

    @Test(arguments: referringCases)
    func keepsTheColumnsTheFiltersAndTheSortReferTo(arguments: [String], referred: [String]) async throws {
        let runner = try CommandRunner()
        let base = ["list", "--source", snapshot, "--quiet", "--provider", "togetherai"]
        let environment = ["COLUMNS": "80", "NO_COLOR": "1"]
        let plain = try await runner.run(base, environment: environment)
        let result = try await runner.run(base + arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectFits(result.stdout, columns: 80)
        let columns = Self.header(result.stdout)
        #expect(columns.first == "MODEL")
        for column in referred { #expect(columns.contains(column), "\(columns)") }
        #expect(columns.count < 6, "the table had to drop columns: \(columns)")
        // The columns keep their order.
        let order = ["MODEL", "NAME", "CONTEXT", "OUTPUT", "IN $/M", "OUT $/M"]
        #expect(columns == order.filter(columns.contains))
        // Without the filters, the same provider's table drops NAME and OUTPUT.
        #expect(Self.header(plain.stdout) == ["MODEL", "CONTEXT", "IN $/M", "OUT $/M"])
    }

    @Test func theNameColumnIsNeverKeptForASortByName() async throws {
        let result = try await CommandRunner().run(
            ["list", "--source", snapshot, "--quiet", "--provider", "togetherai", "--sort", "name"],
            environment: ["COLUMNS": "80", "NO_COLOR": "1"])
        #expect(!Self.header(result.stdout).contains("NAME"))
        Self.expectFits(result.stdout, columns: 80)
    }

    /// The question at 80 columns: the context window, the input price it is sorted by, and the output
    /// price that `--priced` is about all stay; the catalog's long float prices are cut with `…` to make room.
    @Test func cutsLongPricesBeforeItDropsAColumnTheQueryRefersTo() async throws {
        let models = try await SnapshotModel.loadLatest()
        let result = try await CommandRunner().run(
            [
                "list", "--source", snapshot, "--quiet", "--capability", "vision", "--min-context", "200k", "--priced",
                "--sort", "price", "--limit", "20",
            ], environment: ["COLUMNS": "80", "NO_COLOR": "1"])
        #expect(Self.header(result.stdout) == ["MODEL", "CONTEXT", "IN $/M", "OUT $/M"])
        Self.expectFits(result.stdout, columns: 80)
        let byReference = Dictionary(models.map { ($0.reference, $0) }) { first, _ in first }
        var cut = 0
        for line in result.stdout.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: " ").map(String.init)
            let model = try #require(byReference[cells[0]])
            for (cell, price) in zip(cells.suffix(2), [model.inputPrice, model.outputPrice]) {
                // The snapshot's prices as doubles: Foundation reads some of them through binary floating point.
                let price = NSDecimalNumber(decimal: try #require(price)).doubleValue
                let shown = try #require(Double(cell.hasSuffix("…") ? String(cell.dropLast()) : cell))
                if cell.hasSuffix("…") {
                    cut += 1
                    #expect(cell.count >= 8 && abs(price - shown) < 0.0001, "\(cell)")
                } else {
                    #expect(abs(shown - price) < 1e-9, "\(cell)")
                }
            }
        }
        #expect(cut > 0, "the snapshot has prices such as 0.049999999999999996 among these")
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
