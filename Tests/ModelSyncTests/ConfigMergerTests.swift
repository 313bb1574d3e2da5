import Foundation
import LosslessYAML
import Testing

@testable import ModelSync

/// The merge rules of docs/provider-files.md and docs/merge-rules.md on hand-written files and hand-built desired data.
@Suite struct ConfigMergerTests {
    static let sonnet = DesiredModel(
        id: "claude-sonnet-4-5",
        entries: [
            ManagedEntry("name", "Claude Sonnet 4.5 (latest)"), ManagedEntry("family", "claude-sonnet"),
            ManagedEntry("context_window", 200000), ManagedEntry("max_input_tokens", nil),
            ManagedEntry("max_output_tokens", 64000),
            ManagedEntry(
                "pricing",
                .mapping([
                    YAMLMappingEntry("input", 3), YAMLMappingEntry("output", 15), YAMLMappingEntry("cache_read", 0.3),
                    YAMLMappingEntry("cache_write", 3.75),
                ])),
            ManagedEntry("capabilities", ["streaming", "function_calling", "reasoning", "vision", "prompt_caching"]),
            ManagedEntry(
                "modalities",
                .mapping([
                    YAMLMappingEntry("input", .sequence(["text", "image", "pdf"], style: .flow)),
                    YAMLMappingEntry("output", .sequence(["text"], style: .flow)),
                ])),
            ManagedEntry("knowledge", "2025-07-31"), ManagedEntry("release_date", "2025-09-29"),
            ManagedEntry("last_updated", "2025-09-29"), ManagedEntry("open_weights", false),
            ManagedEntry("status", nil),
            ManagedEntry("available", true), ManagedEntry("deprecated", false), ManagedEntry("source", "models.dev"),
        ])

    static func provider(_ models: [DesiredModel]) -> DesiredProvider {
        DesiredProvider(
            upstreamID: "anthropic",
            keys: [
                ManagedEntry("name", "Anthropic"), ManagedEntry("env", .sequence(["ANTHROPIC_API_KEY"], style: .flow)),
                ManagedEntry("npm", "@ai-sdk/anthropic"), ManagedEntry("api", nil),
                ManagedEntry("doc", "https://docs.anthropic.com/en/docs/about-claude/models"),
            ],
            models: models)
    }

    static let currentFile = """
        # Anthropic models — reviewed by the platform team
        provider: anthropic
        name: Anthropic
        env: [ANTHROPIC_API_KEY]
        npm: '@ai-sdk/anthropic'
        doc: https://docs.anthropic.com/en/docs/about-claude/models   # managed
        default_model: claude-sonnet-4-5  # user-owned
        models:
          claude-sonnet-4-5:
            name: Claude Sonnet 4.5 (latest)
            family: claude-sonnet
            context_window: 200000.0
            max_output_tokens: 64000
            pricing:                      # USD per million tokens
              input: 3
              output: 15.0
              cache_read: 0.3
              cache_write: 3.75
            capabilities:
              - streaming
              - function_calling
              - reasoning
              - vision
              - prompt_caching
              - web_search                # user-owned
            modalities:
              input: [text, image, pdf]
              output: [text]
            knowledge: '2025-07-31'
            release_date: "2025-09-29"
            last_updated: '2025-09-29'
            open_weights: false
            available: true
            deprecated: false
            source: models.dev
            notes: Preferred for code review.   # user-owned

        """

    func merge(_ text: String, _ desired: DesiredProvider, options: MergeOptions = MergeOptions()) throws -> (
        String?, ProviderReport
    ) {
        let document = try YAMLDocument(text: text, path: "anthropic.yml")
        var report = ProviderReport(
            provider: "anthropic", upstream: "anthropic", file: "anthropic.yml", status: .updated)
        let merger = ConfigMerger(fileID: "anthropic", desired: desired, options: options)
        let bytes = try merger.merge(into: document, report: &report)
        return (bytes.map { String(decoding: $0, as: UTF8.self) }, report)
    }

    @Test func semanticallyEqualDataChangesNothing() throws {
        let (output, report) = try merge(Self.currentFile, Self.provider([Self.sonnet]))
        #expect(output == nil)
        #expect(report.changed.isEmpty)
        #expect(report.conflicts.isEmpty)
    }

    @Test func aChangedPriceChangesOnlyItsOwnBytes() throws {
        var sonnet = Self.sonnet
        sonnet.entries[5] = ManagedEntry(
            "pricing",
            .mapping([
                YAMLMappingEntry("input", 2.5), YAMLMappingEntry("output", 15), YAMLMappingEntry("cache_read", 0.3),
                YAMLMappingEntry("cache_write", 3.75),
            ]))
        let (output, report) = try merge(Self.currentFile, Self.provider([sonnet]))
        let expected = Self.currentFile.replacingOccurrences(of: "      input: 3\n", with: "      input: 2.5\n")
        #expect(output == expected)
        #expect(report.changed == [Change(model: "claude-sonnet-4-5", key: "pricing.input", old: 3, new: 2.5)])
    }

