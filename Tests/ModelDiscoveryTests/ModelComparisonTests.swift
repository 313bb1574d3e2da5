import ModelDiscovery
import ModelsDevCatalog
import Testing

/// Models side by side: values per row and the best of each row.
@Suite struct ModelComparisonTests {
    private func model(
        _ id: String, input: String?, context: Int?, release: String?, knowledge: String? = nil
    ) -> Model {
        var model = Model(id: id)
        model.name = id.uppercased()
        if let input, let price = ExactDecimal(input) { model.cost = ModelCost(prices: PriceSet(input: price)) }
        model.limit = ModelLimit(context: context)
        model.releaseDate = release
        model.knowledge = knowledge
        model.modalities = Modalities(input: ["text"], output: ["text"])
        return model
    }

    private func comparison(_ models: [Model]) throws -> ModelComparison {
        let provider = Provider(id: try #require(ProviderID("p")), models: models)
        return ModelComparison(models.map { ResolvedModel(provider: provider, model: $0) })
    }

    @Test func marksTheLowestPriceTheHighestLimitAndTheNewestDate() throws {
        let table = try comparison([
            model("a", input: "3", context: 200_000, release: "2025-09-29", knowledge: "2025-07"),
            model("b", input: "1.25", context: 400_000, release: "2025-08-07", knowledge: "2025-07-31"),
            model("c", input: "1.250", context: 400_000, release: "2024-12", knowledge: nil),
        ])
        #expect(table.row(.inputPrice)?.best == [false, true, true], "1.25 and 1.250 tie")
        #expect(table.row(.context)?.best == [false, true, true])
        #expect(table.row(.releaseDate)?.best == [true, false, false])
        #expect(table.row(.knowledge)?.best == [false, true, false], "a day of July is newer than July")
        #expect(table.row(.name)?.best == [false, false, false], "names have no best")
    }

    @Test func marksNothingWhenAllValuesAreEqualOrOnlyOneModelHasOne() throws {
        let table = try comparison([
            model("a", input: "3", context: 200_000, release: nil),
            model("b", input: "3.0", context: nil, release: "2025-01-01"),
            model("c", input: nil, context: nil, release: nil),
        ])
        #expect(table.row(.inputPrice)?.best == [false, false, false])
        #expect(table.row(.context)?.best == [false, false, false])
        #expect(table.row(.releaseDate)?.best == [false, false, false])
        #expect(
            table.row(.inputPrice)?.values == [.price(ExactDecimal(3)), ExactDecimal("3.0").map { .price($0) }, nil])
    }

    @Test func rendersOneColumnPerModelWithMarksAndOneRowPerCapabilityAnyModelHas() throws {
        var vision = model("v", input: "0.5", context: 8_000, release: "2025-01-01")
        vision.modalities = Modalities(input: ["text", "image"], output: ["text"])
        let text = try comparison([model("t", input: "1", context: 16_000, release: "2025-01-01"), vision]).table
            .render(maximumWidth: nil)
        #expect(
            text == """
                                   p/t         p/v
                name               T           V
                input price        1           0.5 *
                output price       -           -
                cache read price   -           -
                cache write price  -           -
                context            16000 *     8000
                input limit        -           -
                output limit       -           -
                streaming          yes         yes
                vision             no          yes
                input modalities   text        text,image
                output modalities  text        text
                knowledge          -           -
                release date       2025-01-01  2025-01-01
                last updated       -           -
                status             -           -
                open weights       -           -
                """)
    }

    @Test func writesJSONWithOneValueAndOneBestFlagPerModel() throws {
        let json = try comparison([
            model("a", input: "0.0000025", context: 1, release: nil), model("b", input: "2", context: 2, release: nil),
        ]).json
        let rows = try #require(json["rows"])
        let text = JSONValue.object(["rows": rows]).serialized()
        #expect(
            text.contains(
                "{\"field\":\"input_price\",\"unit\":\"usd_per_million_tokens\",\"prefer\":\"lowest\","
                    + "\"values\":[0.0000025,2],\"best\":[true,false]}"))
        #expect(
            text.contains(
                "{\"field\":\"capabilities\",\"unit\":null,\"prefer\":null,\"values\":[[\"streaming\"],[\"streaming\"]],"
                    + "\"best\":[false,false]}"))
    }
}
