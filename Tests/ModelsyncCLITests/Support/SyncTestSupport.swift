import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files of the models directory a runner's commands work on (`config/models`, the default).
extension CommandRunner {
    /// `config/models` in the runner's directory.
    var modelsDirectory: URL { directory.path("config/models") }

    /// The provider file `config/models/<id>.yml`.
    func providerFile(_ id: String) -> URL {
        modelsDirectory.appendingPathComponent(id + ".yml")
    }

    /// The text of a provider file.
    func text(_ id: String) throws -> String {
        String(decoding: try Data(contentsOf: providerFile(id)), as: UTF8.self)
    }

    /// Replaces a provider file's text, creating the models directory when needed.
    func write(_ text: String, to id: String) throws {
        try FileManager.default.createDirectory(at: modelsDirectory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: providerFile(id))
    }

    /// The ids of the provider files (`*.yml`, not hidden), sorted.
    func providerIDs() -> [String] {
        directory.files(in: "config/models").filter { $0.hasSuffix(".yml") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }.sorted()
    }

    /// Every file under the models directory: bytes, mode and modification time.
    func modelsState() throws -> DirectoryState {
        try DirectoryState.capture(modelsDirectory)
    }

    /// Runs a command and fails the test (with its stderr) when it does not end with `status`.
    @discardableResult
    func run(_ arguments: [String], expecting status: Int32, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Result
    {
        let result = try await run(arguments)
        #expect(
            result.status == status, "modelsync \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        return result
    }
}

/// Text edits a person makes by hand in a provider file written in the new-file layout (2-space indentation,
/// models under `models:`), for tests that then check the sync keeps them.
enum HandEdit {
    /// A line the test expected in a file was not there.
    struct Missing: Error, CustomStringConvertible {
        var what: String
        var description: String { "not found: \(what)" }
    }

    /// Inserts `snippet` before the first line that equals `line` (without its line break).
    static func insert(_ snippet: String, beforeLine line: String, in text: String) throws -> String {
        var lines = lineSlices(text)
        guard let index = lines.firstIndex(where: { $0.dropLast() == line }) else { throw Missing(what: line) }
        lines.insert(snippet, at: index)
        return lines.joined()
    }

    /// Inserts `snippet` after the first line that equals `line` (without its line break).
    static func insert(_ snippet: String, afterLine line: String, in text: String) throws -> String {
        var lines = lineSlices(text)
        guard let index = lines.firstIndex(where: { $0.dropLast() == line }) else { throw Missing(what: line) }
        lines.insert(snippet, at: index + 1)
        return lines.joined()
    }

    /// Appends `snippet` at the end of model `id`'s block (before the next model or anything less indented).
    static func append(_ snippet: String, toModel id: String, in text: String) throws -> String {
        var lines = lineSlices(text)
        let block = try modelBlock(id, in: lines)
        lines.insert(snippet, at: block.upperBound)
        return lines.joined()
    }

    /// Inserts `snippet` right after the line of `key` in model `id`.
    static func insert(_ snippet: String, afterKey key: String, ofModel id: String, in text: String) throws -> String {
        var lines = lineSlices(text)
        lines.insert(snippet, at: try keyLine(key, ofModel: id, in: lines) + 1)
        return lines.joined()
    }

    /// Appends `comment` (with its leading spaces) to the line of `key` in model `id`.
    static func appendComment(_ comment: String, toKey key: String, ofModel id: String, in text: String) throws
        -> String
    {
        var lines = lineSlices(text)
        let index = try keyLine(key, ofModel: id, in: lines)
        lines[index] = String(lines[index].dropLast()) + comment + "\n"
        return lines.joined()
    }

    /// The line of `key` in model `id`, without its line break.
    static func line(ofKey key: String, inModel id: String, in text: String) throws -> String {
        let lines = lineSlices(text)
        return String(lines[try keyLine(key, ofModel: id, in: lines)].dropLast())
    }

    private static func keyLine(_ key: String, ofModel id: String, in lines: [String]) throws -> Int {
        let block = try modelBlock(id, in: lines)
        guard let index = lines[block].firstIndex(where: { $0.hasPrefix("    \(key):") }) else {
            throw Missing(what: "\(key) of \(id)")
        }
        return index
    }

    /// The lines of a model's block: its key line and every following line indented deeper than 2.
    private static func modelBlock(_ id: String, in lines: [String]) throws -> Range<Int> {
        guard let start = lines.firstIndex(where: { $0 == "  \(id):\n" }) else { throw Missing(what: "model \(id)") }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("   ") || lines[end] == "\n" { end += 1 }
        return start..<end
    }

    /// The lines of `text`, each with its line break (a last line without one gets one).
    private static func lineSlices(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}

/// Holds the exclusive `flock(2)` a running `sync` takes on `<models dir>/.modelsync.lock`, from the test process.
final class HeldLock: @unchecked Sendable {
    private var descriptor: Int32

    /// Takes the lock, creating the lock file and its directory when needed.
    init(modelsDirectory: URL) throws {
        try FileManager.default.createDirectory(at: modelsDirectory, withIntermediateDirectories: true)
        let path = modelsDirectory.appendingPathComponent(".modelsync.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0, "cannot open \(path)")
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0, "cannot lock \(path)")
    }

    deinit { release() }

    /// Releases the lock.
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}

/// The golden files of the command tests: `Tests/ModelsyncCLITests/Golden`.
enum CommandGolden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden", isDirectory: true)

    static func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
}
