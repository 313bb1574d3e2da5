import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// The cache and network client against a real HTTP server on 127.0.0.1: every fault mode of issue 3.
///
/// Upper time bounds leave 6 s of slack: tests run in parallel on two cores, and a task that awaits a network
/// failure resumes only when a thread of the cooperative pool is free.
struct LoopbackFaultTests {
    private let newCatalog = Fixtures.smallCatalog(providers: 3, tag: "new")

    @Test func freshCacheIsUsedWithoutARequest() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(newCatalog)])
        try bed.seed(server.url(), age: 5 * 60)
        let before = bed.files()

        let loaded = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(server.requestCount == 0)
        #expect(loaded.provenance.origin == .cached)
        #expect(loaded.provenance.isStale == false)
        #expect(loaded.catalog.providers.count == 2)
        #expect(loaded.warnings.isEmpty)
        #expect(
            loaded.provenance.summary.description == "catalog: \(server.url()) (cached 5 min ago, fresh, ETag \"v1\")")
        #expect(bed.files() == before)
    }

    @Test func staleCacheIsRevalidatedConditionallyAndA304RenewsIt() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.status(304, headers: ["ETag": "\"v1\""])])
        try bed.seed(server.url())
        let body = try #require(bed.files()[bed.cache.bodyFile(for: server.url()).lastPathComponent])

        let now = Date(timeIntervalSince1970: 1_800_000_000.75)
        let loaded = try await bed.loader(now: { now }).loadAndCommit(.url(server.url()), options: bed.options())

        #expect(server.requestCount == 1)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/api.json")
        #expect(request.headers["if-none-match"] == "\"v1\"")
        #expect(request.headers["if-modified-since"] == "Wed, 01 Jul 2026 10:00:00 GMT")
        #expect(request.headers["user-agent"] == "modelsync/\(ModelsyncVersion.current)")
        #expect(loaded.provenance.origin == .revalidated)
        #expect(loaded.provenance.fromCache)
        #expect(loaded.catalog.providers.count == 2)
        let renewed = try #require(bed.cache.metadata(for: server.url()))
        #expect(renewed.fetchedAt == Date(timeIntervalSince1970: 1_800_000_000), "renewed to the second")
        #expect(renewed.etag == "\"v1\"")
        #expect(bed.files()[bed.cache.bodyFile(for: server.url()).lastPathComponent] == body)

        _ = try await bed.loader(now: { now.addingTimeInterval(60) }).loadAndCommit(
            .url(server.url()), options: bed.options())
        #expect(server.requestCount == 1, "the renewed cache is fresh again")
    }

    @Test func a200BodyReplacesTheCache() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [
            .json(newCatalog, etag: "\"v2\"", lastModified: "Thu, 02 Jul 2026 10:00:00 GMT")
        ])
        try bed.seed(server.url())

        let loaded = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(loaded.provenance.origin == .downloaded)
        #expect(loaded.provenance.etag == "\"v2\"")
        #expect(loaded.catalog.providers.count == 3)
        #expect(FileManager.default.contents(atPath: bed.cache.bodyFile(for: server.url()).path) == newCatalog)
        let metadata = try #require(bed.cache.metadata(for: server.url()))
        #expect(metadata.etag == "\"v2\"")
        #expect(metadata.lastModified == "Thu, 02 Jul 2026 10:00:00 GMT")
        #expect(metadata.size == newCatalog.count)
        #expect(bed.directory.files().allSatisfy { !$0.contains(".tmp-") })
    }

    @Test(arguments: [
        (
            "{\"p\":{\"models\":{}",
            "sent an unusable catalog: invalid JSON: unexpected end of input inside an object"
                + " at line 1, column 18 (byte 17)"
        ),
        (
            "{\"p\":{\"name\":\"P\"}}",
            "sent an unusable catalog: not a models.dev catalog: provider \"p\" has no"
                + " \"models\" object at line 1, column 6 (byte 5)"
        ),
    ])
    func anInvalidBodyKeepsTheCacheAndSaysWhy(body: String, problem: String) async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(Data(body.utf8), etag: "\"bad\"")])
        try bed.seed(server.url())
        let before = bed.files()
        let host = "127.0.0.1:\(server.port)"

        let loaded = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(loaded.provenance.origin == .fallback)
        #expect(loaded.catalog.providers.count == 2)
        #expect(loaded.warnings == ["\(host) \(problem); using the catalog cached 3 h ago"])
        #expect(bed.files() == before)

        await #expect(throws: CatalogError.self) {
            try await bed.loader().refreshAndCommit(.url(server.url()))
        }
        #expect(bed.files() == before)
        #expect(server.requestCount == 2, "an invalid body is final, not retried")
    }

    @Test func anInvalidBodyWithoutACacheFailsWithTheReason() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(Data("[]".utf8))])
        do {
            _ = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())
            Issue.record("expected an error")
        } catch let error as CatalogError {
            #expect(
                error.commandLineText
                    == "cannot fetch \(server.url()): not a models.dev catalog: the catalog must be an object, found"
                    + " an array at line 1, column 1 (byte 0); no cached catalog to fall back on"
                    + " (hint: --source FILE reads a saved api.json)")
        }
        #expect(bed.directory.files().isEmpty)
    }

    @Test func twoServerErrorsAreRetriedAndTheThirdAttemptSucceeds() async throws {
        let bed = try CacheTestBed()
        let log = LogLines()
        let server = try LoopbackHTTPServer(script: [.status(500), .status(503), .json(newCatalog)])

        let loaded = try await bed.loader(log: log).loadAndCommit(.url(server.url()), options: bed.options())

        #expect(server.requestCount == 3)
        #expect(loaded.provenance.origin == .downloaded)
        #expect(loaded.catalog.providers.count == 3)
        #expect(log.lines.count == 2)
        #expect(
            log.lines.first?.hasPrefix("attempt 1 of 3 failed: HTTP 500 Internal Server Error; retrying in") == true)
        #expect(log.lines.last?.hasPrefix("attempt 2 of 3 failed: HTTP 503 Service Unavailable; retrying in") == true)
    }

    @Test func threeServerErrorsGiveUpWithTheLastStatus() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.status(500)])
        await #expect(
            throws: CatalogError.noCachedCatalog(
                url: server.url().absoluteString,
                reason: "HTTP 500 Internal Server Error (gave up after 3 attempts)")
        ) {
            try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())
        }
        #expect(server.requestCount == 3)
    }

    @Test func a429WithRetryAfterOneSecondWaitsAndSucceeds() async throws {
        let bed = try CacheTestBed()
        let log = LogLines()
        let waits = LogLines()
        let server = try LoopbackHTTPServer(script: [.status(429, headers: ["Retry-After": "1"]), .json(newCatalog)])

        let loaded = try await bed.loader(log: log, waits: waits).loadAndCommit(
            .url(server.url()), options: bed.options())

        #expect(server.requestCount == 2)
        #expect(loaded.provenance.origin == .downloaded)
        #expect(waits.lines == ["1.0"], "waited what Retry-After asked")
        #expect(log.lines == ["attempt 1 of 3 failed: HTTP 429 Too Many Requests; retrying in 1.0 s"])
    }

    @Test func aStalledBodyFailsWithinTheTimeoutAndTheStaleCacheIsUsed() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [
            .stall(status: 200, body: Data("{\"p\":".utf8), declaredLength: 10_000)
        ])
        try bed.seed(server.url())
        let before = bed.files()
        let waits = LogLines()

        let loaded = try await bed.loader(timeout: 0.3, waits: waits).loadAndCommit(
            .url(server.url()), options: bed.options(timeout: 0.3))
        // The inactivity (connect) timeout equals the total one here; either may report first.

        #expect(server.requestCount == 3)
        #expect(waits.lines.count == 2, "a backoff between attempts: \(waits.lines)")
        #expect(loaded.provenance.origin == .fallback)
        #expect(loaded.provenance.isStale)
        let reasons = ["timed out after 0.3 s", "timed out: nothing received for 0.3 s"].map {
            "127.0.0.1:\(server.port) unreachable: \($0) (gave up after 3 attempts); using the catalog cached 3 h ago"
        }
        #expect(loaded.warnings.count == 1)
        #expect(reasons.contains(loaded.warnings.first ?? ""), "\(loaded.warnings)")
        #expect(bed.files() == before)
    }

    @Test func aTruncatedBodyIsNeverCached() async throws {
        let bed = try CacheTestBed()
        let half = newCatalog.prefix(newCatalog.count / 2)
        let server = try LoopbackHTTPServer(script: [
            .truncate(status: 200, body: Data(half), declaredLength: newCatalog.count)
        ])

        await #expect(
            throws: CatalogError.noCachedCatalog(
                url: server.url().absoluteString,
                reason: "the connection closed after \(half.count) of \(newCatalog.count) bytes of the body"
                    + " (gave up after 3 attempts)")
        ) {
            try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())
        }
        #expect(server.requestCount == 3)
        #expect(bed.directory.files().isEmpty)
    }

    @Test func aBodyOverTheLimitIsRefusedWithoutRetrying() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(Data(repeating: 0x20, count: 5_000))])
        try bed.seed(server.url())
        let before = bed.files()

        await #expect(
            throws: CatalogError.fetchFailed(
                url: server.url().absoluteString, reason: "the response body is larger than 1 KiB")
        ) {
            try await bed.loader(maxBodyBytes: 1_024).refreshAndCommit(.url(server.url()))
        }
        #expect(server.requestCount == 1)
        #expect(bed.files() == before)
    }

    @Test func aRedirectToPlainHTTPOnAnotherHostIsRefusedWithoutConnecting() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [
            .status(302, headers: ["Location": "http://models.example/api.json"])
        ])

        await #expect(
            throws: CatalogError.noCachedCatalog(
                url: server.url().absoluteString,
                reason: "refused redirect to http://models.example/api.json: only https:// or loopback http:// is"
                    + " followed")
        ) {
            try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())
        }
        #expect(server.requestCount == 1)
    }

    @Test func aRedirectOnTheLoopbackHostIsFollowed() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [
            .status(301, headers: ["Location": "/v2/api.json"]), .json(newCatalog),
        ])

        let loaded = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(loaded.catalog.providers.count == 3)
        #expect(server.requests.map(\.path) == ["/api.json", "/v2/api.json"])
        #expect(bed.cache.metadata(for: server.url()) != nil, "cached under the URL asked for")
    }

    @Test func serverDownWithoutACacheFailsWithTheHint() async throws {
        let bed = try CacheTestBed()
        let port = try LoopbackHTTPServer.refusedPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/api.json"))

        await #expect(
            throws: CatalogError.noCachedCatalog(
                url: url.absoluteString,
                reason: "cannot connect to 127.0.0.1:\(port) (gave up after 3 attempts)")
        ) {
            try await bed.loader().loadAndCommit(.url(url), options: bed.options())
        }
        let message = CatalogError.noCachedCatalog(url: url.absoluteString, reason: "r").commandLineText
        #expect(message.hasSuffix("(hint: --source FILE reads a saved api.json)"))
    }

    @Test func offlineNeverConnects() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(newCatalog)])
        try bed.seed(server.url())
        let before = bed.files()

        let loaded = try await bed.loader().loadAndCommit(
            .url(server.url()), options: bed.options(offline: true, refresh: true))

        #expect(loaded.provenance.origin == .offline)
        #expect(loaded.provenance.isStale)
        #expect(loaded.catalog.providers.count == 2)
        #expect(server.requestCount == 0)
        #expect(bed.files() == before)

        let empty = try CacheTestBed()
        await #expect(throws: CatalogError.offlineWithoutCache(url: server.url().absoluteString)) {
            try await empty.loader().loadAndCommit(.url(server.url()), options: empty.options(offline: true))
        }
        #expect(server.requestCount == 0)
    }

    @Test func requireFreshWithAStaleCacheAndTheServerDownFails() async throws {
        let bed = try CacheTestBed()
        let port = try LoopbackHTTPServer.refusedPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/api.json"))
        try bed.seed(url)
        let before = bed.files()

        await #expect(
            throws: CatalogError.staleCache(
                url: url.absoluteString, age: "3 h",
                reason: "127.0.0.1:\(port) unreachable: cannot connect to 127.0.0.1:\(port) (gave up after 3 attempts)")
        ) {
            try await bed.loader().loadAndCommit(.url(url), options: bed.options(requireFresh: true))
        }
        #expect(bed.files() == before)
        await #expect(
            throws: CatalogError.staleCache(
                url: url.absoluteString, age: "3 h",
                reason: "\(option: CatalogError.offlineOption) forbids revalidating")
        ) {
            try await bed.loader().loadAndCommit(.url(url), options: bed.options(offline: true, requireFresh: true))
        }
    }

    @Test func aCorruptCacheIsDiscardedAndRefetched() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.json(newCatalog, etag: "\"v2\"")])
        let garbage = Data("{\"p\":{\"models\":".utf8)
        try bed.seed(server.url(), body: garbage, age: 60)

        let loaded = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(server.requestCount == 1)
        #expect(server.requests.first?.headers["if-none-match"] == nil, "nothing trusted from the corrupt entry")
        #expect(loaded.provenance.origin == .downloaded)
        #expect(loaded.warnings.count == 1)
        #expect(
            loaded.warnings.first?.hasPrefix(
                "discarded the cached catalog for \(server.url()): invalid JSON: unexpected end of input") == true)
        #expect(FileManager.default.contents(atPath: bed.cache.bodyFile(for: server.url()).path) == newCatalog)
    }

    @Test func maxAgeZeroAlwaysRevalidatesAndRefreshIgnoresFreshness() async throws {
        let bed = try CacheTestBed()
        let server = try LoopbackHTTPServer(script: [.status(304)])
        try bed.seed(server.url(), age: 10)

        _ = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options(maxAge: 0))
        _ = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options(refresh: true))
        _ = try await bed.loader().loadAndCommit(.url(server.url()), options: bed.options())

        #expect(server.requestCount == 2)
    }
}
