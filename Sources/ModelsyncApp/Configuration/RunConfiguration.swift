import Diagnostics
import Foundation
import ModelSync
import ModelsDevCatalog

/// Everything a run needs to know, resolved once from its options, the environment, the settings file and the
/// defaults: nothing is left to decide later.
public struct RunConfiguration: Sendable {
    /// The options as written, resolved into the fields below.
    public var options: RunOptions
    /// The settings file, its content and the models directory.
    public var locations: ModelsyncConfiguration
    /// Where the catalog comes from.
    public var source: CatalogSource
    /// The catalog cache directory.
    public var cacheDirectory: URL
    /// Things the user should know about the resolution (a cache directory moved for lack of a home directory).
    public var warnings: [Diagnostic]
    /// How the cache and the network may be used.
    public var load: CatalogLoadOptions
    /// Remove vanished models that hold no user-owned key.
    public var prune: Bool
    /// Provider ids asked for, in order given (empty: the default selection).
    public var requestedProviders: [String]
    /// Every provider the catalog lists.
    public var allProviders: Bool
    /// Accept a catalog the safety stop would refuse.
    public var allowShrink: Bool
    /// How long to wait for another run's lock, in seconds.
    public var lockWaitSeconds: Double
    /// Held changes the run applies anyway (`acceptHeld`, `accept`).
    public var accepted: AcceptedChanges
    /// Whether `check` fails for held changes too.
    public var failOnHeld: Bool
    /// Where the catalog history is kept; `nil`: none is kept.
    public var history: HistoryLocation?
    /// Whether the run writes files (and so takes the lock and records the accepted catalog).
    public var writes: Bool
    /// The world the run works in.
    public var environment: RunEnvironment

    /// The default freshness limit of a cached catalog, in minutes.
    public static let defaultMaxAgeMinutes = 60
    /// The default time one download attempt may take, in seconds.
    public static let defaultTimeoutSeconds = 30.0

    /// Resolves `options` for a run that writes files when `writes` (a `sync` that is not a dry run).
    ///
    /// Precedence, one step per setting; paths as given are taken from the environment's working directory:
    /// 1. The settings file: `options.settingsFile`, then `MODELSYNC_SETTINGS`, then
    ///    `<config directory>/modelsync.yml`, the config directory being `options.configDirectory`, else `config`.
    ///    A settings file named by the option or the variable must exist; the default one is optional.
    /// 2. The models directory: `options.modelsDirectory`; else the settings' `models_dir`, relative to the settings
    ///    file's directory; else `<config directory>/models`.
    /// 3. The source: `options.source`, then `MODELSYNC_SOURCE`, then the settings' `source`, then
    ///    `https://models.dev/api.json`; empty values count as unset.
    /// 4. The cache's freshness limit: `options.maxAgeMinutes`, then the settings' `cache_ttl_minutes`, then 60.
    /// 5. The download timeout: `options.timeoutSeconds`, then 30 seconds.
    /// 6. The cache directory: `MODELSYNC_CACHE_DIR`, then `$XDG_CACHE_HOME/modelsync`, then `~/.cache/modelsync`;
    ///    when the home directory does not exist, a directory of the user's own under the system's temporary
    ///    directory, with a warning (``RunEnvironment/cacheLocation``): a home directory is never created.
    /// 7. The lock wait: `options.lockWaitSeconds`, then 0 (do not wait).
    /// 8. The history: `options.noHistory`, then `options.history`, then `MODELSYNC_HISTORY`, then the settings'
    ///    `history`, then the default place (``HistoryLocation/resolve(noHistory:flag:settings:settingsDirectory:in:)``).
    /// 9. The rest (`offline`, `refresh`, `requireFresh`, `providers`, `all`, `prune`, `allowShrink`, `acceptHeld`,
    ///    `accept` (parsed here), `failOnHeld`) as given.
    ///
    /// - Throws: ``RunFailure``: with status ``ExitStatus/usage`` for an option whose value is out of range or not a
    ///   usable source; with ``ExitStatus/failure`` when the settings file cannot be read or holds a wrong value, or
    ///   `MODELSYNC_SOURCE` is not a usable source.
    public static func resolve(
        _ options: RunOptions, writes: Bool, in environment: RunEnvironment
    ) throws(RunFailure) -> RunConfiguration {
        try checkRanges(options)
        if let flag = options.source, !flag.isEmpty {
            do {
                _ = try CatalogSource(parsing: flag)
            } catch {
                throw RunFailure(error, status: .usage)
            }
        }
        let configDirectory = environment.path(options.configDirectory ?? "config")
        let variable = environment.variables["MODELSYNC_SETTINGS"].flatMap { $0.isEmpty ? nil : $0 }
        let named = options.settingsFile ?? variable
        let settingsFile = named.map(environment.path) ?? configDirectory.appending("modelsync.yml")
        let (settings, exists) = try ModelsyncConfiguration.readSettings(at: settingsFile)
        if named != nil, !exists {
            let namer: DiagnosticText =
                options.settingsFile != nil ? "\(option: Option.settings)" : "the MODELSYNC_SETTINGS variable"
            throw RunFailure(
                Diagnostic(
                    path: settingsFile.shown, message: "no such settings file (named by \(namer))",
                    notes: [
                        "looked for \(settingsFile.absolute) from \(environment.workingDirectory)",
                        "create one with 'modelsync init', or leave the settings file out to use "
                            + "<config directory>/modelsync.yml when it exists",
                    ]))
        }
        let modelsDirectory: ResolvedPath
        if let given = options.modelsDirectory {
            modelsDirectory = environment.path(given)
        } else if let configured = settings.modelsDir {
            modelsDirectory =
                configured.hasPrefix("/")
                ? environment.path(configured) : settingsFile.parent.appending(configured)
        } else {
            modelsDirectory = configDirectory.appending("models")
        }
        let source: CatalogSource
        do {
            source = try CatalogSource.resolve(
                flag: options.source, environment: environment.variables, settings: settings.source)
        } catch {
            throw RunFailure(error)
        }
        let accepted: AcceptedChanges
        do {
            accepted = try AcceptedChanges(all: options.acceptHeld, parsing: options.accept)
        } catch {
            throw RunFailure(error, status: .usage)
        }
        let cache = environment.cacheLocation
        let history = HistoryLocation.resolve(
            noHistory: options.noHistory, flag: options.history, settings: settings.history,
            settingsDirectory: settingsFile.parent, in: environment)
        let load = CatalogLoadOptions(
            maxAgeMinutes: options.maxAgeMinutes ?? settings.cacheTTLMinutes ?? defaultMaxAgeMinutes,
            offline: options.offline, refresh: options.refresh, requireFresh: options.requireFresh,
            timeoutSeconds: options.timeoutSeconds ?? defaultTimeoutSeconds)
        return RunConfiguration(
            options: options,
            locations: ModelsyncConfiguration(
                settings: settings, hasSettingsFile: exists, settingsFile: settingsFile,
                modelsDirectory: modelsDirectory),
            source: source, cacheDirectory: cache.directory,
            warnings: [cache.warning, history.warning].compactMap { $0 }, load: load,
            prune: options.prune,
            requestedProviders: options.providers, allProviders: options.all, allowShrink: options.allowShrink,
            lockWaitSeconds: options.lockWaitSeconds ?? 0, accepted: accepted, failOnHeld: options.failOnHeld,
            history: history.location, writes: writes, environment: environment)
    }

