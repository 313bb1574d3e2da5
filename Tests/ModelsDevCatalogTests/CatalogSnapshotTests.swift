import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// Decoding the real models.dev snapshots in `Tests/Fixtures/models-dev` (counts from its README).
///
/// Serialized, and each snapshot decoded once, so that this CPU-heavy suite leaves a core to the timing-sensitive
/// network tests running beside it.
@Suite(.serialized)
struct CatalogSnapshotTests {
    /// The 2026-07-02 snapshot, decoded once for all tests.
    private static let latest = Result {
        try Catalog.decode(try Fixtures.modelsDevData("api-2026-07-02.json"), sourceName: "snapshot")
    }
    @Test(arguments: [
        ("api-2025-08-03.json", 33, 452),
        ("api-2026-01-05.json", 76, 2_033),
        ("api-2026-07-02.json", 147, 5_276),
    ])
    func decodesEverySnapshotWithTheReadmeCounts(file: String, providers: Int, models: Int) throws {
        let catalog = try Catalog.decode(Fixtures.modelsDevData(file), sourceName: file)
        #expect(catalog.providers.count == providers)
        #expect(catalog.modelCount == models)
        #expect(catalog.rejectedProviders.isEmpty)
        #expect(catalog.providers.map(\.models.count).reduce(0, +) == models)
    }

    /// `JSONSerialization` on Linux reads some decimals a few units in the last place off (`0.060000000000000005`
    /// becomes `0.06000000000000002`), so prices are compared with a relative tolerance of 1e-12.
    @Test(arguments: ["api-2025-08-03.json", "api-2026-01-05.json", "api-2026-07-02.json"])
    func agreesWithJSONSerializationOnEveryModelIdAndPrice(file: String) throws {
        let data = try Fixtures.modelsDevData(file)
        let catalog = try Catalog.decode(data, sourceName: file)
        let reference = try #require(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        #expect(Set(catalog.providers.map(\.id.rawValue)) == Set(reference.keys))
        for provider in catalog.providers {
            let models = try #require(reference[provider.id.rawValue]?["models"] as? [String: [String: Any]])
            #expect(Set(provider.models.map(\.id)) == Set(models.keys))
            for model in provider.models {
                let cost = models[model.id]?["cost"] as? [String: Any]
                for (key, price) in [("input", model.cost?.input), ("output", model.cost?.output)] {
                    let expected = (cost?[key] as? NSNumber)?.doubleValue
                    #expect((price == nil) == (expected == nil), "\(model.id) \(key)")
                    if let price, let expected {
                        #expect(abs(price.doubleValue - expected) <= abs(expected) * 1e-12, "\(model.id) \(key)")
                    }
                }
            }
        }
    }

    @Test func keepsClaudeSonnet45ExactlyAsListed() throws {
        let catalog = try Self.latest.get()
        let provider = try #require(catalog.provider("anthropic"))
        #expect(provider.name == "Anthropic")
        #expect(provider.env == ["ANTHROPIC_API_KEY"])
        #expect(provider.npm == "@ai-sdk/anthropic")
        #expect(provider.doc == "https://docs.anthropic.com/en/docs/about-claude/models")
        #expect(provider.api == nil)
        let model = try #require(catalog.model(provider: "anthropic", id: "claude-sonnet-4-5"))
        #expect(model.name == "Claude Sonnet 4.5 (latest)")
        #expect(model.family == "claude-sonnet")
        #expect(model.limit == ModelLimit(context: 200_000, input: nil, output: 64_000))
        #expect(model.cost?.input?.description == "3")
        #expect(model.cost?.output?.description == "15")
        #expect(model.cost?.cacheRead?.description == "0.3")
        #expect(model.cost?.cacheWrite?.description == "3.75")
        #expect(model.cost?.cacheRead == ExactDecimal("0.3"))
        #expect(model.cost?.input?.isInteger == true)
        #expect(model.cost?.contextOver200k == nil)
        #expect(model.cost?.tiers == nil)
        #expect(model.modalities == Modalities(input: ["text", "image", "pdf"], output: ["text"]))
        #expect(model.knowledge == "2025-07-31")
        #expect(model.releaseDate == "2025-09-29")
        #expect(model.lastUpdated == "2025-09-29")
        #expect(model.openWeights == false)
        #expect(model.status == nil)
        #expect(model.toolCall == true)
        #expect(model.reasoning == true)
        #expect(model.attachment == true)
        #expect(model.temperature == true)
        #expect(model.structuredOutput == nil)
        #expect(model.interleaved == nil)
        #expect(model.otherFields.members.map(\.key) == ["reasoning_options"])
    }

