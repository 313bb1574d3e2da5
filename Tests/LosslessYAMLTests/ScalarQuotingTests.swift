import Foundation
import TestSupport
import Testing

@testable import LosslessYAML

/// The quoting rule, both ways: a string is written plain only when YAML 1.1 (PyYAML) and YAML 1.2 (core schema)
/// both read it back as that same string; everything else is quoted and reads back exactly.
@Suite struct ScalarQuotingTests {
    /// Strings that must be written plain.
    static let plain: [String] = [
        "gpt-4o", "claude-sonnet-4-5", "Claude Sonnet 4.5 (latest)", "models.dev", "hello world", "a-b", "x:y",
        "amazon.nova-lite-v1:0", "café ünïcödé", "日本語モデル", "v1.0-beta", "Llama 3.1 8B Instruct", "a#b",
        "100%", "x-", "text/plain", "USD per million", "o1-preview", "gemini-2.5-pro", "qwen3:8b",
        "anthropic/claude-3.5", "ANTHROPIC_API_KEY", "https://docs.anthropic.com/en/docs", "yes-no", "nullable",
        "true-ish", "1.2.3", "2024-10", "v2", "e5", "~anthropic/claude-haiku-latest",
    ]

    /// Strings that must be quoted, with why.
    static let quoted: [String] = [
        "",  // empty reads as null
        " lead", "trail ",  // surrounding spaces are lost
        "yes", "Yes", "NO", "on", "Off", "y", "n",  // YAML 1.1 booleans
        "true", "False",  // booleans in both
        "null", "Null", "~",  // null
        "012", "0o12", "0x1F", "0b101", "1_000", "-1", "+1", "42",  // integers (1.1 octal/binary/underscore, 1.2 0o)
        "1:20", "190:20:30",  // YAML 1.1 sexagesimal
        ".inf", "-.inf", ".NaN", "1e3", "1.5", "3.5", "6.02e+23", ".5",  // floats (1e3 only in 1.2)
        "2024-10-22", "2001-12-14t21:59:43.10-05:00",  // timestamps
        "-", "--", "---", "...", "- x",  // indicators and document markers
        "#x", "a #b",  // comments
        "a: b", "x:", "key: value",  // mapping indicators
        "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "?", "?x", ":x", "'q'", "\"dq\"",  // reserved starts
        "[a]", "{a}", "a,b", "a[0]",  // flow indicators
        "line\nbreak", "tab\there", "<<", "=", "@cf/meta/llama-3", "\u{FEFF}bom", "nul\u{0}",
        "bell\u{07}",
        "#'\u{301}s",  // a quote that a combining accent joins into one Character is still doubled
    ]

    /// Every word of up to three letters from the null and boolean words' alphabet, and every upper/lower-case
    /// spelling of those words and of their one-letter extensions: written plain exactly when both schemas read the
    /// word as a string, except `y`, `Y`, `n` and `N`, which YAML 1.1's own spec reads as booleans.
    @Test func wordsLikeNullsAndBooleansArePlainExactlyWhenBothSchemasReadAString() {
        let alphabet = Array("~nNuUlLtTrReEfFaAsSyYoO")
        var words = alphabet.map { String($0) }
        for _ in 0..<2 { words += words.flatMap { word in alphabet.map { word + String($0) } } }
        for keyword in ["null", "true", "false", "yes", "no", "on", "off"] {
            var spellings = [""]
            for character in keyword {
                spellings = spellings.flatMap { [$0 + character.lowercased(), $0 + character.uppercased()] }
            }
            words += spellings + spellings.flatMap { spelling in ["s", "e", "x"].map { spelling + $0 } }
        }
        for word in Set(words) {
            let readsAsString =
                ScalarResolver.resolveYAML11(word) == .string(word) && !ScalarResolver.matchesYAML12Core(word)
                && !["y", "Y", "n", "N"].contains(word)
            #expect(ScalarEmitter.canWritePlain(word) == readsAsString, "\(word)")
        }
    }

    @Test func tableHasAtLeastSixtyTrickyStrings() {
        #expect(Self.plain.count + Self.quoted.count >= 60)
    }

    @Test(arguments: plain)
    func safeStringsAreWrittenPlainAndReadBackUnderBothSchemas(_ text: String) throws {
        #expect(ScalarEmitter.canWritePlain(text))
        #expect(ScalarEmitter.stringText(text, quote: .single) == text)
        #expect(ScalarResolver.resolveYAML11(text) == .string(text))
        #expect(!ScalarResolver.matchesYAML12Core(text))
        try expectReadsBack(text)
    }

    @Test(arguments: quoted)
    func unsafeStringsAreQuotedAndReadBackExactly(_ text: String) throws {
        #expect(!ScalarEmitter.canWritePlain(text))
        let written = ScalarEmitter.stringText(text, quote: .single)
        #expect(written.first == "'" || written.first == "\"", "\(written)")
        try expectReadsBack(text)
    }

