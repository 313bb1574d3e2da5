import Foundation
import TestSupport
import Testing

@testable import LosslessYAML

/// The editing cases under `Tests/LosslessYAMLTests/Golden`: `<case>.input.yaml` is edited and the result compared
/// with `<case>.expected.yaml` through ``GoldenFile``.
enum GoldenCase {
    static func input(_ name: String) throws -> YAMLDocument {
        let url = SuiteFixtures.goldenDirectory.appendingPathComponent("\(name).input.yaml")
        return try YAMLDocument(bytes: try SuiteFixtures.bytes(url), path: "\(name).input.yaml")
    }

    static func expect(_ output: [UInt8], matches name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = SuiteFixtures.goldenDirectory.appendingPathComponent("\(name).expected.yaml")
        try GoldenFile.expect(output, matches: url, sourceLocation: sourceLocation)
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
