import Foundation
import ModelDiscovery
import ModelsDevCatalog
import TestSupport
import Testing

/// Resolving `PROVIDER/MODEL` and `--provider P MODEL`, and the "did you mean" of what resolves to nothing.
@Suite struct ModelResolverTests {
    /// A catalog of providers, each listing models of these ids (no other field).
    private func catalog(_ providers: KeyValuePairs<String, [String]>) throws -> Catalog {
        try Catalog(
            providers: providers.map { id, models in
                Provider(id: try #require(ProviderID(id)), models: models.map { Model(id: $0) })
            })
    }

    private func error(_ body: () throws(ModelReferenceError) -> ResolvedModel) -> ModelReferenceError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func resolvesProviderSlashModel() throws {
        let resolver = ModelResolver(catalog: try catalog(["anthropic": ["claude-sonnet-4-5"], "openai": ["gpt-5"]]))
        let resolved = try resolver.resolve("anthropic/claude-sonnet-4-5")
        #expect(resolved.reference == ModelReference(providerID: "anthropic", modelID: "claude-sonnet-4-5"))
        #expect(resolved.reference.description == "anthropic/claude-sonnet-4-5")
        #expect(resolved.model.id == "claude-sonnet-4-5")
    }

    @Test func keepsEverythingAfterTheProviderAsTheModelIdSlashesIncluded() throws {
        let resolver = ModelResolver(
            catalog: try catalog([
                "anthropic": ["claude-sonnet-4.5"],
                "openrouter": ["anthropic/claude-sonnet-4.5", "~openai/gpt-latest"],
                "cloudflare-workers-ai": ["@cf/meta/llama-3.1-8b-instruct"],
            ]))
        #expect(try resolver.resolve("openrouter/anthropic/claude-sonnet-4.5").provider.id.rawValue == "openrouter")
        #expect(try resolver.resolve("anthropic/claude-sonnet-4.5").provider.id.rawValue == "anthropic")
        #expect(try resolver.resolve("openrouter/~openai/gpt-latest").model.id == "~openai/gpt-latest")
        #expect(
            try resolver.resolve("cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct").model.id
                == "@cf/meta/llama-3.1-8b-instruct")
    }

