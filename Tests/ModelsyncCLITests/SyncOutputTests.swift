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
        #expect(lines.count == 3, "\(changed.stdout)")
        for (line, id) in zip(lines, ["anthropic", "deepseek", "xai"]) {
            let added = Set(snapshots.1.models(of: id).map(\.key)).subtracting(snapshots.0.models(of: id).map(\.key))
            let prefix = "config/models/\(id).yml: updated (" + (added.isEmpty ? "" : "\(added.count) added, ")
            #expect(line.hasPrefix(prefix) && line.hasSuffix(" values changed)"), "\(line)")
        }
        #expect(changed.stderr.isEmpty, "no provenance with --quiet: \(changed.stderr)")

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
        #expect(result.stdout.hasSuffix("3 files: 3 would update\ndry run: nothing written\n"), "\(result.stdout)")
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
            ["check", "--diff", "--source", Self.new, "--provider", "xai"], expecting: 1)
        let synced = try await runner.run(["sync", "--diff", "--source", Self.new, "--provider", "xai"], expecting: 0)
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

    @Test func markdownListsAddedRemovedUnavailableAndPriceAndLimitChanges() async throws {
        let runner = try CommandRunner()
        try await runner.run(
            ["sync", "--quiet", "--source", Self.new, "--provider", "deepseek", "--provider", "xai"], expecting: 0)
        try runner.write(
            try HandEdit.append(
                "    notes: Kept for the archive.\n", toModel: "grok-2-1212", in: try runner.text("xai")),
            to: "xai")
        let snapshots = (try await Snapshot.load("api-2026-01-05.json"), try await Snapshot.load("api-2026-07-02.json"))
        var xai = ExpectedFile(id: "xai")
        _ = xai.apply(try #require(snapshots.0.provider("xai")), prune: false)
        xai.userOwned.insert("grok-2-1212")
        let step = xai.apply(try #require(snapshots.1.provider("xai")), prune: true)
        #expect(step.unavailable == ["grok-2-1212"] && !step.added.isEmpty && !step.removed.isEmpty)

        let result = try await runner.run(["sync", "--format", "markdown", "--prune", "--source", Self.newest])
        #expect(result.status == 0, "\(result.stderr)")
        let codes = { (ids: [String]) in ids.map { "`\($0)`" }.joined(separator: ", ") }
        let expected = [
            "## models.dev catalog update\n\nSource: `\(Self.newest)`\n\n",
            "### `deepseek` (`config/models/deepseek.yml`) — updated\n\n",
            "| model | key | old | new |\n| --- | --- | --- | --- |\n",
            "| `deepseek-reasoner` | `pricing.input` | 0.28 | 0.14 |\n",
            "| `deepseek-reasoner` | `max_output_tokens` | 128000 | 384000 |\n",
            "| `deepseek-chat` | `max_output_tokens` | 8192 | 384000 |\n",
            "### `xai` (`config/models/xai.yml`) — updated\n\n",
            "- **Added** (\(step.added.count)): \(codes(step.added))\n",
            "- **Removed** (\(step.removed.count)): \(codes(step.removed))\n",
            "- **Marked unavailable** (1): `grok-2-1212`\n",
        ]
        for part in expected {
            #expect(result.stdout.contains(part), "\(part) not in:\n\(result.stdout)")
        }
        #expect(result.stdout.hasPrefix(expected[0]))

        let current = try await runner.run(["check", "--format", "markdown", "--prune", "--source", Self.newest])
        #expect(current.status == 0)
        #expect(current.stdout == expected[0] + "All provider files are current.\n")
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
