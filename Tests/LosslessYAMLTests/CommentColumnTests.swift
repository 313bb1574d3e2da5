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
}
