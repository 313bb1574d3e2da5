import Diagnostics
import Foundation
import Testing

@testable import LosslessYAML

/// Each edit kind, in block and flow style, with comments around the edited node, in 2- and 4-space files, indentless and indented sequences, CRLF, BOM and no-final-newline files.
///
/// Outputs are golden files.
@Suite struct EditGoldenTests {
    static let inputs = [
        "block-2space", "block-4space", "flow", "crlf", "bom", "no-final-newline", "tabs-and-trailing-spaces",
        "literal", "anchors",
    ]

    @Test(arguments: inputs)
    func inputsRoundTripByteForByteWithoutEdits(_ name: String) throws {
        let document = try GoldenCase.input(name)
        #expect(try YAMLEditor(document: document).apply() == document.bytes)
    }

    @Test func settingScalarsKeepsQuotingAndCommentColumns() throws {
        let document = try GoldenCase.input("block-2space")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("name"), to: "Anthropic, PBC")
        try editor.setScalar(document.node("models", "claude-sonnet-4-5", "name"), to: "Claude Sonnet 4.5 (latest)")
        try editor.setScalar(document.node("models", "claude-sonnet-4-5", "context_window"), to: 1_000_000)
        try editor.setScalar(document.node("models", "claude-sonnet-4-5", "pricing", "input"), to: 3.75)
        try editor.setScalar(document.node("models", "claude-3-haiku", "name"), to: "yes")
        try GoldenCase.expect(try editor.apply(), matches: "block-2space.set-scalars")
    }

    @Test func insertingKeysGoesAboveLeadingCommentsAndBeforeFooters() throws {
        let document = try GoldenCase.input("block-2space")
        var editor = YAMLEditor(document: document)
        let sonnet = try document.node("models", "claude-sonnet-4-5")
        try editor.insertEntry(
            key: "family", value: "claude-sonnet", into: sonnet,
            before: document.key("context_window", in: "models", "claude-sonnet-4-5"))
        try editor.insertEntry(
            key: "max_output_tokens", value: 64000, into: sonnet,
            before: document.key("pricing", in: "models", "claude-sonnet-4-5"))
        try editor.insertEntry(
            key: "cache_read", value: 0.3, into: document.node("models", "claude-sonnet-4-5", "pricing"))
        try editor.insertEntry(
            key: "claude-opus-4-1",
            value: .mapping([
                YAMLMappingEntry("name", "Claude Opus 4.1"), YAMLMappingEntry("knowledge", "2025-03-31"),
                YAMLMappingEntry("capabilities", ["streaming", "reasoning"]),
                YAMLMappingEntry(
                    "modalities", .mapping([YAMLMappingEntry("input", .sequence(["text", "image"], style: .flow))])),
            ]),
            into: document.node("models"))
        try editor.insertEntry(
            key: "default_model", value: "claude-sonnet-4-5", into: document.node(), before: document.key("models"))
        try GoldenCase.expect(try editor.apply(), matches: "block-2space.insert-keys")
    }

    @Test func removingKeysTakesTheirOwnCommentsAndLeavesTheNextNodes() throws {
        let document = try GoldenCase.input("block-2space")
        var editor = YAMLEditor(document: document)
        try editor.removeEntry(
            key: document.key("output", in: "models", "claude-sonnet-4-5", "pricing"),
            from: document.node("models", "claude-sonnet-4-5", "pricing"))
        try editor.removeEntry(key: document.key("claude-3-haiku", in: "models"), from: document.node("models"))
        try editor.removeEntry(key: document.key("name"), from: document.node())
        try GoldenCase.expect(try editor.apply(), matches: "block-2space.remove-keys")
    }

    @Test func blockSequenceItemsAreInsertedRemovedAndAppendedInIndentlessStyle() throws {
        let document = try GoldenCase.input("block-2space")
        var editor = YAMLEditor(document: document)
        let capabilities = try document.node("models", "claude-sonnet-4-5", "capabilities")
        try editor.appendItem("vision", to: capabilities)
        try editor.insertItem("reasoning", into: capabilities, before: document.items(of: capabilities)[2])
        try editor.removeItem(document.items(of: capabilities)[1], from: capabilities)
        try editor.removeItem(document.items(of: capabilities)[0], from: capabilities)
        try GoldenCase.expect(try editor.apply(), matches: "block-2space.sequence-items")
    }

    @Test func replacingValuesWithSubtreesFollowsTheFile() throws {
        let document = try GoldenCase.input("block-2space")
        var editor = YAMLEditor(document: document)
        try editor.replace(
            document.node("models", "claude-sonnet-4-5", "pricing"),
            with: .mapping([
                YAMLMappingEntry("input", 3), YAMLMappingEntry("output", 15), YAMLMappingEntry("cache_read", 0.3),
            ]))
        try editor.replace(document.node("env"), with: .sequence(["ANTHROPIC_API_KEY", "CLAUDE_KEY"], style: .flow))
        try editor.replace(document.node("doc"), with: ["https://a.example", "https://b.example"])
        try GoldenCase.expect(try editor.apply(), matches: "block-2space.replace-subtrees")
    }

    @Test func fourSpaceFilesWithIndentedSequencesGetFourSpaceText() throws {
        let document = try GoldenCase.input("block-4space")
        var editor = YAMLEditor(document: document)
        #expect(editor.formatting.indentation == 4)
        #expect(editor.formatting.indentsSequences)
        try editor.insertEntry(
            key: "gpt-5",
            value: .mapping([
                YAMLMappingEntry("name", "GPT-5"),
                YAMLMappingEntry(
                    "modalities",
                    .mapping([YAMLMappingEntry("input", ["text", "image"]), YAMLMappingEntry("output", ["text"])])),
                YAMLMappingEntry(
                    "pricing", .mapping([YAMLMappingEntry("input", 1.25), YAMLMappingEntry("output", 10)])),
            ]),
            into: document.node("models"), before: document.key("o1", in: "models"))
        try editor.appendItem("audio", to: document.node("models", "gpt-4o", "modalities", "input"))
        try editor.removeItem(
            document.node("models", "o1", "capabilities", 0), from: document.node("models", "o1", "capabilities"))
        try editor.insertEntry(key: "cache_read", value: 1.25, into: document.node("models", "gpt-4o", "pricing"))
        try GoldenCase.expect(try editor.apply(), matches: "block-4space.edits")
    }

    @Test func flowCollectionsAreEditedInFlowAndEmptyMappingsBecomeBlocks() throws {
        let document = try GoldenCase.input("flow")
        var editor = YAMLEditor(document: document)
        let oneLine = try document.node("models", "one-line")
        try editor.setScalar(document.node("models", "one-line", "name"), to: "One, Line")
        try editor.insertEntry(
            key: "family", value: "one", into: oneLine, before: document.key("context_window", in: "models", "one-line")
        )
        let capabilities = try document.node("models", "one-line", "capabilities")
        try editor.appendItem("reasoning", to: capabilities)
        try editor.removeItem(document.items(of: capabilities)[1], from: capabilities)
        try editor.insertEntry(key: "name", value: "Filled", into: document.node("models", "empty-map"))
        try editor.insertEntry(key: "context_window", value: 4096, into: document.node("models", "empty-map"))
        try editor.appendItem("x", to: document.node("models", "empty-list"))
        try editor.replace(document.node("models", "nothing"), with: .mapping([YAMLMappingEntry("name", "Nothing")]))
        try editor.removeItem(document.node("env", 1), from: document.node("env"))
        try GoldenCase.expect(try editor.apply(), matches: "flow.edits")
    }

    @Test func crlfFilesGetCRLFText() throws {
        let document = try GoldenCase.input("crlf")
        var editor = YAMLEditor(document: document)
        #expect(editor.formatting.lineBreak == "\r\n")
        try editor.setScalar(document.node("models", "a", "name"), to: "A2")
        try editor.insertEntry(
            key: "family", value: "fam", into: document.node("models", "a"),
            before: document.key("price", in: "models", "a"))
        try editor.insertEntry(
            key: "c", value: .mapping([YAMLMappingEntry("name", "C")]), into: document.node("models"))
        try editor.removeEntry(key: document.key("b", in: "models"), from: document.node("models"))
        try GoldenCase.expect(try editor.apply(), matches: "crlf.edits")
    }

    @Test func byteOrderMarkStaysFirst() throws {
        let document = try GoldenCase.input("bom")
        var editor = YAMLEditor(document: document)
        try editor.insertEntry(
            key: "provider", value: "bom", into: document.node(), before: document.key("name"),
            belowLeadingComments: true)
        try editor.setScalar(document.node("models", "a", "name"), to: "Ä")
        try GoldenCase.expect(try editor.apply(), matches: "bom.edits")
    }

    @Test func filesWithoutAFinalNewlineKeepWithoutOne() throws {
        let document = try GoldenCase.input("no-final-newline")
        var editor = YAMLEditor(document: document)
        #expect(!editor.formatting.endsWithLineBreak)
        try editor.appendItem("two", to: document.node("models", "a", "tags"))
        try editor.insertEntry(
            key: "b", value: .mapping([YAMLMappingEntry("name", "B")]), into: document.node("models"))
        try GoldenCase.expect(try editor.apply(), matches: "no-final-newline.edits")
    }

    @Test func tabsInCommentsAndTrailingSpacesSurviveEdits() throws {
        let document = try GoldenCase.input("tabs-and-trailing-spaces")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("key"), to: "new value")
        try editor.appendItem("b", to: document.node("list"))
        try GoldenCase.expect(try editor.apply(), matches: "tabs-and-trailing-spaces.edits")
    }

    @Test func multiLineStringsBecomeLiteralBlocks() throws {
        let document = try GoldenCase.input("literal")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("description"), to: "New first line\nnew second line\n")
        try editor.setScalar(document.node("summary"), to: "Single line now")
        try editor.setScalar(document.node("short"), to: "two\nlines")
        try GoldenCase.expect(try editor.apply(), matches: "literal.edits")
    }

    @Test func anchorsAliasesAndMergeKeysAreKeptAsWritten() throws {
        let document = try GoldenCase.input("anchors")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("models", "a", "name"), to: "A2")
        try editor.insertEntry(key: "family", value: "b-family", into: document.node("models", "b"))
        let output = try editor.apply()
        try GoldenCase.expect(output, matches: "anchors.edits")
        let reread = try YAMLDocument(bytes: output)
        #expect(reread.rootValue?["models"]?["a"]?["<<"] == .alias("defaults"))
    }

    @Test func textThatDoesNotReadBackAsIntendedIsRefusedWithTheFileNamed() throws {
        let document = try YAMLDocument(text: "a:\n  b: 1\n", path: "config/models/x.yml")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("a", "b"), to: 2)
        // The verification step on its own, fed text that says something else than the edits intend.
        #expect(throws: YAMLError.self) { try editor.verify(Array("a:\n  b: 3\n".utf8)) }
        do {
            try editor.verify(Array("a:\n  b: 3\n".utf8))
        } catch let error as YAMLError {
            #expect(
                DiagnosticRenderer(spellOption: { option, _ in option.rawValue }).render(error.diagnostic)
                    == "config/models/x.yml: internal error: edited text does not read back as intended "
                    + "(at a.b: expected int(2), read int(3)); file not written")
        }
        do {
            try editor.verify(Array("a: [\n".utf8))
        } catch let error as YAMLError {
            guard case .verificationFailed = error else {
                Issue.record("expected verificationFailed, got \(error)")
                return
            }
        }
        #expect(try editor.apply() == Array("a:\n  b: 2\n".utf8))
    }

    @Test func verificationComparesUntouchedInsertedAndRemovedPartsNodeByNode() throws {
        let document = try YAMLDocument(
            text: "a: 1\nb: 'x'\nc: [1, 2]\ngone: 0\nlist:\n  - p\n  - q\n", path: "x.yml")
        var editor = YAMLEditor(document: document)
        try editor.setScalar(document.node("a"), to: 2)
        let gone = try #require(document.entry(forKey: "gone", in: try document.node()))
        try editor.removeEntry(key: gone.key, from: document.node())
        try editor.insertEntry(key: "new", value: .mapping([YAMLMappingEntry("k", "v")]), into: document.node())
        try editor.appendItem("r", to: document.node("list"))
        let output = try editor.apply()
        let expected = "a: 2\nb: 'x'\nc: [1, 2]\nlist:\n  - p\n  - q\n  - r\nnew:\n  k: v\n"
        #expect(String(decoding: output, as: UTF8.self) == expected)
        // The same data written in other styles reads as intended.
        try editor.verify(Array("a: 2\nb: x\nc:\n  - 1\n  - 2\nlist: [p, q, r]\nnew: {k: 'v'}\n".utf8))
        let wrong = [
            "a: 2\nb: y\nc: [1, 2]\nlist: [p, q, r]\nnew: {k: v}\n",  // an untouched scalar
            "a: 2\nb: '1'\nc: [1, 2]\nlist: [p, q, r]\nnew: {k: v}\n",
            "a: 2\nb: x\nc: [1, '2']\nlist: [p, q, r]\nnew: {k: v}\n",  // an untouched nested item
            "a: 2\nb: x\nc: [1, 2]\ngone: 0\nlist: [p, q, r]\nnew: {k: v}\n",  // a removed entry still there
            "a: 2\nb: x\nc: [1, 2]\nlist: [p, q]\nnew: {k: v}\n",  // an append missing
            "a: 2\nb: x\nc: [1, 2]\nlist: [p, q, r, s]\nnew: {k: v}\n",  // an item too many
            "a: 2\nb: x\nc: [1, 2]\nlist: [p, q, r]\nnew: {k: w}\n",  // an inserted value
            "a: 2\nb: x\nc: [1, 2]\nlist: [p, q, r]\n",  // an insertion missing
            "a: 2\nb: x\nc: [1, 2]\nlist: {p: q}\nnew: {k: v}\n",  // a collection of the other kind
        ]
        for text in wrong {
            #expect(throws: YAMLError.self, "\(text)") { try editor.verify(Array(text.utf8)) }
        }
    }

    @Test func insertingAnExistingKeyIsRefused() throws {
        let document = try YAMLDocument(text: "a: 1\n", path: "x.yml")
        var editor = YAMLEditor(document: document)
        #expect(throws: YAMLError.invalidEdit(path: "x.yml", message: "key 'a' is already in the mapping")) {
            try editor.insertEntry(key: "a", value: 2, into: document.node())
        }
    }
}
