import Foundation

/// Files under `Tests/Fixtures` and this target's golden files, located from this source file so tests run from a
/// fresh clone without copying resources.
enum SuiteFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let sharedDirectory = testsDirectory.appendingPathComponent("Fixtures")

    static let goldenDirectory = testsDirectory.appendingPathComponent("LosslessYAMLTests/Golden")

    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    /// One case of the YAML test suite copy: id, input bytes, and whether the suite marks it as an error case.
    struct SuiteCase {
        var id: String
        var input: [UInt8]
        var isErrorCase: Bool
    }

    static func yamlTestSuite() throws -> [SuiteCase] {
        let root = sharedDirectory.appendingPathComponent("yaml-test-suite")
        let ids = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/in.yaml").path)
        }.sorted()
        return try ids.map { id in
            let folder = root.appendingPathComponent(id)
            return SuiteCase(
                id: id, input: try bytes(folder.appendingPathComponent("in.yaml")),
                isErrorCase: FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path))
        }
    }
}
