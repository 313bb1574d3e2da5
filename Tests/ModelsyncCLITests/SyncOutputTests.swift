import Foundation
import TestSupport
import Testing

/// What `sync` and `check` print (docs/commands.md), with the built binary: `--quiet`, `--dry-run`, `--diff`, `--json`,
/// `--format markdown` and the exit codes.
struct SyncOutputTests {
    static let old = SyncBadInputTests.old
    static let new = SyncBadInputTests.new
    static let newest = Fixtures.modelsDev("api-2026-07-02.json").path

    @Test func quietPrintsOneLinePerChangedFileAndNothingWhenNothingChanged() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let snapshots = (try await Snapshot.load("api-2025-08-03.json"), try await Snapshot.load("api-2026-01-05.json"))

        let changed = try await runner.run(["sync", "--quiet", "--source", Self.new], expecting: 0)
        let lines = changed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(changed.stdout)")
        for (line, id) in zip(lines, ["anthropic", "deepseek", "xai"]) {
            let added = Set(snapshots.1.models(of: id).map(\.key)).subtracting(snapshots.0.models(of: id).map(\.key))
            let prefix = "config/models/\(id).yml: updated (" + (added.isEmpty ? "" : "\(added.count) added, ")
            #expect(line.hasPrefix(prefix), "\(line)")
            #expect(line.hasSuffix(id == "anthropic" ? " values changed)" : " held)"), "\(line)")
        }
        let heldLine = "18 changes held for review; to apply: modelsync sync --source \(Self.new) --accept-held\n"
        #expect(lines.last.map { $0 + "\n" } == heldLine)
        #expect(changed.stderr.isEmpty, "no provenance with --quiet: \(changed.stderr)")

