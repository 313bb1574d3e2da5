import Foundation
import LosslessYAML
import Testing

@testable import ModelSync

/// Merge behaviour the corpus of hand-edited files brought up, each pinned down on a small file.
@Suite struct MergeRegressionTests {
    static let model = DesiredModel(
        id: "opus",
        entries: [
            ManagedEntry("name", "Claude Opus 4.1"), ManagedEntry("context_window", 200000),
            ManagedEntry("capabilities", ["streaming", "reasoning"]), ManagedEntry("source", "models.dev"),
        ])

    static func provider(_ models: [DesiredModel]) -> DesiredProvider {
        DesiredProvider(upstreamID: "bedrock", keys: [], models: models)
    }

    func merge(_ text: String, _ desired: DesiredProvider, options: MergeOptions = MergeOptions()) throws -> (
        String?, ProviderReport
    ) {
        let document = try YAMLDocument(text: text, path: "bedrock.yml")
        var report = ProviderReport(provider: "bedrock", upstream: "bedrock", file: "bedrock.yml", status: .updated)
        let bytes = try ConfigMerger(fileID: "bedrock", desired: desired, options: options).merge(
            into: document, report: &report)
        return (bytes.map { String(decoding: $0, as: UTF8.self) }, report)
    }

    /// Found by the mutation property test: `--prune` removed a vanished model whose only data of the user's was a
    /// key inside `pricing` (or a capability outside the vocabulary); such a model is marked unavailable instead.
    @Test(arguments: [
        "    pricing:\n      input: 1\n      negotiated: 0.8\n", "    capabilities: [streaming, our-batch-lane]\n",
    ])
    func pruningKeepsAModelWithTheUsersDataInsideAManagedValue(_ userData: String) throws {
        let text = "provider: bedrock\nmodels:\n  retired:\n    name: Old\n" + userData + "    source: models.dev\n"
        let (output, report) = try merge(text, Self.provider([]), options: MergeOptions(prune: true))
        let merged = try #require(output)
        #expect(merged.contains(userData))
        #expect(report.removed.isEmpty)
        #expect(report.unavailable == ["retired"])
    }

    /// Found by the mutation property test: the anchor's only alias is in a model the merge prunes, which frees the
    /// anchored value; the same sync must then sync it too, or a second sync changes the file again.
    @Test func anAnchorFreedByPruningItsOnlyAliasIsSyncedInTheSameRun() throws {
        let text = """
            provider: bedrock
            npm: &pkg old-package
            models:
              retired:
                name: *pkg
                source: models.dev
              opus:
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev

            """
        let desired = DesiredProvider(
            upstreamID: "bedrock", keys: [ManagedEntry("npm", "@ai-sdk/amazon-bedrock")], models: [Self.model])
        let (output, report) = try merge(text, desired, options: MergeOptions(prune: true))
        let merged = try #require(output)
        #expect(merged.contains("npm: &pkg '@ai-sdk/amazon-bedrock'\n"))
        #expect(!merged.contains("retired"))
        #expect(report.removed == ["retired"])
        #expect(report.conflicts.isEmpty)
        #expect(report.changed.map(\.key) == ["npm"])
        let (again, _) = try merge(merged, desired, options: MergeOptions(prune: true))
        #expect(again == nil)
    }

