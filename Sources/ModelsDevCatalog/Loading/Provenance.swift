import Diagnostics
import Foundation

/// Where a loaded catalog came from, how old it is and how it was validated: stated on stderr and in `--json`.
public struct Provenance: Equatable, Sendable {
    /// How the catalog was obtained in this run.
    public enum Origin: Equatable, Sendable {
        /// Downloaded in full (`200`) in this run.
        case downloaded
        /// Read from a fresh cache without any request.
        case cached
        /// Read from the cache after the server answered `304 Not Modified`.
        case revalidated
        /// Read from the cache because of `--offline`.
        case offline
        /// Read from the cache because the download failed; the reason is in the warnings.
        case fallback
        /// Read from a file, fresh.
        case file
        /// Read from standard input.
        case standardInput
        /// The snapshot shipped with modelsync.
        case bundled
    }

    public var source: CatalogSource
    public var origin: Origin
    /// When the catalog was downloaded or last confirmed by the server; `nil` for files, stdin and `bundled`.
    public var fetchedAt: Date?
    /// When a file source was last modified, or the date of the bundled snapshot.
    public var modifiedAt: Date?
    /// Seconds since ``fetchedAt`` (URL sources) or ``modifiedAt`` (files, `bundled`); `nil` for stdin.
    public var ageSeconds: Int?
    public var etag: String?
    /// Whether the catalog is older than the freshness limit (`--max-age`); only URL sources are ever stale.
    public var isStale: Bool
    /// The cache's body file, for URL sources.
    public var cacheFile: String?

    /// Whether the catalog came out of the cache rather than from a download in this run.
    public var fromCache: Bool {
        switch origin {
        case .cached, .revalidated, .offline, .fallback: return true
        case .downloaded, .file, .standardInput, .bundled: return false
        }
    }

    /// One line for stderr, such as `catalog: https://models.dev/api.json (cached 12 min ago, fresh, ETag "x")`.
    public var summary: DiagnosticText {
        let age = ageSeconds.map { AgeText.format(seconds: $0) } ?? "?"
        let etagText = etag.map { ", ETag \($0)" } ?? ""
        let freshness = isStale ? "stale" : "fresh"
        switch origin {
        case .downloaded:
            return "catalog: \(source) (downloaded\(etagText))"
        case .cached:
            return "catalog: \(source) (cached \(age) ago, \(freshness)\(etagText))"
        case .revalidated:
            return "catalog: \(source) (cached, not modified on the server\(etagText))"
        case .offline:
            return
                "catalog: \(source) (cached \(age) ago, \(freshness), \(option: CatalogError.offlineOption)\(etagText))"
        case .fallback:
            return "catalog: \(source) (cached \(age) ago, \(freshness), server unreachable\(etagText))"
        case .file:
            let modified = modifiedAt.map { ", modified \(Timestamp.format($0))" } ?? ""
            return "catalog: \(source) (file\(modified))"
        case .standardInput:
            return "catalog: standard input"
        case .bundled:
            return "catalog: bundled snapshot of \(BundledSnapshot.date) (shipped with modelsync; may be out of date)"
        }
    }

    /// The provenance as the `source` object of `--json` output.
    ///
    /// Keys: `url` (URL, path, `-` or `bundled`), `kind` (`url`, `file`, `stdin`, `bundled`), `origin`
    /// (`downloaded`, `cached`, `revalidated`, `offline`, `fallback`, `file`, `stdin`, `bundled`), `from_cache`,
    /// `fetched_at`, `modified_at`, `age_seconds`, `etag`, `stale`, `cache_file`; absent values are `null`.
    public var json: JSONValue {
        .object([
            "url": .string(source.description),
            "kind": .string(kind),
            "origin": .string(originName),
            "from_cache": .bool(fromCache),
            "fetched_at": .optional(fetchedAt.map(Timestamp.format)),
            "modified_at": .optional(modifiedAt.map(Timestamp.format)),
            "age_seconds": .optional(ageSeconds),
            "etag": .optional(etag),
            "stale": .bool(isStale),
            "cache_file": .optional(cacheFile),
        ])
    }

    private var kind: String {
        switch source {
        case .url: return "url"
        case .file: return "file"
        case .standardInput: return "stdin"
        case .bundled: return "bundled"
        }
    }

    private var originName: String {
        switch origin {
        case .downloaded: return "downloaded"
        case .cached: return "cached"
        case .revalidated: return "revalidated"
        case .offline: return "offline"
        case .fallback: return "fallback"
        case .file: return "file"
        case .standardInput: return "stdin"
        case .bundled: return "bundled"
        }
    }
}
