import Foundation
import TestSupport
import Testing

/// The settings file `config/modelsync.yml` (docs/selection.md#the-settings-file) with the built binary, and the flags that override it.
struct SyncSettingsTests {
    static let old = SyncBadInputTests.old
    static let new = SyncBadInputTests.new

    static func settings(source: String) -> String {
        """
        # modelsync settings for this repository
        source: \(source)
        models_dir: providers      # relative to this file
        cache_ttl_minutes: 60
        providers:
          anthropic: {}
          gemini: { upstream: google }   # gemini.yml tracks models.dev's google
          openai: { models: selected }
          ollama: {}

        """
    }

    static let ollamaWarning =
        "warning: settings: models.dev does not list provider 'ollama' (tracked by ollama.yml); skipped\n"

    /// The `providers` of a `--json` report by file id.
    static func reports(_ result: CommandRunner.Result) throws -> [String: PlainValue] {
        var reports: [String: PlainValue] = [:]
        for entry in try PlainJSON.parse(Data(result.stdout.utf8))["providers"]?.arrayValue ?? [] {
            reports[entry["provider"]?.stringValue ?? "?"] = entry
        }
        return reports
    }

    @Test func theSettingsFileChoosesTheSourceTheModelsDirectoryAndTheProviders() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(at: runner.directory.path("config"), withIntermediateDirectories: true)
        try Data(Self.settings(source: Self.old).utf8).write(to: runner.directory.path("config/modelsync.yml"))
        let snapshot = try await Snapshot.load("api-2025-08-03.json")

