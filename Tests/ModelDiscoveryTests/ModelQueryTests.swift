import ModelDiscovery
import ModelsDevCatalog
import Testing

/// A small catalog written out field by field, so that each expectation can be read off it.
private enum Sample {
    static func model(
        _ id: String, name: String? = nil, family: String? = nil, context: Int? = nil, output: Int? = nil,
        input: String? = nil, outputPrice: String? = nil, status: String? = nil, openWeights: Bool? = nil,
        modalities: Modalities? = nil, released: String? = nil, toolCall: Bool? = nil
    ) -> Model {
        var model = Model(id: id)
        model.name = name
        model.family = family
        if context != nil || output != nil { model.limit = ModelLimit(context: context, output: output) }
        if input != nil || outputPrice != nil {
            model.cost = ModelCost(
                prices: PriceSet(
                    input: input.flatMap(ExactDecimal.init), output: outputPrice.flatMap(ExactDecimal.init)))
        }
        model.status = status
        model.openWeights = openWeights
        model.modalities = modalities
        model.releaseDate = released
        model.toolCall = toolCall
        return model
    }

    static func provider(_ id: String, _ models: [Model]) throws -> Provider {
        Provider(id: try #require(ProviderID(id)), name: id, models: models)
    }

    static func catalog() throws -> Catalog {
        Catalog(providers: [
            try provider(
                "openai",
                [
                    model(
                        "gpt-4o", name: "GPT-4o", family: "gpt-4o", context: 128_000, output: 16_384, input: "2.5",
                        outputPrice: "10", openWeights: false,
                        modalities: Modalities(input: ["text", "image"], output: ["text"]), released: "2024-05-13",
                        toolCall: true),
                    model(
                        "gpt-4o-mini", name: "GPT-4o mini", family: "gpt-4o-mini", context: 128_000, output: 16_384,
                        input: "0.15", outputPrice: "0.6", openWeights: false,
                        modalities: Modalities(input: ["text", "image"], output: ["text"]), released: "2024-07-18",
                        toolCall: true),
                    model(
                        "gpt-4.1", name: "GPT-4.1", family: "gpt", context: 1_047_576, output: 32_768, input: "2",
                        outputPrice: "8", released: "2025-04", toolCall: true),
                    model(
                        "tts-1", name: "TTS 1", context: 4_096, input: nil, status: "deprecated",
                        modalities: Modalities(input: ["text"], output: ["audio"]), released: "2023-11-06"),
                ]),
            try provider(
                "openrouter",
                [
                    model(
                        "openai/gpt-4o", name: "OpenAI: GPT-4o", family: "gpt-4o", context: 128_000, input: "2.5",
                        outputPrice: "10", released: "2024-05-13", toolCall: true),
                    model(
                        "meta/llama-3:free", name: "Llama 3 (free)", family: "llama", context: 8_192, input: "0",
                        outputPrice: "0", status: "beta", openWeights: true, released: "2024-04"),
                ]),
            try provider(
                "cloudflare",
                [
                    model(
                        "@cf/meta/llama-3-8b", name: "Llama 3 8B", family: "llama", context: 8_192, input: "0.28",
                        outputPrice: "0.83", openWeights: true,
                        modalities: Modalities(input: ["text"], output: ["text", "image"]), released: "2024-04-18")
                ]),
        ])
    }

    static func references(_ query: ModelQuery) throws -> [String] {
        try query.run(on: catalog()).entries.map(\.reference)
    }
}

@Suite struct ModelQueryFilterTests {
    @Test func withoutFiltersListsEveryModelByReference() throws {
        #expect(
            try Sample.references(ModelQuery()) == [
                "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4.1", "openai/gpt-4o", "openai/gpt-4o-mini",
                "openai/tts-1", "openrouter/meta/llama-3:free", "openrouter/openai/gpt-4o",
            ])
    }

    /// A query's entries index their provider's models (the listing above checks them); an entry made by hand
    /// holds a model its provider need not list.
    @Test func anEntryMadeWithAModelOutsideItsProviderKeepsThatModel() throws {
        let provider = try #require(try Sample.catalog().providers.first)
        let outside = Sample.model("not-listed", name: "Made Up", context: 1_000)
        let made = ModelEntry(provider: provider, model: outside, match: .exact)
        #expect(made.model == outside)
        #expect(made.provider.id == provider.id)
        #expect(made.reference == provider.id.rawValue + "/not-listed")
        #expect(made.match == .exact)
    }

