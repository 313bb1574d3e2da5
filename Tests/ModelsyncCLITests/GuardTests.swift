import Foundation
import TestSupport
import Testing

/// The guards on a crafted catalog, their settings, and what a reviewer is told (docs/guards.md): a 100× price, a
/// price to 0, a context cut and a lost capability are held, nothing else; the settings turn each guard off or
/// change the factor; pinned drift and a `default_model` that goes away show in the summary, `--quiet`, `--json`
/// and `--format markdown`.
@Suite struct GuardTests {
    /// A catalog of one provider, `acme`, with models whose data `change` alters.
    static func catalog(_ change: (inout [String: String]) -> Void = { _ in }) -> String {
        var models = [
            "pricey": #"{"id":"pricey","name":"Pricey","tool_call":true,"cost":{"input":1,"output":2},"#
                + #""limit":{"context":100000,"output":4096},"modalities":{"input":["text"],"output":["text"]}}"#,
            "freebie": #"{"id":"freebie","name":"Freebie","cost":{"input":0.5,"output":1},"#
                + #""limit":{"context":32000,"output":2048},"modalities":{"input":["text"],"output":["text"]}}"#,
            "roomy": #"{"id":"roomy","name":"Roomy","cost":{"input":3,"output":15},"#
                + #""limit":{"context":200000,"output":8192},"modalities":{"input":["text"],"output":["text"]}}"#,
            "tools": #"{"id":"tools","name":"Tools","tool_call":true,"cost":{"input":2,"output":8},"#
                + #""limit":{"context":64000,"output":4096},"modalities":{"input":["text"],"output":["text"]}}"#,
            "steady": #"{"id":"steady","name":"Steady","cost":{"input":0.2,"output":0.4},"#
                + #""limit":{"context":16000,"output":1024},"modalities":{"input":["text"],"output":["text"]}}"#,
        ]
        change(&models)
        let body = models.keys.sorted().map { "\"\($0)\":\(models[$0] ?? "")" }.joined(separator: ",")
        return #"{"acme":{"id":"acme","name":"Acme","env":["ACME_API_KEY"],"models":{"# + body + "}}}"
    }

