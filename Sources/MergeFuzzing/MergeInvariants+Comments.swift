import LosslessYAML
import ModelSync

extension MergeInvariants {
    /// A comment of a document: its text (from the `#` to the end of the line) and the offset of its `#` in bytes.
    struct Comment {
        var text: String
        var offset: Int
    }

    /// The comments of a document: each `#` that starts a comment (at a line's start, after a space or tab, or
    /// right after a node, as libyaml reads `{}#note`) and outside every scalar, with the rest of its line.
    static func comments(in document: YAMLDocument) -> [Comment] {
        let bytes = document.bytes
        var scalarRanges = document.allNodes.filter { document.kind(of: $0) == .scalar }.map { document.range(of: $0) }
        scalarRanges.sort { $0.lowerBound < $1.lowerBound }
        let nodeEnds = Set(document.allNodes.map { document.range(of: $0).upperBound })
        var result: [Comment] = []
        var nextRange = 0
        var offset = 0
        while offset < bytes.count {
            while nextRange < scalarRanges.count, scalarRanges[nextRange].upperBound <= offset { nextRange += 1 }
            if nextRange < scalarRanges.count, scalarRanges[nextRange].contains(offset) {
                offset = scalarRanges[nextRange].upperBound
                continue
            }
            let startsComment =
                bytes[offset] == UInt8(ascii: "#")
                && (offset == 0 || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset - 1]) || nodeEnds.contains(offset))
            guard startsComment else {
                offset += 1
                continue
            }
            let end = lineEnd(of: offset, in: bytes)
            let text = String(decoding: bytes[offset..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            result.append(Comment(text: text, offset: offset))
            offset = end
        }
        return result
    }

    /// The comments of the input the output lacks beyond those that went with what the merge removed or replaced:
    /// for each text, the occurrences missing must be at most the occurrences inside such parts.
    static func commentsLostWithoutCause(from input: YAMLDocument, to output: YAMLDocument, report: ProviderReport)
        -> [String]
    {
        let owned = spansRemovedOrReplaced(in: input, report: report)
        var remaining: [String: Int] = [:]
        for comment in comments(in: output) { remaining[comment.text, default: 0] += 1 }
        var missing: [String: (count: Int, mayGo: Int)] = [:]
        for comment in comments(in: input) {
            let mayGo = owned.contains { $0.contains(comment.offset) } ? 1 : 0
            if let left = remaining[comment.text], left > 0 {
                remaining[comment.text] = left - 1
                // Which occurrence stayed is unknown: count this one's cause for a later one that is missing.
                missing[comment.text, default: (0, 0)].mayGo += mayGo
            } else {
                missing[comment.text, default: (0, 0)].count += 1
                missing[comment.text, default: (0, 0)].mayGo += mayGo
            }
        }
        return missing.filter { $0.value.count > $0.value.mayGo }.map(\.key).sorted()
    }

    /// The parts of the input whose comments may go with what the merge removed or replaced: each managed entry the
    /// report says changed and each model it pruned, from the start of the key's line to the end of the value's last
    /// line, with the comment lines directly above.
    static func spansRemovedOrReplaced(in document: YAMLDocument, report: ProviderReport) -> [Range<Int>] {
        guard let root = document.root, document.kind(of: root) == .mapping else { return [] }
        let models = document.value(forKey: "models", in: root).flatMap { document.kind(of: $0) == .mapping ? $0 : nil }
        var entries: [(key: YAMLNodeID, value: YAMLNodeID)] = []
        for change in report.changed {
            var mapping = root
            if let model = change.model {
                guard let models, let entry = document.entry(forKey: model, in: models) else { continue }
                guard document.kind(of: entry.value) == .mapping else {
                    entries.append(entry)  // a model with no value, filled in
                    continue
                }
                mapping = entry.value
            }
            let path = change.key.split(separator: ".").map(String.init)
            for (depth, component) in path.enumerated() {
                guard let entry = document.entry(forKey: component, in: mapping) else { break }
                // The changed entry, or on the way to it a value that is not a mapping (which the merge replaced).
                guard depth < path.count - 1, document.kind(of: entry.value) == .mapping else {
                    entries.append(entry)
                    break
                }
                mapping = entry.value
            }
        }
        for id in report.removed {
            if let models, let entry = document.entry(forKey: id, in: models) { entries.append(entry) }
        }
        return entries.map { span(of: $0, in: document.bytes, document: document) }
    }

    private static func span(
        of entry: (key: YAMLNodeID, value: YAMLNodeID), in bytes: [UInt8], document: YAMLDocument
    ) -> Range<Int> {
        let keyStart = document.range(of: entry.key).lowerBound
        var start = lineStart(of: keyStart, in: bytes)
        var end = lineEnd(
            of: max(document.range(of: entry.value).upperBound, document.range(of: entry.key).upperBound), in: bytes)
        // Comment lines below, indented deeper than the key, go with the entry (blank lines between them too).
        let column = keyStart - start
        var next = end
        while next < bytes.count {
            while next < bytes.count, bytes[next] == 0x0A || bytes[next] == 0x0D { next += 1 }
            let first = bytes[next...].firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.count
            if first < bytes.count, bytes[first] == 0x0A || bytes[first] == 0x0D {
                next = first  // a line of spaces
                continue
            }
            guard first < bytes.count, bytes[first] == UInt8(ascii: "#"), first - next > column else { break }
            end = lineEnd(of: first, in: bytes)
            next = end
        }
        while start > 0 {
            let lineBreak = start >= 2 && bytes[start - 1] == 0x0A && bytes[start - 2] == 0x0D ? 2 : 1
            let previous = lineStart(of: start - lineBreak, in: bytes)
            let first = bytes[previous..<start].firstIndex { $0 != 0x20 && $0 != 0x09 } ?? start
            guard first < start, bytes[first] == UInt8(ascii: "#") else { break }
            start = previous
        }
        return start..<end
    }

    private static func lineStart(of offset: Int, in bytes: [UInt8]) -> Int {
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A, bytes[index - 1] != 0x0D { index -= 1 }
        return index
    }

    private static func lineEnd(of offset: Int, in bytes: [UInt8]) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        return index
    }
}