        let result = try await runner.run(["sync", "--json"], expecting: 0)
        #expect(try PlainJSON.parse(Data(result.stdout.utf8))["source"]?["url"] == .string(Self.old))
        #expect(result.stderr.contains(Self.ollamaWarning), "\(result.stderr)")
        #expect(runner.directory.files(in: "config") == ["modelsync.yml", "providers"])
        #expect(
            runner.directory.files(in: "config/providers") == [
                ".modelsync.lock", "anthropic.yml", "gemini.yml", "openai.yml",
            ])

        let reports = try Self.reports(result)
        #expect(reports["gemini"]?["upstream"] == .string("google"))
        #expect(reports["gemini"]?["file"] == .string("config/providers/gemini.yml"))
        #expect(reports["gemini"]?["added"]?.arrayValue?.count == snapshot.models(of: "google").count)
        #expect(reports["openai"]?["status"] == .string("created"))
        #expect(reports["openai"]?["added"] == .array([]), "models: selected inserts no model")
        #expect(reports["ollama"]?["status"] == .string("skipped"))

        var gemini = ExpectedFile(id: "gemini")
        _ = gemini.apply(try #require(snapshot.provider("google")), prune: false)
        let geminiData = try await PyYAMLReader.read(runner.directory.path("config/providers/gemini.yml").path)
        #expect(gemini.mismatches(in: geminiData).isEmpty, "\(gemini.mismatches(in: geminiData).prefix(10))")
        let openaiData = try await PyYAMLReader.read(runner.directory.path("config/providers/openai.yml").path)
        #expect(openaiData["models"] == .object([]))
        #expect(openaiData["provider"] == .string("openai"))
    }

    @Test func aSelectedProviderUpdatesTheModelsItListsAndInsertsNoOther() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(at: runner.directory.path("config"), withIntermediateDirectories: true)
        try Data(Self.settings(source: Self.old).utf8).write(to: runner.directory.path("config/modelsync.yml"))
        try await runner.run(["sync", "--quiet"], expecting: 0)
        let path = runner.directory.path("config/providers/openai.yml")
        let text = String(decoding: try Data(contentsOf: path), as: UTF8.self)
        try Data(
            text.replacingOccurrences(of: "models: {}\n", with: "models:\n  gpt-4o:\n    name: GPT-4o (old name)\n")
                .utf8
        ).write(to: path)

        let result = try await runner.run(
            ["sync", "--json", "--source", Self.new, "--provider", "openai"], expecting: 0)
        let report = try #require(try Self.reports(result)["openai"])
        #expect(report["status"] == .string("updated"))
        #expect(report["added"] == .array([]))

        let snapshot = try await Snapshot.load("api-2026-01-05.json")
        let upstream = try #require(snapshot.provider("openai"))
        var openai = ExpectedFile(id: "openai")
        openai.providerMembers = ExpectedConfig.provider(upstream)
        openai.models["gpt-4o"] = ExpectedConfig.model(try #require(upstream["models"]?["gpt-4o"]))
        let data = try await PyYAMLReader.read(path.path)
        #expect(openai.mismatches(in: data).isEmpty, "\(openai.mismatches(in: data))")
    }

    @Test func flagsAndTheEnvironmentOverrideTheSettingsFile() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(at: runner.directory.path("config"), withIntermediateDirectories: true)
        try Data(Self.settings(source: Self.old).utf8).write(to: runner.directory.path("config/modelsync.yml"))
        try await runner.run(["sync", "--quiet"], expecting: 0)
        let providers = try DirectoryState.capture(runner.directory.path("config/providers"))

        // --models-dir: the settings' list, written elsewhere; config/providers is not touched.
        let elsewhere = try await runner.run(["sync", "--quiet", "--models-dir", "elsewhere"], expecting: 0)
        #expect(elsewhere.stdout.split(separator: "\n").count == 3, "\(elsewhere.stdout)")
        #expect(
            runner.directory.files(in: "elsewhere") == [".modelsync.lock", "anthropic.yml", "gemini.yml", "openai.yml"])
        #expect(try DirectoryState.capture(runner.directory.path("config/providers")) == providers)

        // MODELSYNC_SOURCE overrides the settings' source; --source overrides both.
        let environment = ["MODELSYNC_SOURCE": Self.new]
        let fromEnvironment = try await runner.run(["check", "--json"], environment: environment)
        #expect(fromEnvironment.status == 1)
        #expect(try PlainJSON.parse(Data(fromEnvironment.stdout.utf8))["source"]?["url"] == .string(Self.new))
        let fromFlag = try await runner.run(["check", "--json", "--source", Self.old], environment: environment)
        #expect(fromFlag.status == 0, "\(fromFlag.stdout)")
        #expect(try PlainJSON.parse(Data(fromFlag.stdout.utf8))["source"]?["url"] == .string(Self.old))

        // --provider narrows the settings' list, by file id or by the upstream id one file tracks.
        for name in ["gemini", "google"] {
            let narrowed = try await runner.run(["check", "--json", "--source", Self.new, "--provider", name])
            #expect(narrowed.status == 1, "\(name)")
            let reports = try Self.reports(narrowed)
            #expect(Array(reports.keys) == ["gemini"], "\(name)")
            #expect(reports["gemini"]?["status"] == .string("updated"), "\(name)")
        }

        // --settings names another settings file; without models_dir the models directory is <config-dir>/models.
        try Data("providers:\n  mistral: {}\n".utf8).write(to: runner.directory.path("other-settings.yml"))
        let other = try await runner.run(
            ["sync", "--quiet", "--settings", "other-settings.yml", "--source", Self.old], expecting: 0)
        #expect(other.stdout == "config/models/mistral.yml: created (17 added)\n")
        #expect(try DirectoryState.capture(runner.directory.path("config/providers")) == providers)
    }

    @Test func aBrokenSettingsFileStopsTheRunAndAnUnknownKeyIsAWarning() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let settings = runner.directory.path("config/modelsync.yml")
        let before = try runner.modelsState()
        try Data("providers: [anthropic]\n".utf8).write(to: settings)
        let broken = try await runner.run(["sync", "--source", Self.new])
        #expect(broken.status == 2)
        #expect(
            broken.stderr == """
                config/modelsync.yml:1:12: error: 'providers' must be a mapping of file ids, such as 'anthropic: {}'
                providers: [anthropic]
                           ^

                """)
        #expect(try runner.modelsState() == before)

        // A misspelt key stops the run, positioned as a compiler would, with the setting it resembles.
        try Data("provider:\n  anthropic: {}\n".utf8).write(to: settings)
        let unknown = try await runner.run(["check", "--quiet", "--source", Self.old])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr
                == "config/modelsync.yml:1:1: error: unknown setting 'provider'; did you mean 'providers'?\nprovider:\n^\n"
        )
        #expect(try runner.modelsState() == before)
    }
}
