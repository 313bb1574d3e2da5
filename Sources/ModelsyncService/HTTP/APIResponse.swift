import ModelsDevCatalog

/// One HTTP response of the API: a status, header fields and the body's bytes.
public struct APIResponse: Sendable {
    public var status: Int
    /// Header fields in the order they are sent; names in lower case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response: `value` serialised compactly, with a final newline.
    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        var text = value.serialized()
        text.append("\n")
        return APIResponse(
            status: status, headers: [("content-type", "application/json; charset=utf-8")], body: Array(text.utf8))
    }

    /// A plain-text response, such as the health checks' `ok`.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> APIResponse
    {
        APIResponse(status: status, headers: [("content-type", contentType)], body: Array(text.utf8))
    }

    /// The body compressed with gzip and `Content-Encoding: gzip`, when zlib can; else unchanged.
    mutating func gzip() {
        guard let compressed = GzipEncoder().compress(body) else { return }
        body = compressed
        headers.append(("content-encoding", "gzip"))
    }

    /// The value of the first field named `name` (lower case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
