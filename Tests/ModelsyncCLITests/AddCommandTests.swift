import Foundation
import TestSupport
import Testing

/// `modelsync add` end to end: the built binary on the 2026-07-02 snapshot.
@Suite struct AddCommandTests {
    static let source = Fixtures.modelsDev("api-2026-07-02.json").path
    static let settingsName = "config/modelsync.yml"

    /// A settings file a person wrote: comments everywhere, odd spacing, an unsorted tail, a footer.
    static let commentedSettings = """
        # Settings for our model configs.   
        # Reviewed by the platform team.

        source: https://models.dev/api.json   # the live catalog
        cache_ttl_minutes: 60
        providers:                 # exactly these are synced

          anthropic: {}   # the default
          # Gemini comes through the google provider
          gemini: { upstream: google }          # gemini.yml tracks "google"
          openai: { models: selected }          # only listed models

          # footer comment of the list
        # end of file

        """

    /// The snapshot's model ids of a provider, in code-point order.
    static func modelIDs(_ provider: String) async throws -> [String] {
        try await Snapshot.load("api-2026-07-02.json").models(of: provider).map(\.key)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether every byte of `old` is in `new`, in order (`new` only adds bytes).
    static func keepsEveryByte(of old: String, in new: String) -> Bool {
        var remaining = Array(old.utf8)[...]
        for byte in new.utf8 where byte == remaining.first { remaining.removeFirst() }
        return remaining.isEmpty
    }

    func settings(_ runner: CommandRunner) throws -> String {
        String(decoding: try Data(contentsOf: runner.directory.path(Self.settingsName)), as: UTF8.self)
    }

    func writeSettings(_ text: String, _ runner: CommandRunner) throws {
        try FileManager.default.createDirectory(at: runner.directory.path("config"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: runner.directory.path(Self.settingsName))
    }

    // MARK: - Tracking a new provider

    @Test func addIntoAnEmptyDirectoryMakesExactlyWhatSyncProviderMakes() async throws {
        let runner = try CommandRunner()
        let count = try await Self.modelIDs("anthropic").count

        let result = try await runner.run(["add", "anthropic", "--quiet", "--source", Self.source], expecting: 0)

        #expect(result.stdout == "config/models/anthropic.yml: created with \(count) models\n")
        #expect(result.stderr.isEmpty)
        #expect(runner.providerIDs() == ["anthropic"])
        #expect(!FileManager.default.fileExists(atPath: runner.directory.path(Self.settingsName).path))
        let synced = try CommandRunner()
        try await synced.run(["sync", "--quiet", "--provider", "anthropic", "--source", Self.source], expecting: 0)
        #expect(try runner.text("anthropic") == synced.text("anthropic"))
        let check = try await runner.run(["check", "--source", Self.source], expecting: 0)
        #expect(check.stdout == "config/models/anthropic.yml: current\n1 file: 1 current\n")
    }

    @Test func addAnAlreadyTrackedProviderSaysSoAndWritesNothing() async throws {
        let runner = try CommandRunner()
        try await runner.run(["add", "anthropic", "--quiet", "--source", Self.source], expecting: 0)
        let before = try runner.modelsState()

        let again = try await runner.run(["add", "anthropic", "--source", Self.source], expecting: 0)
        let named = try await runner.run(
            ["add", "anthropic", "claude-sonnet-4-5", "--source", Self.source], expecting: 0)

        #expect(again.stdout == "anthropic is already tracked by config/models/anthropic.yml; nothing written\n")
        #expect(
            named.stdout
                == "config/models/anthropic.yml tracks every model of anthropic: claude-sonnet-4-5 is in it already; "
                + "nothing written\n")
        #expect(try runner.modelsState() == before)
    }

    @Test func aNewProviderJoinsAnExistingSettingsListWithEveryCommentKept() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)

        let result = try await runner.run(["add", "mistral", "--quiet", "--source", Self.source], expecting: 0)

