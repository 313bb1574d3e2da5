import Diagnostics
import Foundation
import ModelsDevCatalog
import ModelsyncApp
import TestSupport
import Testing

/// `RunConfiguration.resolve(_:writes:in:)`: each numbered precedence step of its documentation, against a run
/// environment whose working directory is a temporary directory; paths shown as given and resolved under the working
/// directory; out-of-range values and unusable flag sources as usage failures; an unusable `MODELSYNC_SOURCE` or a
/// wrong settings value as plain (positioned) failures.
@Suite struct RunConfigurationTests {
    private func options(_ configure: (inout RunOptions) -> Void = { _ in }) -> RunOptions {
        var options = RunOptions()
        configure(&options)
        return options
    }

    private func resolve(
        _ options: RunOptions, in root: TemporaryDirectory, _ variables: [String: String] = [:], writes: Bool = false
    ) throws(RunFailure) -> RunConfiguration {
        try RunConfiguration.resolve(options, writes: writes, in: environment(in: root, variables))
    }

    // MARK: 1. The settings file

    @Test func theSettingsFileIsTheFlagElseInTheConfigDirectoryElseInConfig() throws {
        let root = try TemporaryDirectory()
        let byDefault = try resolve(options(), in: root).locations
        #expect(byDefault.settingsFile.shown == "config/modelsync.yml")
        #expect(byDefault.settingsFile.absolute == root.file("config/modelsync.yml"))
        #expect(!byDefault.hasSettingsFile)

        let inConfigDirectory = try resolve(options { $0.configDirectory = "conf" }, in: root).locations
        #expect(inConfigDirectory.settingsFile.shown == "conf/modelsync.yml")
        #expect(inConfigDirectory.settingsFile.absolute == root.file("conf/modelsync.yml"))

        try root.write("etc/sync.yml", "cache_ttl_minutes: 7\n")
        let given = try resolve(
            options {
                $0.settingsFile = "etc/sync.yml"
                $0.configDirectory = "conf"
            }, in: root)
        #expect(given.locations.settingsFile.shown == "etc/sync.yml")
        #expect(given.locations.settingsFile.absolute == root.file("etc/sync.yml"))
        #expect(given.locations.hasSettingsFile)
        #expect(given.locations.settings.cacheTTLMinutes == 7)
    }

    // MARK: 2. The models directory

    @Test func theModelsDirectoryIsTheFlagElseTheSettingsRelativeToTheSettingsFileElseInTheConfigDirectory() throws {
        let root = try TemporaryDirectory()
        #expect(try resolve(options(), in: root).locations.modelsDirectory.shown == "config/models")
        let inConfigDirectory = try resolve(options { $0.configDirectory = "conf" }, in: root)
        #expect(inConfigDirectory.locations.modelsDirectory.shown == "conf/models")
        #expect(inConfigDirectory.locations.modelsDirectory.absolute == root.file("conf/models"))

        try root.write("etc/sync.yml", "models_dir: providers\n")
        let fromSettings = try resolve(options { $0.settingsFile = "etc/sync.yml" }, in: root)
        #expect(fromSettings.locations.modelsDirectory.shown == "etc/providers")
        #expect(fromSettings.locations.modelsDirectory.absolute == root.file("etc/providers"))
        #expect(fromSettings.locations.path(fileID: "openai") == "etc/providers/openai.yml")

        let fromFlag = try resolve(
            options {
                $0.settingsFile = "etc/sync.yml"
                $0.modelsDirectory = "mine"
            }, in: root)
        #expect(fromFlag.locations.modelsDirectory.shown == "mine")
        #expect(fromFlag.locations.modelsDirectory.absolute == root.file("mine"))
    }

    @Test func anAbsoluteModelsDirInTheSettingsIsTakenAsItIs() throws {
        let root = try TemporaryDirectory()
        try root.write("config/modelsync.yml", "models_dir: \(root.file("elsewhere"))\n")
        let resolved = try resolve(options(), in: root).locations.modelsDirectory
        #expect(resolved.shown == root.file("elsewhere"))
        #expect(resolved.absolute == root.file("elsewhere"))
    }

