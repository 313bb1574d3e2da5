import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// What only the built binary, run as a process, shows.
///
/// Help, version and completion scripts from its `main`, exit statuses as a shell sees them, a lock held by another
/// process, colour and the picker on a real pseudo-terminal, the process's own standard input and current
/// directory, file permissions as an unprivileged user sees them. Every other command test runs in-process. 16
/// launches of the binary in all (the long SIGKILL suite adds its own).
@Suite struct ProcessTests {
    static let old = Fixtures.modelsDev("api-2025-08-03.json").path
    static let new = Fixtures.modelsDev("api-2026-01-05.json").path

    @Test func printsHelpVersionAndACompletionScript() async throws {
        let runner = try CommandRunner()
        let help = try await runner.runProcess(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: modelsync <subcommand>"))
        #expect(help.stdout.contains("providers"))
        #expect(help.stdout.contains("cache"))

        let version = try await runner.runProcess(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "\(ModelsyncVersion.current)\n")

        let script = try await runner.runProcess(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        #expect(script.stdout.contains("_modelsync"), "\(script.stdout.prefix(200))")

        let providersHelp = try await runner.runProcess(["providers", "--help"])
        for flag in [
            "--config-dir", "--models-dir", "--source", "--offline", "--refresh", "--max-age", "--timeout",
            "--require-fresh", "--json", "--quiet", "--verbose", "--no-color",
        ] {
            #expect(providersHelp.stdout.contains(flag), "\(flag)")
        }
    }

    @Test func exitStatusesReachTheShell() async throws {
        let runner = try CommandRunner()
        try await runner.run(["sync", "--quiet", "--source", Self.old, "--provider", "xai"], expecting: 0)

        let current = try await runner.runProcess(["check", "--quiet", "--source", Self.old])
        #expect(current.status == 0, "\(current.stderr)")
        let outdated = try await runner.runProcess(["check", "--quiet", "--source", Self.new])
        #expect(outdated.status == 1, "\(outdated.stderr)")
        #expect(outdated.stdout.hasPrefix("config/models/xai.yml: out of date ("), "\(outdated.stdout)")
        let failed = try await runner.runProcess(["check", "--source", "missing.json"])
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("error: cannot read the catalog from missing.json: "), "\(failed.stderr)")
        let usage = try await runner.runProcess(["check", "--bogus"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("Unknown option '--bogus'"))
    }

    @Test func syncExits75WhileAnotherProcessHoldsTheLock() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let result = try await runner.runProcess(["sync", "--source", Self.new])

        #expect(result.status == 75)
        #expect(result.stderr == SyncLockTests.heldMessage + "; try again later, or pass --wait SECONDS\n")
        #expect(try runner.modelsState() == before)
        lock.release()
    }

    @Test func coloursOnlyOnAPseudoTerminalWithoutNoColor() async throws {
        let runner = try CommandRunner()
        let arguments = ["providers", "--source", Self.old]
        let colored = try await runner.runOnTerminal(arguments, environment: ["TERM": "xterm"])
        #expect(colored.status == 0)
        #expect(colored.stdout.contains("\u{1B}[1mID"), "the binary finds its terminal")
        let plain = try await runner.runOnTerminal(arguments, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("anthropic"))
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test func thePickerReadsThePseudoTerminal() async throws {
        let runner = try CommandRunner()
        let result = try await runner.runOnTerminal(
            ["add", "xai", "--pick", "--source", Self.old],
            typing: [
                TerminalTurn(expect: "0 selected> ", send: "1\n"),
                TerminalTurn(expect: "1 selected (", send: "\n"),
            ], environment: ["NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stderr.isEmpty, "every turn was typed")
        #expect(result.stdout.contains("config/models/xai.yml: created with 1 model (models: selected)"))
    }

    @Test func readsTheCatalogFromTheProcesssStandardInput() async throws {
        let runner = try CommandRunner()
        let result = try await runner.runProcess(
            ["sync", "--quiet", "--source", "-", "--provider", "xai"],
            stdin: try Data(contentsOf: URL(fileURLWithPath: Self.old)))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("config/models/xai.yml: created ("), "\(result.stdout)")
    }

    @Test func relativePathsAreTakenFromTheProcesssDirectory() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("elsewhere/settings.yml", "models_dir: ../tracked\n")
        let result = try await runner.runProcess(
            ["sync", "--quiet", "--settings", "elsewhere/settings.yml", "--source", Self.old, "--provider", "xai"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("elsewhere/../tracked/xai.yml: created ("), "\(result.stdout)")
        #expect(runner.directory.files(in: "tracked") == [".modelsync.lock", "xai.yml"])
    }

    @Test func anUnreadableFileAndAReadOnlyModelsDirectoryAreNamedWithTheSystemsReason() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let models = runner.modelsDirectory.path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.directory.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: runner.providerFile("xai").path)
        // As root the tests run the binary as nobody, to whom the root-owned directory is read-only as well.
        if geteuid() != 0 {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o000], ofItemAtPath: runner.providerFile("xai").path)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: models)
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: models) }
        let before = try runner.modelsState()

        let check = try await runner.runProcessUnprivileged(["check", "--quiet", "--source", Self.new])
        #expect(check.status == 2)
        #expect(
            check.stderr.contains("config/models/xai.yml: error: cannot read: permission denied\n"), "\(check.stderr)")
        let sync = try await runner.runProcessUnprivileged(["sync", "--quiet", "--source", Self.new])
        #expect(sync.status == 2)
        #expect(
            sync.stderr.hasPrefix(
                "config/models: error: the models directory is not writable (permission denied)\nnote: nothing written"),
            "\(sync.stderr)")
        #expect(try runner.modelsState() == before)
    }
}
