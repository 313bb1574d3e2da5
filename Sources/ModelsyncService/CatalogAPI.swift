import Diagnostics
import Foundation
import ModelDiscovery
import ModelsDevCatalog
import Synchronization

/// The HTTP API of `modelsync serve` (docs/service.md): answers each ``APIRequest`` from the catalog it serves.
///
/// Reads only: every endpoint here is `GET` (and `HEAD`). A catalog is served whole (``serve(_:)``): each request
/// takes the current one once, so a refresh never shows a request half of one. Every catalog answer carries a
/// strong ETag (``ServedCatalog/version`` and a hash of the route and its canonical query), so a client's
/// `If-None-Match` gets `304 Not Modified` without the body being built.
public final class CatalogAPI: Sendable {
    /// How long a catalog stays fresh, in seconds: `Cache-Control: max-age` counts down from it, and an older
    /// catalog is answered with `X-Catalog-Age`.
    public let freshnessSeconds: Int
    private let now: @Sendable () -> Date
    private let served = Mutex<ServedCatalog?>(nil)

    /// An API with no catalog yet (`/readyz` answers 503 until ``serve(_:)``); `now` is the clock of ages.
    public init(freshnessSeconds: Int, now: @escaping @Sendable () -> Date = { Date() }) {
        self.freshnessSeconds = freshnessSeconds
        self.now = now
    }

    /// Answers from `catalog` from now on.
    public func serve(_ catalog: ServedCatalog) {
        served.withLock { $0 = catalog }
    }

    /// The catalog answered from, once there is one.
    public var catalog: ServedCatalog? {
        served.withLock { $0 }
    }

    /// The response to `request`; a request the API cannot answer gets its error's JSON body.
    public func respond(to request: APIRequest) -> APIResponse {
        var response: APIResponse
        do {
            response = try answer(request)
        } catch {
            response = error.response
        }
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    /// The route of `request`, for metrics and logs: its template, or `nil` for a path the API does not serve.
    public static func routeTemplate(of request: APIRequest) -> String? {
        try? APIRoute(path: request.path).template
    }

    private func answer(_ request: APIRequest) throws(APIError) -> APIResponse {
        let route = try APIRoute(path: request.path)
        guard request.method == "GET" || request.method == "HEAD" else {
            throw APIError(
                status: 405,
                message: "\(route.template) answers GET and HEAD, not \(QueryParameters.shown(request.method))",
                headers: [("allow", "GET, HEAD")])
        }
        switch route {
        case .health:
            _ = try QueryParameters(request.query, allowed: [], endpoint: route.template)
            return .text("ok\n")
        case .ready:
            _ = try QueryParameters(request.query, allowed: [], endpoint: route.template)
            guard catalog != nil else {
                return APIError(status: 503, message: "not ready: no catalog is loaded yet").response
            }
            return .text("ready\n")
        default:
            guard let catalog else {
                throw APIError(status: 503, message: "no catalog is loaded yet; /readyz answers 200 once one is")
            }
            let answer = try CatalogAnswer(route: route, request: request, catalog: catalog)
            return cached(answer, request: request, catalog: catalog)
        }
    }

    /// `answer`'s response, or 304 when the request's `If-None-Match` holds its ETag; with the caching headers.
    private func cached(_ answer: CatalogAnswer, request: APIRequest, catalog: ServedCatalog) -> APIResponse {
        let tag = EntityTag.strong(catalog.version + "-" + answer.key)
        let age = catalog.ageSeconds(at: now())
        var headers: [(name: String, value: String)] = [
            ("etag", tag.header), ("cache-control", "max-age=\(max(0, freshnessSeconds - age))"),
        ]
        if age > freshnessSeconds || catalog.loaded.provenance.isStale {
            headers.append(("x-catalog-age", String(age)))
        }
        if EntityTag.matches(tag, ifNoneMatch: request.headerValues("if-none-match")) {
            return APIResponse(status: 304, headers: headers)
        }
        var response = answer.render()
        response.headers += headers
        return response
    }
}
