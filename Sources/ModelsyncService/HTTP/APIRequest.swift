/// One HTTP request as the API reads it: the method, the path and query exactly as sent (still percent-encoded),
/// and the headers it consults.
///
/// The server that carries the API fills it; tests build one directly.
public struct APIRequest: Sendable {
    /// `GET`, `HEAD`, `POST`, …, in upper case.
    public var method: String
    /// The request target's path, percent-encoded as sent, such as `/api/v1/models/openrouter/anthropic/claude-haiku-4.5`.
    public var path: String
    /// The request target's query, without the `?`, percent-encoded as sent; `nil` when there is none.
    public var query: String?
    /// Header fields, names in any case.
    public var headers: [(name: String, value: String)]

    public init(
        method: String = "GET", path: String, query: String? = nil, headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// Splits a request target such as `/api/v1/models?limit=5` into path and query.
    public init(method: String = "GET", target: String, headers: [(name: String, value: String)] = []) {
        if let mark = target.firstIndex(of: "?") {
            self.init(
                method: method, path: String(target[..<mark]), query: String(target[target.index(after: mark)...]),
                headers: headers)
        } else {
            self.init(method: method, path: target, headers: headers)
        }
    }

    /// The values of every field named `name` (compared without case), in order.
    public func headerValues(_ name: String) -> [String] {
        headers.compactMap { $0.name.lowercased() == name ? $0.value : nil }
    }
}
