import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// Usage errors and colour: what the command line prints around the commands' results (help, version and
/// completions come from the binary itself: ``ProcessTests``).
struct CommandLineTests {
    @Test(arguments: [
        (["providers", "--offline", "--refresh"], "--offline and --refresh cannot be combined"),
        (["providers", "--max-age=-1"], "--max-age must be 0 or more minutes."),
        (["providers", "--timeout", "0"], "--timeout must be more than 0 and at most 3600 seconds."),
        (["providers", "--quiet", "--verbose"], "--quiet and --verbose cannot be combined."),
        (["providers", "--source", "http://models.dev/api.json"], "http:// is allowed only on a loopback host"),
        (["cache", "refresh", "--offline"], "cache refresh needs the network; drop --offline."),
        (["sync", "--wait=-1"], "--wait must be 0 or more seconds."),
        (["add", "anthropic", "--wait=-0.5"], "--wait must be 0 or more seconds."),
        (["providers", "--bogus"], "Unknown option '--bogus'"),
        (["nonsense"], "Error: unknown command 'nonsense'.\nUsage: modelsync <subcommand>"),
        (["snyc"], "Error: unknown command 'snyc'; did you mean 'sync'?\n"),
    ])
    func exits64OnBadUsage(arguments: [String], message: String) async throws {
        let result = try await CommandRunner().run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func coloursOnlyOnATerminalWithoutNoColor() async throws {
        let runner = try CommandRunner()
        let source = Fixtures.modelsDev("api-2025-08-03.json").path
        let arguments = ["providers", "--source", source]

        let colored = try await runner.run(arguments, environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(colored.status == 0)
        #expect(colored.stdout.contains("\u{1B}[1mID"))
        #expect(colored.stdout.contains("\u{1B}[32myes") == false, "nothing is tracked here")

        for environment in [["NO_COLOR": "1", "TERM": "xterm"], ["TERM": "dumb"]] {
            let plain = try await runner.run(arguments, environment: environment, terminal: .interactive())
            #expect(plain.status == 0)
            #expect(plain.stdout.contains("anthropic"))
            #expect(!plain.stdout.contains("\u{1B}["), "\(environment)")
        }
        let flagged = try await runner.run(
            arguments + ["--no-color"], environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(!flagged.stdout.contains("\u{1B}["))

        let emptyNoColor = try await runner.run(
            arguments, environment: ["NO_COLOR": "", "TERM": "xterm"], terminal: .interactive())
        #expect(emptyNoColor.stdout.contains("\u{1B}[1mID"), "an empty NO_COLOR does not count")
    }

    @Test func coloursWarningsOnTheTerminalButNotInPipes() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["providers", "--source", "missing.json"], environment: ["TERM": "xterm"])
        #expect(result.stderr.hasPrefix("error: "))
        let terminal = try await runner.run(
            ["providers", "--source", "missing.json"], environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(terminal.status == 2)
        #expect(terminal.stderr.hasPrefix("\u{1B}[31merror: \u{1B}[0m"), "\(terminal.stderr)")
    }
}
