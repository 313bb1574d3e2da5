import Foundation
import ModelsyncApp
import TestSupport
import Testing

@testable import ModelsDevCatalog
@testable import ModelsyncCLI

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

    private static let goldenDirectory = CommandGolden.directory

    /// `providers` on the 2026-07-02 snapshot: 147 providers, 153 columns side by side.
    private func latest(_ environment: [String: String] = [:]) async throws -> [String] {
        let result = try await CommandRunner().run(
            ["providers", "--source", SnapshotJSON.path, "--quiet"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func printsWholeLinesWithoutAWidth() async throws {
        let lines = try await latest()
        #expect(lines.map(\.count).max() == 153)
        // Recorded before providers learned to fit a width: a pipe's output is unchanged.
        try GoldenFile.expect(
            lines.joined(separator: "\n") + "\n",
            matches: Self.goldenDirectory.appendingPathComponent("providers-pipe.txt"))
    }

    @Test(arguments: [80, 120])
    func fitsTheTerminalWidthKeepingIdModelsAndTracked(columns: Int) async throws {
        let raw = try SnapshotJSON.providers()
        let lines = try await latest(["COLUMNS": String(columns)])
        let whole = try await latest()
        #expect(lines.count == whole.count)
        for line in lines { #expect(line.count <= columns, "\(line.count) > \(columns): \(line)") }
        let header = lines[0].split(separator: " ").map(String.init)
        #expect(
            header
                == (columns == 80 ? ["ID", "MODELS", "ENV", "TRACKED"] : ["ID", "NAME", "MODELS", "ENV", "TRACKED"]))
        let envStart = try #require(lines[0].range(of: "ENV")).lowerBound.utf16Offset(in: lines[0])
        let nameStart = lines[0].range(of: "NAME").map { $0.lowerBound.utf16Offset(in: lines[0]) }
        let modelsEnd = try #require(lines[0].range(of: "MODELS")).upperBound.utf16Offset(in: lines[0])
        let trackedStart = try #require(lines[0].range(of: "TRACKED")).lowerBound.utf16Offset(in: lines[0])
        func text(_ line: String, _ range: Range<Int>) -> String {
            let utf16 = Array(line.utf16)
            let slice = utf16[min(range.lowerBound, utf16.count)..<min(range.upperBound, utf16.count)]
            return String(decoding: slice, as: UTF16.self).trimmingCharacters(in: .whitespaces)
        }
        var cutLists = 0
        for line in lines.dropFirst() {
            let id = String(line.prefix { $0 != " " })
            let provider = try #require(raw[id], "\(id) is a provider of the snapshot, whole")
            let models = try #require(provider["models"] as? [String: Any]).count
            #expect(text(line, (modelsEnd - 6)..<modelsEnd) == String(models))
            #expect(["yes", "no"].contains(text(line, trackedStart..<line.utf16.count)))
            let variables = provider["env"] as? [String] ?? []
            let env = text(line, envStart..<trackedStart)
            let joined = variables.joined(separator: ",")
            if env != joined && !variables.isEmpty {
                #expect(env.hasSuffix("…"), "\(env)")
                if env.hasSuffix(",…") {
                    cutLists += 1
                    let shown = env.dropLast(2).split(separator: ",").map(String.init)
                    #expect(!shown.isEmpty && Array(variables.prefix(shown.count)) == shown, "\(env)")
                } else {
                    #expect(columns == 80 && variables[0].hasPrefix(env.dropLast()), "only at 80: \(env)")
                }
            }
            if let nameStart {
                let name = text(line, nameStart..<(modelsEnd - 6))
                let full = provider["name"] as? String ?? "-"
                #expect(name == full || (name.hasSuffix("…") && full.hasPrefix(name.dropLast())), "\(name)")
            }
        }
        #expect(cutLists > 0, "amazon-bedrock's four variables do not fit")
        try GoldenFile.expect(
            lines.joined(separator: "\n") + "\n",
            matches: Self.goldenDirectory.appendingPathComponent("providers-\(columns).txt"))
    }

    /// The rule of ``ProvidersOverview/fittedWidths(natural:firstVariables:maximumWidth:)``, step by step: ID 10,
    /// MODELS 6, TRACKED 7 and their two separators take 27 columns, NAME and ENV two more each beside their
    /// widths; NAME is 20 wide, ENV 40, and 25 keeps every first variable whole.
    @Test(
        arguments: [
            (nil, 20, 40), (91, 20, 40), (80, 20, 29), (70, 14, 25), (66, 10, 25), (65, nil, 36), (54, nil, 25),
            (53, nil, 24), (39, nil, 10), (38, nil, nil),
        ] as [(Int?, Int?, Int?)])
    func givesUpRoomInEnvThenNameThenDropsNameThenEnv(width: Int?, name: Int?, env: Int?) {
        let fitted = ProvidersOverview.fittedWidths(
            natural: [10, 20, 6, 40, 7], firstVariables: 25, maximumWidth: width)
        #expect(fitted.name == name && fitted.env == env, "\(String(describing: width)): \(fitted)")
    }

    @Test func shortensAListOfVariablesToWholeNames() {
        let variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]
        #expect(ProvidersOverview.shortened(variables, to: 60) == "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_REGION")
        #expect(ProvidersOverview.shortened(variables, to: 41) == "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,…")
        #expect(ProvidersOverview.shortened(variables, to: 40) == "AWS_ACCESS_KEY_ID,…")
        #expect(ProvidersOverview.shortened(variables, to: 19) == "AWS_ACCESS_KEY_ID,…")
        #expect(ProvidersOverview.shortened(variables, to: 18) == "AWS_ACCESS_KEY_ID…")
        #expect(ProvidersOverview.shortened(variables, to: 10) == "AWS_ACCES…")
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
