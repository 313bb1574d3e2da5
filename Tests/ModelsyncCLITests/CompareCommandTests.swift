import Foundation
import TestSupport
import Testing

/// `modelsync compare`, run as a real process on the 2026-07-02 snapshot.
struct CompareCommandTests {
    private let snapshot = SnapshotJSON.path
    private let references = ["anthropic/claude-sonnet-4-5", "openai/gpt-5", "google/gemini-2.5-pro"]

    /// The raw model objects of the three references.
    private func models() throws -> [[String: Any]] {
        try references.map { reference in
            let slash = try #require(reference.firstIndex(of: "/"))
            return try SnapshotJSON.model(
                String(reference[..<slash]), String(reference[reference.index(after: slash)...]))
        }
    }

    /// Which values are best: the smallest (or, when `highest`, the largest) of those present, none when fewer than
    /// two are present or all are equal.
    private func best<Value: Comparable>(_ values: [Value?], highest: Bool) -> [Bool] {
        let present = values.compactMap { $0 }
        guard present.count >= 2, Set(present.map { "\($0)" }).count > 1,
            let target = highest ? present.max() : present.min()
        else { return values.map { _ in false } }
        return values.map { $0 == target }
    }

    private func price(_ model: [String: Any], _ key: String) -> Double? {
        ((model["cost"] as? [String: Any])?[key] as? NSNumber)?.doubleValue
    }

    private func limit(_ model: [String: Any], _ key: String) -> Int? {
        (model["limit"] as? [String: Int])?[key]
    }

    /// A date as comparable parts: `2025-01` is `[2025, 1]`.
    private func date(_ model: [String: Any], _ key: String) -> DateParts? {
        (model[key] as? String).map { DateParts(parts: $0.split(separator: "-").compactMap { Int($0) }) }
    }

    private struct DateParts: Comparable, CustomStringConvertible {
        var parts: [Int]
        static func < (lhs: DateParts, rhs: DateParts) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
        var description: String { parts.map(String.init).joined(separator: "-") }
    }

