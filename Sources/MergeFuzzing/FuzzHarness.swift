import Foundation
import ModelSync
import ModelsDevCatalog

/// What the fuzzer and the corpus replay check: one input, whose first byte picks the provider (of the bundled
/// catalog snapshot) the file is merged with and whose other bytes are the provider file's text.
public enum FuzzHarness {
    /// Providers of different shapes: many models with tiers, a small one, one with flow-heavy files.
    public static let providers = ["anthropic", "cerebras", "openai", "xai", "deepseek", "google"]

    static let invariants: [MergeInvariants] = {
        do {
            let file = try BundledSnapshot.file()
            let catalog = try Catalog.decode(try Data(contentsOf: file), sourceName: file.path)
            return providers.compactMap { id in
                catalog.provider(id).map { MergeInvariants(fileID: id, desired: CatalogMapping.desired(for: $0)) }
            }
        } catch {
            fatalError("cannot load the bundled catalog snapshot: \(error)")
        }
    }()

    /// The checks an input's first byte picks (the provider it is merged with); `nil` for an empty input.
    public static func invariants(for input: [UInt8]) -> MergeInvariants? {
        guard let selector = input.first, !invariants.isEmpty else { return nil }
        return invariants[Int(selector) % invariants.count]
    }

    /// The provider an input is merged with, what happened and the promises broken; `nil` for an empty input.
    public static func check(_ input: [UInt8]) -> (
        provider: String, outcome: MergeInvariants.Outcome, violations: [String]
    )? {
        guard let invariant = invariants(for: input) else { return nil }
        let (outcome, violations) = invariant.check(Array(input.dropFirst()))
        return (invariant.fileID, outcome, violations)
    }
}
