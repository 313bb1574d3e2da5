import Testing

@testable import ModelSync

@Suite struct ProviderSelectionTests {
    let upstream: Set = ["anthropic", "openai", "google", "mistral"]

    @Test func existingFilesDecideTheSetAndUnknownProvidersAreSkipped() {
        let selection = ProviderSelection(settings: nil, existingFiles: ["anthropic", "ollama"], upstream: upstream)
        #expect(selection.targets == [.init(fileID: "anthropic", upstream: "anthropic")])
        #expect(selection.skipped.map(\.fileID) == ["ollama"])
        #expect(selection.warnings.isEmpty)
    }

    @Test func anEmptyDirectoryTakesEveryUpstreamProviderAndReportsRefusedIds() {
        let selection = ProviderSelection(
            settings: nil, existingFiles: [], upstream: upstream, rejectedUpstream: [("../evil", "refused")])
        #expect(selection.targets.map(\.fileID) == ["anthropic", "google", "mistral", "openai"])
        #expect(selection.errors.map(\.id) == ["../evil"])
    }

    @Test func theSettingsListIsExactlyTheSetWithUpstreamAliasesAndSelectedMode() {
        let settings = [
            SyncSettings.ProviderSetting(fileID: "gemini", upstream: "google"),
            SyncSettings.ProviderSetting(fileID: "openai", selectedModelsOnly: true),
            SyncSettings.ProviderSetting(fileID: "mock"),
        ]
        let selection = ProviderSelection(settings: settings, existingFiles: ["anthropic"], upstream: upstream)
        #expect(
            selection.targets == [
                .init(fileID: "gemini", upstream: "google"),
                .init(fileID: "openai", upstream: "openai", selectedModelsOnly: true),
            ])
        #expect(selection.skipped.map(\.fileID) == ["mock"])
        #expect(
            selection.warnings == ["settings: models.dev does not list provider 'mock' (tracked by mock.yml); skipped"])
    }

    @Test func providerFlagsNarrowTakeUpstreamIdsAndStartTracking() {
        let settings = [SyncSettings.ProviderSetting(fileID: "gemini", upstream: "google")]
        let byUpstream = ProviderSelection(
            settings: settings, existingFiles: [], upstream: upstream, requested: ["google"])
        #expect(byUpstream.targets == [.init(fileID: "gemini", upstream: "google")])
        let newOne = ProviderSelection(
            settings: nil, existingFiles: ["anthropic"], upstream: upstream, requested: ["mistral"])
        #expect(newOne.targets == [.init(fileID: "mistral", upstream: "mistral")])
        let unknown = ProviderSelection(
            settings: nil, existingFiles: ["anthropic"], upstream: upstream, requested: ["nope", "../x"])
        #expect(unknown.targets.isEmpty)
        #expect(
            unknown.errors.map(\.message) == [
                "unknown provider 'nope': models.dev does not list it and no file tracks it",
                "refused provider id '../x': it must match ^[a-z0-9][a-z0-9._-]*$ to become a file name",
            ])
    }

    @Test func allAddsEveryUpstreamProviderToTheFiles() {
        let selection = ProviderSelection(
            settings: [SyncSettings.ProviderSetting(fileID: "gemini", upstream: "google")], existingFiles: [],
            upstream: upstream, all: true)
        #expect(selection.targets.map(\.fileID) == ["anthropic", "gemini", "mistral", "openai"])
    }
}
