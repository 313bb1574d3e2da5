import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog
import Testing

/// A model as a provider file holds it, beside what sync would write.
@Suite struct LocalModelEntryTests {
    private let file = TrackingFile(fileID: "anthropic", path: "anthropic.yml")

    private func model() throws -> Model {
        var model = Model(id: "claude-sonnet-4-5")
        model.name = "Claude Sonnet 4.5"
        model.family = "claude-sonnet"
        model.limit = ModelLimit(context: 200_000, output: 64_000)
        model.cost = ModelCost(
            prices: PriceSet(
                input: ExactDecimal(3), output: ExactDecimal(15),
                cacheRead: ExactDecimal("0.3")))
        model.modalities = Modalities(input: ["text", "image"], output: ["text"])
        model.toolCall = true
        model.releaseDate = "2025-09-29"
        model.openWeights = false
        return model
    }

    private func entry(_ text: String) throws -> LocalModelEntry {
        try LocalModelEntry.compare(YAMLDocument(text: text, path: file.path), file: file, model: try model())
    }

    @Test func findsNoDifferenceInTheEntryANewFileWouldHold() throws {
        let provider = Provider(id: try #require(ProviderID("anthropic")), models: [try model()])
        var report = ProviderReport(provider: "anthropic", upstream: "anthropic", file: file.path, status: .created)
        let bytes = try ConfigMerger(fileID: "anthropic", desired: CatalogMapping.desired(for: provider)).newFile(
            report: &report)
        let entry = try LocalModelEntry.compare(
            YAMLDocument(bytes: bytes, path: file.path), file: file, model: try model())
        #expect(entry.listed)
        #expect(entry.isSynced)
        #expect(!entry.hasDifferences)
        #expect(
            entry.rows.map(\.key) == [
                "name", "family", "context_window", "max_output_tokens", "pricing.input", "pricing.output",
                "pricing.cache_read", "capabilities", "modalities.input", "modalities.output", "release_date",
                "open_weights", "available", "deprecated", "source",
            ])
        #expect(entry.userKeys.isEmpty)
    }

