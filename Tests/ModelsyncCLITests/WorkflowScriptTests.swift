import Foundation
import TestSupport
import Testing

/// The workflows as the README writes them: `scripts/update-pull-request.sh` against a local bare repository (no
/// `gh`), and the pre-commit hook through `pre-commit` from PyPI, offline, on pinned catalogs.
///
/// The built binary runs only through the scripts and hooks: 5 launches in all (3 updates and 2 hook runs).
@Suite struct WorkflowScriptTests {
    static let old = Fixtures.modelsDev("api-2025-08-03.json").path
    static let new = Fixtures.modelsDev("api-2026-01-05.json").path
    static let snapshot = "config/models-dev-snapshot.json"

    @Test func updateScriptPushesABranchOnlyForANewChange() async throws {
        let repository = try await UpdateRepository.make()
        let main = try await repository.remoteBranches()
        let arguments = ["--source", Self.new, "--snapshot", Self.snapshot]

        // A week with changes: a branch with one commit on main, pushed, and the change log.
        let body = repository.scratch.file("first.md")
        let first = try await repository.update(arguments + ["--body", body])
        #expect(first.status == 0, "\(first.stderr)")
        let branch = try #require(
            first.stdout.split(separator: "\n").first { $0.hasPrefix("branch: ") }.map { String($0.dropFirst(8)) },
            "\(first.stdout)")
        #expect(branch.wholeMatch(of: /models-update-\d{4}-\d\d-\d\d-[0-9a-f]{10}/) != nil, "\(branch)")
        #expect(first.stdout.contains("\npushed: origin \(branch)\n"), "\(first.stdout)")
        let branches = try await repository.remoteBranches()
        #expect(branches.map(\.name) == ["main", branch])
        #expect(branches.first == main.first, "main is untouched")

        let commit = try await repository.remote(["log", "-1", "--format=%P%n%an%n%s", branch])
        #expect(commit == "\(main[0].commit)\nmodelsync\nUpdate model configs from models.dev\n")
        let files = try await repository.remote(["diff-tree", "--no-commit-id", "--name-only", "-r", branch])
        #expect(files == "config/models-dev-snapshot.json\nconfig/models/xai.yml\n", "no lock file, nothing else")
        let snapshotObject = try await repository.remote(["rev-parse", "\(branch):\(Self.snapshot)"])
        let fixtureObject = try await repository.git(["hash-object", Self.new])
        #expect(snapshotObject == fixtureObject, "the snapshot committed is the catalog synced from")
        let xai = try await repository.remote(["show", "\(branch):config/models/xai.yml"])
        #expect(xai.contains("\n  grok-4-1-fast:\n"), "a model the 2026-01-05 catalog added")
        #expect(xai == (try repository.runner.text("xai")), "the working tree is on the branch")

        // The change log: held changes first, then what changed; the footer says how to accept the held ones.
        let log = try String(contentsOfFile: body, encoding: .utf8)
        #expect(log.hasPrefix("## models.dev catalog update\n\n### Held for review\n"), "\(log.prefix(200))")
        #expect(log.contains("| `xai/grok-4` | `pricing.cache_write` | 15 → — | price removed |\n"))
        #expect(log.contains("### New models (5)\n"), "\(log)")
        #expect(log.contains("`grok-4-1-fast`"))
        #expect(log.contains("\nCatalog: `\(Self.snapshot)` ("))
        let accept = "modelsync sync --config-dir config --source \(Self.snapshot) --accept-held"
        #expect(log.contains("To apply every held change: `\(accept)`"), "\(log)")

