/// Performs single HTTP exchanges for the catalog fetcher; tests substitute their own.
///
/// A transport must not follow redirects (the fetcher decides which it trusts), must enforce the request's
/// timeouts and body limit, and must report a body cut short as ``TransportFailure/Kind/connection``.
protocol HTTPTransport: Sendable {
    /// Sends `request` once, returning the response (any status) or throwing a ``TransportFailure``.
    func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse
}
