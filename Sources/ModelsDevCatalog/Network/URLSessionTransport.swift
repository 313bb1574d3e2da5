import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends catalog requests with Foundation's `URLSession` (libcurl on Linux), one session per exchange.
///
/// Chosen over AsyncHTTPClient because it costs no build time and passed the same fault tests (see
/// docs/catalog.md). Both timeouts are enforced here rather than by `URLSession`, whose request timeout on Linux
/// counts whole seconds (0.5 s fires at once): the connect timeout is an inactivity timeout (nothing received for
/// that long, before or after the headers) and the total timeout a deadline for the whole exchange. Redirects are
/// handed back, never followed here.
struct URLSessionTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
        let exchange = URLSessionExchange(request: request)
        do {
            return try await exchange.run()
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            throw TransportFailure(kind: .other, reason: "\(error)")
        }
    }
}

/// One request/response on its own `URLSession`; the session's delegate, resumed exactly once.
private final class URLSessionExchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let request: HTTPRequest
    private let lock = NSLock()
    private var continuation: CheckedContinuation<HTTPResponse, Error>?
    private var isFinished = false
    private var response: HTTPURLResponse?
    private var body = Data()
    private var session: URLSession?
    private var task: URLSessionDataTask?
    private var lastActivity = DispatchTime.now()

    init(request: HTTPRequest) {
        self.request = request
    }

    func run() async throws -> HTTPResponse {
        let configuration = URLSessionConfiguration.ephemeral
        // URLSession's own timers only as a backstop, well after ours.
        configuration.timeoutIntervalForRequest = (request.totalTimeout + 2).rounded(.up)
        configuration.timeoutIntervalForResource = (request.totalTimeout + 2).rounded(.up)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: configuration.timeoutIntervalForRequest)
        for header in request.headers {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        let task = session.dataTask(with: urlRequest)
        lock.withLock {
            self.session = session
            self.task = task
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let alreadyFinished = lock.withLock {
                    self.continuation = continuation
                    return isFinished
                }
                if alreadyFinished {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                let timeout = request.totalTimeout
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                    let reason = "timed out after \(Self.seconds(timeout))"
                    self?.finish(.failure(TransportFailure(kind: .timeout, reason: reason)))
                }
                lock.withLock { lastActivity = .now() }
                watchInactivity(after: request.connectTimeout)
                task.resume()
            }
        } onCancel: {
            finish(.failure(CancellationError()))
        }
    }

    /// Fails the exchange when nothing arrived for `connectTimeout` seconds; checks again when something did.
    private func watchInactivity(after delay: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in
            guard let self else { return }
            let (finished, last) = self.lock.withLock { (self.isFinished, self.lastActivity) }
            guard !finished else { return }
            let idle = Double(DispatchTime.now().uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
            let limit = self.request.connectTimeout
            if idle >= limit {
                let reason = "timed out: nothing received for \(Self.seconds(limit))"
                self.finish(.failure(TransportFailure(kind: .timeout, reason: reason)))
            } else {
                self.watchInactivity(after: limit - idle)
            }
        }
    }

    /// Resumes the caller once and tears the session down; later calls do nothing.
    private func finish(_ result: Result<HTTPResponse, Error>) {
        let (continuation, session) = lock.withLock { () -> (CheckedContinuation<HTTPResponse, Error>?, URLSession?) in
            guard !isFinished else { return (nil, nil) }
            isFinished = true
            defer {
                self.continuation = nil
                self.session = nil
            }
            return (self.continuation, self.session)
        }
        session?.invalidateAndCancel()
        continuation?.resume(with: result)
    }

    // MARK: URLSessionDataDelegate

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        lock.withLock {
            self.response = http
            lastActivity = .now()
        }
        if response.expectedContentLength > Int64(request.maxBodyBytes) {
            completionHandler(.cancel)
            finish(.failure(Self.tooLarge(request.maxBodyBytes)))
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let size = lock.withLock {
            body.append(data)
            lastActivity = .now()
            return body.count
        }
        if size > request.maxBodyBytes {
            dataTask.cancel()
            finish(.failure(Self.tooLarge(request.maxBodyBytes)))
            return
        }
        request.progress?(size)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (response, body) = lock.withLock { (self.response, self.body) }
        if let error {
            if let response, Self.isIdentity(response), response.expectedContentLength > Int64(body.count) {
                finish(.failure(Self.truncated(received: body.count, expected: response.expectedContentLength)))
            } else {
                finish(.failure(Self.failure(for: error, request: request)))
            }
            return
        }
        guard let response else {
            finish(.failure(TransportFailure(kind: .other, reason: "no HTTP response")))
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        if Self.isIdentity(response), response.expectedContentLength > Int64(body.count) {
            finish(.failure(Self.truncated(received: body.count, expected: response.expectedContentLength)))
            return
        }
        finish(.success(HTTPResponse(status: response.statusCode, headers: headers, body: body)))
    }

    // MARK: Failures

    /// Whether the body arrives as sent (no `Content-Encoding`), so that `Content-Length` counts its bytes.
    private static func isIdentity(_ response: HTTPURLResponse) -> Bool {
        let encoding = response.value(forHTTPHeaderField: "Content-Encoding")?.lowercased() ?? "identity"
        return encoding == "identity"
    }

    private static func tooLarge(_ limit: Int) -> TransportFailure {
        TransportFailure(kind: .bodyTooLarge, reason: "the response body is larger than \(ByteCount.format(limit))")
    }

    private static func truncated(received: Int, expected: Int64) -> TransportFailure {
        TransportFailure(
            kind: .connection, reason: "the connection closed after \(received) of \(expected) bytes of the body")
    }

    private static func failure(for error: Error, request: HTTPRequest) -> TransportFailure {
        guard let urlError = error as? URLError else {
            return TransportFailure(kind: .other, reason: "\(error)")
        }
        switch urlError.code {
        case .timedOut:
            return TransportFailure(kind: .timeout, reason: "timed out after \(seconds(request.totalTimeout))")
        case .cannotConnectToHost:
            return TransportFailure(kind: .connection, reason: "cannot connect to \(hostAndPort(request.url))")
        case .cannotFindHost, .dnsLookupFailed:
            return TransportFailure(kind: .connection, reason: "cannot resolve host \(request.url.host ?? "")")
        case .networkConnectionLost:
            return TransportFailure(kind: .connection, reason: "the connection was lost")
        case .notConnectedToInternet:
            return TransportFailure(kind: .connection, reason: "not connected to a network")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return TransportFailure(kind: .other, reason: "TLS failure (URLError \(urlError.code.rawValue))")
        case .cancelled:
            return TransportFailure(kind: .other, reason: "cancelled")
        default:
            return TransportFailure(kind: .connection, reason: "network error (URLError \(urlError.code.rawValue))")
        }
    }

    private static func hostAndPort(_ url: URL) -> String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
