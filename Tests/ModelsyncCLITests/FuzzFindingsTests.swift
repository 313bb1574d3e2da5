import Foundation
import TestSupport
import Testing

/// What fuzzing the edit engine from outside found, each as it was found (minimal inputs), and what holds now.
@Suite struct FuzzFindingsTests {
    static let snapshot = Fixtures.modelsDev("api-2026-07-02.json").path

    /// A catalog of 11 providers (`p0`…`p10`, so the safety stop passes), each with one ordinary model, and
    /// `extraModels` (JSON members of `p0`'s `models`) and `extraProviders` (JSON members of the top object).
    static func catalog(extraModels: [String] = [], extraProviders: [String] = []) -> Data {
        let plain = #"{"id":"m","name":"M","limit":{"context":1000,"output":100},"cost":{"input":1,"output":2}}"#
        var providers = (0...10).map { index in
            let models = ([#""m":\#(plain)"#] + (index == 0 ? extraModels : [])).joined(separator: ",")
            return #""p\#(index)":{"id":"p\#(index)","name":"P\#(index)","models":{\#(models)}}"#
        }
        providers += extraProviders
        return Data(("{" + providers.joined(separator: ",") + "}").utf8)
    }

    private func sync(_ runner: CommandRunner, _ text: String, _ extra: [String] = []) async throws
        -> CommandRunner.Result
    {
        try runner.write(text, to: "cerebras")
        return try await runner.run(["sync", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"] + extra)
    }

    // 1
    @Test(arguments: ["{}\n", "{ }\n"])
    func aFileHoldingAnEmptyMappingReachesTheFixedPointInOneSync(text: String) async throws {
        let runner = try CommandRunner()
        let first = try await sync(runner, text)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try runner.text("cerebras").hasPrefix("provider: cerebras\n"))
        try await runner.run(["check", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"], expecting: 0)
    }

    // 2
    @Test func aPinnedKeyThatIsAbsentStaysAbsent() async throws {
        let runner = try CommandRunner()
        let text = "provider: cerebras\nmodels:\n  gpt-oss-120b:\n    pinned: [pricing.input]\n    source: models.dev\n"
        #expect(try await sync(runner, text).status == 0)
        let after = try runner.text("cerebras")
        let model = try #require(after.range(of: "  gpt-oss-120b:\n")).upperBound
        let entry = after[model...].prefix { _ in true }.components(separatedBy: "\n  zai").first ?? ""
        #expect(entry.contains("    pricing:\n      output: "), "\(entry)")
        #expect(!entry.contains("input: 0.35"), "the pinned key is not inserted: \(entry)")
        try await runner.run(["check", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"], expecting: 0)
    }

    // 3, 4
    @Test(arguments: [
        (
            "provider: cerebras\naliases: [&nm name]\nmodels:\n  gpt-oss-120b:\n    name: Old name\n    *nm : Stale name\n",
            "config/models/cerebras.yml:6:5: error: duplicate key '*nm'"
        ),
        (
            "provider: cerebras\nmodels:\n  gpt-oss-120b:\n    note: *nowhere\n",
            "config/models/cerebras.yml:4:11: error: alias '*nowhere' refers to no anchor: no '&nowhere' comes before it"
        ),
    ])
    func aliasesThatReadAsADuplicateKeyOrNothingArePositionedErrors(text: String, message: String) async throws {
        let runner = try CommandRunner()
        try runner.write(text, to: "cerebras")
        let before = try runner.modelsState()
        let result = try await runner.run(["sync", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)")
        #expect(try runner.modelsState().files["cerebras.yml"] == before.files["cerebras.yml"], "left byte-identical")
    }

    // 5, 9
    @Test func aModelAFileCannotHoldIsRefusedWithAWarningAndTheRestSyncs() async throws {
        let runner = try CommandRunner()
        let longID = String(repeating: "x", count: 1_500)
        let catalog = Self.catalog(extraModels: [
            #""\#(longID)":{"id":"\#(longID)","name":"Long"}"#,
            #""huge":{"id":"huge","cost":{"input":1e400}}"#,
            #""tiny":{"id":"tiny","cost":{"input":1e-400}}"#,
            #""precise":{"id":"precise","cost":{"input":0.123456789012345678901234567890123456789}}"#,
            #""negative":{"id":"negative","cost":{"input":-1}}"#,
        ])
        let source = runner.directory.path("catalog.json")
        try catalog.write(to: source)
        let result = try await runner.run(["sync", "--quiet", "--source", source.path, "--provider", "p0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "config/models/p0.yml: created (1 added, 5 conflicts)\n", "\(result.stdout)")
        for expected in [
            "model '\(String(repeating: "x", count: 79))…' not synced: its id is 1500 characters long, more than the "
                + "1024 a YAML key may have",
            "model 'huge' not synced: pricing.input is 1e400: beyond the range a YAML number can hold",
            "model 'tiny' not synced: pricing.input is 1e-400: too small to be told from 0 in a YAML number",
            "model 'precise' not synced: pricing.input is 0.123456789012345678901234567890123456789: more significant "
                + "digits than a YAML number keeps",
            "model 'negative' not synced: pricing.input is -1: a price below 0",
        ] {
            #expect(result.stderr.contains("warning: config/models/p0.yml: \(expected)\n"), "\(result.stderr)")
        }
        let written = try runner.text("p0")
        #expect(written.contains("\n  m:\n") && !written.contains("huge") && !written.contains("xxxx"))
    }

    // 6
    @Test func idsFromTheCatalogCannotActOnATerminalInAnyOutputForm() async throws {
        let runner = try CommandRunner()
        let evilModel = "m\u{1B}[2J\u{07}\nforged: line"
        let json = #""\#(evilModel.jsonEscaped)":{"id":"\#(evilModel.jsonEscaped)","name":"N\u001B]0;pwned\u0007"}"#
        let evilProvider = #""evil\u001B]0;pwned\u0007":{"id":"x","models":{}}"#
        let source = runner.directory.path("catalog.json")
        try Self.catalog(extraModels: [json], extraProviders: [evilProvider]).write(to: source)
        var outputs: [(String, CommandRunner.Result)] = []
        for arguments in [
            ["sync", "--all", "--dry-run"], ["sync", "--all", "--dry-run", "--quiet"],
            ["sync", "--all", "--dry-run", "--format", "markdown"], ["sync", "--all", "--dry-run", "--diff"],
            ["list", "--provider", "p0"], ["search", "m"], ["providers"], ["info", "p0/m"],
            ["compare", "p0/m", "p1/m"],
        ] {
            outputs.append(
                (arguments.joined(separator: " "), try await runner.run(arguments + ["--source", source.path])))
        }
        _ = try await runner.run(["sync", "--all", "--source", source.path])
        outputs.append(("check --diff", try await runner.run(["check", "--all", "--diff", "--source", source.path])))
        for (name, result) in outputs {
            for text in [result.stdout, result.stderr] {
                #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"), "\(name): \(text.debugDescription)")
                #expect(!text.contains("\nforged: line"), "\(name) forged a line: \(text)")
            }
        }
        #expect(outputs[0].1.stdout.contains("config/models/p0.yml: would create"))
        #expect(outputs[2].1.stdout.contains("\\u{1B}"), "markdown shows the escape: \(outputs[2].1.stdout)")
    }

    // 7
    @Test func anExplicitlyTaggedKeyIsMatchedByWhatItReadsAs() async throws {
        let runner = try CommandRunner()
        try await runner.run(
            ["sync", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"], expecting: 0)
        let text = try runner.text("cerebras").replacingOccurrences(
            of: "    name: GPT OSS 120B\n", with: "    !!str name: An old name\n")
        let result = try await sync(runner, text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runner.text("cerebras").contains("    !!str name: GPT OSS 120B\n"))
        try await runner.run(["check", "--quiet", "--source", Self.snapshot, "--provider", "cerebras"], expecting: 0)
    }

    // 8
    @Test(arguments: [#"!<tag:x> "models.dev""#, "!!int models.dev"])
    func aSourceWithAnotherTagIsTheUsersOwn(source: String) async throws {
        let runner = try CommandRunner()
        let text = "provider: cerebras\nmodels:\n  gpt-oss-120b:\n    name: Mine\n    source: \(source)\n"
        let result = try await sync(runner, text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runner.text("cerebras").contains("  gpt-oss-120b:\n    name: Mine\n    source: \(source)\n"))
    }

    // 10
    @Test func aLockFileThatIsASymbolicLinkIsRefused() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let target = runner.directory.path("outside.lock")
        try FileManager.default.removeItem(at: runner.modelsDirectory.appendingPathComponent(".modelsync.lock"))
        try FileManager.default.createSymbolicLink(
            at: runner.modelsDirectory.appendingPathComponent(".modelsync.lock"), withDestinationURL: target)
        let result = try await runner.run(["sync", "--source", Self.snapshot])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "config/models/.modelsync.lock: error: cannot lock: it is a symbolic link, which is not followed"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path), "nothing created outside the directory")
    }
}

extension String {
    /// The string as the inside of a JSON string literal.
    fileprivate var jsonEscaped: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
