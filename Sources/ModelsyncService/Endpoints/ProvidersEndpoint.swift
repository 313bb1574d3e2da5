import ModelDiscovery
import ModelsDevCatalog

/// `GET /api/v1/providers` and `GET /api/v1/providers/{id}`.
extension CatalogAnswer {
    /// `{"data": [{id, name, models, env, npm, api, doc}], "total": N}`, in catalog order (by id).
    static func providers(_ request: APIRequest, catalog: ServedCatalog) throws(APIError) -> CatalogAnswer {
        _ = try QueryParameters(request.query, allowed: [], endpoint: APIRoute.providers.template)
        return CatalogAnswer(key: "providers") {
            let providers = catalog.catalog.providers
            return .json(
                .object([
                    "data": .array(providers.map { summary($0) }),
                    "total": .optional(providers.count),
                ]))
        }
    }

    /// ``ModelDetails/providerJSON`` with the number of models after `doc`: `{id, name, env, npm, api, doc, models,
    /// other_fields}`.
    static func provider(_ id: String, request: APIRequest, catalog: ServedCatalog) throws(APIError) -> CatalogAnswer {
        _ = try QueryParameters(request.query, allowed: [], endpoint: APIRoute.provider(id).template)
        let provider = try provider(id, in: catalog)
        return CatalogAnswer(key: "provider\u{0}" + provider.id.rawValue) {
            let details = ModelDetails(
                ResolvedModel(provider: provider, model: provider.models.first ?? Model(id: "")))
            guard case .object(var object) = details.providerJSON else { return .json(details.providerJSON) }
            let at = object.members.firstIndex { $0.key == "other_fields" } ?? object.members.endIndex
            object.members.insert(.init(key: "models", value: .optional(provider.models.count)), at: at)
            return .json(.object(object))
        }
    }

    private static func summary(_ provider: Provider) -> JSONValue {
        .object([
            "id": .string(provider.id.rawValue),
            "name": .optional(provider.name),
            "models": .optional(provider.models.count),
            "env": provider.env.map { .array($0.map(JSONValue.string)) } ?? .null,
            "npm": .optional(provider.npm),
            "api": .optional(provider.api),
            "doc": .optional(provider.doc),
        ])
    }
}
