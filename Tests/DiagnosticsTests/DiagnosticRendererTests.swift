import Diagnostics
import Testing

/// `DiagnosticRenderer`: the location prefix (`path:line:column: `, `path: ` or none), the source line with a caret
/// under the column (tabs kept, one space per Unicode scalar), notes, ANSI colour of the severity label, and options
/// spelled through the closure it is given.
@Suite struct DiagnosticRendererTests {
    private static let source = OptionReference("source")

    /// Spells options the way a command line would: `--source FILE`.
    private let plain = DiagnosticRenderer { option, value in "--\(option.rawValue)" + (value.map { " " + $0 } ?? "") }

    private func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(offset: 0, line: line, column: column)
    }

    @Test func aLocatedDiagnosticShowsPathLineColumnTheSourceLineAndACaretUnderTheColumn() {
        let diagnostic = Diagnostic(
            path: "config/models/openai.yml", position: position(line: 12, column: 5),
            message: "duplicate key 'gpt-4o'", sourceLine: "    gpt-4o:")
        #expect(
            plain.render(diagnostic) == """
                config/models/openai.yml:12:5: error: duplicate key 'gpt-4o'
                    gpt-4o:
                    ^
                """)
    }

    @Test func theCaretOfTheFirstColumnHasNothingBeforeIt() {
        let diagnostic = Diagnostic(
            path: "a.yml", position: position(line: 1, column: 1), message: "oops", sourceLine: "key: [")
        #expect(plain.render(diagnostic) == "a.yml:1:1: error: oops\nkey: [\n^")
    }

    @Test func tabsBeforeTheColumnAreKeptSoTheCaretLinesUpAsTheTerminalShowsThem() {
        let diagnostic = Diagnostic(
            path: "a.yml", position: position(line: 3, column: 4), message: "tab indentation",
            sourceLine: "\t\t x: 1")
        #expect(plain.render(diagnostic) == "a.yml:3:4: error: tab indentation\n\t\t x: 1\n\t\t ^")
    }

    @Test func aMultiByteCharacterBeforeTheColumnTakesOneSpaceNotOnePerByte() {
        // 'é' is two UTF-8 bytes and 'ü' two; the column counts Unicode scalars, so the caret sits under 'b'.
        let line = "\u{E9}: '\u{FC}' b"
        let column = Array(line.unicodeScalars).firstIndex(of: "b").map { $0 + 1 } ?? 0
        #expect(column == 8)
        let diagnostic = Diagnostic(
            path: "a.yml", position: position(line: 1, column: column), message: "unexpected b", sourceLine: line)
        #expect(plain.render(diagnostic) == "a.yml:1:8: error: unexpected b\n\(line)\n       ^")
    }

    @Test func aCaretPastTheEndOfTheLineSitsJustAfterItsLastCharacter() {
        let diagnostic = Diagnostic(
            path: "a.yml", position: position(line: 2, column: 7), message: "expected a value", sourceLine: "key: [")
        #expect(plain.render(diagnostic) == "a.yml:2:7: error: expected a value\nkey: [\n      ^")
    }

    @Test func aPathWithoutAPositionIsFollowedByAColonAndNoExcerpt() {
        let diagnostic = Diagnostic(path: "config/models/openai.yml", message: "cannot read: Permission denied")
        #expect(plain.render(diagnostic) == "config/models/openai.yml: error: cannot read: Permission denied")
    }

    @Test func aSourceLineWithoutAPositionShowsNoExcerpt() {
        let diagnostic = Diagnostic(.error, path: "a.yml", sourceLine: "key: [", message: "bad")
        #expect(plain.render(diagnostic) == "a.yml: error: bad")
    }

    @Test func aDiagnosticWithoutLocationStartsWithItsSeverity() {
        #expect(plain.render(Diagnostic(message: "no catalog")) == "error: no catalog")
        #expect(plain.render(Diagnostic(.warning, message: "stale cache")) == "warning: stale cache")
        #expect(plain.render(Diagnostic(.note, message: "fyi")) == "note: fyi")
        #expect(plain.render(Diagnostic(.internalError, message: "broken")) == "internal error: broken")
    }

    @Test func eachNoteIsALineOfItsOwnAfterTheExcerpt() {
        let diagnostic = Diagnostic(
            path: "a.yml", position: position(line: 1, column: 3), message: "bad value", sourceLine: "x: y"
        )
        .adding(note: "first note")
        .adding(note: "read \(option: Self.source, "FILE") instead")
        #expect(
            plain.render(diagnostic) == """
                a.yml:1:3: error: bad value
                x: y
                  ^
                note: first note
                note: read --source FILE instead
                """)
    }

    @Test func colourWrapsTheSeverityLabelAndItsColonInTheSeveritysCode() {
        let colored = DiagnosticRenderer(colored: true) { option, _ in option.rawValue }
        #expect(colored.render(Diagnostic(message: "bad")) == "\u{1B}[31merror: \u{1B}[0mbad")
        #expect(colored.render(Diagnostic(.warning, message: "hm")) == "\u{1B}[33mwarning: \u{1B}[0mhm")
        #expect(colored.render(Diagnostic(.internalError, message: "x")) == "\u{1B}[31minternal error: \u{1B}[0mx")
        #expect(
            colored.render(Diagnostic(path: "a.yml", message: "bad").adding(note: "n"))
                == "a.yml: \u{1B}[31merror: \u{1B}[0mbad\n\u{1B}[2mnote: \u{1B}[0mn")
    }

    @Test func withoutColourTheOutputHasNoEscapes() {
        let rendered = plain.render(Diagnostic(.warning, path: "a.yml", message: "hm").adding(note: "n"))
        #expect(!rendered.contains("\u{1B}"))
    }

    @Test func optionsInMessagesAndNotesAreSpelledByTheClosureWithTheirPlaceholders() {
        let spelled = DiagnosticRenderer { option, value in "<\(option.rawValue)|\(value ?? "-")>" }
        let diagnostic = Diagnostic(
            message: "no cache (hint: \(option: Self.source, "FILE") reads a file)",
            notes: ["or pass \(option: OptionReference("offline"))"])
        #expect(
            spelled.render(diagnostic)
                == "error: no cache (hint: <source|FILE> reads a file)\nnote: or pass <offline|->")
        #expect(spelled.render("use \(option: Self.source, "URL")" as DiagnosticText) == "use <source|URL>")
    }
}