    @Test func fallsBackToTheWholeTextAsAModelIdWhenTheNamedProviderLacksIt() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["openai": ["gpt-5"], "baseten": ["openai/gpt-oss-120b"], "kilo": ["x"]]))
        let resolved = try resolver.resolve("openai/gpt-oss-120b")
        #expect(resolved.reference.description == "baseten/openai/gpt-oss-120b")
    }

    @Test func resolvesABareModelIdThatOneProviderLists() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["amazon-bedrock": ["amazon.nova-lite-v1:0"], "openai": ["gpt-5"]]))
        #expect(
            try resolver.resolve("amazon.nova-lite-v1:0").reference.description
                == "amazon-bedrock/amazon.nova-lite-v1:0")
    }

    @Test func listsEveryProviderOfAnAmbiguousBareModelId() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["openai": ["gpt-5"], "azure": ["gpt-5", "gpt-4o"], "302ai": ["gpt-5"]]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("gpt-5") }
        #expect(
            failure?.description == """
                'gpt-5' is a model of 3 providers; name one as PROVIDER/MODEL:
                  openai/gpt-5
                  azure/gpt-5
                  302ai/gpt-5
                """)
    }

    @Test func countsTheAmbiguousMatchesBeyondTen() throws {
        let ids = (0..<13).map { "p\($0)" }
        let resolver = ModelResolver(
            catalog: Catalog(
                providers: try ids.map { Provider(id: try #require(ProviderID($0)), models: [Model(id: "m")]) }))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("m") }
        #expect(
            failure?.description == "'m' is a model of 13 providers; name one as PROVIDER/MODEL:\n"
                + (0..<10).map { "  p\($0)/m\n" }.joined() + "  and 3 more")
    }

    @Test func resolvesTheProviderOptionFormWithoutSplittingTheModelId() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["openrouter": ["anthropic/claude-sonnet-4.5"], "anthropic": ["claude-sonnet-4.5"]]))
        let resolved = try resolver.resolve(provider: "openrouter", model: "anthropic/claude-sonnet-4.5")
        #expect(resolved.reference.description == "openrouter/anthropic/claude-sonnet-4.5")
    }

    @Test func acceptsASettingsFileIdForTheProviderItTracks() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["google": ["gemini-2.5-pro"]]), providerAliases: ["gemini": "google"])
        #expect(try resolver.resolve("gemini/gemini-2.5-pro").reference.description == "google/gemini-2.5-pro")
        #expect(try resolver.resolve(provider: "gemini", model: "gemini-2.5-pro").provider.id.rawValue == "google")
    }

    @Test func suggestsTheClosestModelsOfTheNamedProviderFirst() throws {
        let resolver = ModelResolver(
            catalog: try catalog([
                "anthropic": ["claude-sonnet-4-5", "claude-sonnet-4-0", "claude-opus-4-1", "claude-haiku-4-5"],
                "opencode": ["claude-sonnet-4-5", "gpt-5"],
            ]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("anthropic/claude-sonet-4-5") }
        // anthropic/claude-sonnet-4-5 is 1 edit away; claude-sonnet-4-0 2; opencode's claude-sonnet-4-5 is 1 edit
        // plus 2 for the other provider.
        #expect(
            failure?.description == """
                provider 'anthropic' has no model 'claude-sonet-4-5'; did you mean:
                  anthropic/claude-sonnet-4-5
                  anthropic/claude-sonnet-4-0
                  opencode/claude-sonnet-4-5
                """)
        #expect(
            failure
                == .unknownModelOfProvider(
                    provider: "anthropic", model: "claude-sonet-4-5",
                    suggestions: [
                        ModelReference(providerID: "anthropic", modelID: "claude-sonnet-4-5"),
                        ModelReference(providerID: "anthropic", modelID: "claude-sonnet-4-0"),
                        ModelReference(providerID: "opencode", modelID: "claude-sonnet-4-5"),
                    ]))
    }

    @Test func prefersTheNamedProvidersModelsToOtherProvidersIdsThatSpellTheWholeText() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["anyapi": ["openai/gpt-5-mini"], "openai": ["gpt-5-mini", "gpt-5-nano"]]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("openai/gpt-5-minx") }
        // gpt-5-mini is 1 edit from gpt-5-minx, gpt-5-nano 3; anyapi's openai/gpt-5-mini is 1 edit from the whole
        // text plus 2 for reading past the named provider: 3 as well, after the named provider's.
        #expect(
            failure?.description == """
                provider 'openai' has no model 'gpt-5-minx'; did you mean:
                  openai/gpt-5-mini
                  openai/gpt-5-nano
                  anyapi/openai/gpt-5-mini
                """)
    }

    @Test func suggestsAcrossProvidersForAMisspelledProvider() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["anthropic": ["claude-sonnet-4-5"], "opencode": ["claude-sonnet-4-5", "gpt-5"]]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("anthropc/claude-sonnet-4-5") }
        #expect(
            failure?.description == """
                unknown model 'anthropc/claude-sonnet-4-5'; did you mean:
                  anthropic/claude-sonnet-4-5
                  opencode/claude-sonnet-4-5
                """)
    }

    @Test func suggestsADifferentlyCasedIdFirstThenContainingIds() throws {
        let resolver = ModelResolver(
            catalog: try catalog([
                "baseten": ["moonshotai/Kimi-K2.5", "moonshotai/Kimi-K2.5-TEE-long-context"], "chutes": ["kimi-k2"],
            ]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("baseten/moonshotai/kimi-k2.5") }
        #expect(
            failure?.description == """
                provider 'baseten' has no model 'moonshotai/kimi-k2.5'; did you mean:
                  baseten/moonshotai/Kimi-K2.5
                  baseten/moonshotai/Kimi-K2.5-TEE-long-context
                """)
    }

    @Test func listsAtMostFiveSuggestionsInCodePointOrderOnTies() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["p": ["model-a", "model-b", "model-c", "model-d", "model-e", "model-f", "model-G"]]))
        let failure = error { () throws(ModelReferenceError) in try resolver.resolve("p/model-x") }
        #expect(
            failure?.description == """
                provider 'p' has no model 'model-x'; did you mean:
                  p/model-G
                  p/model-a
                  p/model-b
                  p/model-c
                  p/model-d
                """)
    }

    @Test func saysSoWhenNothingIsClose() throws {
        let resolver = ModelResolver(catalog: try catalog(["anthropic": ["claude-sonnet-4-5"]]))
        let unknown = error { () throws(ModelReferenceError) in try resolver.resolve("zzzz/qqqq") }
        #expect(
            unknown?.description
                == "unknown model 'zzzz/qqqq': no provider lists it and no model id is close to it "
                + "(write PROVIDER/MODEL; 'modelsync providers' lists the provider ids)")
        let ofProvider = error { () throws(ModelReferenceError) in try resolver.resolve("anthropic/qqqq") }
        #expect(ofProvider?.description == "provider 'anthropic' has no model 'qqqq', and no model id is close to it")
    }

    @Test func suggestsProvidersForAnUnknownProviderOption() throws {
        let resolver = ModelResolver(
            catalog: try catalog(["anthropic": ["m"], "openai": ["m"], "google": ["m"], "google-vertex": ["m"]]))
        let misspelled = error { () throws(ModelReferenceError) in try resolver.resolve(provider: "gogle", model: "m") }
        #expect(misspelled?.description == "unknown provider 'gogle'; did you mean:\n  google")
        let part = error { () throws(ModelReferenceError) in try resolver.resolve(provider: "vertex", model: "m") }
        #expect(part?.description == "unknown provider 'vertex'; did you mean:\n  google-vertex")
        let unknown = error { () throws(ModelReferenceError) in try resolver.resolve(provider: "zz", model: "m") }
        #expect(
            unknown?.description
                == "unknown provider 'zz': models.dev does not list it ('modelsync providers' lists the provider ids)")
    }

    @Test func resolvesIdsWithSlashColonAtAndTildeInTheRealSnapshot() throws {
        let data = try Fixtures.modelsDevData("api-2026-07-02.json")
        let resolver = ModelResolver(catalog: try Catalog.decode(data, sourceName: "snapshot"))
        let raw = try #require(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        for (provider, model) in [
            ("cloudflare-workers-ai", "@cf/meta/llama-3.1-8b-instruct-fp8"),
            ("amazon-bedrock", "amazon.nova-lite-v1:0"),
            ("kilo", "~anthropic/claude-sonnet-latest"), ("openrouter", "anthropic/claude-haiku-4.5"),
            ("cloudflare-ai-gateway", "workers-ai/@cf/baai/bge-m3"),
        ] {
            let resolved = try resolver.resolve(provider + "/" + model)
            let models = try #require(raw[provider]?["models"] as? [String: [String: Any]])
            #expect(resolved.provider.id.rawValue == provider)
            #expect(resolved.model.id == model)
            #expect(resolved.model.name == models[model]?["name"] as? String)
        }
    }
}