    @Test func providersMatchAnyOfThemAndIgnoreCase() throws {
        var query = ModelQuery()
        query.providers = ["OpenRouter", "cloudflare"]
        #expect(
            try Sample.references(query) == [
                "cloudflare/@cf/meta/llama-3-8b", "openrouter/meta/llama-3:free", "openrouter/openai/gpt-4o",
            ])
    }

    @Test func anUnknownProviderIsAnErrorSuggestingLookAlikes() throws {
        var query = ModelQuery()
        query.providers = ["opneai"]
        #expect(throws: QueryError.unknownProvider("opneai", suggestions: ["openai"])) {
            try query.run(on: Sample.catalog())
        }
        query.providers = ["open"]
        #expect(
            throws: QueryError.unknownProvider("open", suggestions: ["openai", "openrouter"])
        ) { try query.run(on: Sample.catalog()) }
        query.providers = ["zzz"]
        #expect(throws: QueryError.unknownProvider("zzz", suggestions: [])) { try query.run(on: Sample.catalog()) }
        #expect(
            QueryError.unknownProvider("open", suggestions: ["openai", "openrouter"]).description
                == "the catalog has no provider 'open'; did you mean 'openai', 'openrouter'? `modelsync providers` lists"
                + " them all")
        #expect(
            QueryError.unknownProvider("zzz", suggestions: []).description
                == "the catalog has no provider 'zzz'; `modelsync providers` lists them")
    }

    @Test func capabilitiesMustAllHold() throws {
        var query = ModelQuery()
        query.capabilities = [.functionCalling, .vision]
        #expect(try Sample.references(query) == ["openai/gpt-4o", "openai/gpt-4o-mini"])
    }

    @Test func priceLimitsAreInclusiveAndLeaveOutModelsWithoutAPrice() throws {
        var query = ModelQuery()
        query.maxInputPrice = ExactDecimal("2")
        #expect(
            try Sample.references(query) == [
                "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4.1", "openai/gpt-4o-mini",
                "openrouter/meta/llama-3:free",
            ])
        query = ModelQuery()
        query.maxOutputPrice = ExactDecimal("0.6")
        #expect(try Sample.references(query) == ["openai/gpt-4o-mini", "openrouter/meta/llama-3:free"])
    }

    @Test func minimumPricesAreInclusiveAndLeaveOutModelsWithoutAPrice() throws {
        var query = ModelQuery()
        query.minInputPrice = ExactDecimal("2")
        #expect(try Sample.references(query) == ["openai/gpt-4.1", "openai/gpt-4o", "openrouter/openai/gpt-4o"])
        query = ModelQuery()
        query.minOutputPrice = ExactDecimal("0")
        #expect(try Sample.references(query).count == 6, "every model with an output price, 0 included")
        query.minOutputPrice = ExactDecimal("0.83")
        query.maxOutputPrice = ExactDecimal("8")
        #expect(try Sample.references(query) == ["cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4.1"])
    }

    @Test func pricedLeavesOutModelsFreeOrWithoutEitherPrice() throws {
        let sample = try Sample.catalog()
        let catalog = Catalog(
            providers: sample.providers + [
                try Sample.provider(
                    "plan",
                    [
                        Sample.model("input-only", input: "1"), Sample.model("output-only", outputPrice: "1"),
                        Sample.model("free-input", input: "0", outputPrice: "1"),
                        Sample.model("free-output", input: "1", outputPrice: "0"),
                        Sample.model("tiny", input: "0.000001", outputPrice: "0.000001"),
                    ])
            ])
        var query = ModelQuery()
        query.priced = true
        query.sort = .price
        #expect(
            try query.run(on: catalog).entries.map(\.reference) == [
                "plan/tiny", "openai/gpt-4o-mini", "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4.1", "openai/gpt-4o",
                "openrouter/openai/gpt-4o",
            ])
    }

    @Test func tokenMinimumsAreInclusiveAndLeaveOutModelsWithoutTheLimit() throws {
        var query = ModelQuery()
        query.minContext = 128_000
        #expect(
            try Sample.references(query) == [
                "openai/gpt-4.1", "openai/gpt-4o", "openai/gpt-4o-mini", "openrouter/openai/gpt-4o",
            ])
        query = ModelQuery()
        query.minOutput = 16_385
        #expect(try Sample.references(query) == ["openai/gpt-4.1"])
    }

    @Test func statusActiveMeansNoneOfAlphaBetaDeprecated() throws {
        var query = ModelQuery()
        query.statuses = [.deprecated, .beta]
        #expect(try Sample.references(query) == ["openai/tts-1", "openrouter/meta/llama-3:free"])
        query.statuses = [.active]
        #expect(try Sample.references(query).count == 5)
    }

    @Test func openWeightsTrueOrFalseLeavesOutModelsThatDoNotSay() throws {
        var query = ModelQuery()
        query.openWeights = true
        #expect(try Sample.references(query) == ["cloudflare/@cf/meta/llama-3-8b", "openrouter/meta/llama-3:free"])
        query.openWeights = false
        #expect(try Sample.references(query) == ["openai/gpt-4o", "openai/gpt-4o-mini"])
    }

    @Test func aModalityMatchesEitherDirectionUnlessNarrowed() throws {
        var query = ModelQuery()
        query.modalities = [ModalityFilter("image")]
        #expect(
            try Sample.references(query) == [
                "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4o", "openai/gpt-4o-mini",
            ])
        query.modalities = [ModalityFilter("image", direction: .output)]
        #expect(try Sample.references(query) == ["cloudflare/@cf/meta/llama-3-8b"])
        query.modalities = [ModalityFilter("image", direction: .input), ModalityFilter("text", direction: .output)]
        #expect(try Sample.references(query) == ["openai/gpt-4o", "openai/gpt-4o-mini"])
    }

    @Test func releasedAfterIsStrictAtTheCoarserPrecision() throws {
        func after(_ date: String) throws -> [String] {
            var query = ModelQuery()
            query.releasedAfter = try ReleaseDateBound(parsing: date)
            return try Sample.references(query)
        }
        #expect(try after("2024") == ["openai/gpt-4.1"])
        #expect(try after("2024-05") == ["openai/gpt-4.1", "openai/gpt-4o-mini"])
        // gpt-4o and its OpenRouter copy are of 2024-05-13 itself; llama-3:free says only 2024-04.
        #expect(
            try after("2024-04-17") == [
                "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4.1", "openai/gpt-4o", "openai/gpt-4o-mini",
                "openrouter/openai/gpt-4o",
            ])
        let bound = try ReleaseDateBound(parsing: "2025-03-31")
        #expect(bound.matches("2025-04"))
        #expect(!bound.matches("2025-03"))
        #expect(!bound.matches(nil))
    }

    @Test func limitCutsAfterSortingAndMatchedCountsAll() throws {
        var query = ModelQuery()
        query.sort = .price
        query.limit = 2
        let result = try query.run(on: Sample.catalog())
        #expect(result.entries.map(\.reference) == ["openrouter/meta/llama-3:free", "openai/gpt-4o-mini"])
        #expect(result.matchedCount == 7)
        #expect(result.catalogModelCount == 7)
    }
}

