import Foundation
import TestSupport
import Testing

@testable import LosslessYAML

/// Seeded random edits (set, insert, remove, append) over every YAML test suite case libyaml accepts: the result
/// must read back as the intended data, and every byte outside the edited region must be unchanged.
@Suite struct RandomEditPropertyTests {
    /// The seed; `RANDOM_EDIT_SEED` overrides it to explore (failures name the case, batch and edits).
    static let seed: UInt64 =
        ProcessInfo.processInfo.environment["RANDOM_EDIT_SEED"].flatMap { UInt64($0) } ?? 20_261_122
    static let batchesPerCase = 6

    /// Cases where libyaml 0.2.5 itself deviates, so an edit's text can read back differently; verification must
    /// refuse those edits (they are counted as refused, never as applied).
    static let libYAMLQuirks: [String: String] = [
        "DK95-05": "a tab-only line is accepted after a plain scalar but rejected after a quoted one",
        "L24T-01": "keep-chomped whitespace at the end of the stream reads differently once followed by text",
        "JEF9-02": "keep-chomped spaces at the end of a stream without a final line break read inconsistently",
        "Y2GN": "an anchor ending in ':' (`&an:chor`) is cut at the colon",
    ]

    @Test func randomEditsReadBackAsIntendedAndLeaveOtherBytesAlone() throws {
        var random = SeededRandom(seed: Self.seed)
        var applied = 0
        var refused = 0
        var failures: [String] = []
        for suiteCase in try SuiteFixtures.yamlTestSuite() {
            guard
                let document = try? YAMLDocument(
                    bytes: suiteCase.input, path: suiteCase.id, allowsMultipleDocuments: true)
            else { continue }
            for batch in 0..<Self.batchesPerCase {
                var editor = YAMLEditor(document: document)
                var region: Range<Int>?
                let editCount = Int.random(in: 1...3, using: &random)
                var described: [String] = []
                for _ in 0..<editCount {
                    guard let edit = RandomEdit.make(in: document, editor: editor, using: &random) else { continue }
                    do {
                        try edit.record(&editor)
                        described.append(edit.description)
                        region =
                            region.map {
                                min($0.lowerBound, edit.region.lowerBound)..<max($0.upperBound, edit.region.upperBound)
                            } ?? edit.region
                    } catch {
                        continue
                    }
                }
                guard let region, editor.hasEdits else { continue }
                let output: [UInt8]
                do {
                    output = try editor.apply()
                } catch YAMLError.invalidEdit {
                    refused += 1
                    continue
                } catch YAMLError.verificationFailed(_, let detail) where Self.libYAMLQuirks[suiteCase.id] != nil {
                    // The safety net caught libyaml reading the edited text differently; the file would be kept.
                    _ = detail
                    refused += 1
                    continue
                } catch {
                    failures.append(
                        "\(suiteCase.id) batch \(batch) [\(described.joined(separator: "; "))]: \(error)\n---\n\(String(decoding: suiteCase.input, as: UTF8.self))\n==="
                    )
                    continue
                }
                applied += 1
                // Independent re-read: the data is what the edits intend.
                let reread = try YAMLDocument(bytes: output, path: suiteCase.id, allowsMultipleDocuments: true)
                #expect(reread.roots.map { reread.value(of: $0) } == editor.intendedValues(), "\(suiteCase.id)")
                // Bytes before and after the edited region are untouched.
                let bytes = document.bytes
                let prefixSame =
                    output.count >= region.lowerBound
                    && Array(output[..<region.lowerBound]) == Array(bytes[..<region.lowerBound])
                let suffixCount = bytes.count - region.upperBound
                let suffixSame =
                    output.count >= suffixCount
                    && Array(output.suffix(suffixCount)) == Array(bytes[region.upperBound...])
                if !(prefixSame && suffixSame) {
                    failures.append(
                        "\(suiteCase.id) batch \(batch) [\(described.joined(separator: "; "))]: bytes outside \(region) changed"
                    )
                }
            }
        }
        print(
            "random edits (seed \(Self.seed)): \(applied) batches applied and verified, \(refused) refused as unsupported layouts, \(failures.count) failures"
        )
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
        if !failures.isEmpty, let path = ProcessInfo.processInfo.environment["RANDOM_EDIT_FAILURES"] {
            try failures.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(applied > 500)
    }
}

/// One random edit and the region of the original text it may touch (computed from line structure, independently
/// of the editor's own comment-ownership logic: whole lines around the target, plus adjacent comment lines).
struct RandomEdit: CustomStringConvertible {
    var description: String
    var region: Range<Int>
    var record: (inout YAMLEditor) throws -> Void

