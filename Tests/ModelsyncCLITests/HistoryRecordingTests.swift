import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A sync records each new catalog in the history, and a history it cannot use never stops it: the sync completes
/// and writes its files, one warning names the history's file, and that file is left as it was.
@Suite struct HistoryRecordingTests {
    static let old = SyncBadInputTests.old
    static let new = SyncBadInputTests.new

    /// `sync` of xai from `source`, recording in `history` (a path inside the runner's directory).
    static func sync(_ runner: CommandRunner, _ source: String, history: String = "history.sqlite") async throws
        -> CommandRunner.Result
    {
        try await runner.run(["sync", "--quiet", "--provider", "xai", "--source", source, "--history", history])
    }

    /// The rows of `table` in the SQLite file at `path`, read by Python's sqlite3 module (a reader independent of
    /// modelsync).
    static func count(_ table: String, in path: String) throws -> Int {
        try number("SELECT count(*) FROM \(table)", in: path)
    }

    /// The changes recorded in the SQLite file at `path`: the lines of the rows of `provider_changes`
    /// (docs/history.md#storage).
    static func changeCount(in path: String) throws -> Int {
        try number(
            "SELECT coalesce(sum(length(changes) - length(replace(changes, char(10), ''))), 0) FROM provider_changes",
            in: path)
    }

    /// The one number `query` selects from the SQLite file at `path`, read by Python's sqlite3 module.
    static func number(_ query: String, in path: String) throws -> Int {
        let output = try python(
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])",
            arguments: [path, query])
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Runs a Python script with `arguments`; its standard output, or an error with its standard error.
    static func python(_ script: String, arguments: [String]) throws -> String {
        let output = try ExternalTool.find("python3", hint: "install python3").run(["-c", script] + arguments)
        try #require(output.status == 0, "python3: \(output.standardError)")
        return output.text
    }

    @Test func aSyncRecordsEachNewCatalogOnceAndTheSameCatalogAgainAddsNoObservation() async throws {
        let runner = try CommandRunner()
        let history = runner.directory.file("history.sqlite")
        // One source (a file's path is its name in the history) whose content changes.
        let catalog = runner.directory.path("catalog.json")
        try FileManager.default.copyItem(atPath: Self.old, toPath: catalog.path)
        #expect(try await Self.sync(runner, "catalog.json").status == 0)
        #expect(try Self.count("observations", in: history) == 1)
        #expect(try Self.changeCount(in: history) == 0, "the first observation is the baseline")
        #expect(try await Self.sync(runner, "catalog.json").status == 0)
        #expect(try Self.count("observations", in: history) == 1)
        try FileManager.default.removeItem(at: catalog)
        try FileManager.default.copyItem(atPath: Self.new, toPath: catalog.path)
        #expect(try await Self.sync(runner, "catalog.json").status == 0)
        #expect(try Self.count("observations", in: history) == 2)
        #expect(try Self.changeCount(in: history) > 1_000)
        #expect(try await Self.sync(runner, Self.new).status == 0)
        #expect(try Self.count("observations", in: history) == 3, "another file is another source")
    }

    @Test func aFileThatIsNotAnSQLiteDatabaseIsLeftAsItIs() async throws {
        let runner = try CommandRunner()
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: runner.directory.path("history.sqlite"))
        let result = try await Self.sync(runner, Self.old)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: runner.providerFile("xai").path))
        #expect(
            result.stderr.contains(
                "warning: catalog history not recorded: history.sqlite: not a usable history database (the file is "
                    + "not an SQLite database); left as it is\n"), "\(result.stderr)")
        #expect(try Data(contentsOf: runner.directory.path("history.sqlite")) == bytes)
    }

    @Test func aDamagedHistoryIsLeftAsItIs() async throws {
        let runner = try CommandRunner()
        #expect(try await Self.sync(runner, Self.old).status == 0)
        var bytes = try Data(contentsOf: runner.directory.path("history.sqlite"))
        // The schema page after its 100-byte header: every open reads it.
        for index in 100..<min(4_096, bytes.count) { bytes[index] = 0xA5 }
        try bytes.write(to: runner.directory.path("history.sqlite"))
        try? FileManager.default.removeItem(at: runner.directory.path("history.sqlite-wal"))
        try? FileManager.default.removeItem(at: runner.directory.path("history.sqlite-shm"))
        let result = try await Self.sync(runner, Self.new)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: catalog history not recorded: history.sqlite: "), "\(result.stderr)")
        #expect(try Data(contentsOf: runner.directory.path("history.sqlite")) == bytes)
        #expect(try String(contentsOf: runner.providerFile("xai"), encoding: .utf8).contains("grok"))
    }

    @Test func anSQLiteDatabaseModelsyncDidNotMakeIsLeftAsItIs() async throws {
        let runner = try CommandRunner()
        let path = runner.directory.file("history.sqlite")
        _ = try Self.python(
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (text)'); "
                + "c.execute(\"INSERT INTO notes VALUES ('mine')\"); c.commit()", arguments: [path])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try await Self.sync(runner, Self.old)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "warning: catalog history not recorded: history.sqlite: an SQLite database that modelsync did not "
                    + "make; left as it is\n"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(FileManager.default.fileExists(atPath: runner.providerFile("xai").path))
    }

    @Test func aHistoryLockedByAnotherProcessPastTheWaitIsSkippedWithAWarning() async throws {
        let runner = try CommandRunner()
        #expect(try await Self.sync(runner, Self.old).status == 0)
        let path = runner.directory.file("history.sqlite")
        // Another process holds the write lock until its standard input closes; it says when it holds it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                + "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()", path,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("locked"))
        let result = try await Self.sync(runner, Self.new)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "warning: catalog history not recorded: history.sqlite: the history is in use by another process; "
                    + "gave up waiting\n"), "\(result.stderr)")
        #expect(try String(contentsOf: runner.providerFile("xai"), encoding: .utf8).contains("grok"))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(try Self.count("observations", in: path) == 1, "the locked history gained nothing")
    }

    @Test func aHistoryInADirectoryTheUserCannotWriteIsSkippedWithAWarning() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(
            at: runner.directory.path("shared"), withIntermediateDirectories: false)
        #expect(try await Self.sync(runner, Self.old, history: "shared/history.sqlite").status == 0)
        let path = runner.directory.file("shared/history.sqlite")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // As root the binary runs as nobody: the models directory is made nobody's, the history's stays root's.
        if geteuid() == 0 {
            for item in ["", "config", "config/models", "config/models/xai.yml", "config/models/.modelsync.lock"] {
                chown(runner.directory.file(item), 65_534, 65_534)
            }
        }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o555], ofItemAtPath: runner.directory.file("shared"))
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: runner.directory.file("shared"))
        }
        let result = try await runner.runProcessUnprivileged(
            ["sync", "--quiet", "--provider", "xai", "--source", Self.new, "--history", "shared/history.sqlite"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("warning: catalog history not recorded: shared/history.sqlite: "), "\(result.stderr)"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try String(contentsOf: runner.providerFile("xai"), encoding: .utf8).contains("grok-3"))
    }
}
