import Diagnostics
import ModelDiscovery
import ModelsDevCatalog
import ModelsyncApp

/// `GET /api/v1/models` and `GET /api/v1/providers/{id}/models`: the models a filter finds, a page at a time.
extension CatalogAnswer {
    /// `{"data": [model…], "total": N, "offset": N, "limit": N, "links": {"next": URL or null}}`.
    ///
    /// `data` holds the models of the page, each as `list --json` writes one (``ModelListing/modelJSON(_:)``);
    /// `total` counts every model the filters pass; `links.next` is the path and canonical query of the next page,
    /// `null` on the last.
    static func models(_ request: APIRequest, catalog: ServedCatalog, provider pathProvider: String?)
        throws(APIError) -> CatalogAnswer
    {
        let route: APIRoute = pathProvider.map { .providerModels($0) } ?? .models
        var providerID: String?
        if let pathProvider {
            providerID = try provider(pathProvider, in: catalog).id.rawValue
        }
        let parameters = try ModelsParameters(request, endpoint: route.template, provider: providerID)
        for id in parameters.query.providers where catalog.catalog.provider(id.lowercased()) == nil {
            throw APIError(
                status: 400,
                message: "the catalog has no provider '\(QueryParameters.shown(id))' (provider); /api/v1/providers "
                    + "lists them",
                suggestions: IDSuggestions.closest(
                    to: id.lowercased(), among: catalog.catalog.providers.map(\.id.rawValue), limit: 5))
        }
        let path =
            pathProvider.map { "/api/v1/providers/" + PercentDecoding.encodeComponent($0) + "/models" }
            ?? "/api/v1/models"
        let query = parameters.parameters.canonical()
        return CatalogAnswer(key: path + "?" + query) {
            let result: QueryResult
            do throws(QueryError) {
                result = try parameters.query.run(on: catalog.catalog)
            } catch {
                // Checked above; a catalog cannot lose a provider while it is served.
                return APIError(status: 500, error.diagnostic).response
            }
            let page = result.entries.dropFirst(parameters.offset).prefix(parameters.limit)
            let nextOffset = parameters.offset + parameters.limit
            let next: JSONValue =
                nextOffset < result.matchedCount
                ? .string(path + "?" + parameters.parameters.canonical(replacing: ["offset": String(nextOffset)]))
                : .null
            return .json(
                .object([
                    "data": .array(page.map(ModelListing.modelJSON)),
                    "total": .optional(result.matchedCount),
                    "offset": .optional(parameters.offset),
                    "limit": .optional(parameters.limit),
                    "links": .object(["next": next]),
                ]))
        }
    }
}
