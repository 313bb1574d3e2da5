import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// `modelsync providers`, run as a real process.
struct ProvidersCommandTests {
    private let snapshot = Fixtures.modelsDev("api-2025-08-03.json").path

    @Test func listsProvidersFromAFileWithModelCountsEnvAndTrackedFiles() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(
            at: runner.directory.path("config/models"), withIntermediateDirectories: true)
        try Data("provider: anthropic\n".utf8).write(to: runner.directory.path("config/models/anthropic.yml"))

        let result = try await runner.run(["providers", "--source", snapshot])

        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 34)
        #expect(lines.first?.split(separator: " ").map(String.init) == ["ID", "NAME", "MODELS", "ENV", "TRACKED"])
        let anthropic = try #require(lines.first { $0.hasPrefix("anthropic ") })
        let columns = anthropic.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(columns == ["anthropic", "Anthropic", "9", "ANTHROPIC_API_KEY", "yes"])
        let openai = try #require(lines.first { $0.hasPrefix("openai ") })
        #expect(openai.split(separator: " ").map(String.init) == ["openai", "OpenAI", "19", "OPENAI_API_KEY", "no"])
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(result.stderr.hasPrefix("catalog: \(snapshot) (file, modified "))
        #expect(runner.directory.files(in: "cache").isEmpty, "a file source is never cached")
    }

    @Test func printsJSONWithTheProvenanceAndEveryProvider() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["providers", "--source", snapshot, "--json", "--models-dir", "m"])

        #expect(result.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["url"] as? String == snapshot)
        #expect(source["kind"] as? String == "file")
        #expect(source["from_cache"] as? Bool == false)
        #expect(source["etag"] is NSNull)
        #expect(object["models_dir"] as? String == "m")
        let providers = try #require(object["providers"] as? [[String: Any]])
        #expect(providers.count == 33)
        let anthropic = try #require(providers.first { $0["id"] as? String == "anthropic" })
        #expect(anthropic["name"] as? String == "Anthropic")
        #expect(anthropic["models"] as? Int == 9)
        #expect(anthropic["env"] as? [String] == ["ANTHROPIC_API_KEY"])
        #expect(anthropic["npm"] as? String == "@ai-sdk/anthropic")
        #expect(anthropic["file"] as? String == "m/anthropic.yml")
        #expect(anthropic["tracked"] as? Bool == false)
        #expect((object["rejected"] as? [Any])?.isEmpty == true)
    }

    @Test func readsTheCatalogFromStandardInput() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["providers", "--source", "-"], stdin: Fixtures.smallCatalog())
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
        #expect(result.stderr == "catalog: standard input\n")
    }

    @Test func takesTheSourceFromTheEnvironmentWhenNoFlagIsGiven() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["providers", "--quiet"], environment: ["MODELSYNC_SOURCE": snapshot])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 34)
        #expect(result.stderr.isEmpty)
    }

    @Test func statesTheBundledSnapshotsDateUnlessQuiet() async throws {
        let runner = try CommandRunner()
        let bundled = "catalog: bundled snapshot of 2026-07-02 (shipped with modelsync; may be out of date)\n"
        let result = try await runner.run(["providers", "--source", "bundled"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 148)
        #expect(result.stderr == bundled)

        // sync and check say it the same way: once, as a note, not as a warning; --quiet silences it as any note.
        let sync = try await runner.run(["sync", "--source", "bundled", "--provider", "groq"])
        #expect(sync.status == 0)
        #expect(sync.stderr == bundled)
        let check = try await runner.run(["check", "--source", "bundled", "--quiet"])
        #expect(check.status == 0)
        #expect(check.stdout.isEmpty)
        #expect(check.stderr.isEmpty, "--quiet prints nothing when nothing changed: \(check.stderr)")
    }

    @Test func failsWithExit2NamingAProviderIdThatCannotBeAFileName() async throws {
        let runner = try CommandRunner()
        let file = runner.directory.path("api.json")
        try Data("{\"../evil\":{\"models\":{}},\"good\":{\"name\":\"Good\",\"models\":{\"m\":{}}}}".utf8).write(
            to: file)

        let result = try await runner.run(["providers", "--source", file.path])

        #expect(result.status == 2)
        #expect(result.stdout.contains("good "))
        #expect(!result.stdout.contains("evil"))
        #expect(
            result.stderr.hasSuffix(
                "error: provider id \"../evil\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$\n"))
    }

    @Test func reportsAnUnreadableOrInvalidFileWithExit2() async throws {
        let runner = try CommandRunner()
        let missing = try await runner.run(["providers", "--source", "nowhere.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read the catalog from nowhere.json: no such file or directory\n")

        try Data("{\"p\":[]}".utf8).write(to: runner.directory.path("bad.json"))
        let invalid = try await runner.run(["providers", "--source", "bad.json"])
        #expect(invalid.status == 2)
        #expect(
            invalid.stderr
                == "error: bad.json is not a models.dev catalog: provider \"p\" must be an object, found an array"
                + " at line 1, column 6 (byte 5)\n")
        #expect(invalid.stdout.isEmpty)
    }
}