    @Test func pathsAreShownAsGivenAndResolvedUnderTheWorkingDirectory() throws {
        let root = try TemporaryDirectory()
        try root.write("settings.yml", "cache_ttl_minutes: 5\n")
        let resolved = try resolve(
            options {
                $0.modelsDirectory = "../shared/models"
                $0.settingsFile = "./settings.yml"
            }, in: root)
        #expect(resolved.locations.modelsDirectory.shown == "../shared/models")
        #expect(resolved.locations.modelsDirectory.absolute.hasPrefix(root.path + "/"))
        #expect(resolved.locations.modelsDirectory.absolute.hasSuffix("shared/models"))
        #expect(resolved.locations.settingsFile.shown == "./settings.yml")
        #expect(resolved.locations.settingsFile.absolute.hasPrefix(root.path + "/"))
        #expect(resolved.locations.file(fileID: "openai").shown == "../shared/models/openai.yml")
        #expect(resolved.environment.workingDirectory == root.path)
    }

    // MARK: 3. The source

    @Test func theSourceIsTheFlagThenTheEnvironmentThenTheSettingsThenModelsDev() throws {
        let root = try TemporaryDirectory()
        #expect(try resolve(options(), in: root).source.description == CatalogSource.defaultURL)

        try root.write("config/modelsync.yml", "source: settings.json\n")
        #expect(try resolve(options(), in: root).source == .file("settings.json"))
        let variables = ["MODELSYNC_SOURCE": "environment.json"]
        #expect(try resolve(options(), in: root, variables).source == .file("environment.json"))
        let flag = options { $0.source = "https://example.com/api.json" }
        let fromFlag = try resolve(flag, in: root, variables).source
        #expect(fromFlag == .url(try #require(URL(string: "https://example.com/api.json"))))
    }

    @Test func emptySourcesCountAsUnset() throws {
        let root = try TemporaryDirectory()
        try root.write("config/modelsync.yml", "source: bundled\n")
        let resolved = try resolve(options { $0.source = "" }, in: root, ["MODELSYNC_SOURCE": ""])
        #expect(resolved.source == .bundled)
        let none = try resolve(options { $0.source = "" }, in: try TemporaryDirectory(), ["MODELSYNC_SOURCE": ""])
        #expect(none.source.description == CatalogSource.defaultURL)
    }

    @Test func aSourceOfLowerPrecedenceIsNotLookedAt() throws {
        let root = try TemporaryDirectory()
        try root.write("config/modelsync.yml", "source: ftp://example.com/settings.json\n")
        let resolved = try resolve(
            options { $0.source = "-" }, in: root, ["MODELSYNC_SOURCE": "ftp://example.com/environment.json"])
        #expect(resolved.source == .standardInput)
    }

    // MARK: 4–7. Freshness, timeout, cache directory, lock wait

    @Test func theFreshnessLimitIsTheFlagThenTheSettingsThenAnHour() throws {
        let root = try TemporaryDirectory()
        #expect(try resolve(options(), in: root).load.maxAgeMinutes == 60)
        #expect(RunConfiguration.defaultMaxAgeMinutes == 60)
        try root.write("config/modelsync.yml", "cache_ttl_minutes: 15\n")
        #expect(try resolve(options(), in: root).load.maxAgeMinutes == 15)
        #expect(try resolve(options { $0.maxAgeMinutes = 0 }, in: root).load.maxAgeMinutes == 0)
    }

    @Test func theTimeoutIsTheFlagThenThirtySeconds() throws {
        let root = try TemporaryDirectory()
        #expect(try resolve(options(), in: root).load.timeoutSeconds == 30)
        #expect(try resolve(options { $0.timeoutSeconds = 12.5 }, in: root).load.timeoutSeconds == 12.5)
        #expect(try resolve(options { $0.timeoutSeconds = 3_600 }, in: root).load.timeoutSeconds == 3_600)
    }

