import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `modelsync changes`, in-process, on a history of three small catalogs (``HistoryFixture``).
struct ChangesCommandTests {
    @Test func listsChangesOldestFirstGroupedByObservationWithASummary() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let result = try await runner.run(["changes", "--since", "2026-01-01", "--history", history], expecting: 0)
        #expect(
            result.stdout == """
                2026-03-01  anthropic/claude  context_window  200000 → 1000000
                2026-03-01  openai  name  P → OpenAI

                2026-07-02  openai/gpt-4o  removed
                2026-07-02  openai/gpt-5  capabilities  [] → [attachments]
                2026-07-02  openai/gpt-5  pricing.input  1.25 → 1.5
                2026-07-02  openai/gpt-5-mini  added
                2026-07-02  openai/odd<&"\\u{1}id  added

                7 changes from 2026-01-01T00:00:00Z: 2 added, 1 removed, 1 price, 1 limit, 1 capability, 1 other; \
                models: 2 added, 1 removed, 1 repriced

                """, "\(result.stdout)")
    }

    @Test func filtersBySinceUntilProviderAndKind() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        func keys(_ arguments: [String]) async throws -> [String] {
            let result = try await runner.run(["changes", "--json", "--history", history] + arguments, expecting: 0)
            return try #require(PlainJSON.parse(Data(result.stdout.utf8))["changes"]?.arrayValue).map {
                "\($0["provider"]?.stringValue ?? "")/\($0["model"]?.stringValue ?? ""):"
                    + ($0["key"]?.stringValue ?? $0["kind"]?.stringValue ?? "")
            }
        }
        #expect(
            try await keys(["--since", "2026-01-01", "--until", "2026-03-01"])
                == ["anthropic/claude:context_window", "openai/:name"])
        #expect(try await keys(["--since", "2026-03-02T00:00:00Z"]).count == 5)
        #expect(try await keys(["--since", "2026-01-01", "--until", "2026-02-28"]).isEmpty)
        #expect(
            try await keys(["--since", "2026-01-01", "--provider", "anthropic"]) == ["anthropic/claude:context_window"])
        #expect(
            try await keys(["--since", "2026-01-01", "--kind", "price", "--kind", "removed"])
                == ["openai/gpt-4o:removed", "openai/gpt-5:pricing.input"])
        #expect(try await keys(["--since", "2026-01-01", "--kind", "limit"]) == ["anthropic/claude:context_window"])

        // The default: 7 days before the clock.
        let july = try HistoryFixture.date("2026-07-05T00:00:00Z")
        let recent = try await runner.run(["changes", "--history", history], now: { july })
        #expect(recent.status == 0, "\(recent.stderr)")
        #expect(recent.stdout.hasPrefix("2026-07-02  openai/gpt-4o  removed\n"), "\(recent.stdout)")
        #expect(!recent.stdout.contains("2026-03-01"))
        let august = try HistoryFixture.date("2026-08-01T00:00:00Z")
        let none = try await runner.run(["changes", "--since", "48h", "--history", history], now: { august })
        #expect(none.stdout == "no changes from 2026-07-30T00:00:00Z\n", "\(none.stdout)")

        for bad in [["--since", "yesterday"], ["--until", "2026-02-30"], ["--kind", "pricing"]] {
            let result = try await runner.run(["changes", "--history", history] + bad)
            #expect(result.status == 64, "\(bad): \(result.stderr)")
        }
    }

    @Test func jsonCountsKindsAndDistinctModels() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let result = try await runner.run(
            ["changes", "--since", "2026-01-01", "--until", "2026-07-02", "--json", "--history", history],
            expecting: 0)
        let object = try PlainJSON.parse(Data(result.stdout.utf8))
        #expect(object["source"] == .string("https://models.dev/api.json"))
        #expect(object["since"] == .string("2026-01-01T00:00:00Z"))
        #expect(object["until"] == .string("2026-07-02T23:59:59Z"))
        let counts = try #require(object["counts"])
        let expected: [String: Double] = [
            "added": 2, "removed": 1, "price": 1, "limit": 1, "capability": 1, "other": 1, "models_added": 2,
            "models_removed": 1, "models_repriced": 1,
        ]
        #expect(Set(counts.keys) == Set(expected.keys))
        for (key, value) in expected { #expect(counts[key]?.doubleValue == value, "\(key)") }
        let changes = try #require(object["changes"]?.arrayValue)
        let price = try #require(changes.first { $0["kind"] == .string("price") })
        #expect(price["old"]?.doubleValue == 1.25)
        #expect(price["new"]?.doubleValue == 1.5)
        #expect(price["observed_at"] == .string("2026-07-02T00:00:00Z"))
        let capability = try #require(changes.first { $0["kind"] == .string("capability") })
        #expect(capability["old"] == .array([]))
        #expect(capability["new"] == .array([.string("attachments")]))
        let added = try #require(changes.first { $0["model"] == .string(HistoryFixture.oddID) })
        #expect(added["key"] == .null)
        #expect(added["old"] == .null)

        let combined = try await runner.run(["changes", "--json", "--format", "markdown", "--history", history])
        #expect(combined.status == 64)
        #expect(combined.stderr.contains("--json and --format markdown cannot be combined"), "\(combined.stderr)")
    }

    @Test func aModelAddedTwiceCountsOnceAndValuesReadAsTheyAre() async throws {
        // gpt-x is added, removed, added again, and then changes: its family from a string with a comma to one with
        // a quote and a non-ASCII letter, its input modalities from a list whose item holds a comma.
        let runner = try CommandRunner()
        let history = runner.directory.file("h.sqlite")
        typealias F = HistoryFixture
        let gpt5 = F.model("gpt-5", input: "1")
        let before = F.model(
            "gpt-x", input: "2", extra: #","family":"a, b","modalities":{"input":["text","x,y"],"output":["text"]}"#)
        let after = F.model(
            "gpt-x", input: "2",
            extra: #","family":"caf\u00e9 \"x\"","modalities":{"input":["text"],"output":["text"]}"#)
        let catalogs = [[gpt5], [gpt5, before], [gpt5], [gpt5, before], [gpt5, after]].map {
            F.catalog([F.provider("openai", $0)])
        }
        for (index, catalog) in catalogs.enumerated() { try runner.directory.write("c\(index).json", catalog) }
        let dates = ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]
        try await runner.run(
            ["history", "import"] + catalogs.indices.map { "c\($0).json" } + ["--history", history]
                + dates.flatMap { ["--as-of", $0] }, expecting: 0)
        let result = try await runner.run(["changes", "--since", "2026-01-01", "--history", history], expecting: 0)
        #expect(
            result.stdout == #"""
                2026-03-01  openai/gpt-x  added

                2026-04-01  openai/gpt-x  removed

                2026-05-01  openai/gpt-x  added

                2026-06-01  openai/gpt-x  family  a, b → café "x"
                2026-06-01  openai/gpt-x  modalities.input  [text, x,y] → [text]

                5 changes from 2026-01-01T00:00:00Z: 2 added, 1 removed, 1 capability, 1 other; models: 1 added, \#
                1 removed, 0 repriced

                """#, "\(result.stdout)")
    }

    @Test func markdownHasAHeadingPerDateAndATablePerKind() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let result = try await runner.run(
            ["changes", "--since", "2026-01-01", "--format", "markdown", "--history", history], expecting: 0)
        let text = result.stdout
        #expect(text.hasPrefix("## Catalog changes\n\nSource: `https://models.dev/api.json`. 7 changes from "))
        #expect(text.contains("\n### 2026-03-01\n\n#### Limits (1)\n\n| model | key | old | new |\n"))
        #expect(text.contains("| `anthropic/claude` | `context_window` | `200000` | `1000000` |\n"), "\(text)")
        #expect(text.contains("\n### 2026-07-02\n\n#### Added (2)\n\n| model |\n| --- |\n| `openai/gpt-5-mini` |\n"))
        // The odd id: its control character escaped, inside a code span, `|`-free.
        #expect(text.contains("| `openai/odd<&\"\\u{1}id` |\n"), "\(text)")
        #expect(!text.contains("\u{1}"))
        #expect(text.contains("#### Prices (1)\n\n| model | key | old | new |\n| --- | --- | --- | --- |\n"))
        #expect(text.contains("| `openai/gpt-5` | `pricing.input` | `1.25` | `1.5` |\n"))
    }

    @Test func atomIsAValidFeedWithStableEntryIDs() async throws {
        let (runner, history) = try await HistoryFixture.imported()
        let arguments = ["changes", "--since", "2026-01-01", "--format", "atom", "--history", history]
        let first = try await runner.run(arguments, expecting: 0)
        let feed = try AtomFeed(first.stdout)
        #expect(feed.root == "feed")
        #expect(feed.namespace == "http://www.w3.org/2005/Atom")
        #expect(feed.values["feed/id"]?.first?.hasPrefix("tag:modelsync,") == true)
        #expect(feed.values["feed/title"]?.count == 1)
        #expect(feed.values["feed/updated"] == ["2026-07-02T00:00:00Z"])
        #expect(feed.values["feed/author/name"] == ["modelsync"])
        #expect(feed.values["feed/generator"] == ["modelsync"])
        #expect(feed.values["feed/entry/title"] == ["5 changes on 2026-07-02", "2 changes on 2026-03-01"])
        #expect(feed.values["feed/entry/updated"] == ["2026-07-02T00:00:00Z", "2026-03-01T00:00:00Z"])
        let ids = try #require(feed.values["feed/entry/id"])
        #expect(ids.count == 2 && Set(ids).count == 2)
        let content = try #require(feed.values["feed/entry/content"])
        #expect(content.first?.contains("openai/odd<&\"\\u{1}id  added") == true, "\(content)")
        #expect(content.last == "anthropic/claude  context_window  200000 → 1000000\nopenai  name  P → OpenAI")

        // Later runs (a cron job rewriting the file) give the same ids; a new observation adds an entry.
        let second = try await runner.run(arguments, expecting: 0)
        #expect(second.stdout == first.stdout)
        try runner.directory.write(
            "fourth.json", HistoryFixture.catalog([HistoryFixture.provider("anthropic", [])]))
        try await runner.run(
            ["history", "import", "fourth.json", "--as-of", "2026-07-09", "--history", history], expecting: 0)
        let third = try AtomFeed(try await runner.run(arguments, expecting: 0).stdout)
        #expect(third.values["feed/entry/id"].map { Array($0.dropFirst()) } == ids)
        #expect(third.values["feed/updated"] == ["2026-07-09T00:00:00Z"])
    }
}

/// The text of every element of an Atom document by path (`feed/entry/id`), read with Foundation's `XMLParser`.
private final class AtomFeed: NSObject, XMLParserDelegate {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var root: String?
    private(set) var namespace: String?
    private(set) var values: [String: [String]] = [:]
    private var path: [String] = []
    private var text = ""

    init(_ document: String) throws {
        super.init()
        let parser = XMLParser(data: Data(document.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        guard parser.parse() else {
            throw Invalid(description: "\(parser.parserError.map { "\($0)" } ?? "invalid XML"): \(document)")
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil {
            root = elementName
            namespace = namespaceURI
        }
        path.append(elementName)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let key = path.joined(separator: "/")
        if !["feed", "feed/entry", "feed/author"].contains(key) { values[key, default: []].append(text) }
        path.removeLast()
        text = ""
    }
}
