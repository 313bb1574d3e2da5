import Foundation
import ModelsDevCatalog
import Testing

@testable import ModelSync

/// The decisions of `add` (``AddPlan``), the settings file edits (``SettingsFileEdit``) and the suggestions.
@Suite struct AddPlanTests {
    static let catalog = Catalog(
        providers: ["anthropic", "google", "mistral", "openai"].compactMap { id in
            ProviderID(id).map { Provider(id: $0, models: [Model(id: "\(id)-large"), Model(id: "\(id)-small")]) }
        })

    func plan(
        _ provider: String, _ models: [String] = [], settings: [SyncSettings.ProviderSetting]? = nil,
        files: Set<String> = []
    ) throws -> AddPlan {
        try AddPlan.make(
            provider: provider, models: models, settings: settings.map { SyncSettings(providers: $0) },
            existingFiles: files, catalog: Self.catalog)
    }

    // MARK: - Plans

    @Test func anUpstreamIdTrackedByOneAliasFileResolvesToThatFile() throws {
        let settings = [SyncSettings.ProviderSetting(fileID: "gemini", upstream: "google", selectedModelsOnly: true)]
        let plan = try plan("google", ["google-large"], settings: settings)
        #expect(plan.action == .write)
        #expect(plan.target == .init(fileID: "gemini", upstream: "google", selectedModelsOnly: true))
        #expect(plan.settingsChange == .none)
    }

    @Test func anUpstreamIdTrackedBySeveralFilesIsRefused() {
        let settings = [
            SyncSettings.ProviderSetting(fileID: "gemini", upstream: "google"),
            SyncSettings.ProviderSetting(fileID: "vertex", upstream: "google"),
        ]
        #expect(throws: AddError.ambiguousProvider("google", files: ["gemini", "vertex"])) {
            try plan("google", settings: settings)
        }
        #expect(
            AddError.ambiguousProvider("google", files: ["gemini", "vertex"]).description
                == "provider 'google' is tracked by several files (gemini.yml, vertex.yml); name one of them; "
                + "nothing written")
    }

    @Test func startingAListNamesOnlyTheFilesTheCatalogKnows() throws {
        let plan = try plan("openai", ["openai-small", "openai-small"], files: ["mistral", "anthropic", "ollama"])
        #expect(plan.models == ["openai-small"], "duplicates are dropped")
        #expect(
            plan.settingsChange
                == .startList(
                    existing: [.init(fileID: "anthropic"), .init(fileID: "mistral")],
                    adding: .init(fileID: "openai", selectedModelsOnly: true)))
    }

    @Test func aNewProviderWithEveryModelLeavesSettingsWithoutAListAlone() throws {
        let plan = try plan("openai", files: ["anthropic"])
        #expect(plan.action == .write && !plan.isTracked)
        #expect(plan.settingsChange == .none)
    }

    @Test func aFileOnDiskButNotInTheListIsNotTracked() throws {
        let plan = try plan("mistral", settings: [.init(fileID: "anthropic")], files: ["anthropic", "mistral"])
        #expect(plan.action == .write && !plan.isTracked)
        #expect(plan.settingsChange == .addEntry(.init(fileID: "mistral")))
    }

    @Test func modelsForATrackedFileWhoseProviderIsGoneAreRefused() throws {
        let settings = [SyncSettings.ProviderSetting(fileID: "ollama", selectedModelsOnly: true)]
        #expect(try plan("ollama", settings: settings).action == .alreadyTracked)
        #expect(throws: AddError.providerNotListed(fileID: "ollama", upstream: "ollama")) {
            try plan("ollama", ["llama3"], settings: settings)
        }
    }

    @Test func aRejectedCatalogProviderIsRefusedWithTheCatalogsMessage() {
        let catalog = Catalog(
            providers: Self.catalog.providers,
            rejectedProviders: [RejectedProvider(id: "../evil", modelCount: 1)])
        let message = catalog.rejectedProviders[0].description
        #expect(throws: AddError.refusedProvider(id: "../evil", message: message)) {
            try AddPlan.make(
                provider: "../evil", models: [], settings: nil, existingFiles: [], catalog: catalog)
        }
    }

    // MARK: - Settings file edits

    func edit(_ text: String?, _ change: SettingsChange) throws -> String {
        let edit = try #require(
            try SettingsFileEdit.make(change, oldBytes: text.map { Array($0.utf8) }, path: "modelsync.yml"))
        #expect(edit.createsFile == (text == nil))
        return String(decoding: edit.newBytes, as: UTF8.self)
    }

    static let selectedOpenAI = SettingsChange.addEntry(.init(fileID: "openai", selectedModelsOnly: true))

    @Test func blockStyleSiblingsGetABlockEntry() throws {
        let text = "providers:\n  anthropic:\n    upstream: claude\n  xai: {}\n"
        #expect(
            try edit(text, Self.selectedOpenAI)
                == "providers:\n  anthropic:\n    upstream: claude\n  openai:\n    models: selected\n  xai: {}\n")
    }

    @Test func unpaddedFlowSiblingsGetAnUnpaddedEntry() throws {
        let text = "providers:\n  anthropic: {upstream: claude}\n"
        #expect(
            try edit(text, Self.selectedOpenAI)
                == "providers:\n  anthropic: {upstream: claude}\n  openai: {models: selected}\n")
    }

    @Test func anUnsortedListGetsTheEntryAtItsEnd() throws {
        let text = "providers:\n  xai: {}\n  anthropic: {}   # last\n# footer\n"
        #expect(
            try edit(text, .addEntry(.init(fileID: "mistral")))
                == "providers:\n  xai: {}\n  anthropic: {}   # last\n  mistral: {}\n# footer\n")
    }

    @Test func anEmptyListBecomesABlockMapping() throws {
        #expect(
            try edit("providers: {}   # none yet\n", Self.selectedOpenAI)
                == "providers:   # none yet\n  openai: { models: selected }\n")
    }

    @Test func aMissingFileIsCreatedWithTheWholeList() throws {
        let change = SettingsChange.startList(
            existing: [.init(fileID: "anthropic")], adding: .init(fileID: "openai", selectedModelsOnly: true))
        #expect(
            try edit(nil, change)
                == SettingsFileEdit.newFileComment + "\nproviders:\n  anthropic: {}\n  openai: { models: selected }\n")
    }
}