    /// The crafted change: pricey's input ×100, freebie's input to 0, roomy's context 200,000 → 100,000, tools loses
    /// tool calling; steady also changes, within every guard (input ×2, output ÷2, a longer context).
    static let changed = catalog { models in
        models["pricey"] = models["pricey"]?.replacingOccurrences(of: #""input":1,"#, with: #""input":100,"#)
        models["freebie"] = models["freebie"]?.replacingOccurrences(of: #""input":0.5,"#, with: #""input":0,"#)
        models["roomy"] = models["roomy"]?.replacingOccurrences(of: #""context":200000"#, with: #""context":100000"#)
        models["tools"] = models["tools"]?.replacingOccurrences(of: #""tool_call":true,"#, with: "")
        models["steady"] = models["steady"]?.replacingOccurrences(
            of: #""cost":{"input":0.2,"output":0.4},"limit":{"context":16000"#,
            with: #""cost":{"input":0.4,"output":0.2},"limit":{"context":32000"#)
    }

    /// A runner whose `acme.yml` is synced from the first catalog, with both catalogs as files.
    static func runner() async throws -> CommandRunner {
        let runner = try CommandRunner()
        try runner.directory.write("before.json", catalog())
        try runner.directory.write("after.json", changed)
        try await runner.run(
            ["sync", "--quiet", "--allow-shrink", "--provider", "acme", "--source", "before.json"], expecting: 0)
        return runner
    }

    @Test func fourSuspiciousChangesAreHeldAndEverythingElseSyncs() async throws {
        let runner = try await Self.runner()
        let before = try runner.text("acme")
        let arguments = ["--allow-shrink", "--source", "after.json"]

        let check = try await runner.run(["check", "--json"] + arguments)
        #expect(check.status == 1, "steady's changes are to make: \(check.stderr)")
        let sync = try await runner.run(["sync", "--json"] + arguments, expecting: 0)
        let report = try #require(try PlainJSON.parse(Data(sync.stdout.utf8))["providers"]?.arrayValue?.first)
        let held = (report["held"]?.arrayValue ?? []).map { item in
            [
                item["model"]?.stringValue ?? "", item["key"]?.stringValue ?? "", "\(item["old"] ?? .null)",
                "\(item["new"] ?? .null)", item["reason"]?.stringValue ?? "", item["guard"]?.stringValue ?? "",
            ]
        }
        #expect(
            held == [
                ["freebie", "pricing.input", "0.5", "0", "price to 0", "price_to_zero"],
                ["pricey", "pricing.input", "1", "100", "price ×100", "price_factor"],
                ["roomy", "context_window", "200000", "100000", "limit shrinks", "limit_shrink"],
                ["tools", "capabilities", "\"function_calling\"", "null", "capability removed", "capability_removed"],
            ], "\(held)")
        let changed = (report["changed"]?.arrayValue ?? []).map {
            "\($0["model"]?.stringValue ?? "") \($0["key"]?.stringValue ?? "")"
        }
        #expect(
            changed == ["steady context_window", "steady pricing.input", "steady pricing.output"], "\(changed)")

        // The held values' bytes are untouched: only steady's lines differ.
        let after = try runner.text("acme")
        let differing = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }
        #expect(differing.map(\.1) == ["    context_window: 32000", "      input: 0.4", "      output: 0.2"])

        // Nothing left to make: check passes, unless held changes count.
        try await runner.run(["check"] + arguments, expecting: 0)
        let strict = try await runner.run(["check", "--fail-on-held"] + arguments)
        #expect(strict.status == 1, "\(strict.stdout)")

        // Accepting one by its reference, then the rest.
        let one = try await runner.run(
            ["sync", "--json", "--accept", "acme/pricey:pricing.*"] + arguments, expecting: 0)
        let oneReport = try #require(try PlainJSON.parse(Data(one.stdout.utf8))["providers"]?.arrayValue?.first)
        #expect(oneReport["held"]?.arrayValue?.count == 3)
        #expect(try runner.text("acme").contains("      input: 100\n"))
        try await runner.run(["sync", "--quiet", "--accept-held"] + arguments, expecting: 0)
        let done = try await runner.run(["check", "--fail-on-held"] + arguments)
        #expect(done.status == 0, "\(done.stdout)")
    }

    @Test(arguments: [
        ("guards: { price_factor: apply }", ["freebie", "roomy", "tools"]),
        ("guards: { price_factor: 200 }", ["freebie", "roomy", "tools"]),
        ("guards: { price_factor: 1.5 }", ["freebie", "pricey", "roomy", "steady", "steady", "tools"]),
        ("guards: { price_to_zero: apply }", ["pricey", "roomy", "tools"]),
        ("guards: { limit_shrink: apply }", ["freebie", "pricey", "tools"]),
        ("guards: { capability_removed: apply }", ["freebie", "pricey", "roomy"]),
        ("providers:\n  acme: { guards: { limit_shrink: apply } }", ["freebie", "pricey", "tools"]),
        (
            "guards: { limit_shrink: apply }\nproviders:\n  acme: { guards: { limit_shrink: hold } }",
            ["freebie", "pricey", "roomy", "tools"]
        ),
    ])
    func settingsTurnGuardsOffOrChangeTheFactor(settings: String, heldModels: [String]) async throws {
        let runner = try await Self.runner()
        try runner.directory.write("config/modelsync.yml", settings + "\n")
        let result = try await runner.run(["check", "--json", "--allow-shrink", "--source", "after.json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try PlainJSON.parse(Data(result.stdout.utf8))["providers"]?.arrayValue?.first)
        let models = (report["held"]?.arrayValue ?? []).compactMap { $0["model"]?.stringValue }
        #expect(models == heldModels, "\(settings): \(models)")
    }

    @Test(arguments: [
        (
            "guards:\n  price_facter: 5\n",
            "config/modelsync.yml:2:3: error: unknown guard 'price_facter'; did you mean 'price_factor'?\n"
                + "  price_facter: 5\n  ^\nnote: the guards are: price_factor, price_to_zero, limit_shrink, "
                + "capability_removed, vanished\n"
        ),
        (
            "providers:\n  acme: { guards: { vanish: hold } }\n",
            "config/modelsync.yml:2:21: error: unknown guard 'vanish'; did you mean 'vanished'?\n"
        ),
        (
            "guards: { limit_shrink: maybe }\n",
            "config/modelsync.yml:1:25: error: 'limit_shrink' must be 'hold' or 'apply'\n"
        ),
        (
            "guards: { price_factor: 1 }\n",
            "config/modelsync.yml:1:25: error: 'price_factor' must be a number greater than 1, or 'apply' to turn it off\n"
        ),
    ])
    func aWrongGuardIsAPositionedError(settings: String, message: String) async throws {
        let runner = try await Self.runner()
        try runner.directory.write("config/modelsync.yml", settings)
        let before = try runner.modelsState()
        let result = try await runner.run(["sync", "--allow-shrink", "--source", "after.json"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(try runner.modelsState() == before)
    }

    @Test func theVanishedGuardKeepsAModelUpstreamNoLongerLists() async throws {
        let runner = try await Self.runner()
        try runner.directory.write("gone.json", Self.catalog { $0["steady"] = nil })
        let before = try runner.text("acme")
        try runner.directory.write("config/modelsync.yml", "guards: { vanished: hold }\n")
        for prune in [false, true] {
            let result = try await runner.run(
                ["sync", "--json", "--allow-shrink", "--source", "gone.json"] + (prune ? ["--prune"] : []),
                expecting: 0)
            let report = try #require(try PlainJSON.parse(Data(result.stdout.utf8))["providers"]?.arrayValue?.first)
            let held = try #require(report["held"]?.arrayValue?.first)
            #expect(held["model"] == .string("steady") && held["key"] == .string("available"))
            #expect(held["old"] == .bool(true) && held["new"] == (prune ? .null : .bool(false)))
            #expect(held["reason"] == .string("no longer listed") && held["guard"] == .string("vanished"))
            #expect(try runner.text("acme") == before)
        }
        try await runner.run(
            ["sync", "--quiet", "--accept-held", "--allow-shrink", "--source", "gone.json"], expecting: 0)
        #expect(try runner.text("acme").contains("    available: false\n"))
    }

    @Test func pinnedDriftAndAVanishedDefaultModelShowInEveryOutputForm() async throws {
        let runner = try await Self.runner()
        var text = try runner.text("acme")
        text = text.replacingOccurrences(of: "provider: acme\n", with: "provider: acme\ndefault_model: steady\n")
        text = text.replacingOccurrences(of: "  pricey:\n", with: "  pricey:\n    pinned: [pricing.input]\n")
        try runner.write(text, to: "acme")
        // Upstream drops steady; pricey's pinned input goes to 100.
        let gone = Self.catalog { models in
            models["steady"] = nil
            models["pricey"] = models["pricey"]?.replacingOccurrences(of: #""input":1,"#, with: #""input":100,"#)
        }
        try runner.directory.write("gone.json", gone)
        let arguments = ["--allow-shrink", "--source", "gone.json"]

        let summary = try await runner.run(["sync"] + arguments, expecting: 0)
        #expect(
            summary.stdout.hasSuffix(
                """
                pinned values that differ upstream (1):
                  acme/pricey pricing.input: 1 here, 100 upstream
                references to models that are not usable (1):
                  config/models/acme.yml: default_model names steady, which is available: false

                """), "\(summary.stdout)")
        let quiet = try await runner.run(["sync", "--quiet"] + arguments, expecting: 0)
        #expect(
            quiet.stdout == "1 pinned value differs upstream\n"
                + "1 reference to models that are missing, unavailable or deprecated\n", "\(quiet.stdout)")
        let json = try await runner.run(["sync", "--json"] + arguments, expecting: 0)
        let report = try #require(try PlainJSON.parse(Data(json.stdout.utf8))["providers"]?.arrayValue?.first)
        #expect(
            report["pinned_drift"]
                == .array([
                    .object([
                        PlainMember("model", .string("pricey")), PlainMember("key", .string("pricing.input")),
                        PlainMember("local", .number("1")), PlainMember("upstream", .number("100")),
                    ])
                ]))
        #expect(
            report["references"]
                == .array([
                    .object([
                        PlainMember("key", .string("default_model")), PlainMember("model", .string("steady")),
                        PlainMember("problem", .string("unavailable")),
                    ])
                ]))
        let markdown = try await runner.run(["sync", "--format", "markdown"] + arguments, expecting: 0)
        #expect(markdown.stdout.contains("| `acme/pricey` | `pricing.input` | 1 | 100 |\n"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| `acme` | `default_model` | `steady` | unavailable |\n"))

        // Pruned, the model is missing; a settings list of references replaces the default.
        let pruned = try await runner.run(["sync", "--json", "--prune"] + arguments, expecting: 0)
        let prunedReport = try #require(try PlainJSON.parse(Data(pruned.stdout.utf8))["providers"]?.arrayValue?.first)
        #expect(prunedReport["references"]?.arrayValue?.first?["problem"] == .string("missing"))
        try runner.directory.write("config/modelsync.yml", "references: []\n")
        let none = try await runner.run(["sync", "--json"] + arguments, expecting: 0)
        let noneReport = try #require(try PlainJSON.parse(Data(none.stdout.utf8))["providers"]?.arrayValue?.first)
        #expect(noneReport["references"] == .array([]))
    }
}
