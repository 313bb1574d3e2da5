import Foundation

/// One HTTP GET as the fetcher hands it to an ``HTTPTransport``.
struct HTTPRequest: Sendable {
    var url: URL
    /// Header names and values, sent in this order.
    var headers: [(name: String, value: String)]
    /// How long to wait for the connection and for each read before giving up, in seconds.
    var connectTimeout: Double
    /// How long the whole exchange may take, headers and body, in seconds.
    var totalTimeout: Double
    /// The largest body accepted, in bytes; a longer one is refused as soon as it is known to be longer.
    var maxBodyBytes: Int
    /// Called with the number of body bytes received so far, as they arrive.
    var progress: (@Sendable (Int) -> Void)?
}

/// The response to one ``HTTPRequest``; redirects are returned, not followed.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header values by lower-cased name.
    var headers: [String: String]
    var body: Data

    /// The header `name` (any case).
    func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// Why an exchange failed before a complete response arrived.
struct TransportFailure: Error, Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// No connection, or it broke (refused, reset, truncated body, DNS): worth another attempt.
        case connection
        /// The connect, read or total timeout passed: worth another attempt.
        case timeout
        /// The body is longer than the limit: final.
        case bodyTooLarge
        /// Anything else the transport cannot do (TLS failure, bad URL): final.
        case other
    }

    var kind: Kind
    /// What happened, such as `timed out after 30 s`.
    var reason: String

    var isRetryable: Bool { kind == .connection || kind == .timeout }
}
