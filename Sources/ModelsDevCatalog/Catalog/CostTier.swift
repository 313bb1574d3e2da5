/// One price tier of a model (`cost.tiers[i]`): the prices that apply from a context size on.
public struct CostTier: Equatable, Sendable {
    /// What the tier is measured by (`tier.type`); every tier models.dev lists is `context`.
    public var kind: String?
    /// Where the tier starts (`tier.size`), in tokens of context.
    public var size: Int?
    /// The prices in this tier, in USD per million tokens.
    public var prices: PriceSet

    public init(kind: String? = nil, size: Int? = nil, prices: PriceSet = PriceSet()) {
        self.kind = kind
        self.size = size
        self.prices = prices
    }
}