        // The reviewer accepts them on the branch with that command (run in-process here).
        let reviewed = try await repository.runner.run(Array(accept.split(separator: " ").dropFirst().map(String.init)))
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stdout.contains("config/models/xai.yml: updated (17 values changed)\n"), "\(reviewed.stdout)")
        try await repository.git(["checkout", "-q", "--", "config/models/xai.yml"])
        #expect(
            log.hasSuffix(
                "The catalog was saved from `\(Self.new)` to `\(Self.snapshot)`, which this change updates too.\n"))

        // A week without changes: nothing made, exit 0.
        let current = try await repository.update(arguments + ["--body", repository.scratch.file("second.md")])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(
            current.stdout.hasPrefix(
                "no changes: the provider files are current with \(Self.new) but for changes held for review, listed "
                    + "in the body\n"), "\(current.stdout)")
        #expect(try await repository.remoteBranches() == branches)

        // The same change again from main (a second run the same day): recognised, nothing pushed, nothing left.
        try await repository.git(["switch", "-q", "main"])
        let again = try await repository.update(arguments + ["--body", repository.scratch.file("third.md")])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("no changes: this change is already on branch '\(branch)' of origin\n"))
        #expect(try await repository.remoteBranches() == branches)
        let left = try await repository.git(["status", "--porcelain", "--untracked-files=all", "--", "config"])
        #expect(left == "?? config/models/.modelsync.lock\n", "the run's changes are undone")
        #expect(try await repository.git(["branch", "--list", "--format=%(refname:short)"]) == "main\n\(branch)\n")
    }

    @Test func updateScriptRefusesUncommittedChangesWhereItWrites() async throws {
        let repository = try await UpdateRepository.make()
        let before = try await repository.remoteBranches()
        let edited = try repository.runner.text("xai") + "# a note in progress\n"
        try repository.runner.write(edited, to: "xai")

        // Refused before modelsync runs: MODELSYNC names a program that would fail.
        let result = try await repository.update(["--source", Self.new], modelsync: "/bin/false")

        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "update-pull-request.sh: uncommitted changes where the update writes; commit or stash them first:\n"
                    + " M config/models/xai.yml\n"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try repository.runner.text("xai") == edited)
        #expect(try await repository.remoteBranches() == before)
    }

    @Test func preCommitHookChecksAgainstAPinnedCatalog() async throws {
        let preCommit = try await offPool { try ExternalTool.preCommit() }
        let executable = try #require(CommandRunner.executable, "the modelsync binary is not next to the test bundle")
        let runner = try CommandRunner()
        try await runner.run(["sync", "--quiet", "--source", Self.old, "--provider", "xai"], expecting: 0)
        let hooks = try TemporaryDirectory("modelsync-hooks")
        var variables = UpdateRepository.gitEnvironment(runner)
        variables["PATH"] = executable.deletingLastPathComponent().path + ":" + (variables["PATH"] ?? "")
        variables["PRE_COMMIT_HOME"] = hooks.file("pre-commit-home")
        let environment = variables

        // The hooks repository: this package's .pre-commit-hooks.yaml, committed.
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let definitions = try String(
            contentsOf: repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        try hooks.write("repo/.pre-commit-hooks.yaml", definitions)
        let hooksRepository = hooks.path("repo")
        for arguments in [["init", "-q", "-b", "main"], ["add", "."], UpdateRepository.commit("Hooks")] {
            try await ShellCommand.output("git", arguments, in: hooksRepository, environment: environment)
        }
        let revision = try await ShellCommand.output(
            "git", ["rev-parse", "HEAD"], in: hooksRepository, environment: environment
        ).trimmingCharacters(in: .whitespacesAndNewlines)

        // The repository that uses it, with a provider file synced from the 2025-08-03 catalog.
        for arguments in [
            ["init", "-q", "-b", "main"], ["add", "config/models/xai.yml"], UpdateRepository.commit("xai"),
        ] {
            try await ShellCommand.output("git", arguments, in: runner.directory.url, environment: environment)
        }

        // `pre-commit try-repo`, the catalog pinned by MODELSYNC_SOURCE: the file is current.
        var pinnedVariables = environment
        pinnedVariables["MODELSYNC_SOURCE"] = Self.old
        let pinned = pinnedVariables
        let passed = try await runner.slots.run {
            try await ShellCommand.run(
                preCommit.executable.path,
                preCommit.prefix + ["try-repo", hooksRepository.path, "modelsync-check", "--all-files"],
                in: runner.directory.url, environment: pinned)
        }
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stdout.contains(/modelsync check\.+Passed/), "\(passed.stdout)")

        // The README's .pre-commit-config.yaml, pinned with `args: [--source, FILE]` to a newer catalog: it fails.
        try runner.directory.write(
            ".pre-commit-config.yaml",
            """
            repos:
              - repo: \(hooksRepository.path)
                rev: \(revision)
                hooks:
                  - id: modelsync-check
                    args: [--source, \(Self.new)]

            """)
        let failed = try await runner.slots.run {
            try await ShellCommand.run(
                preCommit.executable.path, preCommit.prefix + ["run", "modelsync-check", "--all-files"],
                in: runner.directory.url, environment: environment)
        }
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains(/modelsync check\.+Failed/), "\(failed.stdout)")
        #expect(failed.stdout.contains("config/models/xai.yml: out of date ("), "\(failed.stdout)")
    }
}

