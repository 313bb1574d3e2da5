import Diagnostics
import ModelsDevCatalog

/// The catalog-level safety stop (docs/merge-rules.md, rule 5): a catalog with too few providers, or fewer than
/// half the models of the last catalog accepted from the same source, is refused as a whole.
///
/// Both checks apply to the whole catalog, before any provider is selected.
public struct SafetyStop: Sendable {
    /// The model count of the last catalog accepted from the same source, when one was recorded.
    public var lastAcceptedModelCount: Int?

    /// The fewest providers a catalog may list.
    public static let minimumProviderCount = 10
    /// The option that accepts a catalog the stop refuses.
    public static let allowShrinkOption = OptionReference("allow-shrink")

    public init(lastAcceptedModelCount: Int?) {
        self.lastAcceptedModelCount = lastAcceptedModelCount
    }

    /// Why `catalog` from `source` is refused, or `nil` when it passes.
    public func refusal(of catalog: Catalog, from source: CatalogSource) -> Diagnostic? {
        if catalog.providerCount < Self.minimumProviderCount {
            return Diagnostic(
                path: source.description,
                message: "the catalog lists only \(catalog.providerCount) providers (fewer than "
                    + "\(Self.minimumProviderCount)); refusing it, no file touched. If this is intended, pass "
                    + "\(option: Self.allowShrinkOption)")
        }
        if let last = lastAcceptedModelCount, catalog.modelCount * 2 < last {
            return Diagnostic(
                path: source.description,
                message: "the catalog lists \(catalog.modelCount) models, fewer than half of the \(last) in the last "
                    + "catalog accepted from this source; refusing it, no file touched. If this is intended, pass "
                    + "\(option: Self.allowShrinkOption)")
        }
        return nil
    }
}
