import Diagnostics
import Foundation
import Testing

@testable import LosslessYAML

/// Every input error is a typed error whose text reads like a compiler's: path, line, column, message, the source
/// line and a caret.
@Suite struct ParseErrorTests {
    /// The error as the command line shows it.
    private func rendered(_ error: YAMLError?) -> String? {
        error.map { DiagnosticRenderer(spellOption: { option, _ in option.rawValue }).render($0.diagnostic) }
    }

    private func error(_ text: String, path: String = "config/models/openai.yml", multiple: Bool = false) -> YAMLError?
    {
        do {
            _ = try YAMLDocument(text: text, path: path, allowsMultipleDocuments: multiple)
            return nil
        } catch let error as YAMLError {
            return error
        } catch {
            return nil
        }
    }

    @Test func duplicateKeysAreReportedAtTheSecondKey() {
        let text = "models:\n  gpt-4o:\n    name: A\n  gpt-4o:\n    name: B\n"
        let failure = error(text)
        guard case .duplicateKey = failure else {
            Issue.record("expected duplicateKey, got \(String(describing: failure))")
            return
        }
        #expect(
            rendered(failure) == """
                config/models/openai.yml:4:3: error: duplicate key 'gpt-4o'
                  gpt-4o:
                  ^
                """)
    }

    @Test func duplicateKeysCompareByValueNotSpelling() {
        #expect(rendered(error("{true: 1, True: 2}"))?.contains("duplicate key 'True'") == true)
        #expect(rendered(error("a: 1\n'a': 2\n"))?.contains("duplicate key 'a'") == true)
        #expect(rendered(error("1: x\n0x1: y\n"))?.contains("duplicate key '0x1'") == true)
        #expect(error("a: 1\nb: 2\n") == nil)
        #expect(error("'1': x\n1: y\n") == nil)
    }

    @Test func duplicateKeysAreFoundInLargeMappings() {
        var text = ""
        for index in 0..<100 { text += "key\(index): \(index)\n" }
        text += "key57: again\n"
        #expect(
            rendered(error(text))?.hasPrefix("config/models/openai.yml:101:1: error: duplicate key 'key57'") == true)
    }

    @Test func syntaxErrorsNameLineColumnAndLibYAMLsReason() {
        let failure = error("name: Claude\n  family: [claude\n")
        guard case .syntax = failure else {
            Issue.record("expected syntax error, got \(String(describing: failure))")
            return
        }
        #expect(
            rendered(failure) == """
                config/models/openai.yml:2:9: error: mapping values are not allowed in this context
                  family: [claude
                        ^
                """)
    }

    @Test func unclosedFlowSequenceReportsItsContext() {
        #expect(
            rendered(error("a: [1, 2\nb: 3\n")) == """
                config/models/openai.yml:2:2: error: did not find expected ',' or ']' (while parsing a flow sequence at line 1)
                b: 3
                 ^
                """)
    }

    @Test func severalDocumentsAreAnErrorUnlessAllowed() {
        let text = "a: 1\n---\nb: 2\n"
        #expect(
            rendered(error(text)) == """
                config/models/openai.yml:2:1: error: several documents in one file; expected exactly one
                ---
                ^
                """)
        #expect(error(text, multiple: true) == nil)
    }

    @Test func tabIndentationIsNamed() {
        #expect(
            rendered(error("models:\n\tgpt-4o: {}\n")) == """
                config/models/openai.yml:2:1: error: tab character used for indentation; indent with spaces
                \tgpt-4o: {}
                ^
                """)
    }

    @Test func tabsInCommentsAndValuesAreFine() throws {
        let text = "a: 1\t# tab before comment\n# \tcomment with tab\nb: \"x\\ty\"\n"
        let document = try YAMLDocument(text: text)
        #expect(document.rootValue == .mapping([YAMLMappingEntry("a", 1), YAMLMappingEntry("b", "x\ty")]))
    }

    @Test func nestingDeeperThan256IsRefusedQuickly() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let failure = error(deep)
        guard case .nestingTooDeep(let diagnostic) = failure else {
            Issue.record("expected nestingTooDeep, got \(String(describing: failure))")
            return
        }
        #expect(diagnostic.message == "collections nested deeper than 256 levels")
        // Refused at the 257th opening bracket: the parse stops there instead of walking all 100,000.
        #expect(diagnostic.position?.line == 1 && diagnostic.position?.column == 257)
        #expect(error(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) == nil)
    }

    @Test func explicitKeysLongerThan1024CharactersAreRefused() {
        let long = String(repeating: "k", count: 1025)
        let failure = error("? \(long)\n: v\n")
        guard case .keyTooLong(let diagnostic) = failure else {
            Issue.record("expected keyTooLong, got \(String(describing: failure))")
            return
        }
        #expect(diagnostic.message == "key is 1025 characters long, longer than the limit of 1024")
        #expect(diagnostic.position == SourcePosition(offset: 2, line: 1, column: 3))
        #expect(error("? \(String(repeating: "é", count: 1024))\n: v\n") == nil)
    }

    @Test func inputsOver64MiBAreRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 64 * 1024 * 1024 + 1)
        #expect(throws: YAMLError.inputTooLarge(path: "big.yml", size: 67_108_865, limit: 67_108_864)) {
            try YAMLDocument(bytes: bytes, path: "big.yml")
        }
        #expect(
            rendered(YAMLError.inputTooLarge(path: "big.yml", size: 67_108_865, limit: 67_108_864))
                == "big.yml: error: file is 67108865 bytes, larger than the limit of 67108864 bytes")
    }

    @Test func utf16IsRefusedWithAClearMessage() {
        #expect(
            rendered(error("\u{FEFF}a: 1")) == nil,
            "a UTF-8 byte-order mark is fine")
        #expect(throws: YAMLError.unsupportedEncoding(path: "x.yml", encoding: "UTF-16 (little-endian)")) {
            try YAMLDocument(bytes: [0xFF, 0xFE, 0x61, 0x00], path: "x.yml")
        }
    }

    @Test func aliasesAreNeverExpandedSoABillionLaughsIsHarmless() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let document = try YAMLDocument(text: text)
        #expect(document.nodeCount < 200)
        let value = try #require(document.rootValue)
        #expect(value["i"] == .sequence(Array(repeating: .alias("h"), count: 9)))
    }

    @Test func positionsCountUnicodeScalarsForColumnsAndBytesForOffsets() throws {
        let text = "\u{FEFF}name: ünï\r\nkey: ü\r\nkey: x\r\n"
        let failure = error(text)
        guard case .duplicateKey(let diagnostic) = failure else {
            Issue.record("expected duplicateKey, got \(String(describing: failure))")
            return
        }
        // Line one: BOM (3) + "name: " (6) + "ünï" (5) + CRLF (2) = 16 bytes; line two: 9 bytes.
        #expect(diagnostic.position == SourcePosition(offset: 25, line: 3, column: 1))
        let document = try YAMLDocument(text: "\u{FEFF}name: ünï\r\nkey: ü\r\n")
        let root = try #require(document.root)
        let key = try #require(document.entry(forKey: "key", in: root))
        #expect(document.range(of: key.value) == 21..<23)
        #expect(document.position(of: key.value) == SourcePosition(offset: 21, line: 2, column: 6))
    }
}
