import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The libcurl transport: its own sub-second timers, one exchange per request, and how each failure is reported.
///
/// No test bounds a duration from above: a stalling server keeps its connection open for 10 s, so an exchange that
/// ends with a timeout's own reason proves that timer fired; elapsed time is only checked from below.
struct CurlTransportTests {
    private func send(connectTimeout: Double, totalTimeout: Double, to server: LoopbackHTTPServer) async -> (
        String, Double
    ) {
        let start = Date()
        let request = HTTPRequest(
            url: server.url(), headers: [], connectTimeout: connectTimeout, totalTimeout: totalTimeout,
            maxBodyBytes: 1 << 20)
        do {
            _ = try await CurlTransport().send(request)
            return ("no error", Date().timeIntervalSince(start))
        } catch {
            return (error.reason, Date().timeIntervalSince(start))
        }
    }

    /// The failure of one exchange with `url`, or `nil` when it succeeded.
    private func failureOf(
        _ url: URL, maxBodyBytes: Int = 1 << 20, timeout: Double = 5, transport: CurlTransport = CurlTransport()
    ) async -> TransportFailure? {
        let request = HTTPRequest(
            url: url, headers: [], connectTimeout: timeout, totalTimeout: timeout, maxBodyBytes: maxBodyBytes)
        do {
            _ = try await transport.send(request)
            return nil
        } catch {
            return error
        }
    }

    private func stallingServer() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(script: [.stall(status: 200, body: Data("{\"p\":".utf8), declaredLength: 1_000)])
    }

    @Test func theInactivityTimeoutEndsAStalledBodyBeforeTheTotalTimeout() async throws {
        let (reason, elapsed) = await send(connectTimeout: 0.3, totalTimeout: 5, to: try stallingServer())
        #expect(reason == "timed out: nothing received for 0.3 s")
        #expect(elapsed >= 0.3, "took \(elapsed) s")
    }

    @Test func theTotalTimeoutHoldsForSubSecondValues() async throws {
        let (reason, elapsed) = await send(connectTimeout: 10, totalTimeout: 0.4, to: try stallingServer())
        #expect(reason == "timed out after 0.4 s")
        #expect(elapsed >= 0.4, "took \(elapsed) s")
    }

    @Test func aCompleteResponseCarriesStatusHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer(script: [.json(Data("{}".utf8), etag: "\"e\"")])
        let request = HTTPRequest(
            url: server.url(), headers: [("X-Test", "1"), ("User-Agent", "modelsync/test"), ("X-Empty", "")],
            connectTimeout: 2, totalTimeout: 2, maxBodyBytes: 100)
        let response = try await CurlTransport().send(request)
        #expect(response.status == 200)
        #expect(response.header("etag") == "\"e\"")
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.body == Data("{}".utf8))
        let sent = try #require(server.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.headers["x-test"] == "1")
        #expect(sent.headers["user-agent"] == "modelsync/test")
        #expect(sent.headers["x-empty"] == "")
        #expect(sent.headers["accept-encoding"]?.contains("gzip") == true, "compressed bodies are accepted")
    }

    @Test func aRedirectIsReturnedNotFollowed() async throws {
        let server = try LoopbackHTTPServer(script: [
            .status(302, headers: ["Location": "/elsewhere.json"]), .json(Data("{}".utf8)),
        ])
        let request = HTTPRequest(url: server.url(), headers: [], connectTimeout: 2, totalTimeout: 2, maxBodyBytes: 100)
        let response = try await CurlTransport().send(request)
        #expect(response.status == 302)
        #expect(response.header("Location") == "/elsewhere.json")
        #expect(server.requestCount == 1)
    }

    @Test func progressReportsTheBodyBytesReceived() async throws {
        let body = Data(repeating: 0x20, count: 300_000)
        let server = try LoopbackHTTPServer(script: [.json(body)])
        let counts = Counts()
        let request = HTTPRequest(
            url: server.url(), headers: [], connectTimeout: 2, totalTimeout: 5, maxBodyBytes: 1 << 20,
            progress: { counts.append($0) })
        let response = try await CurlTransport().send(request)
        #expect(response.body == body)
        #expect(counts.values.last == body.count)
        #expect(counts.values == counts.values.sorted())
    }

    @Test func aBodyCutShortIsAConnectionFailure() async throws {
        let server = try LoopbackHTTPServer(script: [
            .truncate(status: 200, body: Data("{\"p\":".utf8), declaredLength: 1_000)
        ])
        let failure = await failureOf(server.url())
        #expect(failure?.kind == .connection)
        #expect(failure?.reason == "the connection closed after 5 of 1000 bytes of the body")
    }

    @Test func aLongContentLengthIsRefusedBeforeTheBody() async throws {
        let server = try LoopbackHTTPServer(script: [.json(Data(repeating: 0x20, count: 5_000))])
        let failure = await failureOf(server.url(), maxBodyBytes: 1_024)
        #expect(failure == TransportFailure(kind: .bodyTooLarge, reason: "the response body is larger than 1 KiB"))
    }

    @Test func aChunkedBodyIsRefusedOnceItPassesTheLimit() async throws {
        let chunk = String(repeating: "x", count: 600)
        let chunked = "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
        let server = try RawHTTPServer(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\(chunked)")
        let failure = await failureOf(server.url, maxBodyBytes: 1_024)
        #expect(failure == TransportFailure(kind: .bodyTooLarge, reason: "the response body is larger than 1 KiB"))
        let fits = try RawHTTPServer(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\(chunked)")
        #expect(await failureOf(fits.url, maxBodyBytes: 1_200) == nil, "exactly the limit is accepted")
    }

    @Test func aCompressedBodyIsDecodedAndRepeatedHeadersAreJoined() async throws {
        let gzip: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 255, 171, 86, 202, 205, 79, 73, 205, 41, 86, 178, 170, 174, 173, 5, 0, 163,
            138, 221, 141, 13, 0, 0, 0,
        ]
        let head =
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: \(gzip.count)\r\nVary: Accept\r\n"
            + "vary: Accept-Encoding\r\nConnection: close\r\n\r\n"
        let server = try RawHTTPServer(Data(head.utf8) + Data(gzip))
        let request = HTTPRequest(url: server.url, headers: [], connectTimeout: 2, totalTimeout: 2, maxBodyBytes: 100)
        let response = try await CurlTransport().send(request)
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"models\":{}}")
        #expect(response.header("Vary") == "Accept, Accept-Encoding")
        #expect(response.header("content-encoding") == "gzip")
    }

    @Test func anEmptyReplyAndARefusedConnectionAreWorthRetrying() async throws {
        let server = try LoopbackHTTPServer(script: [.close])
        let empty = await failureOf(server.url())
        #expect(
            empty == TransportFailure(kind: .connection, reason: "the server closed the connection without a response"))

        let port = try LoopbackHTTPServer.refusedPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/api.json"))
        let refused = await failureOf(url)
        #expect(refused == TransportFailure(kind: .connection, reason: "cannot connect to 127.0.0.1:\(port)"))
    }

    @Test func cancellingTheTaskEndsTheExchange() async throws {
        let server = try stallingServer()
        // Timeouts of 120 s: only the cancellation can end the exchange with the reason `cancelled`.
        let task = Task { await failureOf(server.url(), timeout: 120) }
        try await offCooperativePool { server.waitForRequests(1) }
        task.cancel()
        let failure = await task.value
        #expect(failure == TransportFailure(kind: .other, reason: "cancelled"))
    }

    @Test func aMissingLibraryFailsWithAHint() async throws {
        let server = try LoopbackHTTPServer(script: [.json(Data("{}".utf8))])
        let failure = await failureOf(server.url(), transport: CurlTransport(libraryName: "libcurl-missing.so.4"))
        #expect(failure?.kind == .other)
        let reason = failure?.reason ?? ""
        #expect(reason.hasPrefix("cannot load libcurl (libcurl-missing.so.4): libcurl-missing.so.4: "), "\(reason)")
        #expect(reason.hasSuffix("; install libcurl4"), "\(reason)")
        #expect(server.requestCount == 0)
    }
}