    @Test func theCacheDirectoryIsModelsyncCacheDirThenXDGThenHome() throws {
        let root = try TemporaryDirectory()
        let relative = try resolve(options(), in: root, ["MODELSYNC_CACHE_DIR": "cache", "XDG_CACHE_HOME": "/xdg"])
        #expect(relative.cacheDirectory.path == root.file("cache"))
        let absolute = try resolve(options(), in: root, ["MODELSYNC_CACHE_DIR": root.file("abs-cache")])
        #expect(absolute.cacheDirectory.path == root.file("abs-cache"))
        let xdg = try resolve(options(), in: root, ["MODELSYNC_CACHE_DIR": "", "XDG_CACHE_HOME": "/xdg"])
        #expect(xdg.cacheDirectory.path == "/xdg/modelsync")
        try FileManager.default.createDirectory(atPath: root.file("me"), withIntermediateDirectories: true)
        let home = try resolve(options(), in: root, ["XDG_CACHE_HOME": "relative", "HOME": root.file("me")])
        #expect(home.cacheDirectory.path == root.file("me/.cache/modelsync"))
    }

    @Test func theLockWaitIsTheFlagThenNone() throws {
        let root = try TemporaryDirectory()
        #expect(try resolve(options(), in: root).lockWaitSeconds == 0)
        #expect(try resolve(options { $0.lockWaitSeconds = 2.5 }, in: root).lockWaitSeconds == 2.5)
    }

    // MARK: 8. The history