    /// Found by fuzzing: libyaml reads a `#` right after a flow collection or a quoted scalar as a comment; a value
    /// replaced there keeps the comment (it used to be cut with the old value).
    @Test func aCommentRightAfterAValueStaysWhenTheValueIsReplaced() throws {
        let text = """
            provider: bedrock
            npm: 'old'#the package
            models: {}#filled by modelsync

            """
        let desired = DesiredProvider(upstreamID: "bedrock", keys: [ManagedEntry("npm", "new")], models: [Self.model])
        let (output, _) = try merge(text, desired)
        let merged = try #require(output)
        #expect(
            merged.hasPrefix("provider: bedrock\nnpm: 'new'  #the package\nmodels:   #filled by modelsync\n  opus:\n"))
    }

    @Test func aSharedModelWhoseDataIsCurrentIsNoConflict() throws {
        let text = """
            provider: bedrock
            models:
              opus: &opus
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev
              opus-copy: *opus

            """
        let (output, report) = try merge(text, Self.provider([Self.model]))
        #expect(output == nil)
        #expect(report.conflicts.isEmpty)
    }

    @Test func aSharedModelNamesTheKeyThatCannotChange() throws {
        let text = """
            provider: bedrock
            models:
              opus: &opus
                name: Claude Opus 4
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev
              opus-copy: *opus

            """
        let (output, report) = try merge(text, Self.provider([Self.model]))
        #expect(output == nil)
        #expect(
            report.conflicts == [
                Conflict(
                    model: "opus", key: "name",
                    reason: "inside anchored node &opus, which an alias uses; not edited through it")
            ])
    }

    @Test func aSharedModelsMappingGetsNoNewModelsAndNamesEachBlockedChange() throws {
        let text = """
            provider: bedrock
            models: &all
              opus:
                name: Claude Opus 4
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev
            mirror: *all

            """
        var haiku = Self.model
        haiku.id = "haiku"
        let (output, report) = try merge(text, Self.provider([Self.model, haiku]))
        #expect(output == nil)
        let reason = "inside anchored node &all, which an alias uses; not edited through it"
        #expect(
            report.conflicts == [
                Conflict(model: "haiku", key: "", reason: reason), Conflict(model: "opus", key: "name", reason: reason),
            ])
    }

    @Test func anAliasWhoseDataIsCurrentIsNoConflict() throws {
        let text = """
            provider: bedrock
            x-caps: &caps [streaming, reasoning]
            models:
              opus:
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: *caps
                source: models.dev
              opus-us: &us
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev
              opus-us-copy: *us

            """
        var us = Self.model
        us.id = "opus-us"
        var copy = Self.model
        copy.id = "opus-us-copy"
        let (output, report) = try merge(text, Self.provider([Self.model, us, copy]))
        #expect(output == nil)
        #expect(report.conflicts.isEmpty)
    }

    @Test func anAliasWhoseDataIsStaleIsAConflict() throws {
        let text = """
            provider: bedrock
            x-caps: &caps [streaming]
            models:
              opus:
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: *caps
                source: models.dev
              opus-us: *caps

            """
        var us = Self.model
        us.id = "opus-us"
        let (output, report) = try merge(text, Self.provider([Self.model, us]))
        #expect(output == nil)
        #expect(
            report.conflicts == [
                Conflict(model: "opus", key: "capabilities", reason: "the value is an alias; not edited through it"),
                Conflict(model: "opus-us", key: "", reason: "the model is an alias; not edited"),
            ])
    }

    @Test func aManagedMappingThatUpstreamDropsKeepsTheUsersOwnKeys() throws {
        let text = """
            provider: bedrock
            models:
              opus:
                name: Claude Opus 4.1
                context_window: 200000
                pricing:   # billed per request too
                  input: 1
                  output: 1
                  discount: 0.2   # ours
                capabilities: [streaming, reasoning]
                source: models.dev
              haiku:
                name: Claude Opus 4.1
                context_window: 200000
                pricing:
                  input: 1
                  output: 1
                capabilities: [streaming, reasoning]
                source: models.dev

            """
        var opus = Self.model
        opus.entries.insert(ManagedEntry("pricing", nil), at: 2)
        var haiku = opus
        haiku.id = "haiku"
        let (output, report) = try merge(text, Self.provider([opus, haiku]))
        let expected = """
            provider: bedrock
            models:
              opus:
                name: Claude Opus 4.1
                context_window: 200000
                pricing:   # billed per request too
                  discount: 0.2   # ours
                capabilities: [streaming, reasoning]
                source: models.dev
              haiku:
                name: Claude Opus 4.1
                context_window: 200000
                capabilities: [streaming, reasoning]
                source: models.dev

            """
        #expect(output == expected)
        #expect(
            report.changed.map { "\($0.model ?? "") \($0.key)" } == [
                "haiku pricing", "opus pricing.input", "opus pricing.output",
            ])
    }
}
