import Foundation
import TestSupport
import Testing

/// `modelsync init`: a commented settings file that reads as the defaults, the models directory with a `.gitignore`
/// for the lock file, the next commands; never an overwrite.
@Suite struct InitCommandTests {
    static let source = Fixtures.modelsDev("api-2025-08-03.json").path

    @Test func writesACommentedSettingsFileAndTheModelsDirectoryAndSaysWhatIsNext() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["init"], expecting: 0)
        #expect(
            result.stdout.hasPrefix(
                "config/modelsync.yml: created\nconfig/models/: created\nconfig/models/.gitignore: created (keeps "
                    + "the lock file out of git)\n\nnext:\n  modelsync providers"), "\(result.stdout)")
        #expect(runner.directory.files(in: "config") == ["models", "modelsync.yml"])
        #expect(runner.directory.files(in: "config/models") == [".gitignore"])
        #expect(try runner.directory.read("config/models/.gitignore").hasSuffix("\n.modelsync.lock\n"))
        let settings = try runner.directory.read("config/modelsync.yml")
        for setting in ["# source:", "models_dir: models", "# cache_ttl_minutes: 60", "# providers:", "exclude:"] {
            #expect(settings.contains(setting), "\(setting)")
        }

        // The settings read as the defaults: a sync into the new directory works, and the lock stays out of git.
        try await runner.run(["sync", "--quiet", "--provider", "xai", "--source", Self.source], expecting: 0)
        #expect(runner.directory.files(in: "config/models") == [".gitignore", ".modelsync.lock", "xai.yml"])
    }

    @Test func neverOverwritesASettingsFile() async throws {
        let runner = try CommandRunner()
        try runner.directory.write("config/modelsync.yml", "# mine\n")
        let before = try DirectoryState.capture(runner.directory.url)
        let result = try await runner.run(["init"])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix("config/modelsync.yml: error: the settings file exists already; nothing written\n"))
        let after = try DirectoryState.capture(runner.directory.url)
        #expect(after == before, "\(after.differences(from: before))")
    }

    @Test func withProvidersListsThemAndCreatesTheirFiles() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(
            ["init", "--config-dir", "conf", "--provider", "xai", "--provider", "deepseek", "--source", Self.source],
            expecting: 0)
        #expect(result.stdout.contains("conf/models/deepseek.yml: created ("), "\(result.stdout)")
        #expect(result.stdout.contains("conf/models/xai.yml: created ("))
        #expect(result.stdout.contains("  modelsync sync --config-dir conf "))
        #expect(
            try runner.directory.read("conf/modelsync.yml").hasSuffix("providers:\n  xai: {}\n  deepseek: {}\n"))
        try await runner.run(["check", "--quiet", "--config-dir", "conf", "--source", Self.source], expecting: 0)
    }

    @Test func aModelsDirectoryElsewhereIsWrittenRelativeToTheSettingsFile() async throws {
        let runner = try CommandRunner()
        try await runner.run(["init", "--settings", "ms.yml", "--models-dir", "providers"], expecting: 0)
        #expect(try runner.directory.read("ms.yml").contains("\nmodels_dir: providers\n"))
        #expect(runner.directory.files(in: "providers") == [".gitignore"])
    }
}
