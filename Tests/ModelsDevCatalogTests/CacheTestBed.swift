import Foundation
import TestSupport

@testable import ModelsDevCatalog

/// A temporary cache directory, a loader wired to it with small timeouts and delays, and helpers to seed and
/// inspect cache files.
final class CacheTestBed: Sendable {
    let directory: TemporaryDirectory
    let cache: CatalogCache

    init() throws {
        directory = try TemporaryDirectory("modelsync-cache")
        cache = CatalogCache(directory: directory.url)
    }

    /// A loader using the real libcurl transport, with `timeout` seconds per attempt, 20 ms base backoff and
    /// `maxBodyBytes` as the body limit; `log` collects retry notes; `waits`, when given, records the waits between
    /// attempts instead of waiting; `now` is the loader's clock.
    func loader(
        timeout: Double = 2, maxBodyBytes: Int = 64 << 20, baseDelay: Double = 0.02, log: LogLines? = nil,
        waits: LogLines? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) -> CatalogLoader {
        var fetcher = CatalogFetcher()
        fetcher.retry = RetryPolicy(attempts: 3, baseDelay: baseDelay, maxRetryAfter: 60)
        fetcher.timeout = timeout
        fetcher.connectTimeout = timeout
        fetcher.maxBodyBytes = maxBodyBytes
        if let log { fetcher.log = { log.append($0) } }
        if let waits { fetcher.sleep = { seconds in waits.append(String(seconds)) } }
        return CatalogLoader(cache: cache, fetcher: fetcher, now: now)
    }

    /// Options with `timeoutSeconds` matching the loader's.
    func options(
        timeout: Double = 2, maxAge: Int = 60, offline: Bool = false, refresh: Bool = false, requireFresh: Bool = false
    ) -> CatalogLoadOptions {
        CatalogLoadOptions(
            maxAgeMinutes: maxAge, offline: offline, refresh: refresh, requireFresh: requireFresh,
            timeoutSeconds: timeout)
    }

    /// Writes `body` as the cached catalog of `url`, fetched `age` seconds ago, with validators.
    @discardableResult
    func seed(
        _ url: URL, body: Data = Fixtures.smallCatalog(tag: "cached"), age: Double = 3 * 3_600 + 30,
        etag: String? = "\"v1\"", lastModified: String? = "Wed, 01 Jul 2026 10:00:00 GMT"
    ) throws -> CacheMetadata {
        let metadata = CacheMetadata(
            url: url.absoluteString, fetchedAt: Date().addingTimeInterval(-age), etag: etag,
            lastModified: lastModified, size: body.count)
        try cache.store(body, metadata: metadata)
        return metadata
    }

    /// The bytes of every file in the cache directory, by name.
    func files() -> [String: Data] {
        var result: [String: Data] = [:]
        for name in directory.files() {
            result[name] = FileManager.default.contents(atPath: directory.path(name).path)
        }
        return result
    }
}

/// Lines collected from several threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ line: String) {
        lock.withLock { storage.append(line) }
    }

    var lines: [String] {
        lock.withLock { storage }
    }
}

extension CatalogLoader {
    /// Loads as a run does once it accepts the catalog: the load, then the cache write it left pending.
    func loadAndCommit(_ source: CatalogSource, options: CatalogLoadOptions) async throws -> LoadedCatalog {
        var loaded = try await load(source, options: options)
        if let warning = commit(loaded.pendingCacheWrite) { loaded.warnings.append(warning) }
        return loaded
    }

    /// Refreshes as `cache refresh` does: the download, then its cache write.
    func refreshAndCommit(_ source: CatalogSource) async throws -> LoadedCatalog {
        var loaded = try await refresh(source)
        if let warning = commit(loaded.pendingCacheWrite) { loaded.warnings.append(warning) }
        return loaded
    }
}

extension CatalogError {
    /// The message as the command line shows it, options spelled as flags.
    var commandLineText: String {
        message.rendered { option, value in "--" + option.rawValue + (value.map { " " + $0 } ?? "") }
    }
}