@Suite struct ModelQuerySortTests {
    @Test func priceSortsByInputPriceWithModelsWithoutOneLastInBothDirections() throws {
        var query = ModelQuery()
        query.sort = .price
        #expect(
            try Sample.references(query) == [
                "openrouter/meta/llama-3:free", "openai/gpt-4o-mini", "cloudflare/@cf/meta/llama-3-8b",
                "openai/gpt-4.1", "openai/gpt-4o", "openrouter/openai/gpt-4o", "openai/tts-1",
            ])
        query.descending = true
        #expect(
            try Sample.references(query) == [
                "openai/gpt-4o", "openrouter/openai/gpt-4o", "openai/gpt-4.1", "cloudflare/@cf/meta/llama-3-8b",
                "openai/gpt-4o-mini", "openrouter/meta/llama-3:free", "openai/tts-1",
            ])
    }

    @Test func contextNameAndReleaseSort() throws {
        var query = ModelQuery()
        query.sort = .context
        query.descending = true
        #expect(try Sample.references(query).prefix(2) == ["openai/gpt-4.1", "openai/gpt-4o"])
        #expect(
            try Sample.references(query).suffix(3) == [
                "cloudflare/@cf/meta/llama-3-8b", "openrouter/meta/llama-3:free", "openai/tts-1",
            ])
        query = ModelQuery()
        query.sort = .name  // "llama 3 (free)" before "llama 3 8b": "(" sorts before digits
        #expect(
            try Sample.references(query) == [
                "openai/gpt-4.1", "openai/gpt-4o", "openai/gpt-4o-mini", "openrouter/meta/llama-3:free",
                "cloudflare/@cf/meta/llama-3-8b", "openrouter/openai/gpt-4o", "openai/tts-1",
            ])
        query = ModelQuery()
        query.sort = .release
        #expect(
            try Sample.references(query) == [
                "openai/tts-1", "openrouter/meta/llama-3:free", "cloudflare/@cf/meta/llama-3-8b", "openai/gpt-4o",
                "openrouter/openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1",
            ])
    }
}