    static let values: [YAMLValue] = [
        "plain", "yes", "a: b", "#x", "x #y", "multi\nline\n", "  lead", "trail ", "'q'", "\"dq\"", "ünïcödé",
        "12", "1e3", "2024-10-22", "", "@cf/meta/llama", "~", "null", "0x1F", "1:20", .int(42), .int(-7),
        .float(0.3), .float(0.0000025), .float(3), .bool(true), .null, .sequence([]), .mapping([]),
        ["a", 1], .sequence(["a", .mapping([YAMLMappingEntry("k", "v")])]),
        .mapping([YAMLMappingEntry("k", "v"), YAMLMappingEntry("n", [1, 2])]),
        .mapping([YAMLMappingEntry("k", "v")], style: .flow), "tab\there", "line1\nline2",
    ]

    static func make(in document: YAMLDocument, editor: YAMLEditor, using random: inout SeededRandom) -> RandomEdit? {
        guard document.nodeCount > 0 else { return nil }
        let node = YAMLNodeID(Int.random(in: 0..<document.nodeCount, using: &random))
        let value = values[Int.random(in: 0..<values.count, using: &random)]
        let layout = TextLayout(bytes: document.bytes)
        let nodeRange = document.range(of: node)
        switch (document.kind(of: node), Int.random(in: 0..<4, using: &random)) {
        case (.mapping, 0), (.mapping, 1):
            let entries = document.entries(of: node)
            let key: YAMLValue = .string("new-key-\(Int.random(in: 0..<1_000_000, using: &random))")
            let before =
                entries.isEmpty || Bool.random(using: &random) ? nil : entries.randomElement(using: &random)?.key
            let region = wideRegion(layout, document.range(of: node), node: node, document: document)
            return RandomEdit(
                description:
                    "insert \(key) = \(value) into node \(node.index) before \(before.map { "\($0.index)" } ?? "end")",
                region: region,
                record: { try $0.insertEntry(key: key, value: value, into: node, before: before) })
        case (.mapping, 2):
            guard let entry = document.entries(of: node).randomElement(using: &random) else { return nil }
            return RandomEdit(
                description: "remove entry \(entry.key.index) of node \(node.index)",
                region: wideRegion(layout, document.range(of: node), node: node, document: document),
                record: { try $0.removeEntry(key: entry.key, from: node) })
        case (.sequence, 0), (.sequence, 1):
            return RandomEdit(
                description: "append \(value) to node \(node.index)",
                region: wideRegion(layout, nodeRange, node: node, document: document),
                record: { try $0.appendItem(value, to: node) })
        case (.sequence, 2):
            guard let item = document.items(of: node).randomElement(using: &random) else { return nil }
            return RandomEdit(
                description: "remove item \(item.index) of node \(node.index)",
                region: wideRegion(layout, nodeRange, node: node, document: document),
                record: { try $0.removeItem(item, from: node) })
        default:
            guard document.parent(of: node) != nil || document.kind(of: node) == .scalar else { return nil }
            return RandomEdit(
                description: "set node \(node.index) to \(value)",
                region: wideRegion(layout, nodeRange, node: node, document: document),
                record: { try $0.replace(node, with: value) })
        }
    }

    /// The target's lines widened to its key's line, the comment lines directly above, and the blank and comment
    /// lines directly below (where footers and owned comments live).
    static func wideRegion(_ layout: TextLayout, _ range: Range<Int>, node: YAMLNodeID, document: YAMLDocument)
        -> Range<Int>
    {
        var lower = range.lowerBound
        if let parent = document.parent(of: node), document.kind(of: parent) == .mapping,
            let key = document.entries(of: parent).first(where: { $0.value == node })?.key
        {
            lower = min(lower, document.range(of: key).lowerBound)
        }
        lower = layout.lineStart(of: lower)
        while let previous = layout.previousLineStart(lower),
            layout.isCommentLine(previous) || layout.isBlankLine(previous)
        {
            lower = previous
        }
        if let previous = layout.previousLineStart(lower) { lower = previous }
        var upper = layout.nextLineStart(after: max(range.upperBound, range.lowerBound))
        while upper < document.bytes.count, layout.isCommentLine(upper) || layout.isBlankLine(upper) {
            upper = layout.nextLineStart(after: upper)
        }
        upper = layout.nextLineStart(after: upper)
        return lower..<max(lower, min(upper, document.bytes.count))
    }
}