extension Error {
    /// The transport failure's reason, or the error's description.
    fileprivate var reason: String {
        (self as? TransportFailure)?.reason ?? "\(self)"
    }
}

/// Values passed to a progress callback, in order.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []

    var values: [Int] { lock.withLock { stored } }

    func append(_ value: Int) {
        lock.withLock { stored.append(value) }
    }
}

/// A loopback server that answers one request with fixed bytes and closes: for responses the scripted server
/// cannot send (chunked, compressed, repeated headers).
private final class RawHTTPServer: @unchecked Sendable {
    let url: URL
    private let listener: Int32

    convenience init(_ response: String) throws {
        try self.init(Data(response.utf8))
    }

    init(_ response: Data) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError(operation: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound, listen(descriptor, 1) == 0 else {
            close(descriptor)
            throw ServerError(operation: "bind/listen")
        }
        listener = descriptor
        let port = Int(UInt16(bigEndian: address.sin_port))
        url = URL(string: "http://127.0.0.1:\(port)/api.json") ?? URL(fileURLWithPath: "/")
        Thread.detachNewThread {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { return }
            var request = Data()
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while request.range(of: Data("\r\n\r\n".utf8)) == nil {
                let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { break }
                request.append(contentsOf: buffer[..<count])
            }
            response.withUnsafeBytes { raw in
                var sent = 0
                while sent < raw.count, let base = raw.baseAddress {
                    let count = send(connection, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                    guard count > 0 else { break }
                    sent += count
                }
            }
            shutdown(connection, Int32(SHUT_WR))
            close(connection)
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
