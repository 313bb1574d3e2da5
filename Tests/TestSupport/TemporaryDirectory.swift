import Foundation

/// A fresh directory under the system's temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ prefix: String = "modelsync-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The directory's path.
    public var path: String { url.path }

    /// `url` with `component` appended.
    public func path(_ component: String) -> URL {
        url.appendingPathComponent(component)
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String {
        path(name).path
    }

    /// Writes `text` to `name`, creating the directories it needs.
    public func write(_ name: String, _ text: String) throws {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name`, creating the directories it needs.
    public func write(_ name: String, bytes: [UInt8]) throws {
        let target = path(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
    }

    /// The text of `name`.
    public func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: path(name)), as: UTF8.self)
    }

    /// The names of the files in `subdirectory` (or the directory itself), sorted; none when it does not exist.
    public func files(in subdirectory: String? = nil) -> [String] {
        let directory = subdirectory.map { url.appendingPathComponent($0) } ?? url
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}