    @Test func quoteCharacterFollowsTheFileButDoubleQuotesTakeWhatSingleCannot() {
        #expect(ScalarEmitter.stringText("yes", quote: .single) == "'yes'")
        #expect(ScalarEmitter.stringText("yes", quote: .double) == "\"yes\"")
        #expect(ScalarEmitter.stringText("it's: x", quote: .single) == "'it''s: x'")
        #expect(ScalarEmitter.stringText("a\nb", quote: .single) == "\"a\\nb\"")
        #expect(ScalarEmitter.stringText("tab\there", quote: .single) == "\"tab\\there\"")
        #expect(ScalarEmitter.doubleQuoted("ünï \u{07}") == "\"ünï \\a\"")
    }

    @Test func floatsUseThePositionalFormWithTheFewestDigitsThatRoundTrip() {
        #expect(ScalarEmitter.floatText(0.0000025) == "0.0000025")
        #expect(ScalarEmitter.floatText(2.5e-6) == "0.0000025")
        #expect(ScalarEmitter.floatText(0.3) == "0.3")
        #expect(ScalarEmitter.floatText(0.1 + 0.2) == "0.30000000000000004")
        #expect(ScalarEmitter.floatText(3) == "3.0")
        #expect(ScalarEmitter.floatText(1e20) == "100000000000000000000.0")
        #expect(ScalarEmitter.floatText(1.5e-10) == "0.00000000015")
        #expect(ScalarEmitter.floatText(-0.001) == "-0.001")
        #expect(ScalarEmitter.floatText(123456.789) == "123456.789")
        #expect(ScalarEmitter.floatText(.infinity) == ".inf")
        #expect(ScalarEmitter.floatText(-.infinity) == "-.inf")
        #expect(ScalarEmitter.floatText(.nan) == ".nan")
        for value in [0.0000025, 0.3, 1e20, 1.5e-10, 123456.789, 0.1 + 0.2, 1e-7, Double.leastNonzeroMagnitude] {
            #expect(Double(ScalarEmitter.floatText(value)) == value)
        }
    }

    @Test func typedReadingFollowsPyYAML() {
        #expect(ScalarResolver.resolveYAML11("012") == .int(10))
        #expect(ScalarResolver.resolveYAML11("0x1F") == .int(31))
        #expect(ScalarResolver.resolveYAML11("0b101") == .int(5))
        #expect(ScalarResolver.resolveYAML11("1_000") == .int(1000))
        #expect(ScalarResolver.resolveYAML11("1:20") == .int(80))
        #expect(ScalarResolver.resolveYAML11("0o12") == .string("0o12"))
        #expect(ScalarResolver.resolveYAML11("1e3") == .string("1e3"))
        #expect(ScalarResolver.resolveYAML11("1.0e+3") == .float(1000))
        #expect(ScalarResolver.resolveYAML11("190:20:30.15") == .float(685_230.15))
        #expect(ScalarResolver.resolveYAML11("yes") == .bool(true))
        #expect(ScalarResolver.resolveYAML11("Off") == .bool(false))
        #expect(ScalarResolver.resolveYAML11("~") == .null)
        #expect(ScalarResolver.resolveYAML11("2024-10-22") == .timestamp("2024-10-22"))
        #expect(ScalarResolver.resolveYAML11("09") == .string("09"))
    }

    /// Written in block and flow context, the text reads back as exactly `text` through libyaml.
    private func expectReadsBack(_ text: String) throws {
        let written = ScalarEmitter.stringText(text, quote: .single)
        let block = try YAMLDocument(text: "key: \(written)\nlist:\n  - \(written)\n")
        #expect(
            block.rootValue
                == .mapping([YAMLMappingEntry("key", .string(text)), YAMLMappingEntry("list", [.string(text)])]))
        let flow = try YAMLDocument(text: "{key: \(written), list: [\(written), x]}\n")
        #expect(
            flow.rootValue
                == .mapping([YAMLMappingEntry("key", .string(text)), YAMLMappingEntry("list", [.string(text), "x"])]))
    }
}

/// The same table read by PyYAML, an independent YAML 1.1 reader: what is plain and what is quoted both read back as the original strings.
///
/// Needs `python3` with PyYAML (the README's set-up installs it).
@Suite struct ScalarQuotingPyYAMLTests {
    @Test func pyYAMLReadsEveryWrittenStringBack() throws {
        let python = try ExternalTool.pythonWithPyYAML()
        let strings = ScalarQuotingTests.plain + ScalarQuotingTests.quoted
        var yaml = "block:\n"
        for text in strings { yaml += "  - \(ScalarEmitter.stringText(text, quote: .single))\n" }
        yaml += "flow: [" + strings.map { ScalarEmitter.stringText($0, quote: .double) }.joined(separator: ", ") + "]\n"
        let script = """
            import sys, json, yaml
            data = yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))
            print(json.dumps(data))
            """
        let output = try python.runScript(script, input: Array(yaml.utf8))
        let decoded = try JSONSerialization.jsonObject(with: Data(output)) as? [String: [Any]]
        let block = decoded?["block"]?.map { $0 as? String }
        let flow = decoded?["flow"]?.map { $0 as? String }
        #expect(block == strings.map { Optional($0) })
        #expect(flow == strings.map { Optional($0) })
    }
}
