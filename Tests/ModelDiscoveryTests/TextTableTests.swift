import ModelDiscovery
import Testing

@Suite struct TextTableTests {
    private func sample() -> TextTable {
        var table = TextTable(columns: [
            .init("ID"), .init("NAME", truncatable: true, minimumWidth: 6), .init("PRICE", alignment: .right),
        ])
        table.append(["anthropic/claude-sonnet-4-5", "Claude Sonnet 4.5 (latest)", "3"])
        table.append(["@cf/meta/llama-3", "Llama 3", "0.25"])
        return table
    }

    @Test func alignsColumnsAndTrimsTrailingSpaces() {
        #expect(
            sample().render(maximumWidth: nil) == """
                ID                           NAME                        PRICE
                anthropic/claude-sonnet-4-5  Claude Sonnet 4.5 (latest)      3
                @cf/meta/llama-3             Llama 3                      0.25
                """)
    }

    @Test func truncatesNamesButNeverIdsToFitTheWidth() {
        let text = sample().render(maximumWidth: 50)
        #expect(
            text == """
                ID                           NAME            PRICE
                anthropic/claude-sonnet-4-5  Claude Sonnet…      3
                @cf/meta/llama-3             Llama 3          0.25
                """)
        #expect(text.split(separator: "\n").map(\.count).max() == 50)
    }

    @Test func staysWiderThanTheLimitRatherThanCutAnId() {
        let text = sample().render(maximumWidth: 20)
        #expect(text.contains("anthropic/claude-sonnet-4-5"))
        #expect(text.split(separator: "\n").first == "ID                           NAME    PRICE")
    }

    /// A row-label column and four value columns of the given widths, each column cut down to `minimum`.
    private func labelled(_ widths: [Int], minimum: Int = 4) -> TextTable {
        var columns = [TextTable.Column("")]
        for (index, _) in widths.enumerated() {
            columns.append(.init("m\(index)", truncatable: true, minimumWidth: minimum))
        }
        var table = TextTable(columns: columns)
        table.append(["label"] + widths.map { String(repeating: "x", count: $0) })
        table.append(["longer label"] + widths.map { _ in "y" })
        return table
    }

    @Test func splitKeepsATableThatFitsOrHasNoLimitWhole() {
        let table = labelled([10, 10, 10])
        // 12 + 3 × (2 + 10) = 48 columns whole; 12 + 3 × (2 + 4) = 30 at the narrowest.
        #expect(table.split(fitting: nil).count == 1)
        #expect(table.split(fitting: 48).count == 1)
        let cut = table.split(fitting: 30)
        #expect(cut.count == 1, "values are cut rather than the table split")
        #expect(cut[0].render(maximumWidth: 30).split(separator: "\n").allSatisfy { $0.count <= 30 })
    }

    @Test func splitRepeatsTheLabelsInAsFewTablesAsFit() {
        let table = labelled([10, 10, 10, 10])
        // At the narrowest, 12 + 2 × 6 = 24 columns hold two value columns, 30 three.
        let tables = table.split(fitting: 29)
        #expect(tables.map { $0.columns.map(\.title) } == [["", "m0", "m1"], ["", "m2", "m3"]])
        for part in tables {
            #expect(part.rows.map { $0[0] } == ["label", "longer label"])
            #expect(part.render(maximumWidth: 29).split(separator: "\n").allSatisfy { $0.count <= 29 })
        }
        #expect(tables[1].rows[0] == ["label", String(repeating: "x", count: 10), String(repeating: "x", count: 10)])
    }

    @Test func splitCutsTheFewestCharactersThenFillsTheFirstTablesFirst() {
        // At 42 columns, three value columns fit at their narrowest (12 + 3 × 10), four do not: two tables.
        // [10, 8, 10 | 10] cuts 46 - 42 = 4 characters, [10 | 8, 10, 10] as many, [10, 8 | 10, 10] none.
        #expect(
            labelled([10, 8, 10, 10], minimum: 8).split(fitting: 42).map { $0.columns.map(\.title) } == [
                ["", "m0", "m1"], ["", "m2", "m3"],
            ])
        // Nothing is cut either way: the first table takes three.
        #expect(
            labelled([4, 4, 4, 4]).split(fitting: 34).map { $0.columns.count } == [4, 2])
    }

    @Test func splitGivesAColumnTooWideForAnyTableATableOfItsOwn() {
        var table = TextTable(columns: [.init("KEY"), .init("a-very-long-id"), .init("b")])
        table.append(["k", "1", "2"])
        let tables = table.split(fitting: 10)
        #expect(tables.map { $0.columns.map(\.title) } == [["KEY", "a-very-long-id"], ["KEY", "b"]])
        #expect(tables[0].render(maximumWidth: 10) == "KEY  a-very-long-id\nk    1")
    }
}
