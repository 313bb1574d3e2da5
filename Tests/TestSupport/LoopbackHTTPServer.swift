import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real HTTP/1.1 server on 127.0.0.1 (port 0, so the system picks a free one) that answers from a script,
/// for testing the catalog client against genuine sockets and its failure modes.
///
/// Each request gets the next ``Reply`` of the script (the last one repeats). The server records every
/// request (method, path, headers), one connection per request (`Connection: close`). Built on POSIX sockets
/// and threads so that tests need no networking package.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// What the server does with one request.
    public enum Reply: Sendable {
        /// A complete response.
        case respond(status: Int, headers: [String: String] = [:], body: Data = Data())
        /// Status, headers with `Content-Length: declaredLength`, then `body` (shorter), then nothing until the
        /// client gives up or the server stops.
        case stall(status: Int, headers: [String: String] = [:], body: Data, declaredLength: Int)
        /// Status, headers with `Content-Length: declaredLength`, then `body` (shorter), then the connection closes.
        case truncate(status: Int, headers: [String: String] = [:], body: Data, declaredLength: Int)
        /// Closes the connection without answering.
        case close
        /// Answers as `reply` once `gate` opens: a request the test holds in flight for as long as it needs.
        indirect case after(Gate, Reply)

        /// `200 OK` with a JSON body and optional validators.
        public static func json(_ body: Data, etag: String? = nil, lastModified: String? = nil) -> Reply {
            var headers = ["Content-Type": "application/json"]
            headers["ETag"] = etag
            headers["Last-Modified"] = lastModified
            return .respond(status: 200, headers: headers, body: body)
        }

        /// A bare status with an empty body, and optional headers.
        public static func status(_ status: Int, headers: [String: String] = [:]) -> Reply {
            .respond(status: status, headers: headers)
        }
    }

    /// A gate a reply waits at (``Reply/after(_:_:)``) until the test opens it.
    public final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)

        public init() {}

        /// Lets the waiting reply (and every later one) through.
        public func open() {
            semaphore.signal()
        }

        func wait() {
            semaphore.wait()
            semaphore.signal()
        }
    }

    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header values by lower-cased name.
        public var headers: [String: String]
    }

    /// The port the server listens on.
    public let port: Int

    private let listener: Int32
    private let lock = NSLock()
    private var script: [Reply]
    private var received: [Request] = []
    private var connections: Set<Int32> = []
    private var isStopped = false
    /// Signalled each time a request arrives, for ``waitForRequests(_:)``.
    private let arrivals = NSCondition()

    /// Starts a server that answers with `script`, one reply per request, repeating the last.
    public init(script: [Reply]) throws {
        self.script = script
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError(operation: "socket") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw ServerError(operation: "bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.listener = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func url(_ path: String = "/api.json") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    /// The requests received so far, in order.
    public var requests: [Request] {
        lock.withLock { received }
    }

    /// How many requests arrived so far.
    public var requestCount: Int {
        lock.withLock { received.count }
    }

    /// Blocks until at least `count` requests have arrived: an event to wait on instead of a delay.
    public func waitForRequests(_ count: Int) {
        arrivals.lock()
        while requestCount < count { arrivals.wait() }
        arrivals.unlock()
    }

    /// Replaces the replies still to come.
    public func setScript(_ replies: [Reply]) {
        lock.withLock { script = replies }
    }

    /// Stops listening and drops open connections (ending any stall).
    public func stop() {
        let open: Set<Int32>? = lock.withLock {
            guard !isStopped else { return nil }
            isStopped = true
            return connections
        }
        guard let open else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    // MARK: Serving

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let accepted = lock.withLock { () -> Bool in
                guard !isStopped else { return false }
                connections.insert(connection)
                return true
            }
            guard accepted else {
                close(connection)
                return
            }
            let thread = Thread { [weak self] in
                self?.serve(connection)
                close(connection)
            }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { _ = lock.withLock { connections.remove(connection) } }
        guard let request = readRequest(connection) else { return }
        let reply = lock.withLock { () -> Reply in
            received.append(request)
            let reply = script.first ?? .status(500)
            if script.count > 1 { script.removeFirst() }
            return reply
        }
        arrivals.lock()
        arrivals.broadcast()
        arrivals.unlock()
        answer(connection, reply)
    }

    private func answer(_ connection: Int32, _ reply: Reply) {
        switch reply {
        case .respond(let status, let headers, let body):
            send(connection, head(status: status, headers: headers, length: body.count) + body)
        case .stall(let status, let headers, let body, let declaredLength):
            send(connection, head(status: status, headers: headers, length: declaredLength) + body)
            waitUntilClosed(connection)
        case .truncate(let status, let headers, let body, let declaredLength):
            send(connection, head(status: status, headers: headers, length: declaredLength) + body)
        case .close:
            break
        case .after(let gate, let reply):
            gate.wait()
            answer(connection, reply)
        }
    }

    /// Blocks until the client closes `connection` or the server stops: a stall has no deadline of its own, so
    /// that only what the test exercises (a timeout, a cancellation, a kill) ends it, however slow the machine.
    private func waitUntilClosed(_ connection: Int32) {
        var scratch = [UInt8](repeating: 0, count: 512)
        while !lock.withLock({ isStopped }) {
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) >= 0 else { return }
            if descriptor.revents != 0 {
                let count = scratch.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
            }
        }
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end = Data("\r\n\r\n".utf8)
        while data.range(of: end) == nil {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[..<count])
            guard data.count < 65_536 else { return nil }
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
    }

    private func head(status: Int, headers: [String: String], length: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.phrase(status))\r\n"
        text += "Content-Length: \(length)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private func send(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count, let base = raw.baseAddress {
                #if os(Linux)
                    let count = Glibc.send(connection, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                #else
                    let count = Darwin.send(connection, base + sent, raw.count - sent, 0)
                #endif
                guard count > 0 else { return }
                sent += count
            }
        }
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    /// A loopback port that refuses connections: bound, then closed, so nothing listens there.
    public static func refusedPort() throws -> Int {
        let server = try LoopbackHTTPServer(script: [.close])
        let port = server.port
        server.stop()
        return port
    }
}

/// A socket call that failed while starting the test server.
public struct ServerError: Error, CustomStringConvertible {
    public var operation: String

    public init(operation: String) {
        self.operation = operation
    }

    public var description: String { "\(operation) failed: \(String(cString: strerror(errno)))" }
}
