import Diagnostics
import Foundation

/// Gets the catalog from its source, through the cache for URL sources (docs/catalog.md), and decodes it.
///
/// For a URL source: a fresh cache (younger than `maxAgeMinutes`) is used without a request; a stale or
/// missing one leads to a conditional GET. `304` renews the cache time and a `200` body replaces the cache, but
/// neither is written by the load: the loaded catalog carries it as a ``PendingCacheWrite``, which the caller
/// commits with ``commit(_:)`` once it has accepted the catalog, so an invalid or refused catalog never replaces
/// the cache. When the download fails, a cache of any age is used with a warning naming the reason and the age
/// (unless `requireFresh`); with no cache the error names the source option as the way out. A corrupt cache is
/// discarded and refetched. Files, stdin and `bundled` are read fresh on every run and never cached; a relative
/// file path is read from ``workingDirectory``.
public struct CatalogLoader: Sendable {
    public let cache: CatalogCache
    var fetcher: CatalogFetcher
    /// The current time, for cache ages.
    public var now: @Sendable () -> Date = { Date() }
    /// Reads standard input to its end, at most the given number of bytes (the source `-`).
    public var readStandardInput: @Sendable (Int) throws(CatalogError) -> Data = { limit throws(CatalogError) in
        try FileReader.readStandardInput(limit: limit)
    }

    /// Reads the process's standard input to its end, at most `limit` bytes.
    public static func readProcessStandardInput(limit: Int) throws(CatalogError) -> Data {
        try FileReader.readStandardInput(limit: limit)
    }
    /// The largest catalog read from a file or stdin, in bytes (64 MiB, like downloads).
    var maxFileBytes = 64 << 20
    /// The directory relative file sources are read from.
    public var workingDirectory: String
    /// Catalogs decoded from files before, reused while a file's size and modification time stay the same; `nil`
    /// decodes every time.
    public var decodedFiles: DecodedCatalogMemo?

    /// A loader with the standard network client; `log` receives retry and redirect notes (shown on request),
    /// `progress` the number of bytes downloaded so far; relative file sources are read from `workingDirectory`.
    public init(
        cacheDirectory: URL, workingDirectory: String = FileManager.default.currentDirectoryPath,
        log: (@Sendable (String) -> Void)? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.cache = CatalogCache(directory: cacheDirectory)
        self.workingDirectory = workingDirectory
        var fetcher = CatalogFetcher()
        fetcher.log = log
        fetcher.progress = progress
        self.fetcher = fetcher
    }

    /// Makes the cache write a load left pending (a downloaded body, or a `304`'s renewed time); returns a warning
    /// when the cache could not be written (the run goes on with the catalog in memory).
    public func commit(_ pending: PendingCacheWrite?) -> String? {
        guard let pending else { return nil }
        do {
            switch pending.kind {
            case .store(let body): try cache.store(body, metadata: pending.metadata)
            case .renew: try cache.renew(pending.metadata)
            }
            return nil
        } catch {
            return error.description
        }
    }

    init(cache: CatalogCache, fetcher: CatalogFetcher, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cache = cache
        self.fetcher = fetcher
        self.now = now
        self.workingDirectory = FileManager.default.currentDirectoryPath
    }

