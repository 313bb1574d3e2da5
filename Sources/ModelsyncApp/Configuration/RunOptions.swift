/// A run's options as the user wrote them.
///
/// Every field is unset unless given (on the command line, or by a caller of the library);
/// ``RunConfiguration/resolve(_:writes:in:)`` weighs them against the environment, the settings file and the
/// defaults, once.
public struct RunOptions: Sendable, Equatable {
    /// The configuration directory, holding `modelsync.yml` and `models/` (default `config`).
    public var configDirectory: String?
    /// The settings file (default `<config directory>/modelsync.yml`).
    public var settingsFile: String?
    /// The models directory (default: the settings' `models_dir`, else `<config directory>/models`).
    public var modelsDirectory: String?
    /// The catalog source as written: a URL, a path, `-` or `bundled`.
    public var source: String?
    /// Never touch the network; use the cache of any age.
    public var offline = false
    /// Revalidate the cache even when it is fresh.
    public var refresh = false
    /// How long a cached catalog stays fresh, in minutes.
    public var maxAgeMinutes: Int?
    /// The time one download attempt may take, in seconds.
    public var timeoutSeconds: Double?
    /// Fail instead of using a stale cache.
    public var requireFresh = false
    /// Provider file ids (or upstream ids) to work on, in the order given.
    public var providers: [String] = []
    /// Work on every provider the catalog lists.
    public var all = false
    /// Remove vanished models that hold no user-owned key instead of marking them unavailable.
    public var prune = false
    /// Accept a catalog the safety stop would refuse.
    public var allowShrink = false
    /// How long to wait for another run's lock on the models directory, in seconds.
    public var lockWaitSeconds: Double?
    /// Do everything but write.
    public var dryRun = false
    /// Apply every change a guard would hold.
    public var acceptHeld = false
    /// Held changes to apply, as `FILE-ID/MODEL-ID:KEY` patterns.
    public var accept: [String] = []
    /// `check`: exit 1 for held changes too.
    public var failOnHeld = false
    /// The catalog history's file (docs/history.md).
    public var history: String?
    /// Keep no catalog history in this run.
    public var noHistory = false

    public init() {}
}
