import Diagnostics
import ModelsDevCatalog

/// Which models of a catalog to show and in what order: the filters, search text, sort and limit of `list` and
/// `search`, as a value.
///
/// Every filter that is set must hold (repeated `capabilities` and `modalities` all; `providers` and `statuses`
/// any one of theirs). A numeric filter leaves out models that lack the value: `maxInputPrice` and `minInputPrice`
/// drop models without an input price, `minContext` those without a context window, ``priced`` those without
/// either price. Prices are USD per million tokens, counts are tokens.
///
/// Order: by ``sort`` when set (see ``ModelSortKey``); else by search rank when there is search text; else by
/// reference. Ties always go by provider id, then model id.
public struct ModelQuery: Equatable, Sendable {
    /// Provider ids, any of which a model's provider may be; empty for every provider.
    public var providers: [String] = []
    /// Capabilities a model must all have (docs/provider-files.md#capabilities).
    public var capabilities: [ModelCapability] = []
    /// The highest input price (`cost.input`), inclusive, in USD per million tokens.
    public var maxInputPrice: ExactDecimal?
    /// The highest output price (`cost.output`), inclusive, in USD per million tokens.
    public var maxOutputPrice: ExactDecimal?
    /// The lowest input price (`cost.input`), inclusive, in USD per million tokens.
    public var minInputPrice: ExactDecimal?
    /// The lowest output price (`cost.output`), inclusive, in USD per million tokens.
    public var minOutputPrice: ExactDecimal?
    /// `true`: only models whose input and output prices are both known and above 0 USD per million tokens, which
    /// leaves out free tiers, subscription plans priced at 0 and models without prices.
    public var priced = false
    /// The smallest context window (`limit.context`), inclusive, in tokens.
    public var minContext: Int?
    /// The smallest output limit (`limit.output`), inclusive, in tokens.
    public var minOutput: Int?
    /// Statuses, any of which a model may have; empty for every status.
    public var statuses: [ModelStatusFilter] = []
    /// `true`: only open-weights models; `false`: only models the catalog marks `open_weights: false`.
    public var openWeights: Bool?
    /// Modalities a model must all have.
    public var modalities: [ModalityFilter] = []
    /// Only models released after this date.
    public var releasedAfter: ReleaseDateBound?
    /// Search text: only models that match it, ranked by ``SearchRank``.
    public var search: SearchText?
    /// The order; `nil`: search rank, else reference.
    public var sort: ModelSortKey?
    /// Reverses the order of ``sort`` (ties and models without the value stay as they are).
    public var descending = false
    /// At most this many models, after sorting; `nil`: all.
    public var limit: Int?

    public init() {}

    /// Whether `model` passes every filter (search text aside).
    public func matches(_ model: Model) -> Bool {
        for capability in capabilities where !model.has(capability) { return false }
        if let maxInputPrice {
            guard let price = model.cost?.input, price <= maxInputPrice else { return false }
        }
        if let maxOutputPrice {
            guard let price = model.cost?.output, price <= maxOutputPrice else { return false }
        }
        if let minInputPrice {
            guard let price = model.cost?.input, price >= minInputPrice else { return false }
        }
        if let minOutputPrice {
            guard let price = model.cost?.output, price >= minOutputPrice else { return false }
        }
        if priced {
            guard let input = model.cost?.input, let output = model.cost?.output, input > Self.zero, output > Self.zero
            else { return false }
        }
        if let minContext {
            guard let context = model.limit?.context, context >= minContext else { return false }
        }
        if let minOutput {
            guard let output = model.limit?.output, output >= minOutput else { return false }
        }
        if !statuses.isEmpty {
            guard let status = ModelStatusFilter(of: model), statuses.contains(status) else { return false }
        }
        if let openWeights, model.openWeights != openWeights { return false }
        for modality in modalities where !modality.matches(model) { return false }
        if let releasedAfter, !releasedAfter.matches(model.releaseDate) { return false }
        return true
    }

    /// The models of `catalog` that pass, in order, at most ``limit`` of them.
    ///
    /// - Throws: ``QueryError/unknownProvider(_:suggestions:)`` when ``providers`` names one the catalog lacks.
    public func run(on catalog: Catalog) throws(QueryError) -> QueryResult {
        var selected: [Provider] = catalog.providers
        if !providers.isEmpty {
            selected = []
            for id in providers {
                let lowered = id.lowercased()
                guard let provider = catalog.provider(lowered) else {
                    throw .unknownProvider(id, suggestions: Self.providerSuggestions(for: lowered, in: catalog))
                }
                if !selected.contains(where: { $0.id == provider.id }) { selected.append(provider) }
            }
        }
        var entries: [ModelEntry] = []
        entries.reserveCapacity(selected.reduce(0) { $0 + $1.models.count })
        for provider in selected {
            let listing = ModelEntry.Listing(provider)
            for (index, model) in provider.models.enumerated() where matches(model) {
                if let search {
                    guard let rank = search.rank(model, of: provider) else { continue }
                    entries.append(ModelEntry(listing: listing, modelIndex: index, match: rank))
                } else {
                    entries.append(ModelEntry(listing: listing, modelIndex: index))
                }
            }
        }
        let matched = entries.count
        entries = sorted(entries)
        if let limit, entries.count > limit { entries.removeLast(entries.count - limit) }
        let total = catalog.providers.reduce(0) { $0 + $1.models.count }
        return QueryResult(entries: entries, matchedCount: matched, catalogModelCount: total)
    }

    /// 0 USD per million tokens, the price ``priced`` leaves out.
    private static let zero = ExactDecimal(0)

    /// Up to five provider ids of `catalog` that look like `id` (``IDSuggestions``).
    static func providerSuggestions(for id: String, in catalog: Catalog) -> [String] {
        IDSuggestions.closest(to: id, among: catalog.providers.map(\.id.rawValue), limit: 5)
    }
}
