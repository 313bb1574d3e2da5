import Foundation
import Testing

@testable import ModelsDevCatalog

/// Strictness of the catalog decoder: malformed JSON and JSON of the wrong shape fail with the position and the
/// reason; what api.json may legitimately contain is accepted.
struct CatalogDecodingErrorTests {
    private func decode(_ text: String) throws(CatalogError) -> Catalog {
        try Catalog.decode(Data(text.utf8), sourceName: "api.json")
    }

    private func error(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func namesLineColumnAndByteOfASyntaxError() {
        #expect(
            error("{\n  \"a\": {\"models\": {}},\n  \"b\" {}\n}")
                == "api.json is not valid JSON: expected ':' after an object key at line 3, column 7 (byte 31)")
        #expect(
            error("") == "api.json is not valid JSON: empty input, expected a JSON object at line 1, column 1 (byte 0)")
        #expect(
            error("{\"a\":{\"models\":{}},}")
                == "api.json is not valid JSON: expected a string key after ',' at line 1, column 20 (byte 19)")
        #expect(
            error("{\"a\":{\"models\":{}}} x")
                == "api.json is not valid JSON: unexpected character 'x' after the end of the top-level value"
                + " at line 1, column 21 (byte 20)")
        #expect(
            error("{\"a\":{\"models\":{\"m\":{\"cost\":{\"input\":01}}}}}")
                == "api.json is not valid JSON: malformed number (leading zero) at line 1, column 38 (byte 37)")
        #expect(
            error("{\"a\":{\"models\":{\"m\":{\"name\":\"x\ty\"}}}}")
                == "api.json is not valid JSON: control character U+0009 in a string; it must be escaped"
                + " at line 1, column 31 (byte 30)")
        #expect(
            error("{\"a\":{\"models\":{\"m\":{\"name\":\"abc")
                == "api.json is not valid JSON: unterminated string at line 1, column 29 (byte 28)")
        #expect(
            error("{\"a\":{\"models\":{\"m\":{\"modalities\":{\"input\":[\"text\",]}}}}}")
                == "api.json is not valid JSON: expected a value after ',' at line 1, column 52 (byte 51)")
    }

    @Test func countsColumnsInCharactersNotBytes() {
        #expect(
            error("{\"é\":{\"models\":{}} x}")
                == "api.json is not valid JSON: expected ',' or '}' after an object member at line 1, column 20 (byte 20)"
        )
    }

    @Test func rejectsInvalidUTF8AndLoneSurrogates() {
        var bytes = Array("{\"a\":{\"name\":\"".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\",\"models\":{}}}".utf8)
        #expect(
            throws: CatalogError.invalidJSON(
                source: "x", line: 1, column: 15, offset: 14, reason: "invalid UTF-8 in a string")
        ) {
            try Catalog.decode(Data(bytes), sourceName: "x")
        }
        #expect(
            error("{\"a\":{\"name\":\"\\ud800x\",\"models\":{}}}")
                == "api.json is not valid JSON: lone surrogate in a \\u escape at line 1, column 15 (byte 14)")
    }

    @Test func decodesEscapesAndNonASCIIText() throws {
        let catalog = try decode(
            "{\"a\":{\"name\":\"Caf\\u00e9 \\\"Z\\\" \\ud83d\\ude00 ü\\n\",\"models\":{\"x/y:z@1~\":{\"n\\u0061me\":\"N\"}}}}"
        )
        #expect(catalog.provider("a")?.name == "Café \"Z\" 😀 ü\n")
        #expect(catalog.model(provider: "a", id: "x/y:z@1~")?.name == "N")
    }

    @Test func namesTheFieldAndModelOfAShapeError() {
        #expect(
            error("[]")
                == "api.json is not a models.dev catalog: the catalog must be an object, found an array"
                + " at line 1, column 1 (byte 0)")
        #expect(
            error("{\"openai\":{\"name\":\"OpenAI\"}}")
                == "api.json is not a models.dev catalog: provider \"openai\" has no \"models\" object"
                + " at line 1, column 11 (byte 10)")
        #expect(
            error("{\"openai\":{\"models\":[]}}")
                == "api.json is not a models.dev catalog: \"models\" of provider \"openai\" must be an object,"
                + " found an array at line 1, column 21 (byte 20)")
        #expect(
            error("{\"openai\":{\"models\":{\"gpt-5\":{\"limit\":{\"context\":\"big\"}}}}}")
                == "api.json is not a models.dev catalog: \"limit.context\" of model \"gpt-5\" of provider \"openai\""
                + " must be a number, found a string at line 1, column 50 (byte 49)")
        #expect(
            error("{\"openai\":{\"models\":{\"gpt-5\":{\"limit\":{\"context\":1.5}}}}}")
                == "api.json is not a models.dev catalog: \"limit.context\" of model \"gpt-5\" of provider \"openai\""
                + " must be an integer, found 1.5 at line 1, column 50 (byte 49)")
        #expect(
            error("{\"openai\":{\"models\":{\"gpt-5\":{\"cost\":{\"input\":\"3\"}}}}}")
                == "api.json is not a models.dev catalog: \"cost.input\" of model \"gpt-5\" of provider \"openai\""
                + " must be a number, found a string at line 1, column 47 (byte 46)")
        #expect(
            error("{\"openai\":{\"models\":{\"gpt-5\":{\"interleaved\":\"yes\"}}}}")
                == "api.json is not a models.dev catalog: \"interleaved\" of model \"gpt-5\" of provider \"openai\""
                + " (true, false or an object) must be true or false, found a string at line 1, column 45 (byte 44)")
        #expect(
            error("{\"openai\":{\"env\":\"KEY\",\"models\":{}}}")
                == "api.json is not a models.dev catalog: \"env\" of provider \"openai\" must be an array,"
                + " found a string at line 1, column 18 (byte 17)")
    }

    @Test func refusesIntegersThatDoNotFit() {
        #expect(
            error("{\"p\":{\"models\":{\"m\":{\"limit\":{\"output\":1e999999999}}}}}")
                == "api.json is not a models.dev catalog: \"limit.output\" of model \"m\" of provider \"p\" must be an"
                + " integer, found 1e999999999 at line 1, column 40 (byte 39)")
    }

    @Test func refusesDuplicateProviderAndModelIds() {
        #expect(
            error("{\"a\":{\"models\":{}},\"a\":{\"models\":{}}}")
                == "api.json is not a models.dev catalog: duplicate provider id \"a\" at line 1, column 20 (byte 19)")
        #expect(
            error("{\"a\":{\"models\":{\"m\":{},\"m\":{}}}}")
                == "api.json is not a models.dev catalog: duplicate model id \"m\" in provider \"a\""
                + " at line 1, column 24 (byte 23)")
    }

    @Test func rejectsProvidersWhoseIdsCannotBeFileNamesAndKeepsTheRest() throws {
        let catalog = try decode(
            "{\"../etc\":{\"models\":{\"m\":{}}},\"Open AI\":{\"models\":{}},\"ok\":{\"models\":{\"m\":{},\"n\":{}}}}")
        #expect(catalog.providers.map(\.id.rawValue) == ["ok"])
        #expect(catalog.rejectedProviders.map(\.id) == ["../etc", "Open AI"])
        #expect(catalog.providerCount == 3)
        #expect(catalog.modelCount == 3)
        #expect(
            catalog.rejectedProviders.map(\.description) == [
                "provider id \"../etc\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$",
                "provider id \"Open AI\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$",
            ])
        #expect(catalog.provider("../etc") == nil)
    }

    @Test func ignoresUnknownFieldsAndAcceptsMissingOrNullOptionalOnes() throws {
        let catalog = try decode(
            """
            {"p":{"models":{
              "bare":{},
              "nulls":{"name":null,"cost":null,"limit":null,"modalities":{"input":null},"interleaved":null,
                       "reasoning":null,"status":null},
              "future":{"name":"F","new_field":{"deep":[1,2,{"x":null}]},"limit":{"context":8,"extra":true},
                        "cost":{"input":1,"something":"else","tiers":[{"input":2,"tier":{"type":"context","size":9,"k":1}}]},
                        "interleaved":false}
            },"homepage":"https://example.com"}}
            """)
        let provider = try #require(catalog.provider("p"))
        #expect(provider.otherFields["homepage"] == .string("https://example.com"))
        #expect(provider.name == nil && provider.env == nil)
        #expect(provider.model("bare") == Model(id: "bare"))
        let nulls = try #require(provider.model("nulls"))
        #expect(nulls.name == nil && nulls.cost == nil && nulls.limit == nil && nulls.interleaved == nil)
        #expect(nulls.modalities == Modalities(input: nil, output: nil))
        let future = try #require(provider.model("future"))
        #expect(future.limit == ModelLimit(context: 8))
        #expect(future.cost?.tiers == [CostTier(kind: "context", size: 9, prices: PriceSet(input: ExactDecimal(2)))])
        #expect(future.interleaved == .flag(false))
        #expect(future.interleaved?.isEnabled == false)
        #expect(future.otherFields.members.map(\.key) == ["new_field"])
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(
            error("{\"p\":{\"models\":{},\"x\":\(deep)}}")
                == "api.json is not valid JSON: nesting deeper than 128 levels at line 1, column 151 (byte 150)")
    }

    @Test func skipsAByteOrderMark() throws {
        let catalog = try Catalog.decode(
            Data([0xEF, 0xBB, 0xBF] + Array("{\"p\":{\"models\":{}}}".utf8)), sourceName: "x")
        #expect(catalog.providers.count == 1)
    }
}
