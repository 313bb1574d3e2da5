/// What a model costs, in USD per million tokens: base prices, the long-context prices and the price tiers.
///
/// models.dev moved long-context prices from `context_over_200k` to `tiers`; both are kept so that no consumer
/// silently under-prices. The base prices are reachable directly: `cost.input`, `cost.cacheRead`.
@dynamicMemberLookup
public struct ModelCost: Equatable, Sendable {
    /// The base prices (`cost.input`, `cost.output`, …).
    public var prices: PriceSet
    /// The prices above 200,000 tokens of context (`cost.context_over_200k`), when listed.
    public var contextOver200k: PriceSet?
    /// The price tiers (`cost.tiers`), in catalog order, when listed.
    public var tiers: [CostTier]?

    public init(prices: PriceSet = PriceSet(), contextOver200k: PriceSet? = nil, tiers: [CostTier]? = nil) {
        self.prices = prices
        self.contextOver200k = contextOver200k
        self.tiers = tiers
    }

    public subscript(dynamicMember keyPath: KeyPath<PriceSet, ExactDecimal?>) -> ExactDecimal? {
        prices[keyPath: keyPath]
    }
}
