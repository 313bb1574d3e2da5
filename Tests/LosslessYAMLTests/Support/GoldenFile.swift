import Foundation
import Testing

@testable import LosslessYAML

/// Golden files under `Tests/LosslessYAMLTests/Golden`: `<case>.expected.yaml` is compared byte for byte, and
/// rewritten only when `RECORD_SNAPSHOTS=1`.
enum GoldenFile {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func input(_ name: String) throws -> YAMLDocument {
        let url = Fixtures.goldenDirectory.appendingPathComponent("\(name).input.yaml")
        return try YAMLDocument(bytes: try Fixtures.bytes(url), path: "\(name).input.yaml")
    }

    static func expect(_ output: [UInt8], matches name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = Fixtures.goldenDirectory.appendingPathComponent("\(name).expected.yaml")
        if isRecording {
            try Data(output).write(to: url)
            return
        }
        guard let expected = try? Fixtures.bytes(url) else {
            Issue.record(
                "missing golden file \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
            return
        }
        #expect(
            String(decoding: output, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            sourceLocation: sourceLocation)
        #expect(output == expected, "bytes differ (line endings or BOM)", sourceLocation: sourceLocation)
    }
}

/// A path from a document's root: mapping keys and sequence indexes.
enum PathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension YAMLDocument {
    /// The node at `path`, failing the test when it does not exist.
    func node(_ path: PathStep..., sourceLocation: SourceLocation = #_sourceLocation) throws -> YAMLNodeID {
        var current = try #require(root, sourceLocation: sourceLocation)
        for step in path {
            switch step {
            case .key(let key):
                current = try #require(value(forKey: key, in: current), "no key \(key)", sourceLocation: sourceLocation)
            case .index(let index):
                let items = self.items(of: current)
                try #require(index < items.count, sourceLocation: sourceLocation)
                current = items[index]
            }
        }
        return current
    }

    /// The key node of the entry `key` in the mapping at `path`.
    func key(_ key: String, in path: PathStep..., sourceLocation: SourceLocation = #_sourceLocation) throws
        -> YAMLNodeID
    {
        var mapping = try #require(root, sourceLocation: sourceLocation)
        for step in path {
            switch step {
            case .key(let name):
                mapping = try #require(value(forKey: name, in: mapping), sourceLocation: sourceLocation)
            case .index(let index): mapping = items(of: mapping)[index]
            }
        }
        return try #require(entry(forKey: key, in: mapping)?.key, "no key \(key)", sourceLocation: sourceLocation)
    }
}
