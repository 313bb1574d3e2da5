import Diagnostics
import Testing

/// Text shown on a terminal: appending a string or UTF-8 bytes escapes exactly as ``TerminalText/escape(_:)``.
@Suite struct TerminalTextTests {
    static let samples = [
        "", "gpt-4o", "openai/gpt-5  pricing.input", "tab\there", "line\nbreak", "\u{1B}[2J", "del\u{7F}",
        "c1\u{85}", "bidi\u{202E}txt", "isolate\u{2066}x", "café", "模型", "emoji 🙂", "quote\"back\\slash",
    ]

    @Test func appendingEscapesAsEscapeDoes() {
        for sample in Self.samples {
            var text = Array("> ".utf8)
            var utf8 = sample
            utf8.withUTF8 { TerminalText.append(utf8: $0, to: &text) }
            #expect(text == Array(("> " + TerminalText.escape(sample)).utf8), "\(sample.debugDescription)")
            var bytes = Array("> ".utf8)
            TerminalText.append(sample, to: &bytes)
            #expect(bytes == Array(("> " + TerminalText.escape(sample)).utf8), "\(sample.debugDescription)")
        }
        #expect(TerminalText.escape("a\u{1}b\u{202E}") == "a\\u{1}b\\u{202E}")
    }
}
