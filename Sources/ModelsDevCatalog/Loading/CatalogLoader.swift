import Foundation

/// Gets the catalog from its source, through the cache for URL sources (SPEC §6), and decodes it.
///
/// For a URL source: a fresh cache (younger than `maxAgeMinutes`) is used without a request; a stale or
/// missing one leads to a conditional GET. `304` renews the cache time; a `200` body is decoded and passed to
/// `accept` before it replaces the cache, so an invalid or refused catalog never does. When the download fails,
/// a cache of any age is used with a warning naming the reason and the age (unless `requireFresh`); with no
/// cache the error carries the hint `--source FILE`. A corrupt cache is discarded and refetched. Files, stdin
/// and `bundled` are read fresh on every run and never cached.
public struct CatalogLoader: Sendable {
    public let cache: CatalogCache
    var fetcher: CatalogFetcher
    var now: @Sendable () -> Date = { Date() }
    var readStandardInput: @Sendable (Int) throws(CatalogError) -> Data = { limit throws(CatalogError) in
        try FileReader.readStandardInput(limit: limit)
    }
    /// The largest catalog read from a file or stdin, in bytes (64 MiB, like downloads).
    var maxFileBytes = 64 << 20

    /// A loader with the standard network client; `log` receives retry and redirect notes (`--verbose`),
    /// `progress` the number of bytes downloaded so far.
    public init(
        cacheDirectory: URL, log: (@Sendable (String) -> Void)? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.cache = CatalogCache(directory: cacheDirectory)
        var fetcher = CatalogFetcher()
        fetcher.log = log
        fetcher.progress = progress
        self.fetcher = fetcher
    }

    init(cache: CatalogCache, fetcher: CatalogFetcher, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cache = cache
        self.fetcher = fetcher
        self.now = now
    }

    /// Loads the catalog from `source`.
    ///
    /// - Parameter accept: called with a catalog before it is used, and for a download before it replaces the
    ///   cache; throwing refuses it (the later safety stop of SPEC §4 rule 5 plugs in here).
    /// - Throws: ``CatalogError``, or what `accept` throws.
    public func load(
        _ source: CatalogSource, options: CatalogLoadOptions = CatalogLoadOptions(),
        accept: (Catalog) throws -> Void = { _ in }
    ) async throws -> LoadedCatalog {
        switch source {
        case .url(let url):
            return try await loadURL(url, options: options, accept: accept)
        case .file(let path):
            let (data, modifiedAt) = try FileReader.read(path: path, limit: maxFileBytes)
            let catalog = try Catalog.decode(data, sourceName: path)
            try accept(catalog)
            let provenance = Provenance(
                source: source, origin: .file, fetchedAt: nil, modifiedAt: modifiedAt,
                ageSeconds: modifiedAt.map { seconds(since: $0) }, etag: nil, isStale: false, cacheFile: nil)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: [])
        case .standardInput:
            let data = try readStandardInput(maxFileBytes)
            let catalog = try Catalog.decode(data, sourceName: "standard input")
            try accept(catalog)
            let provenance = Provenance(
                source: source, origin: .standardInput, fetchedAt: nil, modifiedAt: nil, ageSeconds: nil, etag: nil,
                isStale: false, cacheFile: nil)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: [])
        case .bundled:
            let file = try BundledSnapshot.file()
            let (data, _) = try FileReader.read(path: file.path, limit: maxFileBytes)
            let catalog = try Catalog.decode(data, sourceName: file.path)
            try accept(catalog)
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
        _ source: CatalogSource, timeoutSeconds: Double = 30, accept: (Catalog) throws -> Void = { _ in }
    ) async throws -> LoadedCatalog {
        guard case .url(let url) = source else { throw CatalogError.notCached(source: source.description) }
        var warnings: [String] = []
        let cached = readCache(url, warnings: &warnings)
        return try await download(
            url, cached: cached, timeoutSeconds: timeoutSeconds, warnings: warnings, accept: accept)
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

    private func loadURL(
        _ url: URL, options: CatalogLoadOptions, accept: (Catalog) throws -> Void
    ) async throws -> LoadedCatalog {
        var warnings: [String] = []
        let cached = readCache(url, warnings: &warnings)
        let fresh = cached.map { isFresh($0.metadata, maxAgeMinutes: options.maxAgeMinutes) } ?? false
        if options.offline {
            guard let cached else { throw CatalogError.offlineWithoutCache(url: url.absoluteString) }
            if !fresh, options.requireFresh {
                throw CatalogError.staleCache(
                    url: url.absoluteString, age: ageText(cached.metadata), reason: "--offline forbids revalidating")
            }
            try accept(cached.catalog)
            return cachedResult(url, cached, origin: .offline, fresh: fresh, warnings: warnings)
        }
        if let cached, fresh, !options.refresh {
            try accept(cached.catalog)
            return cachedResult(url, cached, origin: .cached, fresh: true, warnings: warnings)
        }
        do {
            return try await download(
                url, cached: cached, timeoutSeconds: options.timeoutSeconds, warnings: warnings, accept: accept)
        } catch let error as CatalogError {
            guard let cached else {
                throw CatalogError.noCachedCatalog(url: url.absoluteString, reason: error.reason)
            }
            let problem = Self.problem(of: error, url: url)
            if !fresh, options.requireFresh {
                throw CatalogError.staleCache(url: url.absoluteString, age: ageText(cached.metadata), reason: problem)
            }
            try accept(cached.catalog)
            warnings.append("\(problem); using the catalog cached \(ageText(cached.metadata)) ago")
            return cachedResult(url, cached, origin: .fallback, fresh: fresh, warnings: warnings)
        }
    }

    /// A conditional GET against `cached`; stores what the server confirms or sends.
    private func download(
        _ url: URL, cached: Cached?, timeoutSeconds: Double, warnings: [String], accept: (Catalog) throws -> Void
    ) async throws -> LoadedCatalog {
        var warnings = warnings
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
            try accept(cached.catalog)
            do {
                try cache.renew(metadata)
            } catch {
                warnings.append("\(error)")
            }
            return cachedResult(
                url, Cached(metadata: metadata, catalog: cached.catalog), origin: .revalidated, fresh: true,
                warnings: warnings)
        case .body(let response):
            let catalog = try Catalog.decode(response.body, sourceName: url.absoluteString)
            try accept(catalog)
            let metadata = CacheMetadata(
                url: url.absoluteString, fetchedAt: now(), etag: response.header("ETag"),
                lastModified: response.header("Last-Modified"), size: response.body.count)
            do {
                try cache.store(response.body, metadata: metadata)
            } catch {
                warnings.append("\(error)")
            }
            let provenance = Provenance(
                source: .url(url), origin: .downloaded, fetchedAt: metadata.fetchedAt, modifiedAt: nil, ageSeconds: 0,
                etag: metadata.etag, isStale: false, cacheFile: cache.bodyFile(for: url).path)
            return LoadedCatalog(catalog: catalog, provenance: provenance, warnings: warnings)
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