    @Test func comparesThreeModelsOneColumnEachWithTheBestOfEachRowMarked() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["compare"] + references + ["--source", snapshot, "--quiet"], expecting: 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.split(separator: " ").map(String.init) == references)
        // Cells start where their reference starts in the header.
        let starts = try references.map { try #require(header.range(of: $0)).lowerBound.utf16Offset(in: header) }
        func cells(_ label: String) throws -> [String] {
            let line = try #require(lines.first { $0.hasPrefix(label + "  ") }, "row \(label)")
            let utf16 = Array(line.utf16)
            return starts.indices.map { column in
                let end = column + 1 < starts.count ? starts[column + 1] : utf16.count
                let slice = utf16[min(starts[column], utf16.count)..<min(end, utf16.count)]
                return String(decoding: slice, as: UTF16.self).trimmingCharacters(in: .whitespaces)
            }
        }
        func expected(_ texts: [String?], _ marks: [Bool]) -> [String] {
            zip(texts, marks).map { ($0 ?? "-") + ($1 ? " *" : "") }
        }
        let models = try models()
        for (label, key) in [("input price", "input"), ("output price", "output"), ("cache read price", "cache_read")] {
            let values = models.map { price($0, key) }
            let texts = models.map { ((($0["cost"] as? [String: Any])?[key]) as? NSNumber)?.description }
            #expect(try cells(label) == expected(texts, best(values, highest: false)), "\(label)")
        }
        for (label, key) in [("context", "context"), ("output limit", "output"), ("input limit", "input")] {
            let values = models.map { limit($0, key) }
            #expect(try cells(label) == expected(values.map { $0.map(String.init) }, best(values, highest: true)))
        }
        for (label, key) in [
            ("knowledge", "knowledge"), ("release date", "release_date"), ("last updated", "last_updated"),
        ] {
            let values = models.map { date($0, key) }
            #expect(try cells(label) == expected(models.map { $0[key] as? String }, best(values, highest: true)))
        }
        let capabilities = models.map(SnapshotJSON.capabilities(of:))
        for capability in ["streaming", "pdf_input", "audio_input", "temperature", "structured_output"] {
            let shown = capabilities.map { $0.contains(capability) ? "yes" : "no" }
            #expect(try cells(capability) == shown, "\(capability)")
        }
        let inputs = models.map { (($0["modalities"] as? [String: [String]])?["input"] ?? []).joined(separator: ",") }
        #expect(try cells("input modalities") == inputs)
        #expect(
            lines.last
                == "* best in its row (lowest price, highest limit, newest date); prices in USD per million tokens, "
                + "limits in tokens")
    }

    @Test func printsTheComparisonAsJSONWithValuesAndBestFlagsPerModel() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["compare"] + references + ["--source", snapshot, "--json"], expecting: 0)
        let object = try jsonObject(result)
        #expect((object["source"] as? [String: Any])?["url"] as? String == snapshot)
        let listed = try #require(object["models"] as? [[String: Any]])
        #expect(listed.map { $0["reference"] as? String } == references)
        let rows = try #require(object["rows"] as? [[String: Any]])
        func row(_ field: String) throws -> [String: Any] {
            try #require(rows.first { $0["field"] as? String == field })
        }
        let models = try models()
        let input = try row("input_price")
        #expect(input["unit"] as? String == "usd_per_million_tokens")
        #expect(input["prefer"] as? String == "lowest")
        #expect((input["values"] as? [NSNumber])?.map(\.doubleValue) == models.compactMap { price($0, "input") })
        #expect(input["best"] as? [Bool] == best(models.map { price($0, "input") }, highest: false))
        let context = try row("context")
        #expect(context["values"] as? [Int] == models.compactMap { limit($0, "context") })
        #expect(context["best"] as? [Bool] == best(models.map { limit($0, "context") }, highest: true))
        let cacheWrite = try row("cache_write_price")
        #expect(
            SnapshotJSON.matches(models.map { price($0, "cache_write") ?? NSNull() as Any }, cacheWrite["values"]))
        let capabilities = try row("capabilities")
        #expect(capabilities["values"] as? [[String]] == models.map(SnapshotJSON.capabilities(of:)))
        #expect(capabilities["best"] as? [Bool] == [false, false, false])
        #expect(
            rows.map { $0["field"] as? String } == [
                "name", "input_price", "output_price", "cache_read_price", "cache_write_price", "context",
                "input_limit",
                "output_limit", "capabilities", "input_modalities", "output_modalities", "knowledge", "release_date",
                "last_updated", "status", "open_weights",
            ])
    }

    @Test func fitsTheTerminalWidthWithoutCuttingAReference() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(
            ["compare"] + references + ["--source", snapshot, "--quiet"], environment: ["COLUMNS": "85"])
        #expect(result.status == 0)
        let table = result.stdout.split(separator: "\n").dropLast()
        #expect(table.allSatisfy { $0.count <= 85 })
        #expect(table.first?.split(separator: " ").map(String.init) == references)
        #expect(table.contains { $0.hasSuffix("…") })
    }

    /// Four models: 127 columns side by side.
    private let four = [
        "anthropic/claude-sonnet-4-5", "openai/gpt-5", "google/gemini-2.5-pro", "openrouter/anthropic/claude-haiku-4.5",
    ]

    private static let goldenDirectory = CommandGolden.directory

    /// One table of `compare` output: its model references and, by row label, each model's cell.
    private struct Table {
        var references: [String]
        var labels: [String]
        var cells: [String: [String]]

        /// Reads a table whose header holds the references; cells start where their reference starts.
        init(_ lines: [String]) throws {
            let header = try #require(lines.first)
            references = header.split(separator: " ").map(String.init)
            let starts = try references.map { try #require(header.range(of: $0)).lowerBound.utf16Offset(in: header) }
            labels = []
            cells = [:]
            for line in lines.dropFirst() {
                let utf16 = Array(line.utf16)
                let label = String(decoding: utf16[0..<min(starts[0], utf16.count)], as: UTF16.self)
                    .trimmingCharacters(in: .whitespaces)
                labels.append(label)
                cells[label] = starts.indices.map { column in
                    let end = column + 1 < starts.count ? starts[column + 1] : utf16.count
                    let slice = utf16[min(starts[column], utf16.count)..<min(end, utf16.count)]
                    return String(decoding: slice, as: UTF16.self).trimmingCharacters(in: .whitespaces)
                }
            }
        }

        /// The width of the label column (up to the first reference).
        var labelWidth: Int { (labels.map(\.count).max() ?? 0) }
    }

    @Test(arguments: [80, 120])
    func splitsModelsThatDoNotFitSideBySideIntoTablesThatDo(columns: Int) async throws {
        let runner = try CommandRunner()
        let arguments = ["compare"] + four + ["--source", snapshot, "--quiet"]
        let piped = try await runner.run(arguments)
        let fitted = try await runner.run(arguments, environment: ["COLUMNS": String(columns)])
        #expect(piped.status == 0 && fitted.status == 0)
        let wholeLines = piped.stdout.split(separator: "\n").map(String.init)
        let whole = try Table(Array(wholeLines.dropLast()))
        #expect(wholeLines.dropLast().map(\.count).max() == 127)

        let lines = fitted.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        for line in lines { #expect(line.count <= columns, "\(line.count) > \(columns): \(line)") }
        let legendStart = try #require(lines.firstIndex { $0.hasPrefix("* best") })
        #expect(lines[legendStart...].joined(separator: " ") == wholeLines.last)
        let tables = try lines[..<legendStart].split(separator: "").map { try Table(Array($0)) }
        #expect(tables.flatMap(\.references) == four, "every model once, in the order given")
        for table in tables {
            #expect(table.labels == whole.labels, "every table repeats every row label")
            for (column, reference) in table.references.enumerated() {
                let index = try #require(four.firstIndex(of: reference))
                for label in whole.labels {
                    let cell = try #require(table.cells[label]?[column])
                    let full = try #require(whole.cells[label]?[index])
                    #expect(cell == full || (cell.hasSuffix("…") && full.hasPrefix(cell.dropLast())), "\(cell)")
                }
            }
        }
        // As few tables as fit with each model column at its narrowest: its reference (or 8), or its widest cell
        // when narrower; found by filling each table in turn.
        let narrowest = four.indices.map { index in
            let widest = whole.labels.compactMap { whole.cells[$0]?[index].count }.max() ?? 0
            return min(max(four[index].count, widest), max(four[index].count, 8))
        }
        var fewest = 1
        var width = whole.labelWidth
        for column in narrowest {
            if width + 2 + column > columns, width > whole.labelWidth {
                fewest += 1
                width = whole.labelWidth
            }
            width += 2 + column
        }
        #expect(tables.count == fewest)
        #expect(tables.count == 2, "at their narrowest, the four columns need 122")
        try GoldenFile.expect(
            fitted.stdout, matches: Self.goldenDirectory.appendingPathComponent("compare-four-\(columns).txt"))
    }

    @Test func printsOneTableOfWholeLinesWithoutAWidth() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["compare"] + four + ["--source", snapshot, "--quiet"])
        #expect(result.status == 0)
        // Recorded before compare learned to split: a pipe's output is unchanged.
        try GoldenFile.expect(
            result.stdout, matches: Self.goldenDirectory.appendingPathComponent("compare-four-pipe.txt"))
        #expect(!result.stdout.contains("\n\n"))
        #expect(!result.stdout.contains("…"))
    }

    @Test func exits2NamingEveryReferenceThatMatchesNoModel() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(
            ["compare", "openai/gpt-5", "openai/gpt-5x", "nosuch/zzzz", "--source", snapshot, "--quiet"],
            expecting: 2)
        #expect(result.stdout.isEmpty)
        // gpt-5 is 1 edit from gpt-5x; gpt-4, gpt-4o, gpt-5.1 and gpt-5.2 are 2, in code-point order.
        #expect(
            result.stderr == """
                error: provider 'openai' has no model 'gpt-5x'; did you mean:
                  openai/gpt-5
                  openai/gpt-4
                  openai/gpt-4o
                  openai/gpt-5.1
                  openai/gpt-5.2
                error: unknown model 'nosuch/zzzz': no provider lists it and no model id is close to it \
                (write PROVIDER/MODEL; 'modelsync providers' lists the provider ids)

                """)
    }

    @Test func refusesFewerThanTwoModelsAsBadUsage() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["compare", "openai/gpt-5", "--source", snapshot], expecting: 64)
        #expect(result.stderr.hasPrefix("Error: compare needs at least two models.\n"))
    }
}
