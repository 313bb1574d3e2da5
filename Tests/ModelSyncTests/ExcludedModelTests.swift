import Foundation
import LosslessYAML
import Testing

@testable import ModelSync

/// `exclude:` in a provider's settings: excluded models are never inserted, and the file's own entries for them
/// stay exactly as they are (docs/selection.md, "Provider entries").
@Suite struct ExcludedModelTests {
    private static let haiku = DesiredModel(id: "claude-haiku-4-5", entries: [ManagedEntry("name", "Claude Haiku 4.5")])

    @Test(arguments: [
        ("gpt-3.5-*", "gpt-3.5-turbo", true), ("gpt-3.5-*", "gpt-4o", false), ("*:free", "meta/llama-3:free", true),
        ("*:free", "meta/llama-3:freedom", false), ("claude-?-opus", "claude-3-opus", true),
        ("claude-?-opus", "claude-30-opus", false), ("exact", "exact", true), ("exact", "Exact", false),
        ("*", "", true), ("a*b*c", "a/x/b:y:c", true), ("a*b*c", "a/x/b:y", false),
    ])
    func patternsMatchWholeIdsWithStarsAndQuestionMarks(pattern: String, id: String, matches: Bool) {
        #expect(ModelIDPattern(pattern).matches(id) == matches)
    }

    @Test func anExcludedModelIsNotInsertedInANewFileOrAnExistingOne() throws {
        let desired = ConfigMergerTests.provider([ConfigMergerTests.sonnet, Self.haiku])
        let options = MergeOptions(excluded: [ModelIDPattern("claude-haiku-*")])
        let merger = ConfigMerger(fileID: "anthropic", desired: desired, options: options)
        var created = ProviderReport(provider: "anthropic", upstream: "anthropic", file: "a.yml", status: .created)
        let bytes = try merger.newFile(report: &created)
        #expect(created.added == ["claude-sonnet-4-5"])
        #expect(!String(decoding: bytes, as: UTF8.self).contains("claude-haiku"))

        var report = ProviderReport(provider: "anthropic", upstream: "anthropic", file: "a.yml", status: .unchanged)
        let existing = try YAMLDocument(text: "provider: anthropic\nmodels: {}\n", path: "a.yml")
        let merged = try #require(try merger.merge(into: existing, report: &report))
        #expect(report.added == ["claude-sonnet-4-5"])
        #expect(!String(decoding: merged, as: UTF8.self).contains("claude-haiku"))
    }

    @Test func anExcludedModelTheFileHasIsLeftExactlyAsItIs() throws {
        // Stale values, and upstream no longer listing one of them: neither is touched.
        let text = """
            provider: anthropic
            models:
              claude-haiku-4-5:
                name: An old name
                source: models.dev
              claude-instant:
                name: Gone upstream
                source: models.dev

            """
        let desired = ConfigMergerTests.provider([Self.haiku])
        let options = MergeOptions(
            prune: true, excluded: [ModelIDPattern("claude-haiku-4-5"), ModelIDPattern("*-instant")])
        let merger = ConfigMerger(fileID: "anthropic", desired: desired, options: options)
        var report = ProviderReport(provider: "anthropic", upstream: "anthropic", file: "a.yml", status: .unchanged)
        let merged = try merger.merge(into: try YAMLDocument(text: text, path: "a.yml"), report: &report)
        let after = String(decoding: merged ?? Array(text.utf8), as: UTF8.self)
        #expect(after.contains("  claude-haiku-4-5:\n    name: An old name\n    source: models.dev\n"))
        #expect(after.contains("  claude-instant:\n    name: Gone upstream\n    source: models.dev\n"))
        #expect(report.unavailable.isEmpty && report.removed.isEmpty)
        #expect(report.changed.allSatisfy { $0.model == nil }, "only provider-level keys change: \(report.changed)")
    }

    @Test func theSettingsReadExcludeAsAListOrOneStringAndRefuseOtherShapes() throws {
        let settings = try SyncSettings.parse(
            YAMLDocument(
                text: "providers:\n  openrouter: { exclude: ['*:free', gpt-3.5-turbo] }\n  openai: { exclude: o1 }\n",
                path: "s.yml"))
        #expect(settings.providers?.map(\.exclude) == [[.init("*:free"), .init("gpt-3.5-turbo")], [.init("o1")]])
        #expect(throws: SettingsError.self) {
            try SyncSettings.parse(YAMLDocument(text: "providers:\n  openai: { exclude: [1, {}] }\n", path: "s.yml"))
        }
    }
}
