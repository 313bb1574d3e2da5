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