    @Test func missingKeysAreInsertedAfterTheNearestPrecedingManagedKey() throws {
        let text = """
            provider: anthropic
            models:
              claude-sonnet-4-5:
                name: Old name
                notes: mine
                source: models.dev

            """
        let (output, report) = try merge(text, Self.provider([Self.sonnet]))
        let expected = """
            provider: anthropic
            name: Anthropic
            env: [ANTHROPIC_API_KEY]
            npm: '@ai-sdk/anthropic'
            doc: https://docs.anthropic.com/en/docs/about-claude/models
            models:
              claude-sonnet-4-5:
                name: Claude Sonnet 4.5 (latest)
                family: claude-sonnet
                context_window: 200000
                max_output_tokens: 64000
                pricing:
                  input: 3
                  output: 15
                  cache_read: 0.3
                  cache_write: 3.75
                capabilities:
                  - streaming
                  - function_calling
                  - reasoning
                  - vision
                  - prompt_caching
                modalities:
                  input: [text, image, pdf]
                  output: [text]
                knowledge: '2025-07-31'
                release_date: '2025-09-29'
                last_updated: '2025-09-29'
                open_weights: false
                available: true
                deprecated: false
                notes: mine
                source: models.dev

            """
        #expect(output == expected)
        #expect(
            report.changed.contains(
                Change(model: "claude-sonnet-4-5", key: "name", old: "Old name", new: "Claude Sonnet 4.5 (latest)")))
    }

    @Test func pinnedKeysAreNeverTouched() throws {
        let text = """
            models:
              claude-sonnet-4-5:
                name: My own name
                pricing:
                  input: 1
                  output: 15
                capabilities: [streaming]
                pinned: [name, pricing.input, capabilities, family]
                source: models.dev

            """
        let (output, report) = try merge(text, Self.provider([Self.sonnet]))
        let result = try YAMLDocument(text: try #require(output))
        let model = try #require(result.rootValue?["models"]?["claude-sonnet-4-5"])
        #expect(model["name"] == "My own name")
        #expect(model["pricing"]?["input"] == 1)
        #expect(model["pricing"]?["cache_read"] == 0.3)
        #expect(model["capabilities"] == ["streaming"])
        #expect(model["family"] == nil)
        #expect(!report.changed.contains { $0.key == "name" && $0.model != nil })
    }

    @Test func capabilitiesAreASetThatKeepsUserItemsInPlace() throws {
        let text = """
            models:
              claude-sonnet-4-5:
                capabilities:
                - web_search   # mine
                - streaming
                - audio_output
                - function_calling
                source: models.dev

            """
        var sonnet = Self.sonnet
        sonnet.entries = sonnet.entries.filter { $0.key == "capabilities" || $0.key == "source" }
        let (output, _) = try merge(text, Self.provider([sonnet]))
        let expected = """
            provider: anthropic
            name: Anthropic
            env: [ANTHROPIC_API_KEY]
            npm: '@ai-sdk/anthropic'
            doc: https://docs.anthropic.com/en/docs/about-claude/models
            models:
              claude-sonnet-4-5:
                capabilities:
                - web_search   # mine
                - streaming
                - function_calling
                - reasoning
                - vision
                - prompt_caching
                source: models.dev

            """
        #expect(output == expected)
    }

    @Test func vanishedModelsAreMarkedUnavailableOrPrunedWhenTheyHoldNoUserKeys() throws {
        let text = """
            models:
              claude-2:
                name: Claude 2
                available: true
                source: models.dev
              claude-1:
                name: Claude 1
                notes: keep me
                source: models.dev
              claude-local:
                name: Mine
                source: manual

            """
        let (marked, report) = try merge(text, DesiredProvider(upstreamID: "anthropic", keys: [], models: []))
        let markedValue = try YAMLDocument(text: try #require(marked)).rootValue?["models"]
        #expect(markedValue?["claude-2"]?["available"] == false)
        #expect(markedValue?["claude-1"]?["available"] == false)
        #expect(markedValue?["claude-local"]?["available"] == nil)
        #expect(report.unavailable == ["claude-2", "claude-1"])

        let (pruned, pruneReport) = try merge(
            text, DesiredProvider(upstreamID: "anthropic", keys: [], models: []), options: MergeOptions(prune: true))
        let prunedValue = try YAMLDocument(text: try #require(pruned)).rootValue?["models"]
        #expect(prunedValue?["claude-2"] == nil)
        #expect(prunedValue?["claude-1"]?["available"] == false)
        #expect(pruneReport.removed == ["claude-2"])
    }

    @Test func modelsWithAnotherSourceAreTheUsersAndModelsWithoutOneAreAdopted() throws {
        let text = """
            models:
              claude-sonnet-4-5:
                name: Hand written
              claude-opus:
                name: Mine
                source: litellm

            """
        var opus = Self.sonnet
        opus.id = "claude-opus"
        let (output, _) = try merge(text, Self.provider([Self.sonnet, opus]))
        let models = try YAMLDocument(text: try #require(output)).rootValue?["models"]
        #expect(models?["claude-sonnet-4-5"]?["source"] == "models.dev")
        #expect(models?["claude-sonnet-4-5"]?["name"] == "Claude Sonnet 4.5 (latest)")
        #expect(
            models?["claude-opus"]
                == .mapping([YAMLMappingEntry("name", "Mine"), YAMLMappingEntry("source", "litellm")]))
    }

    @Test func newModelsGoInSortedPositionWhenTheFileIsSortedElseAtTheEnd() throws {
        func ids(_ text: String) throws -> [String] {
            let (output, _) = try merge(
                text,
                Self.provider(
                    ["a-model", "m-model", "z-model"].map { id in
                        var model = Self.sonnet
                        model.id = id
                        return model
                    }))
            let models = try YAMLDocument(text: try #require(output)).rootValue?["models"]
            guard case .mapping(let entries, _) = models else { return [] }
            return entries.compactMap(\.key.stringValue)
        }
        #expect(
            try ids("models:\n  b-mine: {source: manual}\n  n-mine: {source: manual}\n") == [
                "a-model", "b-mine", "m-model", "n-mine", "z-model",
            ])
        #expect(
            try ids("models:\n  n-mine: {source: manual}\n  b-mine: {source: manual}\n") == [
                "n-mine", "b-mine", "a-model", "m-model", "z-model",
            ])
    }

    @Test func selectedModeNeverInsertsModels() throws {
        let (output, report) = try merge(
            "models:\n  claude-sonnet-4-5:\n    name: Old\n    source: models.dev\n",
            Self.provider([Self.sonnet, DesiredModel(id: "other", entries: [ManagedEntry("name", "Other")])]),
            options: MergeOptions(selectedModelsOnly: true))
        let models = try YAMLDocument(text: try #require(output)).rootValue?["models"]
        #expect(models?["other"] == nil)
        #expect(models?["claude-sonnet-4-5"]?["name"] == "Claude Sonnet 4.5 (latest)")
        #expect(report.added.isEmpty)
    }

    @Test func aliasedManagedValuesAreConflictsNotEdits() throws {
        let text = """
            defaults: &defaults
              input: 1
              output: 1
            models:
              claude-sonnet-4-5:
                name: &n Old
                pricing: *defaults
                source: models.dev
              copy:
                name: *n
                source: manual

            """
        var sonnet = Self.sonnet
        sonnet.entries = sonnet.entries.filter { ["name", "pricing", "source"].contains($0.key) }
        let (output, report) = try merge(text, Self.provider([sonnet]))
        let models = try YAMLDocument(text: try #require(output)).rootValue?["models"]
        #expect(models?["claude-sonnet-4-5"]?["pricing"] == .alias("defaults"))
        #expect(models?["claude-sonnet-4-5"]?["name"] == "Old")
        #expect(report.conflicts.map(\.key).sorted() == ["name", "pricing"])
    }

    @Test func providerIsInsertedFirstAfterTheHeadCommentWhenAbsent() throws {
        let text = "# head comment\nname: Anthropic\n"
        let (output, _) = try merge(text, Self.provider([]))
        #expect(
            output?.hasPrefix(
                "# head comment\nprovider: anthropic\nname: Anthropic\nenv: [ANTHROPIC_API_KEY]\nnpm: '@ai-sdk/anthropic'\n"
            )
                == true)
    }

    @Test func theRootMustBeAMapping() throws {
        #expect(throws: MergeError.self) { try merge("- a\n- b\n", Self.provider([])) }
    }

    @Test func newFilesUseTheStandardLayout() throws {
        var report = ProviderReport(provider: "anthropic", upstream: "anthropic", file: "x", status: .created)
        let bytes = try ConfigMerger(fileID: "anthropic", desired: Self.provider([Self.sonnet])).newFile(
            report: &report)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("provider: anthropic\nname: Anthropic\nenv: [ANTHROPIC_API_KEY]\n"))
        #expect(text.contains("\n    modalities:\n      input: [text, image, pdf]\n      output: [text]\n"))
        #expect(text.contains("\n    capabilities:\n      - streaming\n"))
        #expect(text.contains("\n    knowledge: '2025-07-31'\n"))
        #expect(report.added == ["claude-sonnet-4-5"])
    }
}
