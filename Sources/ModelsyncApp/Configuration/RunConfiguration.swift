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
    /// 1. The settings file: `options.settingsFile`, else `<config directory>/modelsync.yml`, the config directory
    ///    being `options.configDirectory`, else `config`. The file is optional.
    /// 2. The models directory: `options.modelsDirectory`; else the settings' `models_dir`, relative to the settings
    ///    file's directory; else `<config directory>/models`.
    /// 3. The source: `options.source`, then `MODELSYNC_SOURCE`, then the settings' `source`, then
    ///    `https://models.dev/api.json`; empty values count as unset.
    /// 4. The cache's freshness limit: `options.maxAgeMinutes`, then the settings' `cache_ttl_minutes`, then 60.
    /// 5. The download timeout: `options.timeoutSeconds`, then 30 seconds.
    /// 6. The cache directory: `MODELSYNC_CACHE_DIR`, then `$XDG_CACHE_HOME/modelsync`, then `~/.cache/modelsync`.
    /// 7. The lock wait: `options.lockWaitSeconds`, then 0 (do not wait).
    /// 8. The rest (`offline`, `refresh`, `requireFresh`, `providers`, `all`, `prune`, `allowShrink`) as given.
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
        let settingsFile = options.settingsFile.map(environment.path) ?? configDirectory.appending("modelsync.yml")
        let (settings, exists) = try ModelsyncConfiguration.readSettings(at: settingsFile)
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
        let load = CatalogLoadOptions(
            maxAgeMinutes: options.maxAgeMinutes ?? settings.cacheTTLMinutes ?? defaultMaxAgeMinutes,
            offline: options.offline, refresh: options.refresh, requireFresh: options.requireFresh,
            timeoutSeconds: options.timeoutSeconds ?? defaultTimeoutSeconds)
        return RunConfiguration(
            options: options,
            locations: ModelsyncConfiguration(
                settings: settings, hasSettingsFile: exists, settingsFile: settingsFile,
                modelsDirectory: modelsDirectory),
            source: source, cacheDirectory: environment.cacheDirectory, load: load, prune: options.prune,
            requestedProviders: options.providers, allProviders: options.all, allowShrink: options.allowShrink,
            lockWaitSeconds: options.lockWaitSeconds ?? 0, writes: writes, environment: environment)
    }

    /// The options whose values have a range, named as the command line and the settings name them.
    public enum Option {
        public static let maxAge = OptionReference("max-age")
        public static let timeout = OptionReference("timeout")
        public static let wait = OptionReference("wait")
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
