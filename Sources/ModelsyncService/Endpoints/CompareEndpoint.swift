import ModelDiscovery
import ModelsDevCatalog

/// `GET /api/v1/compare?ids=a,b,c`: models side by side, as `compare --json` shows them.
extension CatalogAnswer {
    /// The most models one comparison takes.
    static let maximumCompared = 20

    /// `{"models": [{reference, provider, id, name}], "rows": [{field, unit, prefer, values, best}]}`
    /// (``ModelComparison/json``).
    ///
    /// `ids` holds references (`provider/model`, or a model id one provider lists), separated by commas or given
    /// once each; 2 to ``maximumCompared`` of them.
    static func compare(_ request: APIRequest, catalog: ServedCatalog) throws(APIError) -> CatalogAnswer {
        let parameters = try QueryParameters(
            request.query, allowed: ["ids"], lists: ["ids"], endpoint: APIRoute.compare.template)
        let references = parameters.list("ids")
        guard (2...maximumCompared).contains(references.count) else {
            throw APIError(
                status: 400,
                message: "ids names \(references.count) model\(references.count == 1 ? "" : "s"); compare 2 to "
                    + "\(maximumCompared), as ids=provider/model,provider/model")
        }
        var models: [ResolvedModel] = []
        for reference in references {
            do {
                models.append(try catalog.resolver.resolve(reference))
            } catch {
                var failure = notFound(error)
                failure.message = "ids: " + failure.message
                throw failure
            }
        }
        let compared = models
        return CatalogAnswer(key: "compare\u{0}" + models.map(\.reference.description).joined(separator: "\u{0}")) {
            .json(.object(ModelComparison(compared).json))
        }
    }
}