/// A clone whose `origin` is a bare repository in a temporary directory, tracking `config/models/xai.yml` synced
/// from the 2025-08-03 catalog on `main`; the clone is a ``CommandRunner``'s directory.
private struct UpdateRepository {
    let runner: CommandRunner
    /// The bare repository (`origin.git`) and the change logs.
    let scratch: TemporaryDirectory

    var origin: URL { scratch.path("origin.git") }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/update-pull-request.sh").path

    /// The runner's environment for git: no global or system configuration, so no identity either.
    static func gitEnvironment(_ runner: CommandRunner) -> [String: String] {
        runner.environment(["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
    }

    /// `git commit` arguments with an identity of the test's own.
    static func commit(_ message: String) -> [String] {
        ["-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", message]
    }

    static func make() async throws -> UpdateRepository {
        let runner = try CommandRunner()
        try await runner.run(
            ["sync", "--quiet", "--source", WorkflowScriptTests.old, "--provider", "xai"], expecting: 0)
        let repository = UpdateRepository(runner: runner, scratch: try TemporaryDirectory("modelsync-origin"))
        try await ShellCommand.output(
            "git", ["init", "-q", "--bare", "-b", "main", repository.origin.path], in: repository.scratch.url,
            environment: gitEnvironment(runner))
        for arguments in [
            ["init", "-q", "-b", "main"], ["add", "config/models/xai.yml"], commit("Track xai"),
            ["remote", "add", "origin", repository.origin.path], ["push", "-q", "-u", "origin", "main"],
        ] {
            try await repository.git(arguments)
        }
        return repository
    }

    /// Runs git in the clone; its standard output.
    @discardableResult
    func git(_ arguments: [String]) async throws -> String {
        try await ShellCommand.output(
            "git", arguments, in: runner.directory.url, environment: Self.gitEnvironment(runner))
    }

    /// Runs git in the bare repository; its standard output.
    func remote(_ arguments: [String]) async throws -> String {
        try await ShellCommand.output("git", arguments, in: origin, environment: Self.gitEnvironment(runner))
    }

    /// The bare repository's branches and their commits, by name.
    func remoteBranches() async throws -> [Branch] {
        try await remote(["for-each-ref", "--format=%(objectname) %(refname:short)", "refs/heads"])
            .split(separator: "\n").map {
                let fields = $0.split(separator: " ", maxSplits: 1)
                return Branch(commit: String(fields[0]), name: String(fields[1]))
            }
    }

    struct Branch: Equatable {
        var commit: String
        var name: String
    }

    /// Runs `scripts/update-pull-request.sh arguments…` in the clone with `MODELSYNC` set to `modelsync` (the built
    /// binary by default), taking one of the runner's process slots.
    func update(_ arguments: [String], modelsync: String? = nil) async throws -> ShellCommand.Result {
        var binary = modelsync
        if binary == nil {
            binary = try #require(CommandRunner.executable, "the modelsync binary is not next to the test bundle").path
        }
        var variables = Self.gitEnvironment(runner)
        variables["MODELSYNC"] = binary
        let environment = variables
        let runner = runner
        return try await runner.slots.run {
            try await ShellCommand.run(
                "bash", [Self.script] + arguments, in: runner.directory.url, environment: environment)
        }
    }
}
