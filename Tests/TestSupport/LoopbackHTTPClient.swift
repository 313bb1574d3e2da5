import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A plain HTTP/1.1 client over a socket to 127.0.0.1, for tests of the service: it sends exactly the bytes a test
/// gives (malformed ones included) and reads the response to the end of the connection.
public enum LoopbackHTTPClient {
    /// One response: the status, header fields (names in lower case) and the body's bytes.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        /// The value of the first field named `name` (lower case).
        public func header(_ name: String) -> String? {
            headers.first { $0.name == name }?.value
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// ``request(port:_:method:headers:)`` on a thread of its own, so that the blocking socket calls never hold
    /// one of the cooperative pool's threads (which the server in the same process answers on).
    public static func fetch(
        port: Int, _ target: String, method: String = "GET", headers: [(String, String)] = []
    ) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try request(port: port, target, method: method, headers: headers) })
            }
        }
    }

    /// Sends `GET target` (or `method`) with `headers` and `Connection: close`, and reads the response; blocks.
    public static func request(
        port: Int, _ target: String, method: String = "GET", headers: [(String, String)] = []
    ) throws -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Connection: close\r\n\r\n"
        return try parse(try exchange(port: port, Array(head.utf8)), method: method)
    }

    /// Sends `bytes` as they are and returns every byte the server sends until it closes the connection.
    public static func exchange(port: Int, _ bytes: [UInt8]) throws -> [UInt8] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect: \(String(cString: strerror(errno)))") }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return received
    }

    /// Parses one response: status line, fields, and a body by `Content-Length`, chunks, or the connection's end.
    public static func parse(_ bytes: [UInt8], method: String = "GET") throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else {
            throw Failure(description: "no complete response head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line '\(lines[0])'")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(bytes[end.upperBound...])
        let field = { (name: String) in headers.first { $0.name == name }?.value }
        if method == "HEAD" || status == 304 || status == 204 {
            body = []
        } else if field("transfer-encoding")?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if let length = field("content-length").flatMap(Int.init) {
            guard body.count >= length else { throw Failure(description: "body of \(body.count) of \(length) bytes") }
            body = Array(body.prefix(length))
        }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)) else {
                throw Failure(description: "unterminated chunk size")
            }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
                throw Failure(description: "bad chunk size '\(sizeText)'")
            }
            index = lineEnd.upperBound
            if size == 0 { return body }
            guard index + size <= bytes.count else { throw Failure(description: "short chunk") }
            body += bytes[index..<index + size]
            index += size + 2
        }
    }
}