    /// The name of the run's source in the catalog history: its URL, `bundled`, `-`, or a file's absolute path.
    public var historySource: String {
        if case .file(let path) = source { return environment.path(path).absolute }
        return source.description
    }

    /// The options whose values have a range, named as the command line and the settings name them.
    public enum Option {
        public static let settings = OptionReference("settings")
        public static let configDirectory = OptionReference("config-dir")
        public static let modelsDirectory = OptionReference("models-dir")
        public static let provider = OptionReference("provider")
        public static let all = OptionReference("all")
        public static let maxAge = OptionReference("max-age")
        public static let timeout = OptionReference("timeout")
        public static let wait = OptionReference("wait")
    }

    /// Whether the run may create the models directory when it does not exist: only when the user named providers to
    /// track (the `providers` or `all` option, or a settings file that lists providers), so that a run in the wrong
    /// directory, or with a mistyped path, never starts a new tree of configs.
    public var mayCreateModelsDirectory: Bool {
        allProviders || !requestedProviders.isEmpty || !(locations.settings.providers ?? []).isEmpty
    }

    /// Fails when the models directory does not exist and the run may not create it.
    ///
    /// - Throws: ``RunFailure`` naming the directory looked for, the working directory, and the commands that would
    ///   create it or point elsewhere.
    public func requireModelsDirectory() throws(RunFailure) {
        let directory = locations.modelsDirectory
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory.absolute, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue { return }
        if !exists, mayCreateModelsDirectory { return }
        let message: DiagnosticText =
            exists ? "the models directory is not a directory" : "no models directory here: it does not exist"
        throw RunFailure(
            Diagnostic(
                path: directory.shown, message: message,
                notes: [
                    "looked for \(directory.absolute) from the working directory \(environment.workingDirectory)",
                    "run modelsync where the configuration directory is, or name it with "
                        + "\(option: Option.configDirectory, "DIR") or \(option: Option.modelsDirectory, "DIR")",
                    "to start tracking providers here: 'modelsync init', or 'modelsync sync "
                        + "\(option: Option.provider, "ID")' (or \(option: Option.all))",
                ]))
    }

    /// The longest download timeout accepted, in seconds.
    public static let maximumTimeoutSeconds = 3_600.0

    private static func checkRanges(_ options: RunOptions) throws(RunFailure) {
        if let minutes = options.maxAgeMinutes, minutes < 0 {
            throw RunFailure(Diagnostic(message: "\(option: Option.maxAge) must be 0 or more minutes"), status: .usage)
        }
        if let seconds = options.timeoutSeconds, !(seconds > 0 && seconds <= maximumTimeoutSeconds) {
            throw RunFailure(
                Diagnostic(
                    message: "\(option: Option.timeout) must be more than 0 and at most \(Int(maximumTimeoutSeconds)) "
                        + "seconds"),
                status: .usage)
        }
        if let seconds = options.lockWaitSeconds, !(seconds >= 0) {
            throw RunFailure(Diagnostic(message: "\(option: Option.wait) must be 0 or more seconds"), status: .usage)
        }
    }
}
