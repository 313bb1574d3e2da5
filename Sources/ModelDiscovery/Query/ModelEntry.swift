import ModelsDevCatalog

/// One model of the catalog together with its provider: what `list` and `search` yield.
///
/// An entry is small: it refers to its provider's models rather than holding a copy of its `Model`, which is
/// hundreds of bytes, so the thousands of entries a query makes are cheap to sort, copy and free.
public struct ModelEntry: Sendable {
    /// A provider and the models that entries refer to by index, shared by every entry of that provider.
    final class Listing: Sendable {
        let provider: Provider
        let models: [Model]

        /// Every model of `provider`, indexed as in `provider.models`.
        init(_ provider: Provider) {
            self.provider = provider
            self.models = provider.models
        }

        /// `provider` with `model` alone at index 0 (the model need not be one of the provider's).
        init(_ provider: Provider, only model: Model) {
            self.provider = provider
            self.models = [model]
        }
    }

    private let listing: Listing
    private let modelIndex: Int
    /// How the search text matched this model; `nil` when the query has no search text.
    public internal(set) var match: SearchRank?

    public init(provider: Provider, model: Model, match: SearchRank? = nil) {
        self.init(listing: Listing(provider, only: model), modelIndex: 0, match: match)
    }

    /// The model at `modelIndex` of `listing`.
    init(listing: Listing, modelIndex: Int, match: SearchRank? = nil) {
        self.listing = listing
        self.modelIndex = modelIndex
        self.match = match
    }

    /// The provider that lists the model.
    public var provider: Provider {
        _read { yield listing.provider }
    }

    /// The model, as the catalog describes it.
    public var model: Model {
        _read { yield listing.models[modelIndex] }
    }

    /// The reference `provider/model` that names this model anywhere, such as `anthropic/claude-sonnet-4-5` or
    /// `cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct` (model ids may themselves hold `/`, `:` and `@`).
    public var reference: String { provider.id.rawValue + "/" + model.id }
}
