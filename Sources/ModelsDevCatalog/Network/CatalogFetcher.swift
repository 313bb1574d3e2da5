import Foundation

/// Downloads api.json over HTTP: conditional requests, retries with backoff, safe redirects, size and time limits.
///
/// Redirects are followed (at most ``maxRedirects``) only to `https://` or to `http://` on a loopback host; a
/// redirect elsewhere fails without connecting there. Each attempt has its own connect and total timeout.
struct CatalogFetcher: Sendable {
    /// What a successful exchange produced.
    enum Outcome: Sendable {
        /// `304 Not Modified`: the cached body is current.
        case notModified(HTTPResponse)
        /// `200 OK` with a complete body (not yet validated as a catalog).
        case body(HTTPResponse)
    }

    var transport: any HTTPTransport = CurlTransport()
    var retry = RetryPolicy.standard
    /// The total time one attempt may take, headers and body, in seconds (`--timeout`).
    var timeout: Double = 30
    /// The connect (and read inactivity) timeout of one attempt, in seconds; at most ``timeout``.
    var connectTimeout: Double = 10
    /// The largest body accepted, in bytes (64 MiB).
    var maxBodyBytes = 64 << 20
    /// The most redirects followed in one attempt.
    var maxRedirects = 5
    var userAgent = "modelsync/\(ModelsyncVersion.current)"
    /// Waits this many seconds between attempts.
    var sleep: @Sendable (Double) async throws -> Void = { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
    /// A random number in [0, 1) for jitter.
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// The current time, for HTTP-date `Retry-After` values.
    var now: @Sendable () -> Date = { Date() }
    /// Receives one line per retry, for `--verbose`.
    var log: (@Sendable (String) -> Void)?
    /// Receives the number of body bytes received so far.
    var progress: (@Sendable (Int) -> Void)?

    /// Fetches `url`, sending `If-None-Match: etag` and `If-Modified-Since: lastModified` when given.
    func fetch(_ url: URL, etag: String?, lastModified: String?) async throws(CatalogError) -> Outcome {
        var headers: [(name: String, value: String)] = [("User-Agent", userAgent), ("Accept", "application/json")]
        if let etag { headers.append(("If-None-Match", etag)) }
        if let lastModified { headers.append(("If-Modified-Since", lastModified)) }
        var lastReason = ""
        for attempt in 1...retry.attempts {
            var wait: Double
            do {
                let response = try await sendFollowingRedirects(url, headers: headers)
                switch response.status {
                case 200: return .body(response)
                case 304: return .notModified(response)
                case 429, 500...599:
                    lastReason = HTTPStatus.describe(response.status)
                    wait = retry.backoff(afterAttempt: attempt, random: random())
                    if let value = response.header("Retry-After"),
                        let asked = retry.retryAfter(value, now: now().timeIntervalSince1970)
                    {
                        wait = asked
                    }
                default:
                    throw CatalogError.fetchFailed(
                        url: url.absoluteString, reason: HTTPStatus.describe(response.status))
                }
            } catch let failure as TransportFailure where failure.isRetryable {
                lastReason = failure.reason
                wait = retry.backoff(afterAttempt: attempt, random: random())
            } catch let failure as TransportFailure {
                throw .fetchFailed(url: url.absoluteString, reason: failure.reason)
            } catch let error as CatalogError {
                throw error
            } catch {
                throw .fetchFailed(url: url.absoluteString, reason: "\(error)")
            }
            guard attempt < retry.attempts else { break }
            log?("attempt \(attempt) of \(retry.attempts) failed: \(lastReason); retrying in \(Self.format(wait))")
            do {
                try await sleep(wait)
            } catch {
                throw .fetchFailed(
                    url: url.absoluteString, reason: "cancelled while waiting to retry after \(lastReason)")
            }
        }
        let tries = retry.attempts == 1 ? "1 attempt" : "\(retry.attempts) attempts"
        throw .fetchFailed(url: url.absoluteString, reason: "\(lastReason) (gave up after \(tries))")
    }

    /// One attempt: the request and any redirects it leads to.
    private func sendFollowingRedirects(
        _ url: URL, headers: [(name: String, value: String)]
    ) async throws -> HTTPResponse {
        var current = url
        var hops = 0
        while true {
            let request = HTTPRequest(
                url: current, headers: headers, connectTimeout: min(connectTimeout, timeout), totalTimeout: timeout,
                maxBodyBytes: maxBodyBytes, progress: progress)
            let response = try await transport.send(request)
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            guard let location = response.header("Location"), let next = URL(string: location, relativeTo: current)
            else {
                throw CatalogError.fetchFailed(
                    url: url.absoluteString, reason: "\(HTTPStatus.describe(response.status)) without a usable Location"
                )
            }
            let target = next.absoluteURL
            guard Self.isFollowable(target) else {
                throw CatalogError.fetchFailed(
                    url: url.absoluteString,
                    reason:
                        "refused redirect to \(target.absoluteString): only https:// or loopback http:// is followed")
            }
            hops += 1
            guard hops <= maxRedirects else {
                throw CatalogError.fetchFailed(url: url.absoluteString, reason: "more than \(maxRedirects) redirects")
            }
            log?("redirected to \(target.absoluteString)")
            current = target
        }
    }

    /// Whether a redirect may go to `url`: `https://`, or `http://` on a loopback host.
    static func isFollowable(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host.map { !$0.isEmpty } ?? false
        case "http": return url.host.map(LoopbackHost.contains) ?? false
        default: return false
        }
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.1f s", seconds)
    }
}
