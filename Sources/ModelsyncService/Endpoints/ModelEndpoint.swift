import ModelDiscovery
import ModelsDevCatalog

/// `GET /api/v1/models/{provider}/{model…}`, and `GET /api/v1/models/{model}` for a model id one provider lists.
extension CatalogAnswer {
    /// `{"reference": "provider/model", "provider": {…}, "model": {…}}`: everything the catalog says, as
    /// ``ModelDetails`` writes it (`info --json`'s `provider` and `model`).
    static func model(provider: String?, model: String, request: APIRequest, catalog: ServedCatalog)
        throws(APIError) -> CatalogAnswer
    {
        _ = try QueryParameters(request.query, allowed: [], endpoint: APIRoute.models.template + "/{provider}/{model}")
        let resolved: ResolvedModel
        do {
            if let provider {
                resolved = try catalog.resolver.resolve(provider: provider, model: model)
            } else {
                resolved = try catalog.resolver.resolve(model)
            }
        } catch {
            throw notFound(error)
        }
        return CatalogAnswer(key: "model\u{0}" + resolved.reference.description) {
            let details = ModelDetails(resolved)
            return .json(
                .object([
                    "reference": .string(resolved.reference.description),
                    "provider": details.providerJSON,
                    "model": details.modelJSON,
                ]))
        }
    }

    /// A reference that names no model (or, a model id alone, several): 404, with the closest references (or
    /// every match) as suggestions.
    static func notFound(_ error: ModelReferenceError) -> APIError {
        switch error {
        case .unknownModel(let reference, let suggestions):
            return APIError(
                status: 404,
                message: "no provider lists a model '\(QueryParameters.shown(reference))'"
                    + (suggestions.isEmpty ? "" : "; the closest are in suggestions"),
                suggestions: suggestions.map(\.description))
        case .unknownModelOfProvider(let provider, let model, let suggestions):
            return APIError(
                status: 404,
                message: "provider '\(QueryParameters.shown(provider))' has no model '\(QueryParameters.shown(model))'"
                    + (suggestions.isEmpty ? "" : "; the closest are in suggestions"),
                suggestions: suggestions.map(\.description))
        case .unknownProvider(let provider, let suggestions):
            return APIError(
                status: 404,
                message: "the catalog has no provider '\(QueryParameters.shown(provider))'; /api/v1/providers "
                    + "lists them",
                suggestions: suggestions)
        case .ambiguous(let reference, let matches):
            return APIError(
                status: 404,
                message: "'\(QueryParameters.shown(reference))' is a model of \(matches.count) providers; ask for "
                    + "one as /api/v1/models/{provider}/{model} (the matches are in suggestions)",
                suggestions: matches.map(\.description))
        }
    }
}