@Suite struct SearchRankingTests {
    private func search(_ text: String) throws -> [(String, SearchRank?)] {
        var query = ModelQuery()
        query.search = SearchText(text)
        return try query.run(on: Sample.catalog()).entries.map { ($0.reference, $0.match) }
    }

    @Test func exactMatchesComeBeforePrefixesBeforeSubstrings() throws {
        let results = try search("GPT-4o")
        #expect(
            results.map(\.0) == [
                "openai/gpt-4o", "openrouter/openai/gpt-4o", "openai/gpt-4o-mini",
            ])
        #expect(results.map(\.1) == [.exact, .exact, .prefix])
        let substring = try search("4o-mi")
        #expect(substring.map(\.0) == ["openai/gpt-4o-mini"])
        #expect(substring.map(\.1) == [.substring])
    }

    @Test func theFamilyCountsAsAPrefix() throws {
        let results = try search("llama")
        #expect(results.map(\.0) == ["cloudflare/@cf/meta/llama-3-8b", "openrouter/meta/llama-3:free"])
        #expect(results.map(\.1) == [.prefix, .prefix])
    }

    @Test func idsWithSlashesColonsAndAtSignsAreSearchedAsWritten() throws {
        #expect(try search("@cf/meta/llama-3-8b").map(\.1) == [.exact])
        #expect(try search("meta/llama-3:free").map(\.0) == ["openrouter/meta/llama-3:free"])
        #expect(try search("llama-3:free").map(\.1) == [.exact])
        #expect(try search("openrouter/openai/gpt-4o").map(\.0) == ["openrouter/openai/gpt-4o"])
        #expect(try search("cloudflare/@cf").map(\.1) == [.prefix])
    }

    @Test func severalWordsMatchInAnyOrderAfterEverythingElse() throws {
        let results = try search("mini gpt")
        #expect(results.map(\.0) == ["openai/gpt-4o-mini"])
        #expect(results.map(\.1) == [.words])
        #expect(try search("llama free").map(\.0) == ["openrouter/meta/llama-3:free"])
    }

    @Test func aSortKeyReplacesTheRankOrder() throws {
        var query = ModelQuery()
        query.search = SearchText("gpt-4o")
        query.sort = .price
        #expect(
            try query.run(on: Sample.catalog()).entries.map(\.reference) == [
                "openai/gpt-4o-mini", "openai/gpt-4o", "openrouter/openai/gpt-4o",
            ])
    }

    @Test func blankTextIsNoSearch() {
        #expect(SearchText("  ") == nil)
        #expect(SearchText(" gpt ")?.text == "gpt")
    }
}

