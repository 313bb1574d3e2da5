import Diagnostics
import Foundation
import ModelsDevCatalog
import SafeFiles

/// What a run takes from the world around it: the working directory, the environment variables, standard input,
/// the clock and how a lock wait pauses.
///
/// ``process()`` is the real process's; tests build their own, so that commands run in-process and in parallel
/// without touching the process's current directory, environment or standard input.
public struct RunEnvironment: Sendable {
    /// The directory relative paths are taken from: absolute.
    public var workingDirectory: String
    /// The environment variables (`MODELSYNC_SOURCE`, `MODELSYNC_CACHE_DIR`, `HOME`, …).
    public var variables: [String: String]
    /// Reads standard input to its end, at most the given number of bytes (for the source `-`).
    public var readStandardInput: @Sendable (Int) throws(CatalogError) -> Data
    /// The current time.
    public var now: @Sendable () -> Date
    /// How a wait for the models directory's lock tells time and pauses.
    public var lockWaiting: DirectoryLock.Waiting
    /// Catalog files decoded before in this process, reused while unchanged; `nil` decodes every time.
    public var decodedCatalogs: DecodedCatalogMemo?

    public init(
        workingDirectory: String, variables: [String: String],
        readStandardInput: @escaping @Sendable (Int) throws(CatalogError) -> Data = { limit throws(CatalogError) in
            try CatalogLoader.readProcessStandardInput(limit: limit)
        },
        now: @escaping @Sendable () -> Date = { Date() }, lockWaiting: DirectoryLock.Waiting = .system,
        decodedCatalogs: DecodedCatalogMemo? = nil
    ) {
        self.workingDirectory = workingDirectory
        self.variables = variables
        self.readStandardInput = readStandardInput
        self.now = now
        self.lockWaiting = lockWaiting
        self.decodedCatalogs = decodedCatalogs
    }

    /// The running process's environment: its current directory, variables and standard input.
    public static func process() -> RunEnvironment {
        RunEnvironment(
            workingDirectory: FileManager.default.currentDirectoryPath, variables: ProcessInfo.processInfo.environment)
    }

    /// `path` as given, resolved against the working directory.
    public func path(_ path: String) -> ResolvedPath {
        ResolvedPath(path, workingDirectory: workingDirectory)
    }

    /// The catalog cache directory these variables name (docs/catalog.md).
    public var cacheDirectory: URL { cacheLocation.directory }

    /// The catalog cache directory, and a warning when it is not where the variables say.
    ///
    /// `MODELSYNC_CACHE_DIR`, then `$XDG_CACHE_HOME/modelsync`, then `~/.cache/modelsync`. A home directory that
    /// does not exist (such as `HOME=/nonexistent` for a system account) is never created: the cache then goes to
    /// `modelsync-cache-<uid>` under the system's temporary directory, and the warning says so.
    public var cacheLocation: (directory: URL, warning: Diagnostic?) {
        let resolved = CacheDirectory.resolve(environment: variables, workingDirectory: workingDirectory)
        let explicit = variables["MODELSYNC_CACHE_DIR"].map { !$0.isEmpty } ?? false
        let xdg = variables["XDG_CACHE_HOME"].map { $0.hasPrefix("/") } ?? false
        guard !explicit, !xdg else { return (resolved, nil) }
        let home = resolved.deletingLastPathComponent().deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: home.path) else { return (resolved, nil) }
        let fallback = FileManager.default.temporaryDirectory.appendingPathComponent(
            "modelsync-cache-\(getuid())", isDirectory: true)
        let warning = Diagnostic(
            .warning,
            message: "the home directory \(home.path) does not exist: the catalog cache is in \(fallback.path) "
                + "instead; set MODELSYNC_CACHE_DIR to choose its place")
        return (fallback, warning)
    }
}
