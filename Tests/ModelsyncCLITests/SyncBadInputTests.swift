import Foundation
import TestSupport
import Testing

/// Bad input to `sync` and `check`, run with the built binary.
///
/// Broken provider files, broken catalogs, provider ids that must not become paths: each leaves what it cannot
/// handle byte for byte as it was and says why.
struct SyncBadInputTests {
    static let old = Fixtures.modelsDev("api-2025-08-03.json").path
    static let new = Fixtures.modelsDev("api-2026-01-05.json").path

    /// A runner whose models directory holds anthropic, deepseek and xai as written from 2025-08-03.
    static func bootstrapped() async throws -> CommandRunner {
        let runner = try CommandRunner()
        try await runner.run(
            [
                "sync", "--quiet", "--source", old, "--provider", "anthropic", "--provider", "deepseek", "--provider",
                "xai",
            ],
            expecting: 0)
        #expect(runner.providerIDs() == ["anthropic", "deepseek", "xai"])
        return runner
    }

    /// A provider file the merge must refuse, and the diagnostic it must print.
    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var diagnostic: String

        var testDescription: String { name }
    }

    static let badFiles = [
        BadFile(
            name: "malformed",
            text: "provider: xai\nmodels:\n  grok-2:\n    name: Grok 2\n   bad: indentation\n",
            diagnostic: """
                config/models/xai.yml:5:4: error: did not find expected key (while parsing a block mapping at line 3)
                   bad: indentation
                   ^
                """),
        BadFile(
            name: "duplicate keys",
            text: "provider: xai\nmodels:\n  grok-2:\n    name: Grok 2\n  grok-2:\n    name: Grok 2 again\n",
            diagnostic: """
                config/models/xai.yml:5:3: error: duplicate key 'grok-2'
                  grok-2:
                  ^
                """),
        BadFile(
            name: "several documents",
            text: "provider: xai\nmodels: {}\n---\nprovider: xai\n",
            diagnostic: """
                config/models/xai.yml:3:1: error: several documents in one file; expected exactly one
                ---
                ^
                """),
        BadFile(
            name: "root is a list",
            text: "- grok-2\n- grok-3\n",
            diagnostic: """
                config/models/xai.yml:1:1: error: the file's root must be a mapping of provider keys and 'models'
                - grok-2
                ^
                """),
        BadFile(
            name: "root is a string",
            text: "# xai models\nxai models live elsewhere\n",
            diagnostic: """
                config/models/xai.yml:2:1: error: the file's root must be a mapping of provider keys and 'models'
                xai models live elsewhere
                ^
                """),
    ]

    @Test(arguments: badFiles)
    func aBadFileIsLeftAsItIsWhileTheOtherFilesSync(bad: BadFile) async throws {
        let runner = try await Self.bootstrapped()
        try runner.write(bad.text, to: "xai")
        let before = try runner.modelsState()

        let check = try await runner.run(["check", "--source", Self.new])
        #expect(check.status == 2, "errors win over files to change: \(check.stderr)")
        #expect(check.stderr.contains(bad.diagnostic + "\n"), "\(check.stderr)")

        let sync = try await runner.run(["sync", "--source", Self.new])
        #expect(sync.status == 2)
        #expect(sync.stderr.contains(bad.diagnostic + "\n"), "\(sync.stderr)")
        #expect(sync.stdout.contains("config/models/xai.yml: error\n"), "\(sync.stdout)")
        #expect(!sync.stdout.contains(bad.diagnostic), "the diagnostic is printed once, on stderr: \(sync.stdout)")
        #expect(sync.stderr.components(separatedBy: bad.diagnostic).count == 2, "once: \(sync.stderr)")
        #expect(sync.stdout.contains("\n3 files: 2 updated, 1 error\n"), "\(sync.stdout)")

        let after = try runner.modelsState()
        #expect(after.files["xai.yml"] == before.files["xai.yml"], "the bad file keeps its bytes and mtime")
        for id in ["anthropic", "deepseek"] {
            #expect(after.files["\(id).yml"]?.bytes != before.files["\(id).yml"]?.bytes, "\(id) was synced")
        }
        let recheck = try await runner.run([
            "check", "--source", Self.new, "--provider", "anthropic", "--provider", "deepseek",
        ])
        #expect(recheck.status == 0, "the good files are current: \(recheck.stdout)")
    }

    /// A catalog that must be refused as a whole, and the message it must print.
    struct BadCatalog: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: @Sendable () throws -> Data
        var message: String

        var testDescription: String { name }
    }

    static let badCatalogs = [
        BadCatalog(
            name: "truncated",
            bytes: {
                let data = try Fixtures.modelsDevData("api-2026-01-05.json")
                return data.prefix(data.count / 2)
            },
            message: "is not valid JSON: unterminated string at line 1, column 431724 (byte 431723)"),
        BadCatalog(
            name: "empty", bytes: { Data() },
            message: "is not valid JSON: empty input, expected a JSON object at line 1, column 1 (byte 0)"),
        BadCatalog(
            name: "an array", bytes: { Data("[{\"openai\":{}}]".utf8) },
            message: "is not a models.dev catalog: the catalog must be an object, found an array at line 1, column 1 "
                + "(byte 0)"),
        BadCatalog(
            name: "models as a list", bytes: { Data("{\"openai\":{\"id\":\"openai\",\"models\":[]}}".utf8) },
            message: "is not a models.dev catalog: \"models\" of provider \"openai\" must be an object, found an array "
                + "at line 1, column 35 (byte 34)"),
        BadCatalog(
            name: "a provider without models", bytes: { Data("{\"openai\":{\"id\":\"openai\",\"name\":\"O\"}}".utf8) },
            message: "is not a models.dev catalog: provider \"openai\" has no \"models\" object at line 1, column 11 "
                + "(byte 10)"),
        BadCatalog(
            name: "a price as text",
            bytes: {
                Data(
                    "{\"openai\":{\"id\":\"openai\",\"name\":\"O\",\"models\":{\"gpt\":{\"id\":\"gpt\",\"cost\":{\"input\":\"cheap\"}}}}}"
                        .utf8)
            },
            message: "is not a models.dev catalog: \"cost.input\" of model \"gpt\" of provider \"openai\" must be a "
                + "number, found a string at line 1, column 81 (byte 80)"),
    ]

    @Test(arguments: badCatalogs)
    func aBrokenCatalogTouchesNoFile(catalog: BadCatalog) async throws {
        let runner = try await Self.bootstrapped()
        let path = runner.directory.path("api.json")
        try catalog.bytes().write(to: path)
        let before = try runner.modelsState()
        let cacheBefore = try DirectoryState.capture(runner.cacheDirectory)

        for command in ["sync", "check"] {
            let result = try await runner.run([command, "--source", "api.json", "--allow-shrink"])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == "error: api.json \(catalog.message)\n", "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        let after = try runner.modelsState()
        #expect(after == before, "\(after.differences(from: before))")
        #expect(try DirectoryState.capture(runner.cacheDirectory) == cacheBefore, "nothing recorded in the cache")
    }

    @Test func aProviderIDThatCannotBeAFileNameIsRefusedAndTheRestSyncs() async throws {
        let runner = try CommandRunner()
        var text = String(decoding: try Fixtures.modelsDevData("api-2025-08-03.json"), as: UTF8.self)
        let model = "{\"id\":\"m\",\"name\":\"M\",\"limit\":{\"context\":1,\"output\":1}}"
        let evil = [
            "\"../evil\":{\"id\":\"../evil\",\"name\":\"Evil\",\"env\":[],\"models\":{\"m\":\(model)}}",
            "\"Up/Per\":{\"id\":\"Up/Per\",\"name\":\"Upper\",\"env\":[],\"models\":{\"m\":\(model)}}",
        ]
        text.insert(contentsOf: evil.joined(separator: ",") + ",", at: text.index(after: text.startIndex))
        // A model id is an opaque key: this one must become a key in deepseek.yml, never a path.
        let outside = "\"../../outside.yml\":{\"id\":\"../../outside.yml\",\"name\":\"Outside\"},"
        let deepseekModels = "\"deepseek\":{"
        let provider = try #require(text.range(of: deepseekModels))
        let models = try #require(text.range(of: "\"models\":{", range: provider.upperBound..<text.endIndex))
        text.insert(contentsOf: outside, at: models.upperBound)
        try Data(text.utf8).write(to: runner.directory.path("evil.json"))

        let first = try await runner.run(["sync", "--all", "--source", "evil.json"])
        #expect(first.status == 2)
        let refusals = [
            "provider id \"../evil\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$",
            "provider id \"Up/Per\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$",
        ]
        for refusal in refusals {
            #expect(first.stderr.contains("error: \(refusal)\n"), "\(first.stderr)")
        }
        #expect(first.stdout.hasSuffix("35 files: 33 created, 2 errors\n"), "\(first.stdout)")
        #expect(runner.providerIDs().count == 33)
        #expect(runner.directory.files() == ["cache", "config", "evil.json"])
        #expect(runner.directory.files(in: "config") == ["models"])
        #expect(
            runner.directory.files(in: "config/models").allSatisfy { $0.hasSuffix(".yml") || $0 == ".modelsync.lock" })
        let deepseek = try await PyYAMLReader.read(runner.providerFile("deepseek").path)
        #expect(deepseek["models"]?["../../outside.yml"]?["name"] == .string("Outside"))

        let named = try await runner.run(["sync", "--source", "evil.json", "--provider", "../evil", "--json"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("error: \(refusals[0])\n"), "\(named.stderr)")
        let report = try PlainJSON.parse(Data(named.stdout.utf8))
        let entry = try #require(report["providers"]?.arrayValue?.first)
        #expect(entry["provider"] == .string("../evil"))
        #expect(entry["status"] == .string("error"))
        #expect(entry["file"] == .null)
        #expect(entry["error"] == .string(refusals[0]))
        #expect(runner.directory.files() == ["cache", "config", "evil.json"])
        #expect(runner.directory.files(in: "config") == ["models"])
    }
}
