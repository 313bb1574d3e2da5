internal import CLibCurl
import Foundation

/// Sends catalog requests with libcurl, loaded with `dlopen` on the first request; one easy handle per exchange.
///
/// Replaces Foundation's `URLSession`, whose FoundationNetworking library links libcurl and its ~30 dependencies
/// into every run: about 11 ms of start-up, even for `--offline` (see docs/catalog.md). The transfer runs on a
/// thread of its own, off the cooperative pool, through libcurl's multi interface in steps of at most 25 ms; after
/// each step the transport checks its timers: the connect timeout is an inactivity timeout (nothing received for
/// that long, before or after the headers) and the total timeout a deadline for the whole exchange, both exact to
/// a step (libcurl has no sub-second inactivity timeout, and its progress callback fires about once a second).
/// Redirects are handed back, never followed here.
struct CurlTransport: HTTPTransport {
    /// The libcurl file to open instead of the process's shared one (`libcurl.so.4`, else `libcurl.so`); for tests.
    var libraryName: String?

    func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
        let library = try CurlLibrary.load(libraryName)
        let exchange = CurlExchange(request: request, library: library)
        return try await exchange.run().get()
    }
}

/// A usable libcurl function table from CLibCurl, valid for the life of the process.
private struct CurlLibrary: @unchecked Sendable {
    let table: OpaquePointer

    /// The shared library, or the file `name`; a ``TransportFailure`` saying why it cannot be used.
    static func load(_ name: String?) throws(TransportFailure) -> CurlLibrary {
        let table: OpaquePointer? = name.map { mscurl_load_library($0) } ?? mscurl_shared_library()
        guard let table else {
            throw TransportFailure(kind: .other, reason: "cannot load libcurl: out of memory")
        }
        if let error = mscurl_library_error(table) {
            throw TransportFailure(
                kind: .other,
                reason: "cannot load libcurl (\(name ?? "libcurl.so.4")): \(String(cString: error)); install libcurl4")
        }
        return CurlLibrary(table: table)
    }
}

/// One request/response on its own thread, resumed exactly once: by the transfer's end or by cancellation.
private final class CurlExchange: @unchecked Sendable {
    private let request: HTTPRequest
    private let library: CurlLibrary
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<HTTPResponse, TransportFailure>, Never>?
    private var isFinished = false

    /// The longest wait for the network between two checks of the timers and of cancellation, in milliseconds.
    private static let stepMilliseconds: UInt64 = 25

    init(request: HTTPRequest, library: CurlLibrary) {
        self.request = request
        self.library = library
    }