    @Test func theHistoryIsOffThenTheFlagThenTheVariableThenTheSettingsThenTheDataDirectory() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.file("me"), withIntermediateDirectories: true)
        let home = ["HOME": root.file("me")]
        #expect(
            try resolve(options(), in: root, home).history?.path.absolute
                == root.file("me/.local/share/modelsync/history.sqlite"))
        #expect(try resolve(options(), in: root, home).history?.createsDirectory == true)
        let xdg = try resolve(options(), in: root, home.merging(["XDG_DATA_HOME": "/data"]) { $1 })
        #expect(xdg.history?.path.absolute == "/data/modelsync/history.sqlite")
        try root.write("config/modelsync.yml", "history: state/h.sqlite\n")
        let settings = try resolve(options(), in: root, home)
        #expect(settings.history?.path.shown == "config/state/h.sqlite")
        #expect(settings.history?.createsDirectory == false)
        let variable = try resolve(options(), in: root, home.merging(["MODELSYNC_HISTORY": "v.sqlite"]) { $1 })
        #expect(variable.history?.path.shown == "v.sqlite")
        let flag = try resolve(
            options { $0.history = "f.sqlite" }, in: root, home.merging(["MODELSYNC_HISTORY": "v.sqlite"]) { $1 })
        #expect(flag.history?.path.shown == "f.sqlite")
        #expect(try resolve(options { $0.noHistory = true }, in: root, home).history == nil)
        #expect(try resolve(options(), in: root, home.merging(["MODELSYNC_HISTORY": "off"]) { $1 }).history == nil)
        try root.write("config/modelsync.yml", "history: off\n")
        #expect(try resolve(options(), in: root, home).history == nil)
    }

    @Test func aHomeThatDoesNotExistKeepsNoHistoryAndSaysSo() throws {
        let root = try TemporaryDirectory()
        let configuration = try resolve(options(), in: root, ["MODELSYNC_CACHE_DIR": root.file("cache")])
        #expect(configuration.history == nil)
        #expect(
            configuration.warnings.map(\.message.description) == [
                "the home directory \(root.file("home")) does not exist: no catalog history is kept; set "
                    + "MODELSYNC_HISTORY to choose its place"
            ])
        #expect(!FileManager.default.fileExists(atPath: root.file("home")))
    }

    @Test func wrongHistoryAndCooldownSettingsArePositioned() throws {
        let root = try TemporaryDirectory()
        for (text, message) in [
            (
                "history: 3\n",
                "config/modelsync.yml:1:10: error: 'history' must be a file path, or 'off' to keep no catalog history"
            ),
            (
                "cooldown_hours: -1\n",
                "config/modelsync.yml:1:17: error: 'cooldown_hours' must be a number of hours, 0 or more, such as 24"
            ),
            (
                "providers:\n  acme: {cooldown_hours: soon}\n",
                "config/modelsync.yml:2:26: error: 'cooldown_hours' must be a number of hours, 0 or more, such as 24"
            ),
            (
                "cooldown_hour: 24\n",
                "config/modelsync.yml:1:1: error: unknown setting 'cooldown_hour'; did you mean 'cooldown_hours'?"
            ),
        ] {
            try root.write("config/modelsync.yml", text)
            #expect(throws: RunFailure.self) { try resolve(options(), in: root) }
            do {
                _ = try resolve(options(), in: root)
            } catch {
                #expect(commandLineRenderer.render(error.diagnostics[0]).hasPrefix(message + "\n"), "\(text)")
            }
        }
        try root.write(
            "config/modelsync.yml", "cooldown_hours: 24\nproviders:\n  acme: {cooldown_hours: 2.5}\n  beta: {}\n")
        let settings = try resolve(options(), in: root).locations.settings
        #expect(settings.cooldownHours(forFile: "acme") == 2.5)
        #expect(settings.cooldownHours(forFile: "beta") == 24)
    }

    // MARK: 9. The rest

    @Test func theRestIsTakenAsGiven() throws {
        let root = try TemporaryDirectory()
        let given = options {
            $0.offline = true
            $0.refresh = true
            $0.requireFresh = true
            $0.providers = ["openai", "anthropic"]
            $0.all = true
            $0.prune = true
            $0.allowShrink = true
        }
        let resolved = try resolve(given, in: root, writes: true)
        #expect(resolved.load.offline && resolved.load.refresh && resolved.load.requireFresh)
        #expect(resolved.requestedProviders == ["openai", "anthropic"])
        #expect(resolved.allProviders && resolved.prune && resolved.allowShrink && resolved.writes)
        #expect(resolved.options == given)

        let plain = try resolve(options(), in: root)
        #expect(!plain.load.offline && !plain.load.refresh && !plain.load.requireFresh)
        #expect(plain.requestedProviders.isEmpty)
        #expect(!plain.allProviders && !plain.prune && !plain.allowShrink && !plain.writes)
    }

    // MARK: Failures

    @Test(arguments: [
        RangeCase(.maxAge, { $0.maxAgeMinutes = -1 }),
        RangeCase(.timeout, { $0.timeoutSeconds = 0 }),
        RangeCase(.timeout, { $0.timeoutSeconds = 3_601 }),
        RangeCase(.timeout, { $0.timeoutSeconds = -5 }),
        RangeCase(.timeout, { $0.timeoutSeconds = .nan }),
        RangeCase(.wait, { $0.lockWaitSeconds = -1 }),
        RangeCase(.wait, { $0.lockWaitSeconds = .nan }),
    ])
    func aValueOutOfRangeIsAUsageFailureNamingItsOption(_ range: RangeCase) throws {
        let root = try TemporaryDirectory()
        let failure = try #require(throws: RunFailure.self) { try resolve(options(range.configure), in: root) }
        #expect(failure.status == .usage)
        #expect(failure.showsUsage)
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics.first?.message.fragments.first == .option(range.option.reference, value: nil))
    }

    @Test func valuesAtTheEdgesOfTheirRangesAreAccepted() throws {
        let root = try TemporaryDirectory()
        let resolved = try resolve(
            options {
                $0.maxAgeMinutes = 0
                $0.timeoutSeconds = 0.001
                $0.lockWaitSeconds = 0
            }, in: root)
        #expect(resolved.load.maxAgeMinutes == 0)
        #expect(resolved.load.timeoutSeconds == 0.001)
        #expect(resolved.lockWaitSeconds == 0)
    }

    @Test func theRangeMessagesSayWhatIsAllowed() throws {
        let root = try TemporaryDirectory()
        let timeout = try #require(throws: RunFailure.self) {
            try resolve(options { $0.timeoutSeconds = 0 }, in: root)
        }
        #expect(
            timeout.diagnostics.map(commandLineRenderer.render) == [
                "error: --timeout must be more than 0 and at most 3600 seconds"
            ])
        let maxAge = try #require(throws: RunFailure.self) {
            try resolve(options { $0.maxAgeMinutes = -1 }, in: root)
        }
        #expect(maxAge.diagnostics.map(commandLineRenderer.render) == ["error: --max-age must be 0 or more minutes"])
        let wait = try #require(throws: RunFailure.self) {
            try resolve(options { $0.lockWaitSeconds = -1 }, in: root)
        }
        #expect(wait.diagnostics.map(commandLineRenderer.render) == ["error: --wait must be 0 or more seconds"])
    }

    @Test func anUnusableFlagSourceIsAUsageFailure() throws {
        let root = try TemporaryDirectory()
        for source in ["ftp://example.com/api.json", "http://example.com/api.json"] {
            let failure = try #require(throws: RunFailure.self) {
                try resolve(options { $0.source = source }, in: root)
            }
            #expect(failure.status == .usage)
            #expect(failure.showsUsage)
            #expect(
                failure.diagnostics.first?.message.description.hasPrefix("invalid catalog source \(source): ") == true)
        }
    }

    @Test func anUnusableEnvironmentSourceIsAFailureWithoutUsage() throws {
        let root = try TemporaryDirectory()
        let failure = try #require(throws: RunFailure.self) {
            try resolve(options(), in: root, ["MODELSYNC_SOURCE": "http://example.com/api.json"])
        }
        #expect(failure.status == .failure)
        #expect(!failure.showsUsage)
        #expect(
            failure.diagnostics.first?.message.description.hasPrefix(
                "invalid catalog source http://example.com/api.json: ") == true)
    }

    @Test func anUnusableSettingsSourceIsAFailureWithoutUsage() throws {
        let root = try TemporaryDirectory()
        try root.write("config/modelsync.yml", "source: gopher://example.com/api.json\n")
        let failure = try #require(throws: RunFailure.self) { try resolve(options(), in: root) }
        #expect(failure.status == .failure)
        #expect(!failure.showsUsage)
    }

    @Test func aWrongSettingsValueIsAFailurePositionedInTheSettingsFileAsShown() throws {
        let root = try TemporaryDirectory()
        try root.write("config/modelsync.yml", "source: bundled\ncache_ttl_minutes: soon\n")
        let failure = try #require(throws: RunFailure.self) { try resolve(options(), in: root) }
        #expect(failure.status == .failure)
        #expect(!failure.showsUsage)
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.path == "config/modelsync.yml")
        #expect(diagnostic.position?.line == 2)
        #expect(diagnostic.position?.column == 20)
        #expect(
            commandLineRenderer.render(diagnostic) == """
                config/modelsync.yml:2:20: error: 'cache_ttl_minutes' must be a whole number of minutes
                cache_ttl_minutes: soon
                                   ^
                """)
    }

    @Test func aSettingsFileThatDoesNotParseIsAPositionedFailure() throws {
        let root = try TemporaryDirectory()
        try root.write("conf/modelsync.yml", "providers: [\n")
        let failure = try #require(throws: RunFailure.self) {
            try resolve(options { $0.configDirectory = "conf" }, in: root)
        }
        #expect(failure.status == .failure)
        #expect(failure.diagnostics.first?.path == "conf/modelsync.yml")
        #expect(failure.diagnostics.first?.position != nil)
    }
}

/// An option set out of its range, and the option the failure must name.
struct RangeCase: Sendable, CustomTestStringConvertible {
    enum Option: String, Sendable {
        case maxAge
        case timeout
        case wait

        var reference: OptionReference {
            switch self {
            case .maxAge: return RunConfiguration.Option.maxAge
            case .timeout: return RunConfiguration.Option.timeout
            case .wait: return RunConfiguration.Option.wait
            }
        }
    }

    var option: Option
    var configure: @Sendable (inout RunOptions) -> Void

    init(_ option: Option, _ configure: @escaping @Sendable (inout RunOptions) -> Void) {
        self.option = option
        self.configure = configure
    }

    var testDescription: String {
        var options = RunOptions()
        configure(&options)
        let value =
            options.maxAgeMinutes.map(String.init) ?? options.timeoutSeconds.map { "\($0)" }
            ?? options.lockWaitSeconds.map { "\($0)" } ?? "?"
        return "\(option.rawValue) = \(value)"
    }
}
