import ArgumentParser
import Foundation
import ModelSync
import ModelsDevCatalog

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

    @Option(
        help: ArgumentHelp(
            "How long a cached catalog stays fresh, in minutes (0 revalidates on every run).",
            discussion: "Precedence: this flag, then the settings file's cache_ttl_minutes, then 60.",
            valueName: "minutes"))
    var maxAge: Int?

    @Option(help: ArgumentHelp("The time one download attempt may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(help: "Fail (exit 2) instead of using a cached catalog older than --max-age.")
    var requireFresh = false

    func validate() throws {
        guard !(offline && refresh) else {
            throw ValidationError("--offline and --refresh cannot be combined: revalidating needs the network.")
        }
        guard (maxAge ?? 0) >= 0 else { throw ValidationError("--max-age must be 0 or more minutes.") }
        guard timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds.")
        }
        if let source {
            do {
                _ = try CatalogSource(parsing: source)
            } catch {
                throw ValidationError("\(error).")
            }
        }
    }

    /// The source to use, by precedence: `--source`, `MODELSYNC_SOURCE`, the settings file's `source`, the default
    /// URL.
    func resolvedSource(environment: [String: String], settings: SyncSettings?) throws(CatalogError) -> CatalogSource {
        try CatalogSource.resolve(flag: source, environment: environment, settings: settings?.source)
    }

    /// The freshness limit in minutes: `--max-age`, the settings file's `cache_ttl_minutes`, or 60.
    func maxAgeMinutes(settings: SyncSettings?) -> Int {
        maxAge ?? settings?.cacheTTLMinutes ?? 60
    }

    /// The flags as loader options.
    func loadOptions(settings: SyncSettings?) -> CatalogLoadOptions {
        CatalogLoadOptions(
            maxAgeMinutes: maxAgeMinutes(settings: settings), offline: offline, refresh: refresh,
            requireFresh: requireFresh, timeoutSeconds: timeout)
    }
}