    func run() async -> Result<HTTPResponse, TransportFailure> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let alreadyFinished = lock.withLock {
                    self.continuation = continuation
                    return isFinished
                }
                if alreadyFinished {
                    continuation.resume(returning: .failure(Self.cancelled))
                    return
                }
                Thread.detachNewThread { [self] in
                    finish(transfer())
                }
            }
        } onCancel: {
            finish(.failure(Self.cancelled))
        }
    }

    /// Resumes the caller once; later calls do nothing.
    ///
    /// Before the continuation exists it only marks the exchange finished, which `run` reports as cancelled.
    private func finish(_ result: Result<HTTPResponse, TransportFailure>) {
        let continuation = lock.withLock { () -> CheckedContinuation<Result<HTTPResponse, TransportFailure>, Never>? in
            guard !isFinished else { return nil }
            isFinished = true
            defer { self.continuation = nil }
            return self.continuation
        }
        continuation?.resume(returning: result)
    }

    private var isCancelled: Bool {
        lock.withLock { isFinished }
    }

    // MARK: The transfer (on its own thread)

    /// Runs the exchange to its end, a timer, the body limit or cancellation.
    private func transfer() -> Result<HTTPResponse, TransportFailure> {
        // libcurl's own total timeout only as a backstop, well after ours.
        let backstop = Int(Self.nanoseconds(request.totalTimeout + 2) / 1_000_000 + 1)
        guard
            let exchange = mscurl_exchange_create(library.table, Int64(request.maxBodyBytes), backstop)
        else {
            return .failure(TransportFailure(kind: .other, reason: "cannot start a libcurl transfer"))
        }
        defer { mscurl_exchange_free(exchange) }
        for header in request.headers {
            // Line breaks would start another header (a value may come from a cached ETag); curl sends "Name:"
            // without a value as no header at all, and "Name;" as an empty one.
            let name = Self.oneLine(header.name)
            let value = Self.oneLine(header.value)
            let line = value.isEmpty ? "\(name);" : "\(name): \(value)"
            guard mscurl_exchange_add_header(exchange, line) == 0 else {
                return .failure(TransportFailure(kind: .other, reason: "out of memory"))
            }
        }
        let start = mscurl_now()
        guard mscurl_exchange_start(exchange, request.url.absoluteString) == 0 else {
            return .failure(failure(exchange))
        }
        let deadline = start + Self.nanoseconds(request.totalTimeout)
        let idleLimit = Self.nanoseconds(request.connectTimeout)
        var reported = 0
        while true {
            let now = mscurl_now()
            if now >= deadline {
                let reason = "timed out after \(seconds(request.totalTimeout))"
                return .failure(TransportFailure(kind: .timeout, reason: reason))
            }
            let idleDeadline = mscurl_exchange_last_activity(exchange) + idleLimit
            if now >= idleDeadline {
                let reason = "timed out: nothing received for \(seconds(request.connectTimeout))"
                return .failure(TransportFailure(kind: .timeout, reason: reason))
            }
            let untilTimer = (min(deadline, idleDeadline) - now + 999_999) / 1_000_000
            let isDone = mscurl_exchange_step(exchange, Int32(min(Self.stepMilliseconds, untilTimer))) != 0
            if mscurl_exchange_too_large(exchange) != 0 {
                return .failure(Self.tooLarge(request.maxBodyBytes))
            }
            let size = Int(mscurl_exchange_body_size(exchange))
            if size > reported {
                reported = size
                request.progress?(size)
            }
            if isDone { break }
            if isCancelled { return .failure(Self.cancelled) }
        }
        guard mscurl_exchange_result(exchange) == 0 else {
            return .failure(failure(exchange))
        }
        var size = 0
        let bytes = mscurl_exchange_take_body(exchange, &size)
        let body = bytes.map { Data(bytesNoCopy: $0, count: size, deallocator: .free) } ?? Data()
        return .success(
            HTTPResponse(status: mscurl_exchange_status(exchange), headers: Self.headers(exchange), body: body))
    }

    /// `text` with each line break (CR or LF) replaced by a space.
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : Character($0) })
    }

    /// The response's header fields by lower-cased name; repeated fields joined with ", ".
    private static func headers(_ exchange: OpaquePointer) -> [String: String] {
        var size = 0
        let raw = mscurl_exchange_headers(exchange, &size)
        let text = String(decoding: UnsafeRawBufferPointer(start: raw, count: size), as: UTF8.self)
        var fields: [String: String] = [:]
        var last: String?
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).dropFirst() {
            if let first = line.first, first == " " || first == "\t", let name = last {
                // An obsolete folded continuation of the previous field.
                fields[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let existing = fields[name] {
                fields[name] = existing + ", " + value
            } else {
                fields[name] = value
            }
            last = name
        }
        return fields
    }

    // MARK: Failures

    private static let cancelled = TransportFailure(kind: .other, reason: "cancelled")

    private static func tooLarge(_ limit: Int) -> TransportFailure {
        TransportFailure(kind: .bodyTooLarge, reason: "the response body is larger than \(ByteCount.format(limit))")
    }

    /// Why the transfer failed: a body shorter than its `Content-Length`, or libcurl's result code.
    private func failure(_ exchange: OpaquePointer) -> TransportFailure {
        let code = mscurl_exchange_result(exchange)
        let detail = String(cString: mscurl_exchange_error(exchange))
        let received = mscurl_exchange_body_size(exchange)
        let expected = mscurl_exchange_content_length(exchange)
        let headers = Self.headers(exchange)
        let encoding = headers["content-encoding"]?.lowercased() ?? "identity"
        if mscurl_exchange_has_headers(exchange) != 0, encoding == "identity", expected > received {
            return TransportFailure(
                kind: .connection, reason: "the connection closed after \(received) of \(expected) bytes of the body")
        }
        switch code {
        case CurlCode.couldntResolveProxy:
            return TransportFailure(kind: .connection, reason: "cannot resolve the proxy (\(detail))")
        case CurlCode.couldntResolveHost:
            return TransportFailure(kind: .connection, reason: "cannot resolve host \(request.url.host ?? "")")
        case CurlCode.couldntConnect:
            return TransportFailure(kind: .connection, reason: "cannot connect to \(Self.hostAndPort(request.url))")
        case CurlCode.operationTimedOut:
            return TransportFailure(kind: .timeout, reason: "timed out after \(seconds(request.totalTimeout))")
        case CurlCode.partialFile:
            return TransportFailure(kind: .connection, reason: "the connection closed before the end of the body")
        case CurlCode.gotNothing:
            return TransportFailure(kind: .connection, reason: "the server closed the connection without a response")
        case CurlCode.sendError, CurlCode.recvError:
            return TransportFailure(kind: .connection, reason: "the connection was lost")
        case _ where CurlCode.connectionFailures.contains(code):
            return TransportFailure(kind: .connection, reason: "network error (curl error \(code): \(detail))")
        case _ where CurlCode.tlsFailures.contains(code):
            return TransportFailure(kind: .other, reason: "TLS failure (curl error \(code): \(detail))")
        default:
            return TransportFailure(kind: .other, reason: "curl error \(code): \(detail)")
        }
    }

    private static func hostAndPort(_ url: URL) -> String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// `seconds` in nanoseconds, clamped to [0, 10^6 s] so that a deadline cannot overflow.
    private static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(min(max(0, seconds), 1e6) * 1e9)
    }

    private func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// The libcurl result codes (`CURLcode`) the transport tells apart; stable across libcurl versions.
private enum CurlCode {
    static let couldntResolveProxy: Int32 = 5
    static let couldntResolveHost: Int32 = 6
    static let couldntConnect: Int32 = 7
    static let partialFile: Int32 = 18
    static let operationTimedOut: Int32 = 28
    static let gotNothing: Int32 = 52
    static let sendError: Int32 = 55
    static let recvError: Int32 = 56
    /// A weird server reply, HTTP/2 and HTTP/3 framing, QUIC and proxy handshake errors: worth another attempt.
    static let connectionFailures: Set<Int32> = [8, 16, 92, 95, 96, 97]
    /// Handshake, certificate, CA file and engine errors: final.
    static let tlsFailures: Set<Int32> = [35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98]
}
