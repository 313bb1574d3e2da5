import Foundation
import TestSupport
import Testing

/// Merge behaviour the end-to-end tests once found contradicting the contract in docs/, kept as regression tests.
struct PinnedNestedKeyTests {
    /// docs/provider-files.md#pinned-keys: "A pinned key is never set, removed or inserted"; a dotted name pins a nested key.
    ///
    /// Upstream, vercel's `perplexity/sonar-pro` has a `cost` on 2026-01-05 and none on 2026-07-02, so `pricing` is
    /// removed, but `pricing.input` is pinned: it must stay, alone in `pricing`.
    @Test func aPinnedNestedPriceStaysWhenUpstreamDropsTheWholeCost() async throws {
        let runner = try CommandRunner()
        let new = Fixtures.modelsDev("api-2026-01-05.json").path
        let newest = Fixtures.modelsDev("api-2026-07-02.json").path
        try await runner.run(["sync", "--quiet", "--source", new, "--provider", "vercel"], expecting: 0)
        let model = "perplexity/sonar-pro"
        try runner.write(
            try HandEdit.append("    pinned: [pricing.input]\n", toModel: model, in: try runner.text("vercel")),
            to: "vercel")
        let before = try await PyYAMLReader.read(runner.providerFile("vercel").path)
        let pinned = try #require(before["models"]?[model]?["pricing"]?["input"])

        // The price_to_zero guard holds the removal of a price (docs/guards.md); accepted, the pin alone decides.
        let held = try await runner.run(["sync", "--quiet", "--source", newest], expecting: 0)
        #expect(held.stdout.contains(" held for review"), "\(held.stdout)")
        try await runner.run(["sync", "--quiet", "--accept-held", "--source", newest], expecting: 0)

        let after = try await PyYAMLReader.read(runner.providerFile("vercel").path)
        let pricing = after["models"]?[model]?["pricing"]
        #expect(after["models"]?[model]?["pinned"] == .array([.string("pricing.input")]))
        #expect(pricing == .object([PlainMember("input", pinned)]), "pricing now reads \(pricing ?? .null)")
    }
}
