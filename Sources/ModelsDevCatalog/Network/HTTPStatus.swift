/// Names HTTP status codes in messages: `HTTP 503 Service Unavailable`.
enum HTTPStatus {
    /// `HTTP <code> <reason phrase>`, the phrase left out for codes without a well-known one.
    static func describe(_ code: Int) -> String {
        guard let phrase = phrases[code] else { return "HTTP \(code)" }
        return "HTTP \(code) \(phrase)"
    }

    private static let phrases: [Int: String] = [
        200: "OK", 204: "No Content", 206: "Partial Content", 301: "Moved Permanently", 302: "Found",
        303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
        410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]
}