        // Held changes stay held, and say so, at every run until they are accepted.
        let held = try await runner.run(["sync", "--quiet", "--source", Self.new], expecting: 0)
        #expect(held.stdout == heldLine)
        let accepted = try await runner.run(["sync", "--quiet", "--accept-held", "--source", Self.new], expecting: 0)
        #expect(
            accepted.stdout == "config/models/deepseek.yml: updated (1 value changed)\n"
                + "config/models/xai.yml: updated (17 values changed)\n", "\(accepted.stdout)")
        let unchanged = try await runner.run(["sync", "--quiet", "--source", Self.new], expecting: 0)
        #expect(unchanged.stdout.isEmpty)
        #expect(unchanged.stderr.isEmpty)
        let summary = try await runner.run(["sync", "--source", Self.new], expecting: 0)
        #expect(
            summary.stdout == """
                config/models/anthropic.yml: unchanged
                config/models/deepseek.yml: unchanged
                config/models/xai.yml: unchanged
                3 files: 3 unchanged

                """)
        #expect(summary.stderr.hasPrefix("catalog: \(Self.new) (file, modified "), "\(summary.stderr)")
    }

    @Test func dryRunReportsWhatWouldChangeAndWritesNothing() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let before = try DirectoryState.capture(runner.directory.url)

        let result = try await runner.run(["sync", "--dry-run", "--source", Self.new], expecting: 0)
        #expect(result.stdout.hasPrefix("config/models/anthropic.yml: would update ("), "\(result.stdout)")
        #expect(result.stdout.contains("\n3 files: 3 would update\ndry run: nothing written\n"), "\(result.stdout)")
        let json = try await runner.run(["sync", "--dry-run", "--json", "--source", Self.new], expecting: 0)
        #expect(try PlainJSON.parse(Data(json.stdout.utf8))["dry_run"] == .bool(true))
        let after = try DirectoryState.capture(runner.directory.url)
        #expect(after == before, "\(after.differences(from: before))")

        let fresh = try CommandRunner()
        let first = try await fresh.run(["sync", "--dry-run", "--all", "--source", Self.old], expecting: 0)
        #expect(first.stdout.hasSuffix("33 files: 33 would create\ndry run: nothing written\n"), "\(first.stdout)")
        #expect(fresh.directory.files().isEmpty, "no models directory, lock or cache: \(fresh.directory.files())")
    }

    @Test func diffPrintsTheUnifiedDiffThatDiffUPrints() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let oldText = try runner.text("xai")
        let checked = try await runner.run(
            ["check", "--diff", "--accept-held", "--source", Self.new, "--provider", "xai"], expecting: 1)
        let synced = try await runner.run(
            ["sync", "--diff", "--accept-held", "--source", Self.new, "--provider", "xai"], expecting: 0)
        let header = "--- a/config/models/xai.yml\n+++ b/config/models/xai.yml\n"

        let oldFile = runner.directory.path("xai.old")
        try Data(oldText.utf8).write(to: oldFile)
        let reference = try Self.diffU(oldFile.path, runner.providerFile("xai").path)
        let hunks = try #require(
            reference.range(of: "\n@@").map { reference[reference.index(after: $0.lowerBound)...] })
        #expect(
            checked.stdout == "config/models/xai.yml: out of date (5 added, 39 values changed)\n1 file: 1 out of date\n"
                + header + hunks)
        #expect(
            synced.stdout == "config/models/xai.yml: updated (5 added, 39 values changed)\n1 file: 1 updated\n"
                + header + hunks)
        #expect(!synced.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")

        let created = try await runner.run(["sync", "--diff", "--source", Self.new, "--provider", "v0"], expecting: 0)
        let v0Lines = try runner.text("v0").split(separator: "\n").count
        #expect(created.stdout.contains("--- /dev/null\n+++ b/config/models/v0.yml\n@@ -0,0 +1,\(v0Lines) @@\n"))
    }

    @Test func diffIsColouredOnlyOnATerminal() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let arguments = ["check", "--diff", "--source", Self.new, "--provider", "deepseek"]
        let terminal = try await runner.run(arguments, environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(terminal.status == 1)
        #expect(terminal.stdout.contains("\u{1B}[32m+    family: deepseek"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("\u{1B}[31m-      input: 0.55"), "\(terminal.stdout)")
        let plain = try await runner.run(
            arguments + ["--no-color"], environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(plain.status == 1)
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("\n+    family: deepseek"))
    }

    @Test func jsonReportsProvenanceAndEveryDocumentedFieldPerFile() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        var deepseek = try runner.text("deepseek").replacingOccurrences(
            of: "name: DeepSeek\n", with: "name: Deep Seek\n")
        deepseek = deepseek.replacingOccurrences(
            of: "    context_window: 65536\n", with: "    context_window: &ctx 65536\n")
        let reasoner = try #require(deepseek.range(of: "  deepseek-reasoner:\n"))
        deepseek.replaceSubrange(
            reasoner.lowerBound..<deepseek.endIndex,
            with: deepseek[reasoner.lowerBound...].replacingOccurrences(
                of: "    context_window: &ctx 65536\n", with: "    context_window: *ctx\n"))
        try runner.write(deepseek, to: "deepseek")
        try runner.write("provider: ollama\nmodels: {}\n", to: "ollama")

        let check = try await runner.run(["check", "--json", "--source", Self.new], expecting: 1)
        let sync = try await runner.run(["sync", "--json", "--source", Self.new], expecting: 0)
        let conflictWarnings = """
            warning: config/models/deepseek.yml: model 'deepseek-chat' key 'context_window' not synced: inside anchored \
            node &ctx, which an alias uses; not edited through it
            warning: config/models/deepseek.yml: model 'deepseek-reasoner' key 'context_window' not synced: the value \
            is an alias; not edited through it

            """
        #expect(sync.stderr.hasSuffix(conflictWarnings), "\(sync.stderr)")

        for (command, result) in [("check", check), ("sync", sync)] {
            let report = try PlainJSON.parse(Data(result.stdout.utf8))
            let source = try #require(report["source"])
            #expect(source["url"] == .string(Self.new), "\(command)")
            #expect(source["from_cache"] == .bool(false), "\(command)")
            #expect(source["fetched_at"] == .null, "\(command): a file is read, not fetched")
            #expect((source["age_seconds"]?.doubleValue ?? -1) >= 0, "\(command)")
            #expect(source["etag"] == .null, "\(command)")
            let providers = try #require(report["providers"]?.arrayValue)
            #expect(providers.compactMap { $0["provider"]?.stringValue } == ["anthropic", "deepseek", "ollama", "xai"])
            let fields = ["provider", "upstream", "file", "status", "added", "removed", "unavailable", "changed"]
            for entry in providers {
                #expect(Set(entry.keys).isSuperset(of: fields + ["conflicts", "error"]), "\(command): \(entry.keys)")
            }
            #expect(providers.compactMap { $0["status"]?.stringValue } == ["updated", "updated", "skipped", "updated"])

            let ollama = providers[2]
            #expect(ollama["upstream"] == .string("ollama"))
            #expect(ollama["file"] == .string("config/models/ollama.yml"))
            #expect(ollama["error"] == .string("models.dev does not list provider 'ollama'"))

            let entry = providers[1]
            #expect(entry["error"] == .null)
            let changed = entry["changed"]?.arrayValue ?? []
            let expectedChanges: [PlainValue] = [
                .object([
                    PlainMember("model", .null), PlainMember("key", .string("name")),
                    PlainMember("old", .string("Deep Seek")), PlainMember("new", .string("DeepSeek")),
                ]),
                .object([
                    PlainMember("model", .string("deepseek-reasoner")), PlainMember("key", .string("pricing.input")),
                    PlainMember("old", .number("0.55")), PlainMember("new", .number("0.28")),
                ]),
                .object([
                    PlainMember("model", .string("deepseek-reasoner")),
                    PlainMember("key", .string("max_output_tokens")), PlainMember("old", .number("8192")),
                    PlainMember("new", .number("128000")),
                ]),
                .object([
                    PlainMember("model", .string("deepseek-chat")), PlainMember("key", .string("family")),
                    PlainMember("old", .null), PlainMember("new", .string("deepseek-chat")),
                ]),
            ]
            for change in expectedChanges {
                #expect(changed.contains(change), "\(command): \(change) not in \(changed)")
            }
            #expect(!changed.contains { $0["key"] == .string("context_window") }, "\(command)")
            #expect(
                entry["conflicts"]
                    == .array([
                        .object([
                            PlainMember("model", .string("deepseek-chat")),
                            PlainMember("key", .string("context_window")),
                            PlainMember(
                                "reason",
                                .string("inside anchored node &ctx, which an alias uses; not edited through it")),
                        ]),
                        .object([
                            PlainMember("model", .string("deepseek-reasoner")),
                            PlainMember("key", .string("context_window")),
                            PlainMember("reason", .string("the value is an alias; not edited through it")),
                        ]),
                    ]), "\(command)")
        }
        // A conflict is treated as pinned: the file is current afterwards.
        try await runner.run(["check", "--source", Self.new], expecting: 0)
    }

    /// The change log for a pull-request body, on a real snapshot pair, compared with a golden file.
    ///
    /// 2026-01-05 → 2026-07-02 with `--prune`, a hand-kept model, a pinned price that differs upstream and a
    /// `default_model` that goes away: held changes first, then the changes by kind, then what needs a person, then
    /// the footer. The models added, removed and marked unavailable are also checked against the snapshots.
    @Test func markdownPutsHeldChangesFirstThenTheChangesByKind() async throws {
        let runner = try CommandRunner()
        try await runner.run(
            ["sync", "--quiet", "--source", Self.new, "--provider", "deepseek", "--provider", "xai"], expecting: 0)
        var xaiText = try HandEdit.append(
            "    notes: Kept for the archive.\n", toModel: "grok-2-1212", in: try runner.text("xai"))
        xaiText = xaiText.replacingOccurrences(of: "provider: xai\n", with: "provider: xai\ndefault_model: grok-beta\n")
        try runner.write(xaiText, to: "xai")
        try runner.write(
            try HandEdit.append(
                "    pinned: [pricing.input]\n", toModel: "deepseek-reasoner", in: try runner.text("deepseek")),
            to: "deepseek")
        let snapshots = (try await Snapshot.load("api-2026-01-05.json"), try await Snapshot.load("api-2026-07-02.json"))
        var xai = ExpectedFile(id: "xai")
        _ = xai.apply(try #require(snapshots.0.provider("xai")), prune: false)
        xai.userOwned.insert("grok-2-1212")
        let step = xai.apply(try #require(snapshots.1.provider("xai")), prune: true)
        #expect(step.unavailable == ["grok-2-1212"] && !step.added.isEmpty && !step.removed.isEmpty)

        // A tighter price guard than the default 10×: halving a price is held.
        try runner.directory.write("config/modelsync.yml", "guards: { price_factor: 1.9 }\n")
        // The catalog under a relative name and a fixed date, so that the footer reads the same on every machine.
        let catalog = runner.directory.path("catalog.json")
        try FileManager.default.copyItem(atPath: Self.newest, toPath: catalog.path)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_782_950_400)], ofItemAtPath: catalog.path)
        let result = try await runner.run(["sync", "--format", "markdown", "--prune", "--source", "catalog.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let codes = { (ids: [String]) in ids.map { "`\($0)`" }.joined(separator: ", ") }
        for part in [
            "| `xai` | \(codes(step.added)) |\n", "| `xai` | marked unavailable | `grok-2-1212` |\n",
            "| `xai` | removed | \(codes(step.removed)) |\n",
        ] {
            #expect(result.stdout.contains(part), "\(part) not in:\n\(result.stdout)")
        }
        try GoldenFile.expect(result.stdout, matches: CommandGolden.file("sync-markdown-2026-01-05-to-2026-07-02.md"))

        // Nothing left to write, but the held changes, the pinned value and the reference still need a person.
        let current = try await runner.run(["check", "--format", "markdown", "--prune", "--source", "catalog.json"])
        #expect(current.status == 0)
        #expect(current.stdout.hasPrefix("## models.dev catalog update\n\n### Held for review\n"), "\(current.stdout)")
        #expect(!current.stdout.contains("### New models"))
        let accepted = try await runner.run(
            ["sync", "--quiet", "--prune", "--accept-held", "--source", "catalog.json"], expecting: 0)
        #expect(!accepted.stdout.contains("held"), "\(accepted.stdout)")
    }

    @Test(arguments: [
        (["sync", "--wait=-1"], "--wait must be 0 or more seconds."),
        (["check", "--json", "--format", "markdown"], "--json and --format markdown cannot be combined."),
        (["sync", "--json", "--format", "markdown"], "--json and --format markdown cannot be combined."),
        (["sync", "--format", "yaml"], "The value 'yaml' is invalid for '--format <format>'"),
        (["check", "--dry-run"], "Unknown option '--dry-run'"),
        (["sync", "--quiet", "--verbose"], "--quiet and --verbose cannot be combined."),
        (["sync", "--offline", "--refresh"], "--offline and --refresh cannot be combined"),
        (["check", "--source", "http://models.dev/api.json"], "http:// is allowed only on a loopback host"),
    ])
    func badUsageExits64AndTouchesNothing(arguments: [String], message: String) async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(runner.directory.files().isEmpty)
    }

    @Test func errorsWinOverChangesInTheExitCode() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try runner.write("provider: xai\nmodels: [\n", to: "xai")
        let check = try await runner.run(["check", "--quiet", "--source", Self.new])
        #expect(check.status == 2)
        #expect(check.stdout.hasPrefix("config/models/anthropic.yml: out of date ("), "\(check.stdout)")
        let sync = try await runner.run(["sync", "--quiet", "--source", Self.new])
        #expect(sync.status == 2)
        #expect(sync.stdout.hasPrefix("config/models/anthropic.yml: updated ("), "\(sync.stdout)")
        #expect(sync.stdout.contains("config/models/xai.yml: error\n"), "\(sync.stdout)")
        #expect(sync.stderr.hasPrefix("config/models/xai.yml:3:1: error: "), "\(sync.stderr)")
        let json = try await runner.run(["check", "--json", "--source", Self.new])
        #expect(json.status == 2)
        #expect(try PlainJSON.parse(Data(json.stdout.utf8))["exit_code"] == .number("2"))
    }

    /// `diff -u old new`, as the system's diff prints it.
    static func diffU(_ old: String, _ new: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "-u", old, new]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 1, "diff -u found no difference or failed")
        return String(decoding: data, as: UTF8.self)
    }
}