@Suite struct QueryParsingTests {
    @Test func capabilitiesIgnoreCaseAndTakeHyphens() throws {
        #expect(try ModelCapability(parsing: "Function-Calling") == .functionCalling)
        #expect(try ModelCapability(parsing: "pdf_input") == .pdfInput)
        #expect(throws: QueryError.unknownCapability("tools")) { try ModelCapability(parsing: "tools") }
        #expect(
            QueryError.unknownCapability("tools").description
                == "unknown capability 'tools'; the capabilities are: streaming, function_calling, reasoning,"
                + " structured_output, vision, audio_input, video_input, pdf_input, attachments, image_generation,"
                + " audio_output, prompt_caching, temperature, interleaved_reasoning")
    }

    @Test func statusesAndSortKeys() throws {
        #expect(try ModelStatusFilter(parsing: "Beta") == .beta)
        #expect(throws: QueryError.unknownStatus("preview")) { try ModelStatusFilter(parsing: "preview") }
        #expect(
            QueryError.unknownStatus("preview").description
                == "unknown status 'preview'; the statuses are: active, alpha, beta, deprecated (active: none of the"
                + " others)")
        #expect(try ModelSortKey(parsing: "RELEASE") == .release)
        #expect(
            QueryError.unknownSortKey("cost").description
                == "unknown sort key 'cost'; sort by one of: price, context, name, release")
    }

    @Test func modalitiesWithAndWithoutDirection() throws {
        #expect(try ModalityFilter(parsing: "Image") == ModalityFilter("image"))
        #expect(try ModalityFilter(parsing: "input:pdf") == ModalityFilter("pdf", direction: .input))
        #expect(try ModalityFilter(parsing: "out:audio") == ModalityFilter("audio", direction: .output))
        #expect(throws: QueryError.unknownModality("sideways:image")) { try ModalityFilter(parsing: "sideways:image") }
        #expect(throws: QueryError.unknownModality("smell")) { try ModalityFilter(parsing: "smell") }
        #expect(
            QueryError.unknownModality("smell").description
                == "unknown modality 'smell'; give one of text, image, audio, video, pdf, optionally after input: or"
                + " output: (such as image or output:audio)")
    }

    @Test(arguments: ["2025", "2025-06", "2025-06-30"])
    func acceptsDatesOfThreePrecisions(_ text: String) throws {
        #expect(try ReleaseDateBound(parsing: text).text == text)
    }

    @Test(arguments: ["25", "2025-13", "2025-6", "2025-06-32", "2025/06", "June 2025", "2025-06-01-01", ""])
    func refusesOtherDates(_ text: String) {
        #expect(throws: QueryError.invalidDate(text)) { try ReleaseDateBound(parsing: text) }
    }

    @Test func tokenCountsTakeThousandsAndMillions() throws {
        #expect(try TokenCount.parse("200000", option: QueryError.Option.minContext) == 200_000)
        #expect(try TokenCount.parse("200k", option: QueryError.Option.minContext) == 200_000)
        #expect(try TokenCount.parse("1M", option: QueryError.Option.minContext) == 1_000_000)
        #expect(try TokenCount.parse("1.5m", option: QueryError.Option.minContext) == 1_500_000)
        #expect(try TokenCount.parse("1_000_000", option: QueryError.Option.minContext) == 1_000_000)
        for bad in ["1.5", "abc", "-1", "1.2345k", "k", "99999999999999999999"] {
            #expect(throws: QueryError.invalidTokenCount(option: QueryError.Option.minOutput, value: bad)) {
                try TokenCount.parse(bad, option: QueryError.Option.minOutput)
            }
        }
        #expect(
            QueryError.invalidTokenCount(option: QueryError.Option.minOutput, value: "abc").commandLineText
                == "invalid token count 'abc' for --min-output; write a whole number of tokens, such as 200000, or"
                + " use k or m (200k, 1m)")
    }

    @Test func pricesAreExactNonNegativeNumbers() throws {
        #expect(try ExactDecimal(parsingPrice: "0.15", option: QueryError.Option.maxInputPrice) == ExactDecimal("0.15"))
        #expect(try ExactDecimal(parsingPrice: "$2", option: QueryError.Option.maxInputPrice) == ExactDecimal("2"))
        for bad in ["-1", "two", ".5", ""] {
            #expect(throws: QueryError.invalidPrice(option: QueryError.Option.maxInputPrice, value: bad)) {
                try ExactDecimal(parsingPrice: bad, option: QueryError.Option.maxInputPrice)
            }
        }
        #expect(
            QueryError.invalidPrice(option: QueryError.Option.maxInputPrice, value: "two").commandLineText
                == "invalid price 'two' for --max-input-price; write USD per million tokens as a number 0 or more,"
                + " such as 2 or 0.15")
        #expect(
            QueryError.invalidDate("2025-13").commandLineText
                == "invalid date '2025-13' for --released-after; write YYYY, YYYY-MM or YYYY-MM-DD")
    }
}

extension QueryError {
    /// The message as the command line shows it, options spelled as flags.
    var commandLineText: String {
        message.rendered { option, value in "--" + option.rawValue + (value.map { " " + $0 } ?? "") }
    }
}
