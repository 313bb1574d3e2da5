import Foundation
import LosslessYAML
import ModelSync
import Testing

/// One hand-edited provider file of `Tests/ModelSyncTests/Corpus` and how it is synced.
///
/// `<name>.input.yml` is the file as a person left it (data from the 2026-01-05 catalog, then edited by hand);
/// `<name>.expected.yml` is the file after merging the 2026-07-02 catalog, and `<name>.report.txt` what the merge
/// reported. Golden files are compared byte for byte and rewritten only when `RECORD_SNAPSHOTS=1`.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    /// The stem of the corpus files.
    var name: String
    /// The file's id (`config/models/<fileID>.yml`): what `provider:` gets when absent.
    var fileID: String
    /// The models.dev provider the file tracks.
    var upstream: String
    var options: MergeOptions = MergeOptions()
    /// Comments of the input that may disappear: they belong to managed entries the sync removes.
    var droppedComments: [String] = []

    var testDescription: String { name }

    var path: String { "config/models/\(fileID).yml" }

    static let directory = CatalogSnapshots.testsDirectory.appendingPathComponent("ModelSyncTests/Corpus")

    var inputURL: URL { Self.directory.appendingPathComponent("\(name).input.yml") }
    var expectedURL: URL { Self.directory.appendingPathComponent("\(name).expected.yml") }
    var reportURL: URL { Self.directory.appendingPathComponent("\(name).report.txt") }

    func input() throws -> YAMLDocument {
        try YAMLDocument(bytes: Array(try Data(contentsOf: inputURL)), path: path)
    }

    /// The result of merging the 2026-07-02 catalog into the input.
    struct Outcome {
        var input: YAMLDocument
        /// The new bytes (the input's bytes when nothing changed).
        var bytes: [UInt8]
        var changed: Bool
        var report: ProviderReport
    }

    func merge() throws -> Outcome {
        let document = try input()
        return try merge(document)
    }

    func merge(_ document: YAMLDocument) throws -> Outcome {
        var report = ProviderReport(provider: fileID, upstream: upstream, file: path, status: .updated)
        let merger = ConfigMerger(fileID: fileID, desired: try CatalogSnapshots.desired(upstream), options: options)
        let bytes = try merger.merge(into: document, report: &report)
        return Outcome(input: document, bytes: bytes ?? document.bytes, changed: bytes != nil, report: report)
    }
}

/// The report of a corpus merge as its golden file holds it.
enum CorpusGolden {
    /// The readable text of a merge report: models added, removed, marked unavailable, every value changed, and
    /// every conflict.
    static func reportText(_ report: ProviderReport) -> String {
        let renderer = YAMLRenderer()
        func text(_ value: YAMLValue?) -> String {
            guard let value else { return "(absent)" }
            let line = renderer.inlineText(value)
            return line.count > 100 ? String(line.prefix(97)) + "..." : line
        }
        var lines: [String] = []
        lines.append("added (\(report.added.count)): " + report.added.joined(separator: ", "))
        lines.append("removed (\(report.removed.count)): " + report.removed.joined(separator: ", "))
        lines.append("unavailable (\(report.unavailable.count)): " + report.unavailable.joined(separator: ", "))
        lines.append("conflicts (\(report.conflicts.count)):")
        for conflict in report.conflicts {
            lines.append("  \(conflict.model ?? "(provider)") \(conflict.key): \(conflict.reason)")
        }
        lines.append("changed (\(report.changed.count)):")
        for change in report.changed {
            lines.append("  \(change.model ?? "(provider)") \(change.key): \(text(change.old)) -> \(text(change.new))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Text-level views of a provider file used to check what a sync must not touch.
enum SourceText {
    /// The exact text of an entry: its whole lines when it starts and ends lines (end-of-line comment included),
    /// else from its key's first byte to its value's last.
    static func entryText(_ document: YAMLDocument, key: YAMLNodeID, value: YAMLNodeID) -> [UInt8] {
        let bytes = document.bytes
        var start = document.range(of: key).lowerBound
        var end = max(document.range(of: value).upperBound, document.range(of: key).upperBound)
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] == 0x20 { lineStart -= 1 }
        if lineStart == 0 || bytes[lineStart - 1] == 0x0A || bytes[lineStart - 1] == 0x0D {
            var lineEnd = end
            while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 { lineEnd += 1 }
            if lineEnd >= bytes.count || bytes[lineEnd] == 0x0A || bytes[lineEnd] == 0x0D
                || bytes[lineEnd] == UInt8(ascii: "#")
            {
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
                start = lineStart
                end = lineEnd
            }
        }
        return Array(bytes[start..<end])
    }

    /// The comments of a file (`# …` to the end of the line), in order, found by a small scanner that knows quotes
    /// and block scalars well enough for the corpus.
    static func comments(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var result: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var quote: Character?
            var previous: Character = " "
            for index in line.indices {
                let character = line[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "'" || character == "\"", previous == " " || "[{:,-".contains(previous) {
                    quote = character
                } else if character == "#", previous == " " || previous == "\t" || index == line.startIndex {
                    result.append(String(line[index...]).trimmingCharacters(in: .whitespacesAndNewlines))
                    break
                }
                previous = character
            }
        }
        return result
    }
}

/// The data of a document with every alias replaced by the node it refers to (the corpus has no alias bombs).
enum ExpandedData {
    static func root(_ document: YAMLDocument) -> YAMLValue? {
        var anchored: [String: YAMLNodeID] = [:]
        var targets: [YAMLNodeID: YAMLNodeID] = [:]
        for node in document.allNodes {
            if let name = document.anchor(of: node) { anchored[name] = node }
            if let name = document.aliasTarget(of: node), let target = anchored[name] { targets[node] = target }
        }
        func value(_ node: YAMLNodeID) -> YAMLValue {
            switch document.kind(of: node) {
            case .alias: return targets[node].map(value) ?? document.value(of: node)
            case .sequence: return .sequence(document.items(of: node).map(value))
            case .mapping:
                return .mapping(
                    document.entries(of: node).map { YAMLMappingEntry(key: value($0.key), value: value($0.value)) })
            case .scalar: return document.value(of: node)
            }
        }
        return document.root.map(value)
    }
}
