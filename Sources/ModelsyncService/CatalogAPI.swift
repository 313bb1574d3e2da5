import Diagnostics
import Foundation
import ModelDiscovery
import ModelsDevCatalog
import ModelsyncApp
import Synchronization

/// The HTTP API of `modelsync serve` (docs/service.md): answers each ``APIRequest`` from the catalog it serves.
///
/// A catalog is served whole (``serve(_:)``): each request takes the current one once, so a refresh never shows a
/// request half of one. Every catalog answer carries a strong ETag (``ServedCatalog/version`` and a hash of the
/// route and its canonical query), so a client's `If-None-Match` gets `304 Not Modified` without the body being
/// built. Every answer is counted in ``metrics``.
public final class CatalogAPI: Sendable {
    /// How long a catalog stays fresh, in seconds: `Cache-Control: max-age` counts down from it, and an older
    /// catalog is answered with `X-Catalog-Age`.
    public let freshnessSeconds: Int
    public let metrics = ServiceMetrics()
    /// The bearer token `POST /api/v1/refresh` requires; `nil` disables that endpoint.
    private let refreshToken: String?
    private let now: @Sendable () -> Date
    private let served = Mutex<ServedCatalog?>(nil)
    private let refresherSlot = Mutex<CatalogRefresher?>(nil)
    /// The configuration whose catalog history `/api/v1/history` and `/api/v1/changes` read; `nil`: none.
    private let history: RunConfiguration?

    /// An API with no catalog yet (`/readyz` answers 503 until ``serve(_:)``); `now` is the clock of ages.
    public init(
        freshnessSeconds: Int, refreshToken: String? = nil, history: RunConfiguration? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.freshnessSeconds = freshnessSeconds
        self.history = history
        self.refreshToken = refreshToken.flatMap { $0.isEmpty ? nil : $0 }
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

    /// The refresher `POST /api/v1/refresh` and `GET /api/v1/refresh/status` use; `nil` when the catalog is not
    /// refreshed (the bundled snapshot, standard input).
    public var refresher: CatalogRefresher? {
        get { refresherSlot.withLock { $0 } }
        set { refresherSlot.withLock { $0 = newValue } }
    }

    /// The response to `request`; a request the API cannot answer gets its error's JSON body.
    public func respond(to request: APIRequest) async -> APIResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let route = try? APIRoute(path: request.path)
        var response: APIResponse
        do {
            response = try await answer(request)
        } catch {
            response = error.response
        }
        if request.method == "HEAD" { response.body = [] }
        let elapsed = clock.now - start
        metrics.record(
            route: route?.template, status: response.status,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }

    private func answer(_ request: APIRequest) async throws(APIError) -> APIResponse {
        let route = try APIRoute(path: request.path)
        let gzip = GzipEncoder.accepted(by: request.headerValues("accept-encoding"))
        guard route.methods.contains(request.method) else {
            let allowed = route.methods.joined(separator: ", ")
            throw APIError(
                status: 405,
                message: "\(route.template) answers \(route.methods.joined(separator: " and ")), not "
                    + QueryParameters.shown(request.method),
                headers: [("allow", allowed)])
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
        case .metrics:
            _ = try QueryParameters(request.query, allowed: [], endpoint: route.template)
            let catalog = self.catalog
            return .text(
                metrics.exposition(
                    refresh: refresher?.status, catalogAgeSeconds: catalog?.ageSeconds(at: now()),
                    modelCount: catalog?.catalog.modelCount),
                contentType: "text/plain; version=0.0.4; charset=utf-8")
        case .refreshStatus:
            _ = try QueryParameters(request.query, allowed: [], endpoint: route.template)
            let status = refresher?.status ?? RefreshStatus()
            return .json(status.json(catalogAgeSeconds: catalog?.ageSeconds(at: now())))
        case .refresh:
            _ = try QueryParameters(request.query, allowed: [], endpoint: route.template)
            try authorizeRefresh(request)
            guard let refresher else {
                throw APIError(
                    status: 409,
                    message: "the catalog's source (\(catalog?.loaded.provenance.source.description ?? "none")) "
                        + "does not change while served; there is nothing to refresh")
            }
            let status = await refresher.refreshNow()
            return .json(
                status.json(catalogAgeSeconds: catalog?.ageSeconds(at: now())),
                status: status.result == .failed ? 502 : 200)
        case .history, .changes:
            return try await HistoryEndpoint.answer(route, request: request, configuration: history, gzip: gzip)
        default:
            guard let catalog else {
                throw APIError(status: 503, message: "no catalog is loaded yet; /readyz answers 200 once one is")
            }
            let answer = try CatalogAnswer(route: route, request: request, catalog: catalog)
            return cached(answer, request: request, catalog: catalog, gzip: gzip)
        }
    }

    /// Checks `Authorization: Bearer <token>` against the configured token, in time that does not depend on where
    /// they differ.
    private func authorizeRefresh(_ request: APIRequest) throws(APIError) {
        guard let refreshToken else {
            throw APIError(
                status: 403,
                message: "POST /api/v1/refresh is disabled: no token is configured (set MODELSYNC_SERVE_TOKEN for "
                    + "the server)")
        }
        let given = request.headerValues("authorization").first ?? ""
        let prefix = "Bearer "
        let token = given.hasPrefix(prefix) ? Array(given.utf8.dropFirst(prefix.utf8.count)) : []
        let expected = Array(refreshToken.utf8)
        var difference = token.count == expected.count ? 0 : 1
        for index in expected.indices { difference |= Int(expected[index] ^ (index < token.count ? token[index] : 0)) }
        guard difference == 0 else {
            throw APIError(
                status: 401,
                message: given.isEmpty
                    ? "POST /api/v1/refresh needs the header Authorization: Bearer <token>"
                    : "the bearer token is not the server's",
                headers: [("www-authenticate", "Bearer")])
        }
    }

    /// `answer`'s response, or 304 when the request's `If-None-Match` holds its ETag; with the caching headers.
    ///
    /// With `gzip`, the body is compressed and the ETag is the compressed representation's (`…-gz`): a strong tag
    /// names one sequence of bytes.
    private func cached(_ answer: CatalogAnswer, request: APIRequest, catalog: ServedCatalog, gzip: Bool)
        -> APIResponse
    {
        let tag = EntityTag.strong(catalog.version + "-" + answer.key + (gzip ? "-gz" : ""))
        let age = catalog.ageSeconds(at: now())
        var headers: [(name: String, value: String)] = [
            ("etag", tag.header), ("cache-control", "max-age=\(max(0, freshnessSeconds - age))"),
            ("vary", "accept-encoding"),
        ]
        if age > freshnessSeconds || catalog.loaded.provenance.isStale {
            headers.append(("x-catalog-age", String(age)))
        }
        if EntityTag.matches(tag, ifNoneMatch: request.headerValues("if-none-match")) {
            return APIResponse(status: 304, headers: headers)
        }
        var response = answer.render()
        if gzip { response.gzip() }
        response.headers += headers
        return response
    }
}