    @Test func keepsDecimalsAsWrittenWithoutFloatingPointNoise() throws {
        let catalog = try Self.latest.get()
        let nova = try #require(catalog.model(provider: "amazon-bedrock", id: "amazon.nova-lite-v1:0"))
        #expect(nova.cost?.input?.text == "0.06")
        #expect(nova.cost?.output?.text == "0.24")
        #expect(nova.cost?.cacheRead?.description == "0.015")
        let kilo = try #require(catalog.model(provider: "kilo", id: "~google/gemini-flash-latest"))
        #expect(kilo.cost?.cacheWrite?.description == "0.08333333333333334")
        let haiku = try #require(catalog.model(provider: "helicone", id: "claude-3.5-haiku"))
        #expect(haiku.cost?.input?.description == "0.7999999999999999")
        #expect(haiku.cost?.cacheWrite?.description == "1")
    }

    @Test func keepsLongContextPricesInBothTheOldAndTheNewField() throws {
        let catalog = try Self.latest.get()
        let opus = try #require(catalog.model(provider: "302ai", id: "claude-opus-4-7"))
        let expected = PriceSet(
            input: ExactDecimal(10), output: ExactDecimal("37.5"), cacheRead: ExactDecimal(1),
            cacheWrite: ExactDecimal("12.5"))
        #expect(opus.cost?.contextOver200k == expected)
        #expect(opus.cost?.tiers == [CostTier(kind: "context", size: 200_000, prices: expected)])
        #expect(opus.cost?.prices.entries.map(\.key) == ["input", "output", "cache_read", "cache_write"])
    }

    @Test func keepsModelIdsOpaqueAndLooksThemUpExactly() throws {
        let catalog = try Self.latest.get()
        #expect(catalog.model(provider: "amazon-bedrock", id: "amazon.nova-lite-v1:0")?.name == "Nova Lite")
        #expect(catalog.model(provider: "kilo", id: "~anthropic/claude-haiku-latest") != nil)
        #expect(catalog.model(provider: "cloudflare-workers-ai", id: "@cf/meta/llama-3.1-8b-instruct-fp8") != nil)
        #expect(catalog.model(provider: "kilo", id: "anthropic/claude-haiku-latest") == nil)
        #expect(catalog.model(provider: "ANTHROPIC", id: "claude-sonnet-4-5") == nil)
        #expect(catalog.provider("302ai") != nil)
    }

    @Test func keepsInterleavedObjectsAndNullReasoningValues() throws {
        let catalog = try Self.latest.get()
        let glm = try #require(catalog.model(provider: "302ai", id: "glm-4.7"))
        #expect(glm.interleaved == .details(["field": .string("reasoning_content")]))
        #expect(glm.interleaved?.isEnabled == true)
        let sarvam = try #require(catalog.model(provider: "sarvam", id: "sarvam-105b"))
        let options: JSONValue = .array([
            .object([
                "type": .string("effort"),
                "values": .array([.null, .string("low"), .string("medium"), .string("high")]),
            ])
        ])
        #expect(sarvam.otherFields["reasoning_options"] == options)
    }

    @Test func groupsModelsUnderTheirProviderInCatalogOrder() throws {
        let catalog = try Catalog.decode(Fixtures.modelsDevData("api-2025-08-03.json"), sourceName: "snapshot")
        let anthropic = try #require(catalog.provider("anthropic"))
        #expect(anthropic.models.first?.id == "claude-3-5-haiku-20241022")
        #expect(anthropic.model("claude-sonnet-4-20250514")?.limit?.output == 64_000)
        #expect(anthropic.model("claude-sonnet-4-20250514")?.family == nil)
        let ids = catalog.providers.map(\.id.rawValue)
        #expect(Array(ids.prefix(3)) == ["alibaba", "amazon-bedrock", "anthropic"])
        #expect(Array(ids[11...13]) == ["google-vertex-anthropic", "google-vertex", "google"])
    }

    @Test func readsTheBundledSnapshotAndNamesItsDate() async throws {
        let loader = CatalogLoader(cacheDirectory: FileManager.default.temporaryDirectory)
        let loaded = try await loader.load(.bundled)
        #expect(loaded.catalog.providerCount == 147)
        #expect(loaded.catalog.modelCount == 5_276)
        #expect(loaded.provenance.summary.description.contains("bundled snapshot of 2026-07-02"))
        #expect(loaded.provenance.json.serialized().contains("\"modified_at\":\"2026-07-02T00:00:00Z\""))
    }
}
