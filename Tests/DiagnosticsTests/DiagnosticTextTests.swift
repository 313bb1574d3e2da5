import Diagnostics
import Testing

/// `DiagnosticText`: string interpolation with `option:` fragments, other texts and values; `+` and `+=`; adjacent
/// words merged into one fragment and empty ones dropped; `description` spelling options neutrally; `isPlain`.
@Suite struct DiagnosticTextTests {
    private static let source = OptionReference("source")
    private static let offline = OptionReference("offline")

    @Test func anOptionInterpolationBecomesAnOptionFragmentWithItsPlaceholder() {
        let text: DiagnosticText = "no cache (hint: \(option: Self.source, "FILE") reads a saved api.json)"
        #expect(
            text.fragments == [
                .text("no cache (hint: "), .option(Self.source, value: "FILE"), .text(" reads a saved api.json)"),
            ])
    }

    @Test func anOptionWithoutPlaceholderHasNoValue() {
        let text: DiagnosticText = "\(option: Self.offline) forbids it"
        #expect(text.fragments == [.option(Self.offline, value: nil), .text(" forbids it")])
    }

    @Test func otherValuesAreInterpolatedAsText() {
        let count = 3
        let name: Substring = "openai"
        let text: DiagnosticText = "\(count) models in \(name) and \("more")"
        #expect(text.fragments == [.text("3 models in openai and more")])
    }

    @Test func anInterpolatedTextKeepsItsOptionsSymbolicAndMergesWithTheWordsAround() {
        let inner: DiagnosticText = "pass \(option: Self.source, "URL")."
        let outer: DiagnosticText = "failed; \(inner) Or not."
        #expect(
            outer.fragments == [
                .text("failed; pass "), .option(Self.source, value: "URL"), .text(". Or not."),
            ])
    }

    @Test func plusJoinsTextsMergingTheWordsWhereTheyMeet() {
        let left: DiagnosticText = "use \(option: Self.source) or "
        let right: DiagnosticText = "the cache, not \(option: Self.offline)"
        let joined = left + right
        #expect(
            joined.fragments == [
                .text("use "), .option(Self.source, value: nil), .text(" or the cache, not "),
                .option(Self.offline, value: nil),
            ])
        var accumulated: DiagnosticText = "a"
        accumulated += "b"
        accumulated += "\(option: Self.offline)"
        accumulated += "c"
        #expect(accumulated.fragments == [.text("ab"), .option(Self.offline, value: nil), .text("c")])
    }

    @Test func fragmentsGivenDirectlyAreMergedAndEmptyWordsDropped() {
        let text = DiagnosticText([
            .text(""), .text("a"), .text("b"), .option(Self.source, value: nil), .text(""),
            .option(Self.offline, value: "X"), .text("c"), .text(""),
        ])
        #expect(
            text.fragments == [
                .text("ab"), .option(Self.source, value: nil), .option(Self.offline, value: "X"), .text("c"),
            ])
        #expect(DiagnosticText("").fragments.isEmpty)
        #expect(DiagnosticText([.text("x"), .text("y")]) == DiagnosticText("xy"))
    }

    @Test func descriptionSpellsOptionsNeutrally() {
        let text: DiagnosticText = "use \(option: Self.source, "FILE") or \(option: Self.offline)"
        #expect(text.description == "use option 'source' FILE or option 'offline'")
        #expect("\(text)" == "use option 'source' FILE or option 'offline'")
    }

    @Test func renderedSpellsEachOptionWithTheGivenClosure() {
        let text: DiagnosticText = "use \(option: Self.source, "FILE") or \(option: Self.offline)"
        let rendered = text.rendered { option, value in "--" + option.rawValue + (value.map { "=" + $0 } ?? "") }
        #expect(rendered == "use --source=FILE or --offline")
    }

    @Test func isPlainTellsWhetherTheTextNamesAnOption() {
        #expect(DiagnosticText("just words").isPlain)
        #expect(DiagnosticText("").isPlain)
        #expect(!("see \(option: Self.source)" as DiagnosticText).isPlain)
        #expect(!(DiagnosticText("a") + "\(option: Self.offline)").isPlain)
    }
}
