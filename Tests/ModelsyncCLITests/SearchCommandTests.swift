import Foundation
import TestSupport
import Testing

/// `modelsync search` on the 2026-07-02 snapshot, run as a real process, against the ranking rules applied to the
/// snapshot as `JSONSerialization` reads it.
struct SearchCommandTests {
    private let snapshot = ListCommandTests.snapshot

    /// The documented ranking, computed here from the snapshot: exact (id, last id segment, reference, name), then
    /// prefix (those and the family), then substring (reference, name, family), then every word somewhere; each
    /// rank in reference order.
    static func expectedRanking(_ text: String, in models: [SnapshotModel]) -> [(String, String)] {
        let query = text.lowercased()
        let words = query.split(separator: " ").map(String.init)
        var ranked: [(rank: Int, model: SnapshotModel)] = []
        for model in models {
            let id = model.id.lowercased()
            let last = id.split(separator: "/").last.map(String.init) ?? id
            let reference = model.provider + "/" + id
            let name = model.name?.lowercased() ?? ""
            let family = model.family?.lowercased() ?? ""
            let rank: Int
            if [id, last, reference, name].contains(query) {
                rank = 0
            } else if [id, last, reference, name, family].contains(where: { $0.hasPrefix(query) }) {
                rank = 1
            } else if [reference, name, family].contains(where: { $0.contains(query) }) {
                rank = 2
            } else if words.count > 1,
                words.allSatisfy({ word in [reference, name, family].contains { $0.contains(word) } })
            {
                rank = 3
            } else {
                continue
            }
            ranked.append((rank, model))
        }
        let names = ["exact", "prefix", "substring", "words"]
        return ranked.sorted { left, right in
            left.rank != right.rank ? left.rank < right.rank : SnapshotModel.referenceOrder(left.model, right.model)
        }.map { ($0.model.reference, names[$0.rank]) }
    }

    @Test(arguments: [
        "gpt-4o", "Claude Sonnet", "openai/gpt-4o", "amazon.nova-lite-v1:0",
        "workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/meta", "sonnet 4.5", "deepseek",
    ])
    func ranksExactThenPrefixThenSubstringThenWords(_ text: String) async throws {
        let models = try await SnapshotModel.loadLatest()
        let expected = Self.expectedRanking(text, in: models)
        #expect(!expected.isEmpty)
        let result = try await CommandRunner().run(["search", "--source", snapshot, "--json", text])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try ListOutput(result.stdout)
        #expect(output.references == expected.map(\.0))
        #expect(output.models.compactMap { $0["match"] as? String } == expected.map(\.1))
    }

    @Test func findsIdsWithSlashesColonsAndAtSignsExactlyFirst() async throws {
        let runner = try CommandRunner()
        let colon = try ListOutput(
            try await runner.run(["search", "--source", snapshot, "--json", "amazon.nova-lite-v1:0"]).stdout)
        #expect(colon.references.first == "amazon-bedrock/amazon.nova-lite-v1:0")
        #expect(colon.models.first?["match"] as? String == "exact")
        let reference = "cloudflare-ai-gateway/workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast"
        let at = try ListOutput(try await runner.run(["search", "--source", snapshot, "--json", reference]).stdout)
        #expect(at.references == [reference])
        let slash = try ListOutput(
            try await runner.run(["search", "--source", snapshot, "--json", "openai/gpt-4o"]).stdout)
        let exact = slash.models.prefix { $0["match"] as? String == "exact" }.compactMap { $0["reference"] as? String }
        #expect(exact.contains("openai/gpt-4o"), "the reference")
        #expect(exact.contains("openrouter/openai/gpt-4o"), "an id with a slash")
    }

    @Test func takesSeveralWordsWithoutQuotes() async throws {
        let runner = try CommandRunner()
        let quoted = try await runner.run(["search", "--source", snapshot, "claude sonnet", "-q"])
        let unquoted = try await runner.run(["search", "--source", snapshot, "claude", "sonnet", "-q"])
        #expect(quoted.status == 0)
        #expect(!quoted.stdout.isEmpty)
        #expect(unquoted.stdout == quoted.stdout)
    }

    @Test func combinesWithFiltersAndASortThatReplacesTheRanking() async throws {
        let models = try await SnapshotModel.loadLatest()
        let expected = SnapshotModel.sorted(
            Self.expectedRanking("claude", in: models).compactMap { reference, _ in
                models.first { $0.reference == reference && $0.provider == "anthropic" }
            },
            by: \.inputPrice
        ).prefix(5).map(\.reference)
        let result = try await CommandRunner().run([
            "search", "--source", snapshot, "--json", "claude", "--provider", "anthropic", "--sort", "price", "--limit",
            "5",
        ])
        let output = try ListOutput(result.stdout)
        #expect(output.references == Array(expected))
    }

    @Test(arguments: [[String](), ["  "]])
    func needsTextWithExit64(_ words: [String]) async throws {
        let result = try await CommandRunner().run(["search", "--source", snapshot] + words)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        if words.isEmpty {
            #expect(result.stderr.hasPrefix("Error: Missing expected argument '<text> ...'\n"), "\(result.stderr)")
        } else {
            #expect(
                result.stderr
                    == "Error: search needs text to look for, such as: modelsync search claude\n"
                    + "Usage: modelsync search [<options>] <text> ...\n"
                    + "  See 'modelsync search --help' for more information.\n")
        }
    }
}
