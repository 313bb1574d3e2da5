import Foundation
import TestSupport

/// A temporary directory, a loopback server that serves the 2026-07-02 catalog, and the built `modelsync` run
/// against them: what the whole-process benchmarks share.
///
/// Every run gets its own cache directory (`MODELSYNC_CACHE_DIR` inside the workspace), `NO_COLOR`, no `COLUMNS`,
/// and a configuration directory without a settings file, so that no settings file of the working directory applies.
/// The directory is removed and the server stopped when the workspace goes away.
final class BenchmarkWorkspace {
    let executable: String
    let directory: String
    /// The loopback URL of the 2026-07-02 catalog.
    let source: String
    private let server: LoopbackHTTPServer
    private var environment: [String: String]
    private let configDirectory: String

    init(name: String, snapshotDirectory: String) throws {
        executable = try modelsyncExecutable()
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("modelsync-bench-\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let latest = (snapshotDirectory as NSString).appendingPathComponent("api-2026-07-02.json")
        server = try LoopbackHTTPServer(script: [.json(try Data(contentsOf: URL(fileURLWithPath: latest)))])
        source = server.url().absoluteString
        environment = ProcessInfo.processInfo.environment
        environment["MODELSYNC_CACHE_DIR"] = (directory as NSString).appendingPathComponent("cache")
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = nil
        // The catalog history, on by default for users, is kept in the workspace (never in the home directory):
        // after the first round a cached catalog is already recorded, and the rounds pay for one lookup.
        environment["MODELSYNC_HISTORY"] = (directory as NSString).appendingPathComponent("history.sqlite")
        configDirectory = (directory as NSString).appendingPathComponent("config")
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A path inside the workspace.
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Runs `modelsync arguments… --config-dir <empty>` in the workspace and waits for it.
    func modelsync(_ arguments: [String], discardOutput: Bool = false) throws -> ProcessRun {
        try ProcessRun.run(
            executable, arguments + ["--config-dir", configDirectory], environment: environment, directory: directory,
            discardOutput: discardOutput)
    }
}
