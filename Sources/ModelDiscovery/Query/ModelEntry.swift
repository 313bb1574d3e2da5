import ModelsDevCatalog

/// One model of the catalog together with its provider: what `list` and `search` yield.
public struct ModelEntry: Sendable {
    /// The provider that lists the model.
    public let provider: Provider
    /// The model, as the catalog describes it.
    public let model: Model
    /// How the search text matched this model; `nil` when the query has no search text.
    public internal(set) var match: SearchRank?

    public init(provider: Provider, model: Model, match: SearchRank? = nil) {
        self.provider = provider
        self.model = model
        self.match = match
    }

    /// The reference `provider/model` that names this model anywhere, such as `anthropic/claude-sonnet-4-5` or
    /// `cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct` (model ids may themselves hold `/`, `:` and `@`).
    public var reference: String { provider.id.rawValue + "/" + model.id }
}
