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
}
