import ArgumentParser
import ModelsyncApp

/// Where the catalog comes from and how the cache and network may be used.
struct CatalogOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Catalog source: an https:// URL, http:// on a loopback host, a file, - for stdin, or bundled.",
            discussion:
                "Precedence: this flag, then MODELSYNC_SOURCE, then the settings file's source, then https://models.dev/api.json.",
            valueName: "url|file|-|bundled"))
    var source: String?

    @Flag(help: "Never touch the network; use the cached catalog of any age.")
    var offline = false

    @Flag(help: "Revalidate the cached catalog even when it is fresh.")
    var refresh = false

    // Values are taken whatever they look like (`-5` included), so that a bad one gets a message about its range.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How long a cached catalog stays fresh, in minutes (0 revalidates on every run).",
            discussion: "Precedence: this flag, then the settings file's cache_ttl_minutes, then 60.",
            valueName: "minutes"))
    var maxAge: Int?

    @Option(
        help: ArgumentHelp("The time one download attempt may take, in seconds (default: 30).", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Fail (exit 2) instead of using a cached catalog older than --max-age.")
    var requireFresh = false

    @Option(
        help: ArgumentHelp(
            "The catalog history's SQLite file.",
            discussion:
                "Precedence: this flag, then MODELSYNC_HISTORY, then the settings file's history, then "
                + "$XDG_DATA_HOME/modelsync/history.sqlite or ~/.local/share/modelsync/history.sqlite.",
            valueName: "file"))
    var history: String?

    @Flag(help: "Keep no catalog history in this run.")
    var noHistory = false

    func validate() throws {
        guard !(offline && refresh) else {
            throw ValidationError("--offline and --refresh cannot be combined: revalidating needs the network.")
        }
        guard !(noHistory && history != nil) else {
            throw ValidationError("--history and --no-history cannot be combined.")
        }
    }

    /// Writes these flags into `options`.
    func apply(to options: inout RunOptions) {
        options.source = source
        options.offline = offline
        options.refresh = refresh
        options.maxAgeMinutes = maxAge
        options.timeoutSeconds = timeout
        options.requireFresh = requireFresh
        options.history = history
        options.noHistory = noHistory
    }
}
