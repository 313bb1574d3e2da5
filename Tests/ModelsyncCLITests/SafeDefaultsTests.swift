import Foundation
import TestSupport
import Testing

/// Runs that write where the user did not mean, and messages that confused: each case as it was seen, checked on
/// the file system before and after (docs/selection.md, "Paths"; docs/commands.md).
@Suite struct SafeDefaultsTests {
    static let old = Fixtures.modelsDev("api-2025-08-03.json").path

    /// Runs `arguments` in `runner`'s directory (or `subdirectory`) and checks that nothing under the directory (nor
    /// the cache) changed.
    private func expectNothingWritten(
        _ runner: CommandRunner, _ arguments: [String], environment: [String: String] = [:],
        in subdirectory: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandRunner.Result {
        let before = try DirectoryState.capture(runner.directory.url)
        let result = try await runner.run(arguments, environment: environment, in: subdirectory)
        let after = try DirectoryState.capture(runner.directory.url)
        #expect(after == before, "\(after.differences(from: before))", sourceLocation: sourceLocation)
        return result
    }

    // MARK: 1. A settings file named explicitly must exist

    @Test func aNamedSettingsFileThatDoesNotExistStopsTheRun() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let flag = try await expectNothingWritten(
            runner, ["sync", "--settings", "config/modelsyn.yml", "--source", Self.old])
        #expect(flag.status == 2)
        #expect(
            flag.stderr.hasPrefix(
                "config/modelsyn.yml: error: no such settings file (named by --settings)\nnote: looked for "),
            "\(flag.stderr)")
        #expect(flag.stderr.contains("note: create one with 'modelsync init'"))

