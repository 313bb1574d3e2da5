import Diagnostics
import Foundation
import ModelsDevCatalog
import ModelsyncApp

/// `GET /api/v1/history/{provider}/{model…}` and `GET /api/v1/changes`: the catalog history, as `history --json`
/// and `changes --json` write it (docs/history.md).
///
/// The history changes whenever a catalog is recorded (or seen again), not only with the served catalog, so these
/// answers are tagged by their own bytes: the ETag is a hash of the body.
enum HistoryEndpoint {
    /// The answer to `route`, read from the history of `configuration` on a thread of its own (a store another
    /// process holds is waited for, up to its busy timeout).
    static func answer(_ route: APIRoute, request: APIRequest, configuration: RunConfiguration?, gzip: Bool)
        async throws(APIError) -> APIResponse
    {
        let json: JSONValue
        switch route {
        case .history(let provider, let model):
            let parameters = try QueryParameters(request.query, allowed: ["key"], endpoint: route.template)
            json = try await read(configuration) { configuration throws(RunFailure) in
                try ModelTimelineReport(
                    reference: provider + "/" + model, key: parameters.value("key"), configuration: configuration
                ).json
            }
        case .changes:
            let parameters = try QueryParameters(
                request.query, allowed: ["since", "until", "provider", "kind"], lists: ["kind"],
                endpoint: route.template)
            let options = ChangesReport.Options(
                since: parameters.value("since"), until: parameters.value("until"),
                provider: parameters.value("provider"), kinds: parameters.list("kind"))
            json = try await read(configuration) { configuration throws(RunFailure) in
                try ChangesReport(options, configuration: configuration).json
            }
        default:
            preconditionFailure("\(route.template) is not a history endpoint")
        }
        var response = APIResponse.json(json)
        var hash = EntityTagHash()
        hash.add(APIVersion.current)
        hash.add(String(decoding: response.body, as: UTF8.self))
        let tag = EntityTag.strong(hash.hex + (gzip ? "-gz" : ""))
        if gzip { response.gzip() }
        response.headers += [("etag", tag.header), ("cache-control", "no-cache"), ("vary", "accept-encoding")]
        if EntityTag.matches(tag, ifNoneMatch: request.headerValues("if-none-match")) {
            return APIResponse(
                status: 304,
                headers: response.headers.filter { $0.name != "content-type" && $0.name != "content-encoding" })
        }
        return response
    }

    private static func read(
        _ configuration: RunConfiguration?,
        _ body: @escaping @Sendable (RunConfiguration) throws(RunFailure) -> JSONValue
    ) async throws(APIError) -> JSONValue {
        guard let configuration, configuration.history != nil else {
            throw APIError(status: 404, message: "this server keeps no catalog history (it was started without one)")
        }
        let result: Result<JSONValue, RunFailure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: Result { () throws(RunFailure) -> JSONValue in try body(configuration) })
            }
        }
        switch result {
        case .success(let json):
            return json
        case .failure(let failure):
            let message = failure.diagnostics.map { $0.message.rendered(spellingOptionsWith: QueryParameters.spelling) }
                .joined(separator: "; ")
            throw APIError(
                status: failure.status == .usage ? 400 : 404, message: message,
                suggestions: failure.diagnostics.flatMap(\.suggestions))
        }
    }
}
