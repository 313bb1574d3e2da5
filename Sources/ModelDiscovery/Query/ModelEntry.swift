import ModelsDevCatalog

/// One model of the catalog together with its provider: what `list` and `search` yield.
///
/// An entry is small: it refers to its provider's models rather than holding a copy of its `Model`, which is
/// hundreds of bytes, so the thousands of entries a query makes are cheap to sort, copy and free.
public struct ModelEntry: Sendable {
    /// A provider, shared by every entry of it, and the one model an entry was made with when it is not one of
    /// the provider's (`nil`: entries index `provider.models`).
    final class Listing: Sendable {
        let provider: Provider
        let model: Model?

        init(_ provider: Provider, only model: Model? = nil) {
            self.provider = provider
            self.model = model
        }
    }

    private let listing: Listing
    private let modelIndex: Int
    /// How the search text matched this model; `nil` when the query has no search text.
    public internal(set) var match: SearchRank?

    public init(provider: Provider, model: Model, match: SearchRank? = nil) {
        self.init(listing: Listing(provider, only: model), modelIndex: 0, match: match)
    }

    /// The model at `modelIndex` of the listing's provider.
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
        _read {
            if let model = listing.model {
                yield model
            } else {
                yield listing.provider.models[modelIndex]
            }
        }
    }

    /// The reference `provider/model` that names this model anywhere, such as `anthropic/claude-sonnet-4-5` or
    /// `cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct` (model ids may themselves hold `/`, `:` and `@`).
    public var reference: String { provider.id.rawValue + "/" + model.id }
}
