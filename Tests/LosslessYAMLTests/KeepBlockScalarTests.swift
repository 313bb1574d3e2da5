import Foundation
import Testing

@testable import LosslessYAML

/// A `|+` block scalar keeps its trailing blank lines as content, also when it is the last value of an entry that
/// something is appended after.
@Suite struct KeepBlockScalarTests {
    @Test func appendingAfterAnEntryEndingInAKeepBlockScalarLeavesItsBlankLinesInside() throws {
        let text = "models:\n  a:\n    name: A\n    notes: |+\n      keep\n\n\n# footer\n"
        let document = try YAMLDocument(text: text)
        var editor = YAMLEditor(document: document)
        try editor.insertEntry(
            key: "b", value: .mapping([YAMLMappingEntry("name", "B")]), into: document.node("models"))
        let output = String(decoding: try editor.apply(), as: UTF8.self)
        #expect(output == "models:\n  a:\n    name: A\n    notes: |+\n      keep\n\n\n  b:\n    name: B\n# footer\n")
    }

    @Test func appendingAfterANestedKeepBlockScalarInASequenceLeavesItsBlankLinesInside() throws {
        let text = "list:\n- notes: |+\n    keep\n\n"
        let document = try YAMLDocument(text: text)
        var editor = YAMLEditor(document: document)
        try editor.appendItem("next", to: document.node("list"))
        let output = String(decoding: try editor.apply(), as: UTF8.self)
        #expect(output == "list:\n- notes: |+\n    keep\n\n- next\n")
    }
}
