import Foundation
import TestSupport
import Testing

/// A model deleted by hand stays out once the settings exclude it; `add` takes an excluded id off the list and a
/// glob-excluded one is refused.
@Suite struct ExcludeCommandTests {
    static let source = Fixtures.modelsDev("api-2026-07-02.json").path

    private func modelIDs(_ runner: CommandRunner, _ id: String) async throws -> [String] {
        let data = try await PyYAMLReader.read(runner.providerFile(id).path)
        return data["models"]?.members.map(\.key) ?? []
    }

    @Test func aModelDeletedByHandStaysOutWhenExcludedAndAddTakesItBack() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("config/modelsync.yml", "providers:\n  xai: {}\n")
        try await runner.run(["sync", "--quiet", "--source", Self.source], expecting: 0)
        let all = try await modelIDs(runner, "xai")
        let dropped = try #require(all.first)

        // Deleted by hand: the next sync brings it back unless excluded.
        let text = try runner.text("xai")
        let start = try #require(text.range(of: "  \(dropped):\n"))
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n  [^ ]", options: .regularExpression).map { rest.index(after: $0.lowerBound) }
        let edited = String(text[..<start.lowerBound]) + String(end.map { text[$0...] } ?? "")
        try runner.write(edited, to: "xai")
        try runner.directory.write(
            "config/modelsync.yml", "providers:\n  xai: { exclude: [\(dropped), 'no-such-*'] }  # hand-picked\n")
        let check = try await runner.run(["check", "--source", Self.source])
        #expect(check.status == 0, "an excluded model is not missing: \(check.stdout)")
        try await runner.run(["sync", "--quiet", "--source", Self.source], expecting: 0)
        #expect(try await modelIDs(runner, "xai") == Array(all.dropFirst()))

        // add takes the id off the list (the rest of the line kept) and brings the model in.
        let added = try await runner.run(["add", "xai", dropped, "--source", Self.source], expecting: 0)
        #expect(
            added.stdout.hasPrefix("config/modelsync.yml: took \(dropped) off the exclude list of xai\n"),
            "\(added.stdout)")
        // The comment keeps its column, as every edit keeps an end-of-line comment's.
        let settings = try runner.directory.read("config/modelsync.yml")
        #expect(settings.hasPrefix("providers:\n  xai: { exclude: ['no-such-*'] }  "), "\(settings)")
        #expect(settings.hasSuffix("  # hand-picked\n") && settings.split(separator: "\n").count == 2)
        #expect(try await modelIDs(runner, "xai") == all)
    }

    @Test func addRefusesAModelExcludedByAGlob() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("config/modelsync.yml", "providers:\n  xai: { exclude: ['grok-*'] }\n")
        try await runner.run(["sync", "--quiet", "--source", Self.source], expecting: 0)
        let before = try DirectoryState.capture(runner.directory.url)
        let result = try await runner.run(["add", "xai", "grok-4.3", "--source", Self.source])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "error: model 'grok-4.3' is excluded by the pattern 'grok-*' of xai in the settings; nothing written\n"),
            "\(result.stderr)")
        let after = try DirectoryState.capture(runner.directory.url)
        #expect(after == before, "\(after.differences(from: before))")
    }
}