    @Test func marksValuesThatDifferAsSyncWouldSeeThem() throws {
        let entry = try entry(
            """
            models:
              claude-sonnet-4-5:
                name: 'Claude Sonnet 4.5'
                context_window: 100000
                max_output_tokens: 64000.0
                pricing: {input: 3.5, output: 15, cache_read: 0.3, discount: 0.2}
                capabilities: [web_search, vision, function_calling, streaming, prompt_caching]
                modalities: {input: [image, text], output: [text]}
                release_date: 2025-09-29
                max_input_tokens: 1000
                notes: Preferred.
                pinned: [pricing.input]
                source: models.dev
            """)
        let differing = entry.rows.filter(\.differs).map(\.key)
        #expect(
            differing == [
                "family", "context_window", "max_input_tokens", "pricing.input", "modalities.input", "release_date",
                "open_weights", "available", "deprecated",
            ])
        let input = try #require(entry.rows.first { $0.key == "pricing.input" })
        #expect(input == .init(key: "pricing.input", local: 3.5, upstream: 3, differs: true, pinned: true))
        let removed = try #require(entry.rows.first { $0.key == "max_input_tokens" })
        #expect(removed.local == 1000 && removed.upstream == nil)
        #expect(entry.rows.first { $0.key == "capabilities" }?.differs == false, "user items and order do not count")
        #expect(entry.userKeys.map(\.key) == ["pricing.discount", "notes", "pinned"])
        #expect(entry.userKeys.first?.value == 0.2)
    }

    @Test func saysWhatDiffersInsideListsAsSyncComparesThem() throws {
        let entry = try entry(
            """
            models:
              claude-sonnet-4-5:
                capabilities: [web_search, reasoning, function_calling, streaming, prompt_caching]
                modalities: {input: [image, text], output: [text, audio]}
            """)
        func changes(_ key: String) -> [LocalModelEntry.ItemChange]? {
            entry.rows.first { $0.key == key }?.itemChanges
        }
        // Upstream: streaming, function_calling, vision, prompt_caching; web_search is the user's and never counts.
        #expect(changes("capabilities") == [.init(.added, value: "vision"), .init(.removed, value: "reasoning")])
        #expect(changes("modalities.input") == [.init(.reordered, value: ["text", "image"])])
        #expect(changes("modalities.output") == [.init(.removed, value: "audio")])
        #expect(changes("name") == nil, "a scalar row, absent locally")
        #expect(changes("pricing.input") == nil)
    }

    @Test func saysWhatDiffersInsideMappingsAndListsOfMappings() {
        func row(_ local: YAMLValue?, _ upstream: YAMLValue?, differs: Bool = true) -> LocalModelEntry.Row {
            LocalModelEntry.Row(key: "pricing.tiers", local: local, upstream: upstream, differs: differs, pinned: false)
        }
        let tier: YAMLValue = .mapping([.init("type", "context"), .init("size", 200_000), .init("input", 6)])
        let cheaper: YAMLValue = .mapping([.init("type", "context"), .init("size", 200_000), .init("input", 5.5)])
        let other: YAMLValue = .mapping([.init("type", "context"), .init("size", 1_000_000), .init("input", 8)])
        // Records of the same count compare by position.
        #expect(
            row([tier, other], [cheaper, other]).itemChanges == [.init(.changed, path: "[0]", key: "input", value: 5.5)]
        )
        #expect(
            row([tier, other], [tier.withEntry("output", 9), other]).itemChanges == [
                .init(.added, path: "[0]", key: "output", value: 9)
            ])
        // Another count: whole items.
        #expect(row([tier], [tier, other]).itemChanges == [.init(.added, value: other)])
        // A mapping: added, changed, then removed entries; the same entries in another order.
        let local: YAMLValue = .mapping([.init("a", 1), .init("b", 2), .init("x", "mine")])
        let upstream: YAMLValue = .mapping([.init("a", 1.0), .init("b", 3), .init("c", 4)])
        #expect(
            row(local, upstream).itemChanges == [
                .init(.added, key: "c", value: 4), .init(.changed, key: "b", value: 3),
                .init(.removed, key: "x", value: "mine"),
            ])
        let swapped: YAMLValue = .mapping([.init("b", 2), .init("a", 1)])
        #expect(
            row(.mapping([.init("a", 1), .init("b", 2)]), swapped).itemChanges == [.init(.reordered, value: swapped)])
        // Nothing to show: equal values, a side absent, a list beside a scalar.
        #expect(row([tier], [tier], differs: false).itemChanges == nil)
        #expect(row([tier], nil).itemChanges == nil)
        #expect(row("text", ["text"]).itemChanges == nil)
        #expect(row([1, 2], [1.0, 2.0]).itemChanges == nil, "3 == 3.0, as sync compares")
    }

    @Test func readsTheSourceAndWhetherSyncUpdatesTheEntry() throws {
        let manual = try entry("models:\n  claude-sonnet-4-5: {name: Mine, source: manual}\n")
        #expect(manual.source == "manual")
        #expect(!manual.isSynced)
        let adopted = try entry("models:\n  claude-sonnet-4-5: {name: Mine}\n")
        #expect(adopted.source == nil)
        #expect(adopted.isSynced)
        #expect(adopted.rows.first { $0.key == "source" }?.differs == true)
    }

    @Test func readsAFileThatDoesNotListTheModel() throws {
        #expect(try !entry("provider: anthropic\nmodels:\n  other: {}\n").listed)
        #expect(try !entry("provider: anthropic\nmodels: [a]\n").listed)
        #expect(try !entry("# only a comment\n").listed)
    }

    @Test func refusesAFileWhoseRootIsNotAMapping() throws {
        #expect(
            throws: MergeError.rootNotAMapping(
                Diagnostic(
                    path: "anthropic.yml", position: SourcePosition(offset: 0, line: 1, column: 1),
                    message: "the file's root must be a mapping of provider keys and 'models'", sourceLine: "- a"))
        ) {
            try entry("- a\n")
        }
    }

    @Test func aMissingFileListsNoModel() throws {
        let entry = LocalModelEntry.missing(TrackingFile(fileID: "x", path: "/nonexistent/x.yml"))
        #expect(!entry.exists)
        #expect(!entry.listed)
    }
}

extension YAMLValue {
    /// This mapping with `key: value` appended.
    fileprivate func withEntry(_ key: String, _ value: YAMLValue) -> YAMLValue {
        guard case .mapping(let entries, let style) = self else { return self }
        return .mapping(entries + [.init(key, value)], style: style)
    }
}