    /// Loads the catalog from `source`; a download's cache write is left pending (``commit(_:)``).
    ///
    /// - Throws: ``CatalogError``.
    public func load(
        _ source: CatalogSource, options: CatalogLoadOptions = CatalogLoadOptions()
    ) async throws(CatalogError) -> LoadedCatalog {
        switch source {
        case .url(let url):
            return try await loadURL(url, options: options)
        case .file(let path):
            let (catalog, modifiedAt) = try readFile(path, sourceName: path)
            let provenance = Provenance(
                source: source, origin: .file, fetchedAt: nil, modifiedAt: modifiedAt,
                ageSeconds: modifiedAt.map { seconds(since: $0) }, etag: nil, isStale: false, cacheFile: nil)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: [])
        case .standardInput:
            let data = try readStandardInput(maxFileBytes)
            let catalog = try Catalog.decode(data, sourceName: "standard input")
            let provenance = Provenance(
                source: source, origin: .standardInput, fetchedAt: nil, modifiedAt: nil, ageSeconds: nil, etag: nil,
                isStale: false, cacheFile: nil)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: [])
        case .bundled:
            let file = try BundledSnapshot.file()
            let (catalog, _) = try readFile(file.path, sourceName: file.path)
            let date = Timestamp.parse(BundledSnapshot.date + "T00:00:00Z")
            let provenance = Provenance(
                source: source, origin: .bundled, fetchedAt: nil, modifiedAt: date,
                ageSeconds: date.map { seconds(since: $0) }, etag: nil, isStale: false, cacheFile: nil)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: [])
        }
    }

    /// Revalidates the cache of `source` now, whatever its age (`cache refresh`).
    ///
    /// A conditional GET: `304` renews and `200` replaces. Never falls back: a failed download throws, and the
    /// cache stays as it was.
    public func refresh(
        _ source: CatalogSource, timeoutSeconds: Double = 30
    ) async throws(CatalogError) -> LoadedCatalog {
        guard case .url(let url) = source else { throw CatalogError.notCached(source: source.description) }
        var warnings: [String] = []
        let cached = readCache(url, warnings: &warnings)
        return try await download(url, cached: cached, timeoutSeconds: timeoutSeconds, warnings: warnings)
    }

    /// Reads and decodes a catalog file (a relative path from ``workingDirectory``), through ``decodedFiles``.
    private func readFile(_ path: String, sourceName: String) throws(CatalogError) -> (Catalog, modifiedAt: Date?) {
        let location =
            path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        if let decodedFiles, let (catalog, modifiedAt) = decodedFiles.lookUp(location) {
            return (catalog, modifiedAt)
        }
        let (data, modifiedAt) = try FileReader.read(path: location, limit: maxFileBytes, name: path)
        let catalog = try Catalog.decode(data, sourceName: sourceName)
        decodedFiles?.remember(catalog, for: location)
        return (catalog, modifiedAt)
    }

    /// The state of the cache for `source`, read without touching the network or changing any file.
    public func status(of source: CatalogSource, maxAgeMinutes: Int) -> CacheStatus {
        guard case .url(let url) = source else {
            return CacheStatus(directory: cache.directory.path, source: source, state: .notCacheable)
        }
        var status = CacheStatus(
            directory: cache.directory.path, source: source, state: .missing, bodyFile: cache.bodyFile(for: url).path,
            metadataFile: cache.metadataFile(for: url).path, maxAgeMinutes: maxAgeMinutes)
        switch cache.inspect(url) {
        case .missing:
            break
        case .discarded(let reason):
            status.state = .corrupt(reason: reason)
        case .found(let entry):
            let age = seconds(since: entry.metadata.fetchedAt)
            status.metadata = entry.metadata
            status.ageSeconds = age
            status.state = isFresh(entry.metadata, maxAgeMinutes: maxAgeMinutes) ? .fresh : .stale
        }
        return status
    }

    // MARK: URL sources

    private struct Cached {
        var metadata: CacheMetadata
        var catalog: Catalog
    }

    private func loadURL(_ url: URL, options: CatalogLoadOptions) async throws(CatalogError) -> LoadedCatalog {
        var warnings: [String] = []
        let cached = readCache(url, warnings: &warnings)
        let fresh = cached.map { isFresh($0.metadata, maxAgeMinutes: options.maxAgeMinutes) } ?? false
        if options.offline {
            guard let cached else { throw CatalogError.offlineWithoutCache(url: url.absoluteString) }
            if !fresh, options.requireFresh {
                throw CatalogError.staleCache(
                    url: url.absoluteString, age: ageText(cached.metadata),
                    reason: "\(option: CatalogError.offlineOption) forbids revalidating")
            }
            return cachedResult(url, cached, origin: .offline, fresh: fresh, warnings: warnings)
        }
        if let cached, fresh, !options.refresh {
            return cachedResult(url, cached, origin: .cached, fresh: true, warnings: warnings)
        }
        do throws(CatalogError) {
            return try await download(url, cached: cached, timeoutSeconds: options.timeoutSeconds, warnings: warnings)
        } catch {
            guard let cached else {
                throw CatalogError.noCachedCatalog(url: url.absoluteString, reason: error.reason)
            }
            let problem = Self.problem(of: error, url: url)
            if !fresh, options.requireFresh {
                throw CatalogError.staleCache(
                    url: url.absoluteString, age: ageText(cached.metadata), reason: DiagnosticText(problem))
            }
            warnings.append("\(problem); using the catalog cached \(ageText(cached.metadata)) ago")
            return cachedResult(url, cached, origin: .fallback, fresh: fresh, warnings: warnings)
        }
    }

    /// A conditional GET against `cached`; what the server confirms or sends is to be stored once accepted.
    private func download(
        _ url: URL, cached: Cached?, timeoutSeconds: Double, warnings: [String]
    ) async throws(CatalogError) -> LoadedCatalog {
        var fetcher = self.fetcher
        fetcher.timeout = timeoutSeconds
        fetcher.connectTimeout = min(fetcher.connectTimeout, timeoutSeconds)
        let outcome = try await fetcher.fetch(
            url, etag: cached?.metadata.etag, lastModified: cached?.metadata.lastModified)
        switch outcome {
        case .notModified(let response):
            guard let cached else {
                throw CatalogError.fetchFailed(
                    url: url.absoluteString, reason: "HTTP 304 Not Modified, but nothing was cached")
            }
            var metadata = cached.metadata
            metadata.fetchedAt = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
            metadata.etag = response.header("ETag") ?? metadata.etag
            metadata.lastModified = response.header("Last-Modified") ?? metadata.lastModified
            var loaded = cachedResult(
                url, Cached(metadata: metadata, catalog: cached.catalog), origin: .revalidated, fresh: true,
                warnings: warnings)
            loaded.pendingCacheWrite = PendingCacheWrite(kind: .renew, metadata: metadata)
            return loaded
        case .body(let response):
            let catalog = try Catalog.decode(response.body, sourceName: url.absoluteString)
            let metadata = CacheMetadata(
                url: url.absoluteString, fetchedAt: now(), etag: response.header("ETag"),
                lastModified: response.header("Last-Modified"), size: response.body.count)
            let provenance = Provenance(
                source: .url(url), origin: .downloaded, fetchedAt: metadata.fetchedAt, modifiedAt: nil, ageSeconds: 0,
                etag: metadata.etag, isStale: false, cacheFile: cache.bodyFile(for: url).path)
            return LoadedCatalog(
                catalog: catalog, provenance: provenance, warnings: warnings,
                pendingCacheWrite: PendingCacheWrite(kind: .store(response.body), metadata: metadata))
        }
    }

    /// The cached catalog for `url`, decoded; a corrupt one is discarded with a warning.
    private func readCache(_ url: URL, warnings: inout [String]) -> Cached? {
        switch cache.read(url) {
        case .missing:
            return nil
        case .discarded(let reason):
            warnings.append("discarded the cached catalog for \(url.absoluteString): \(reason)")
            return nil
        case .found(let entry):
            do {
                let catalog = try Catalog.decode(entry.body, sourceName: cache.bodyFile(for: url).path)
                return Cached(metadata: entry.metadata, catalog: catalog)
            } catch {
                cache.discard(url, reason: error.reason)
                warnings.append("discarded the cached catalog for \(url.absoluteString): \(error.reason)")
                return nil
            }
        }
    }

    private func cachedResult(
        _ url: URL, _ cached: Cached, origin: Provenance.Origin, fresh: Bool, warnings: [String]
    ) -> LoadedCatalog {
        let provenance = Provenance(
            source: .url(url), origin: origin, fetchedAt: cached.metadata.fetchedAt, modifiedAt: nil,
            ageSeconds: seconds(since: cached.metadata.fetchedAt), etag: cached.metadata.etag, isStale: !fresh,
            cacheFile: cache.bodyFile(for: url).path)
        return LoadedCatalog(catalog: cached.catalog, provenance: provenance, warnings: warnings)
    }

    /// Whether `metadata` is younger than `maxAgeMinutes`; 0 minutes is never fresh, and neither is a fetch time
    /// in the future (a clock that jumped back).
    private func isFresh(_ metadata: CacheMetadata, maxAgeMinutes: Int) -> Bool {
        let age = now().timeIntervalSince(metadata.fetchedAt)
        return maxAgeMinutes > 0 && age >= -1 && age < Double(maxAgeMinutes) * 60
    }

    private func seconds(since date: Date) -> Int {
        max(0, Int(now().timeIntervalSince(date).rounded(.down)))
    }

    private func ageText(_ metadata: CacheMetadata) -> String {
        AgeText.format(seconds: seconds(since: metadata.fetchedAt))
    }

    /// `<host> unreachable: <reason>` for network failures, `<host> sent an unusable catalog: <reason>` for bad
    /// bodies; the host is `models.dev` for the default source.
    static func problem(of error: CatalogError, url: URL) -> String {
        let host = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? url.absoluteString
        switch error {
        case .invalidJSON, .notACatalog:
            return "\(host) sent an unusable catalog: \(error.reason)"
        default:
            return "\(host) unreachable: \(error.reason)"
        }
    }
}
