import Foundation
import Testing

@testable import ModelsDevCatalog

/// Retry, backoff, `Retry-After` and redirect rules of the fetcher, in process with a scripted transport.
struct CatalogFetcherTests {
    /// Answers from a script and records requests; the last entry repeats.
    final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
        enum Step {
            case response(Int, [String: String])
            case failure(TransportFailure)
        }

        private let lock = NSLock()
        private var steps: [Step]
        private var sent: [HTTPRequest] = []

        init(_ steps: [Step]) {
            self.steps = steps
        }

        var requests: [HTTPRequest] { lock.withLock { sent } }

        func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
            let step = lock.withLock { () -> Step? in
                sent.append(request)
                let step = steps.first
                if steps.count > 1 { steps.removeFirst() }
                return step
            }
            switch step {
            case .response(let status, let headers)?:
                var lowered: [String: String] = [:]
                for (name, value) in headers { lowered[name.lowercased()] = value }
                return HTTPResponse(status: status, headers: lowered, body: Data("{}".utf8))
            case .failure(let failure)?:
                throw failure
            case nil:
                throw TransportFailure(kind: .other, reason: "empty script")
            }
        }
    }

    /// Records the waits asked for instead of sleeping.
    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Double] = []
        func record(_ seconds: Double) { lock.withLock { storage.append(seconds) } }
        var all: [Double] { lock.withLock { storage } }
    }

    private let url = URL(string: "https://models.dev/api.json") ?? URL(fileURLWithPath: "/")

    private func fetcher(_ transport: ScriptedTransport, waits: Waits, random: Double = 0.5) -> CatalogFetcher {
        var fetcher = CatalogFetcher()
        fetcher.transport = transport
        fetcher.sleep = { waits.record($0) }
        fetcher.random = { random }
        fetcher.now = { Date(timeIntervalSince1970: 1_780_000_000) }
        return fetcher
    }

    @Test func backsOffExponentiallyWithJitterBetweenAttempts() async throws {
        let transport = ScriptedTransport([.failure(TransportFailure(kind: .connection, reason: "cannot connect"))])
        let waits = Waits()
        await #expect(
            throws: CatalogError.fetchFailed(
                url: url.absoluteString, reason: "cannot connect (gave up after 3 attempts)")
        ) {
            try await fetcher(transport, waits: waits, random: 0.5).fetch(url, etag: nil, lastModified: nil)
        }
        #expect(transport.requests.count == 3)
        #expect(waits.all == [0.375, 0.75])
        #expect(RetryPolicy.standard.backoff(afterAttempt: 1, random: 0) == 0.25)
        #expect(RetryPolicy.standard.backoff(afterAttempt: 2, random: 0.999_999) < 1)
    }

    @Test func sendsTheUserAgentAndConditionalHeaders() async throws {
        let transport = ScriptedTransport([.response(304, [:])])
        let outcome = try await fetcher(transport, waits: Waits()).fetch(
            url, etag: "W/\"abc\"", lastModified: "Wed, 01 Jul 2026 10:00:00 GMT")
        guard case .notModified = outcome else {
            Issue.record("expected 304")
            return
        }
        let headers = Dictionary(uniqueKeysWithValues: transport.requests[0].headers.map { ($0.name, $0.value) })
        #expect(headers["User-Agent"] == "modelsync/\(ModelsyncVersion.current)")
        #expect(headers["If-None-Match"] == "W/\"abc\"")
        #expect(headers["If-Modified-Since"] == "Wed, 01 Jul 2026 10:00:00 GMT")
        #expect(transport.requests[0].maxBodyBytes == 64 << 20)
        #expect(transport.requests[0].totalTimeout == 30)
    }

    @Test func honoursRetryAfterInSecondsOrAsADateUpToSixtySeconds() async throws {
        let transport = ScriptedTransport([
            .response(429, ["Retry-After": "7"]),
            .response(503, ["Retry-After": "Thu, 28 May 2026 20:27:00 GMT"]),
            .response(429, ["Retry-After": "3600"]),
        ])
        let waits = Waits()
        await #expect(throws: CatalogError.self) {
            try await fetcher(transport, waits: waits).fetch(url, etag: nil, lastModified: nil)
        }
        // 1_780_000_000 is 2026-05-28T20:26:40Z; the date asks for 20 s more.
        #expect(waits.all == [7, 20])
        #expect(RetryPolicy.standard.retryAfter("Thu, 28 May 2026 20:27:00 GMT", now: 1_780_000_000) == 20)
        #expect(RetryPolicy.standard.retryAfter("3600", now: 0) == 60)
        #expect(RetryPolicy.standard.retryAfter("soon", now: 0) == nil)
    }

    @Test func doesNotRetryClientErrors() async throws {
        let transport = ScriptedTransport([.response(404, [:])])
        await #expect(throws: CatalogError.fetchFailed(url: url.absoluteString, reason: "HTTP 404 Not Found")) {
            try await fetcher(transport, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func retriesTimeoutsButNotOversizeBodies() async throws {
        let timeouts = ScriptedTransport([
            .failure(TransportFailure(kind: .timeout, reason: "timed out after 30 s")), .response(200, [:]),
        ])
        _ = try await fetcher(timeouts, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
        #expect(timeouts.requests.count == 2)

        let oversize = ScriptedTransport([.failure(TransportFailure(kind: .bodyTooLarge, reason: "too large"))])
        await #expect(throws: CatalogError.fetchFailed(url: url.absoluteString, reason: "too large")) {
            try await fetcher(oversize, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
        }
        #expect(oversize.requests.count == 1)
    }

    @Test func followsOnlyHTTPSOrLoopbackRedirects() async throws {
        let followed = ScriptedTransport([
            .response(301, ["Location": "https://cdn.models.dev/api.json"]),
            .response(307, ["Location": "http://127.0.0.1:8080/api.json"]),
            .response(200, [:]),
        ])
        _ = try await fetcher(followed, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
        #expect(
            followed.requests.map(\.url.absoluteString) == [
                "https://models.dev/api.json", "https://cdn.models.dev/api.json", "http://127.0.0.1:8080/api.json",
            ])

        for target in ["http://models.dev/api.json", "ftp://models.dev/api.json", "file:///etc/passwd"] {
            let refused = ScriptedTransport([.response(302, ["Location": target])])
            await #expect(
                throws: CatalogError.fetchFailed(
                    url: url.absoluteString,
                    reason: "refused redirect to \(target): only https:// or loopback http:// is followed")
            ) {
                try await fetcher(refused, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
            }
            #expect(refused.requests.count == 1)
        }
    }

    @Test func stopsAfterFiveRedirects() async throws {
        let loop = ScriptedTransport([.response(302, ["Location": "/again"])])
        await #expect(throws: CatalogError.fetchFailed(url: url.absoluteString, reason: "more than 5 redirects")) {
            try await fetcher(loop, waits: Waits()).fetch(url, etag: nil, lastModified: nil)
        }
        #expect(loop.requests.count == 6)
    }
}