        let variable = try await expectNothingWritten(
            runner, ["sync", "--source", Self.old], environment: ["MODELSYNC_SETTINGS": "nope.yml"])
        #expect(variable.status == 2)
        #expect(variable.stderr.hasPrefix("nope.yml: error: no such settings file (named by the MODELSYNC_SETTINGS"))
    }

    @Test func theSettingsVariableNamesTheSettingsFile() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("elsewhere/ms.yml", "models_dir: tracked\nproviders:\n  xai: {}\n")
        let result = try await runner.run(
            ["sync", "--quiet", "--source", Self.old], environment: ["MODELSYNC_SETTINGS": "elsewhere/ms.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(runner.directory.files(in: "elsewhere/tracked") == [".modelsync.lock", "xai.yml"])
    }

    // MARK: 2. A models directory that does not exist is created only when asked

    @Test(
        arguments: [
            (["sync"], "config"), (["check"], "config"), (["sync", "--dry-run"], "config"),
            (["sync", "--config-dir", "nope"], nil), (["sync", "--models-dir", "config/modles"], nil),
        ] as [([String], String?)])
    func aMissingModelsDirectoryIsNotCreatedUnlessProvidersAreNamed(arguments: [String], subdirectory: String?)
        async throws
    {
        let runner = try await SyncBadInputTests.bootstrapped()
        let result = try await expectNothingWritten(
            runner, arguments + ["--source", Self.old], in: subdirectory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let shown = subdirectory == nil ? (arguments.count > 2 ? nil : "config/models") : "config/models"
        if let shown {
            #expect(result.stderr.hasPrefix("\(shown): error: no models directory here: it does not exist\n"))
        }
        #expect(result.stderr.contains("\nnote: looked for /"), "\(result.stderr)")
        #expect(result.stderr.contains("from the working directory /"))
        #expect(result.stderr.contains("'modelsync init', or 'modelsync sync --provider ID' (or --all)"))
    }

    @Test func providersNamedOnTheCommandLineCreateTheModelsDirectory() async throws {
        let runner = try CommandRunner()
        try await runner.run(["sync", "--quiet", "--provider", "xai", "--source", Self.old], expecting: 0)
        #expect(runner.providerIDs() == ["xai"])
        try await runner.run(["sync", "--quiet", "--all", "--models-dir", "all", "--source", Self.old], expecting: 0)
        #expect(runner.directory.files(in: "all").count == 34, "33 files and the lock")
    }

    // MARK: 3. Unknown settings and files that will never be synced

    @Test(arguments: [("sorce", "source"), ("model_dir", "models_dir"), ("cache_ttl", "cache_ttl_minutes")])
    func anUnknownSettingIsAPositionedErrorWithASuggestion(key: String, suggestion: String) async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try runner.directory.write("config/modelsync.yml", "# settings\n\(key): x\n")
        let result = try await expectNothingWritten(runner, ["sync", "--source", Self.old])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "config/modelsync.yml:2:1: error: unknown setting '\(key)'; did you mean '\(suggestion)'?\n\(key): x\n^"
            ),
            "\(result.stderr)")
    }

    @Test func filesThatLookLikeProviderFilesAreReportedAsSkippedWithTheReason() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try runner.directory.write("config/models/openai.yaml", "provider: openai\nmodels: {}\n")
        try runner.directory.write("config/models/Anthropic.yml", "provider: anthropic\nmodels: {}\n")
        let result = try await runner.run(["check", "--source", Self.old], expecting: 0)
        #expect(
            result.stdout.contains(
                "config/models/Anthropic.yml: skipped (provider file names are lower-case provider ids: rename it to "
                    + "anthropic.yml to sync it)\n"), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "config/models/openai.yaml: skipped (provider files end in .yml: rename it to openai.yml to sync it)\n")
        )
        #expect(result.stdout.hasSuffix("5 files: 3 current, 2 skipped\n"), "\(result.stdout)")
    }

    // MARK: 4. No home directory is created

    @Test func aHomeDirectoryThatDoesNotExistIsNotCreated() async throws {
        let runner = try CommandRunner()
        let home = "/nonexistent-home-\(UUID().uuidString)"
        let result = try await runner.run(
            ["sync", "--quiet", "--provider", "xai", "--source", Self.old],
            environment: ["HOME": home, "MODELSYNC_CACHE_DIR": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home))
        #expect(
            result.stderr.hasPrefix(
                "warning: the home directory \(home) does not exist: the catalog cache is in "),
            "\(result.stderr)")
        #expect(runner.directory.files() == ["config"], "no cache inside the working directory either")
    }

    // MARK: 5. File system failures read like the YAML errors

    @Test func anUnreadableFileIsAPositionedStyleErrorAndTheOthersSync() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try FileManager.default.removeItem(at: runner.providerFile("xai"))
        try FileManager.default.createDirectory(at: runner.providerFile("xai"), withIntermediateDirectories: false)
        let result = try await runner.run(["sync", "--quiet", "--source", SyncBadInputTests.new])
        #expect(result.status == 2)
        #expect(result.stderr == "config/models/xai.yml: error: cannot read: is a directory\n", "\(result.stderr)")
        #expect(result.stdout.contains("config/models/xai.yml: error\n"), "\(result.stdout)")
    }

    @Test func aReadOnlyFileIsNotReplaced() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: runner.providerFile("xai").path)
        let before = try runner.modelsState()
        let result = try await runner.run(["sync", "--quiet", "--source", SyncBadInputTests.new])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "config/models/xai.yml: error: the file is read-only (mode 444): not changed\nnote: make it writable"),
            "\(result.stderr)")
        let after = try runner.modelsState()
        #expect(after.files["xai.yml"] == before.files["xai.yml"])
        #expect(after.files["deepseek.yml"]?.bytes != before.files["deepseek.yml"]?.bytes, "the others sync")
        let check = try await runner.run(["check", "--source", SyncBadInputTests.new])
        #expect(check.status == 2, "check reports what sync would do")
    }

    // MARK: 8. Mistakes get a suggestion; bad values a message about the value

    @Test func aMistypedProviderGetsASuggestion() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let result = try await runner.run(["sync", "--quiet", "--provider", "antropic", "--source", Self.old])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: unknown provider 'antropic': models.dev does not list it and no file tracks it (did you "
                + "mean 'anthropic'?)\n")
    }

    @Test(arguments: [
        (["sync", "--max-age", "-5"], "Error: --max-age must be 0 or more minutes.\n"),
        (["sync", "--wait", "-1"], "Error: --wait must be 0 or more seconds.\n"),
        (["sync", "--all", "--provider", "openai"], "Error: --all and --provider cannot be combined"),
    ])
    func badValuesAndCombinationsAreUsageErrors(arguments: [String], message: String) async throws {
        let runner = try CommandRunner()
        let result = try await expectNothingWritten(runner, arguments + ["--source", Self.old])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    // MARK: 9. A failing check says what to do

    @Test func aFailingCheckEndsWithTheCommandThatFixesIt() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let result = try await runner.run(
            ["check", "--source", SyncBadInputTests.new, "--provider", "xai", "--models-dir", "config/models"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasSuffix(
                "note: to bring the files current: modelsync sync --models-dir config/models --source "
                    + "\(SyncBadInputTests.new) --provider xai\nnote: to keep a local value that differs from "
                    + "upstream, list its key under pinned: in the model's entry (docs/provider-files.md#pinned-keys)\n"
            ),
            "\(result.stderr)")
    }
}
