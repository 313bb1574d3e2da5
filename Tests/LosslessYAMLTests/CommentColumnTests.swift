import Foundation
import Testing

@testable import LosslessYAML

/// End-of-line comments keep their column where the line allows, and the bytes between a value and its comment
/// change only when the value's width does.
@Suite struct CommentColumnTests {
    /// Applies `edit` to `text` and returns the new text.
    func edited(_ text: String, _ edit: (YAMLDocument, inout YAMLEditor) throws -> Void) throws -> String {
        let document = try YAMLDocument(text: text)
        var editor = YAMLEditor(document: document)
        try edit(document, &editor)
        return String(decoding: try editor.apply(), as: UTF8.self)
    }

    @Test func aTabBeforeAnEndOfLineCommentStaysWhenTheValueChanges() throws {
        let text = "pricing:\n  input: 0.05\n  output: 0.2\t# was 0.25 until November\n"
        let sameWidth = try edited(text) { document, editor in
            try editor.setScalar(try document.node("pricing", "output"), to: 0.3)
        }
        #expect(sameWidth == "pricing:\n  input: 0.05\n  output: 0.3\t# was 0.25 until November\n")
        let wider = try edited(text) { document, editor in
            try editor.setScalar(try document.node("pricing", "output"), to: 0.35)
        }
        #expect(wider == "pricing:\n  input: 0.05\n  output: 0.35\t# was 0.25 until November\n")
    }

    @Test func aScalarInsideAOneLineFlowMappingKeepsTheCommentColumn() throws {
        let text = "pricing: {input: 0.15, output: 0.6, cache_read: 0.08}   # flow on purpose\nnext: 1\n"
        let output = try edited(text) { document, editor in
            try editor.setScalar(try document.node("pricing", "cache_read"), to: 0.075)
        }
        #expect(output == "pricing: {input: 0.15, output: 0.6, cache_read: 0.075}  # flow on purpose\nnext: 1\n")
    }

    @Test func severalEditsOnOneFlowLineAddUp() throws {
        let text = "model: {name: Devstral 2, family: devstral-medium, available: true, pricing: {input: 0}}   # free\n"
        let output = try edited(text) { document, editor in
            try editor.setScalar(try document.node("model", "family"), to: "devstral")
            try editor.setScalar(try document.node("model", "available"), to: false)
            try editor.setScalar(try document.node("model", "pricing", "input"), to: 0.4)
        }
        #expect(
            output
                == "model: {name: Devstral 2, family: devstral, available: false, pricing: {input: 0.4}}       # free\n"
        )
    }

    @Test func itemsAddedToAOneLineFlowListKeepTheCommentColumnWhereTheLineAllows() throws {
        let roomy = try edited("caps: [a, b]        # ours\n") { document, editor in
            try editor.appendItem("pdf", to: try document.node("caps"))
        }
        #expect(roomy == "caps: [a, b, pdf]   # ours\n")
        let tight = try edited("caps: []   # none verified yet\n") { document, editor in
            try editor.appendItem("streaming", to: try document.node("caps"))
            try editor.appendItem("reasoning", to: try document.node("caps"))
        }
        #expect(tight == "caps: [streaming, reasoning] # none verified yet\n")
        let removed = try edited("caps: [a, b, c]   # ours\n") { document, editor in
            let caps = try document.node("caps")
            try editor.removeItem(document.items(of: caps)[1], from: caps)
        }
        #expect(removed == "caps: [a, c]      # ours\n")
    }

    @Test func aCommentAfterAMultiLineFlowCollectionIsLeftAlone() throws {
        let text = "m: {\n  a: 1,\n  b: 2}   # end\n"
        let output = try edited(text) { document, editor in
            try editor.setScalar(try document.node("m", "a"), to: 100)
        }
        #expect(output == "m: {\n  a: 100,\n  b: 2}   # end\n")
    }
}
