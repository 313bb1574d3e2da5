import Foundation

/// The models.dev catalog, decoded and grouped by provider.
///
/// Providers keep catalog order. A provider whose id could not safely become a file name is not among
/// ``providers`` but listed in ``rejectedProviders`` with a message naming it, so that the rest stays usable.
public struct Catalog: Sendable {
    /// The providers with safe ids, in catalog order.
    public let providers: [Provider]
    /// The providers left out because their ids are unsafe as file names.
    public let rejectedProviders: [RejectedProvider]

    private let providerIndex: [String: Int]

    /// Creates a catalog from providers; later duplicates of an id replace earlier ones in lookups.
    public init(providers: [Provider], rejectedProviders: [RejectedProvider] = []) {
        self.providers = providers
        self.rejectedProviders = rejectedProviders
        var index: [String: Int] = [:]
        for (position, provider) in providers.enumerated() { index[provider.id.rawValue] = position }
        self.providerIndex = index
    }

    /// Decodes api.json bytes, strictly, naming `sourceName` (a URL or path) in any error.
    ///
    /// - Throws: ``CatalogError/invalidJSON(source:line:column:offset:reason:)`` for malformed JSON and
    ///   ``CatalogError/notACatalog(source:line:column:offset:reason:)`` for JSON of the wrong shape.
    public static func decode(_ bytes: some ContiguousBytes, sourceName: String) throws(CatalogError) -> Catalog {
        try CatalogDecoder.decode(bytes, sourceName: sourceName)
    }

    /// The provider with this id, if the catalog lists it under a safe id.
    public func provider(_ id: String) -> Provider? {
        providerIndex[id].map { providers[$0] }
    }

    /// The model `modelID` of provider `providerID`.
    public func model(provider providerID: String, id modelID: String) -> Model? {
        provider(providerID)?.model(modelID)
    }

    /// The number of providers in the whole catalog, rejected ones included.
    public var providerCount: Int { providers.count + rejectedProviders.count }

    /// The number of models in the whole catalog, those of rejected providers included.
    public var modelCount: Int {
        providers.reduce(0) { $0 + $1.models.count } + rejectedProviders.reduce(0) { $0 + $1.modelCount }
    }
}