        let count = try await Self.modelIDs("mistral").count
        #expect(
            result.stdout
                == "config/modelsync.yml: added mistral to providers\n"
                + "config/models/mistral.yml: created with \(count) models\n")
        let expected = Self.commentedSettings.replacingOccurrences(
            of: "  openai: { models: selected }", with: "  mistral: {}\n  openai: { models: selected }")
        let text = try settings(runner)
        #expect(text == expected)
        #expect(Self.keepsEveryByte(of: Self.commentedSettings, in: text))
    }

    // MARK: - Models in a selected provider

    @Test func addModelsIntoASelectedProviderInsertsOnlyThoseInSortedPlace() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)
        try await runner.run(["sync", "--quiet", "--provider", "openai", "--source", Self.source], expecting: 0)
        #expect(try runner.text("openai").hasSuffix("models: {}\n"), "a selected provider starts with no model")

        let first = try await runner.run(
            ["add", "openai", "gpt-5", "gpt-4o-mini", "--quiet", "--source", Self.source], expecting: 0)
        #expect(first.stdout == "config/models/openai.yml: added gpt-4o-mini and gpt-5\n")
        let old = try runner.text("openai")
        let second = try await runner.run(["add", "openai", "gpt-4o", "--source", Self.source], expecting: 0)
        #expect(second.stdout == "config/models/openai.yml: added gpt-4o\n")
        let new = try runner.text("openai")

        // The new model goes before gpt-4o-mini, and every old byte stays where it was.
        let split = try #require(old.range(of: "  gpt-4o-mini:\n"))
        #expect(new.hasPrefix(old[..<split.lowerBound] + "  gpt-4o:\n"))
        #expect(new.hasSuffix(old[split.lowerBound...]))
        #expect(try settings(runner) == Self.commentedSettings, "the selected entry stays as it is")

        // Exactly those models, each with the managed data the catalog gives it.
        let data = try await PyYAMLReader.read(runner.providerFile("openai").path)
        let snapshot = try await Snapshot.load("api-2026-07-02.json")
        let models = try #require(data["models"]).members
        #expect(models.map(\.key) == ["gpt-4o", "gpt-4o-mini", "gpt-5"])
        for model in models {
            let upstream = try #require(snapshot.provider("openai")?["models"]?[model.key])
            #expect(model.value == .object(ExpectedConfig.model(upstream)), "\(model.key)")
        }
        let check = try await runner.run(["check", "--provider", "openai", "--source", Self.source], expecting: 0)
        #expect(check.stdout == "config/models/openai.yml: current\n1 file: 1 current\n")
    }

    @Test func aNewProviderWithModelsStartsAListNamingEveryTrackedFile() async throws {
        let runner = try CommandRunner()
        try await runner.run(["add", "anthropic", "--quiet", "--source", Self.source], expecting: 0)
        try runner.write("provider: ollama\nmodels: {}\n", to: "ollama")
        let anthropic = try runner.text("anthropic")

        let result = try await runner.run(["add", "openai", "gpt-5", "--quiet", "--source", Self.source], expecting: 0)

        #expect(
            result.stdout
                == "config/modelsync.yml: created with a providers list: anthropic and openai (models: selected); "
                + "only the providers it lists are synced from now on\n"
                + "config/models/openai.yml: created with 1 model (models: selected)\n")
        #expect(
            try settings(runner)
                == "# modelsync settings: when 'providers' is present, exactly these are synced.\n"
                + "providers:\n  anthropic: {}\n  openai: { models: selected }\n")
        #expect(try runner.text("anthropic") == anthropic)
        let check = try await runner.run(["check", "--source", Self.source], expecting: 0)
        #expect(check.stdout.hasSuffix("2 files: 2 current\n"), "\(check.stdout)")
        let sync = try await runner.run(["sync", "--source", Self.source], expecting: 0)
        #expect(sync.stdout.hasSuffix("2 files: 2 unchanged\n"), "\(sync.stdout)")
    }

    @Test func aSettingsFileWithoutAListGetsOneAfterItsLastKey() async throws {
        let runner = try CommandRunner()
        let original = "# our settings\nsource: https://models.dev/api.json   # live\n\ncache_ttl_minutes: 30\n"
        try writeSettings(original, runner)

        try await runner.run(["add", "xai", "grok-4.3", "--quiet", "--source", Self.source], expecting: 0)

        let text = try settings(runner)
        #expect(text == original + "providers:\n  xai: { models: selected }\n")
        #expect(Self.keepsEveryByte(of: original, in: text))
    }

    // MARK: - Errors

    @Test func anUnknownProviderExits2WithASuggestionAndWritesNothing() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)

        let result = try await runner.run(["add", "mistrall", "--quiet", "--source", Self.source], expecting: 2)

        #expect(
            result.stderr
                == "error: unknown provider 'mistrall': models.dev does not list it and no file tracks it "
                + "(did you mean 'mistral'?); nothing written\n")
        #expect(result.stdout.isEmpty)
        #expect(try settings(runner) == Self.commentedSettings)
        #expect(runner.providerIDs().isEmpty)
    }

    @Test func anUnsafeProviderIdIsRefused() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["add", "Open/AI", "--quiet", "--source", Self.source], expecting: 2)
        #expect(
            result.stderr
                == "error: refused provider id 'Open/AI': it must match ^[a-z0-9][a-z0-9._-]*$ to become a file name; "
                + "nothing written\n")
        #expect(runner.providerIDs().isEmpty)
    }

    @Test func anUnknownModelExits2NamingItAndWritesNothing() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)
        try await runner.run(["sync", "--quiet", "--provider", "openai", "--source", Self.source], expecting: 0)
        let before = try runner.modelsState()

        let one = try await runner.run(
            ["add", "openai", "gpt-5", "no-such-model", "--quiet", "--source", Self.source], expecting: 2)
        let typo = try await runner.run(["add", "mistral", "mistral-large-latestt", "--quiet", "--source", Self.source])

        #expect(
            one.stderr
                == "error: unknown model 'no-such-model': models.dev does not list it for provider 'openai'; "
                + "nothing written\n")
        #expect(typo.status == 2)
        #expect(
            typo.stderr
                == "error: unknown model 'mistral-large-latestt' (did you mean 'mistral-large-latest'?): models.dev "
                + "does not list it for provider 'mistral'; nothing written\n")
        #expect(try runner.modelsState() == before)
        #expect(try settings(runner) == Self.commentedSettings)
    }

    @Test func addExits75WhileASyncHoldsTheLock() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let result = try await runner.run(["add", "mistral", "--quiet", "--source", Self.source], expecting: 75)

        #expect(result.stderr == SyncLockTests.heldMessage + "; try again later, or pass --wait SECONDS\n")
        #expect(try runner.modelsState() == before)
        #expect(try settings(runner) == Self.commentedSettings)
        lock.release()
    }

    @Test func aDryRunSaysWhatItWouldWriteAndWritesNothing() async throws {
        let runner = try CommandRunner()
        let before = try DirectoryState.capture(runner.directory.url)
        let result = try await runner.run(["add", "openai", "gpt-5", "--dry-run", "--source", Self.source])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "config/modelsync.yml: would be created with a providers list: openai (models: selected); only the "
                + "providers it lists are synced from now on\nconfig/models/openai.yml: would be created with 1 model "
                + "(models: selected)\ndry run: nothing written\n")
        let after = try DirectoryState.capture(runner.directory.url)
        #expect(after == before, "\(after.differences(from: before))")
        let json = try await runner.run(["add", "openai", "gpt-5", "--dry-run", "--json", "--source", Self.source])
        #expect(try PlainJSON.parse(Data(json.stdout.utf8))["dry_run"] == .bool(true))
    }

    // MARK: - Picking

    @Test func pickChoosesModelsFromAFilteredNumberedListOnATerminal() async throws {
        let runner = try CommandRunner()
        let ids = try await Self.modelIDs("openai")
        // Numbers name rows on the screen: after the filter, gpt-5-mini (first in id order among the matches) is 1.
        let matches = ids.filter { $0.contains("5-mini") }
        #expect(matches.first == "gpt-5-mini", "\(matches)")
        let number = 1

        let result = try await runner.run(
            ["add", "openai", "--pick", "--source", Self.source], environment: ["NO_COLOR": "1"],
            terminal: .interactive(), typing: ["5-mini", "\(number)", ""])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 selected (gpt-5-mini)> "), "the prompt names the selection")
        let screens = result.stdout.components(separatedBy: "0 selected> ")
        #expect(screens.count == 3)
        let filtered = try #require(screens.dropFirst().first)
        #expect(filtered.contains(" gpt-5-mini "))
        #expect(!filtered.contains(" gpt-4o "), "the filter shows only matching models")
        #expect(result.stdout.contains("config/models/openai.yml: created with 1 model (models: selected)"))
        let data = try await PyYAMLReader.read(runner.providerFile("openai").path)
        #expect(data["models"]?.members.map(\.key) == ["gpt-5-mini"])
        #expect(
            try settings(runner)
                == "# modelsync settings: when 'providers' is present, exactly these are synced.\n"
                + "providers:\n  openai: { models: selected }\n")
    }

    @Test func aSelectedProviderWithoutModelsOffersThePickerAndCtrlDCancels() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)
        try await runner.run(
            ["sync", "--quiet", "--provider", "openai", "--source", Self.source], expecting: 0)
        try await runner.run(["add", "openai", "gpt-5", "--quiet", "--source", Self.source], expecting: 0)
        let before = try runner.modelsState()

        // No line typed: the end of input at the first prompt, as Ctrl-D gives it.
        let result = try await runner.run(
            ["add", "openai", "--source", Self.source], environment: ["NO_COLOR": "1"], terminal: .interactive())

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Models of OpenAI (openai) not in config/models/openai.yml yet"))
        #expect(!result.stdout.contains(" gpt-5 "), "models already in the file are not offered")
        #expect(result.stdout.hasSuffix("0 selected> \ncancelled; nothing written\n"))
        #expect(try runner.modelsState() == before)
    }

    @Test func withoutATerminalAddNeverPrompts() async throws {
        let runner = try CommandRunner()
        try writeSettings(Self.commentedSettings, runner)
        try await runner.run(["sync", "--quiet", "--provider", "openai", "--source", Self.source], expecting: 0)
        let before = try runner.modelsState()
        let keys = Data("1\n2\n\n".utf8)

        let selected = try await runner.run(["add", "openai", "--source", Self.source], stdin: keys)
        let pick = try await runner.run(["add", "openai", "--pick", "--source", Self.source], stdin: keys)

        #expect(selected.status == 0)
        #expect(
            selected.stdout
                == "openai is already tracked by config/models/openai.yml (models: selected); name models to add "
                + "them: modelsync add openai MODEL...; nothing written\n")
        #expect(pick.status == 64)
        #expect(
            pick.stderr.hasPrefix(
                "Error: --pick needs a terminal on standard input and output; name the models instead: "
                    + "modelsync add openai MODEL...\n"))
        #expect(try runner.modelsState() == before)

        let fresh = try await runner.run(["add", "xai", "--quiet", "--source", Self.source], stdin: keys)
        let count = try await Self.modelIDs("xai").count
        #expect(fresh.status == 0)
        #expect(fresh.stdout.hasSuffix("config/models/xai.yml: created with \(count) models\n"), "\(fresh.stdout)")
    }
}
