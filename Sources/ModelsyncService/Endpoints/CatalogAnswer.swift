import Diagnostics
import ModelsDevCatalog

/// The answer of a catalog endpoint, checked but not yet built: the key its ETag is made of, and how to build it.
///
/// Everything that can refuse the request (a parameter, an unknown provider or model) is checked when the answer
/// is made, so that only a real answer gets an ETag; building the body is left to ``render``, which a
/// `304 Not Modified` never calls.
struct CatalogAnswer {
    /// The route and its canonical parameters: equal keys give equal bodies from the same catalog.
    let key: String
    let render: @Sendable () -> APIResponse

    init(key: String, render: @escaping @Sendable () -> APIResponse) {
        var hash = EntityTagHash()
        hash.add(key)
        self.key = hash.hex
        self.render = render
    }

    init(route: APIRoute, request: APIRequest, catalog: ServedCatalog) throws(APIError) {
        switch route {
        case .providers:
            self = try Self.providers(request, catalog: catalog)
        case .provider(let id):
            self = try Self.provider(id, request: request, catalog: catalog)
        case .providerModels(let id):
            self = try Self.models(request, catalog: catalog, provider: id)
        case .models:
            self = try Self.models(request, catalog: catalog, provider: nil)
        case .model(let provider, let model):
            self = try Self.model(provider: provider, model: model, request: request, catalog: catalog)
        case .bareModel(let model):
            self = try Self.model(provider: nil, model: model, request: request, catalog: catalog)
        case .compare:
            self = try Self.compare(request, catalog: catalog)
        case .health, .ready, .metrics, .refresh, .refreshStatus, .history, .changes:
            preconditionFailure("\(route.template) is not a catalog endpoint")
        }
    }

    /// The provider of path id `id`, or a 404 with the closest ids.
    static func provider(_ id: String, in catalog: ServedCatalog) throws(APIError) -> Provider {
        guard let provider = catalog.resolver.provider(named: id) else {
            throw APIError(
                status: 404,
                message: "the catalog has no provider '\(QueryParameters.shown(id))'; /api/v1/providers lists them",
                suggestions: IDSuggestions.closest(
                    to: id, among: catalog.catalog.providers.map(\.id.rawValue), limit: 5))
        }
        return provider
    }
}
