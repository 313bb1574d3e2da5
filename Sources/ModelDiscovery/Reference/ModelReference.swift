import ModelsDevCatalog

/// A model named by its provider and its id, written `PROVIDER/MODEL` (`anthropic/claude-sonnet-4-5`).
///
/// The model id is an opaque key that may itself contain `/`, `:`, `@` and `~`
/// (`cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct`); provider ids never contain `/`. Use
/// ``ModelResolver`` to turn user text into a reference of a model the catalog lists.
public struct ModelReference: Hashable, Sendable, CustomStringConvertible {
    /// The models.dev provider id, such as `anthropic`.
    public let providerID: String
    /// The model id within the provider, such as `claude-sonnet-4-5` or `@cf/meta/llama-3.1-8b-instruct`.
    public let modelID: String

    public init(providerID: String, modelID: String) {
        self.providerID = providerID
        self.modelID = modelID
    }

    /// `PROVIDER/MODEL`.
    public var description: String { providerID + "/" + modelID }
}

/// A reference resolved against the catalog: the provider and the model it names.
public struct ResolvedModel: Sendable {
    public let provider: Provider
    public let model: Model

    public init(provider: Provider, model: Model) {
        self.provider = provider
        self.model = model
    }

    /// The reference of the model, `PROVIDER/MODEL`.
    public var reference: ModelReference {
        ModelReference(providerID: provider.id.rawValue, modelID: model.id)
    }
}
