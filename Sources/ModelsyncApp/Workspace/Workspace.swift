import Diagnostics
import Foundation
import LosslessYAML
import ModelsDevCatalog
import SafeFiles

/// A run's file-system side effects on the models directory, in order: ``open(_:writes:lockWaitSeconds:waiting:)``
/// (create the directory, take the lock, remove a killed run's temporary files, list the directory once, start
/// parsing the files already there), ``content(of:)`` and ``write(_:to:index:)`` (the files, written by a pool of
/// writer threads as they are handed over), ``finishWrites()`` and ``commit(changedFiles:)`` (flush the directory),
/// and ``close()`` (release the lock).
///
/// A run that does not write takes no lock, creates nothing and removes nothing.
public final class Workspace: @unchecked Sendable {
    /// The models directory.
    public let directory: ResolvedPath
    /// Warnings of opening (temporary files a killed run left, removed).
    public private(set) var warnings: [Diagnostic] = []
    private let listing: Result<DirectoryListing, RunFailure>
    private let writes: Bool
    private var lock: DirectoryLock?
    /// The writer threads, started by the first write and ended by ``finishWrites()`` or ``close()``.
    private var writer: AtomicWritePool?
    private var prefetch: ProviderFilePrefetch?
    private let state = NSLock()

    private init(directory: ResolvedPath, listing: Result<DirectoryListing, RunFailure>, writes: Bool) {
        self.directory = directory
        self.listing = listing
        self.writes = writes
    }

    deinit { close() }

    /// Opens the models `directory` and starts parsing its provider files, largest first, on a thread of its own.
    ///
    /// For a run that `writes`, first creates the directory when missing, takes its lock (waiting up to
    /// `lockWaitSeconds`) and removes temporary files a killed run left.
    ///
    /// - Throws: ``RunFailure`` when the directory cannot be created, or the lock is held (exit status 75) or cannot
    ///   be taken.
    public static func open(
        _ directory: ResolvedPath, writes: Bool, lockWaitSeconds: Double = 0,
        waiting: DirectoryLock.Waiting = .system
    ) throws(RunFailure) -> Workspace {
        var lock: DirectoryLock?
        var warnings: [Diagnostic] = []
        if writes {
            do {
                try FileManager.default.createDirectory(atPath: directory.absolute, withIntermediateDirectories: true)
            } catch {
                throw RunFailure(
                    FileSystemProblem.directory(directory.shown, reason: FileSystemProblem.reason(error)).diagnostic)
            }
            guard access(directory.absolute, W_OK) == 0 else {
                throw RunFailure(
                    Diagnostic(
                        path: directory.shown,
                        message: "the models directory is not writable (\(SystemErrorText.describe(errno)))",
                        notes: ["nothing written"]))
            }
            do {
                lock = try DirectoryLock.acquire(directory: directory.absolute, wait: lockWaitSeconds, waiting: waiting)
            } catch {
                throw RunFailure(Self.shown(error, directory: directory), status: error.isHeld ? .locked : .failure)
            }
            for name in AtomicFileWriter.removeStaleTemporaryFiles(in: directory.absolute, forFilesEnding: ".yml") {
                warnings.append(Diagnostic(.warning, message: "removed \(name), left by an interrupted run"))
            }
        }
        let listing = Result { () throws(RunFailure) in try DirectoryListing(of: directory) }
        let workspace = Workspace(directory: directory, listing: listing, writes: writes)
        workspace.lock = lock
        workspace.warnings = warnings
        let files = ((try? listing.get())?.providerFileIDs ?? []).map { directory.appending($0 + ".yml") }
        workspace.prefetch = ProviderFilePrefetch(files: largestFirst(files))
        return workspace
    }

    /// Ids of the provider files (`<id>.yml`, not hidden) the directory held when opened; none when it does not
    /// exist.
    ///
    /// - Throws: ``RunFailure`` when the directory could not be listed.
    public func providerFileIDs() throws(RunFailure) -> Set<String> {
        try listing.get().providerFileIDs
    }

    /// Files of the directory that look like provider files but will never be synced, with the reason (`openai.yaml`,
    /// `Anthropic.yml`).
    public func ignoredFiles() throws(RunFailure) -> [DirectoryListing.Ignored] {
        try listing.get().ignored
    }

    /// Parses no further file ahead of the merge (the files already parsed are still handed over).
    public func stopPrefetching() {
        prefetch?.stop()
    }

    /// Waits until the prefetch has parsed every file it will (tests use it to find files parsed ahead).
    func waitUntilPrefetched() {
        prefetch?.waitUntilFinished()
    }

    /// The file `<fileID>.yml` as it is now: missing, parsed, or why it cannot be read or parsed.
    public func content(of fileID: String) -> ProviderFileContent {
        let file = directory.appending(fileID + ".yml")
        let exists = FileManager.default.fileExists(atPath: file.absolute)
        // A file that could not be read and is gone now was removed in between: it is new, as without the prefetch.
        var prefetched = prefetch?.take(file)
        if case .failure = prefetched, !exists { prefetched = nil }
        guard prefetched != nil || exists else { return .missing }
        do {
            if let prefetched {
                let (bytes, document) = try prefetched.get()
                return .parsed(bytes: bytes, document: document)
            }
            let bytes = try Self.readProviderFile(file)
            return .parsed(bytes: bytes, document: try YAMLDocument(bytes: bytes, path: file.shown))
        } catch {
            return .unreadable(Self.diagnostic(error, file: file))
        }
    }

    /// The permission bits of `<fileID>.yml` when no one may write it (such as `0o444`), else `nil`.
    ///
    /// A file made read-only is taken as its owner's wish that it not change: a sync refuses to replace it, even
    /// where the directory would allow it (docs/merge-rules.md, "Writing files safely").
    public func readOnlyMode(of fileID: String) -> mode_t? {
        var status = stat()
        guard stat(directory.appending(fileID + ".yml").absolute, &status) == 0 else { return nil }
        let mode = status.st_mode & 0o7777
        return mode & 0o222 == 0 ? mode : nil
    }

    /// Hands `bytes` to the writer threads for `<fileID>.yml`.
    ///
    /// `index` names the file in ``finishWrites()``'s failures. Does nothing in a run that does not write, or once
    /// the workspace is closed.
    public func write(_ bytes: [UInt8], to fileID: String, index: Int) {
        let pool = state.withLock { () -> AtomicWritePool? in
            guard writes, lock != nil else { return nil }
            if writer == nil { writer = AtomicWritePool() }
            return writer
        }
        pool?.submit(bytes, to: directory.appending(fileID + ".yml").absolute, index: index)
    }

    /// Waits until every file handed over is written and the writer threads have ended; the failures by index, as
    /// diagnostics naming the file as shown.
    public func finishWrites() async -> [Int: Diagnostic] {
        guard let pool = takeWriter() else { return [:] }
        let failures = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: pool.finish()) }
        }
        return failures.mapValues { error in
            Diagnostic(path: shownPath(error.path), message: "cannot write: \(error.reason)")
        }
    }

    /// Flushes the directory's entries (the renames of written files) to disk, when files changed.
    public func commit(changedFiles: Bool) {
        if changedFiles, state.withLock({ lock != nil }) { AtomicFileWriter.syncDirectory(directory.absolute) }
    }

    /// Stops the prefetch, waits for the writer threads to end (writing what was handed over) and releases the
    /// lock; called again, does nothing.
    public func close() {
        prefetch?.stop()
        _ = takeWriter()?.finish()
        state.withLock {
            lock?.release()
            lock = nil
        }
    }

    /// The writer threads, which the workspace no longer holds after this.
    private func takeWriter() -> AtomicWritePool? {
        state.withLock {
            let pool = writer
            writer = nil
            return pool
        }
    }

    // MARK: Reading

    /// Reads a provider file, refusing one over the input limit.
    static func readProviderFile(_ file: ResolvedPath) throws -> [UInt8] {
        var status = stat()
        if stat(file.absolute, &status) == 0, Int(status.st_size) > YAMLLimits.maximumInputBytes {
            throw YAMLError.inputTooLarge(
                path: file.shown, size: Int(status.st_size), limit: YAMLLimits.maximumInputBytes)
        }
        do {
            return try FileContents.read(file.absolute)
        } catch {
            throw ReadFailure(diagnostic: Diagnostic(path: file.shown, message: "cannot read: \(error.reason)"))
        }
    }

    /// A file that could not be read.
    struct ReadFailure: Error, DiagnosticConvertible {
        var diagnostic: Diagnostic
    }

    private static func diagnostic(_ error: any Error, file: ResolvedPath) -> Diagnostic {
        (error as? DiagnosticConvertible)?.diagnostic ?? Diagnostic(path: file.shown, message: "\(error)")
    }

    /// `files` by size, largest first (the order the merge starts them in, near enough), then by path.
    private static func largestFirst(_ files: [ResolvedPath]) -> [ResolvedPath] {
        let sized = files.map { file -> (file: ResolvedPath, size: Int) in
            var status = stat()
            return (file, stat(file.absolute, &status) == 0 ? Int(status.st_size) : 0)
        }
        return sized.sorted { $0.size != $1.size ? $0.size > $1.size : $0.file.shown < $1.file.shown }.map(\.file)
    }

    /// A lock error with the lock file's path as shown.
    private static func shown(_ error: DirectoryLockError, directory: ResolvedPath) -> Diagnostic {
        let lockFile = directory.appending(".modelsync.lock").shown
        switch error {
        case .held(_, let waited): return DirectoryLockError.held(path: lockFile, waited: waited).diagnostic
        case .unavailable(_, let reason):
            return DirectoryLockError.unavailable(path: lockFile, reason: reason).diagnostic
        }
    }

    /// An absolute path inside the directory, as shown.
    private func shownPath(_ absolute: String) -> String {
        let prefix = directory.absolute.hasSuffix("/") ? directory.absolute : directory.absolute + "/"
        guard absolute.hasPrefix(prefix) else { return absolute }
        return directory.appending(String(absolute.dropFirst(prefix.count))).shown
    }
}

/// A provider file as a run finds it.
public enum ProviderFileContent: Sendable {
    /// There is no such file.
    case missing
    /// The file's bytes and their parse.
    case parsed(bytes: [UInt8], document: YAMLDocument)
    /// The file could not be read or does not parse.
    case unreadable(Diagnostic)
}

extension DirectoryLockError {
    /// Whether another process holds the lock.
    var isHeld: Bool {
        if case .held = self { return true }
        return false
    }
}

/// The names in a models directory, sorted into provider files and files that only look like them.
///
/// Provider files are `<id>.yml`, the id safe as a file name; files that look like provider files but are not (a
/// `.yaml` extension, an id with capitals) are reported as skipped by a run. Hidden files and other names are left
/// out.
public struct DirectoryListing: Sendable {
    /// A file that is not synced, and why.
    public struct Ignored: Sendable, Equatable {
        /// The file's name.
        public var name: String
        /// Why it is not synced and what to do, such as `provider files end in .yml: rename it to openai.yml`.
        public var reason: String
    }

    /// Ids of the provider files.
    public var providerFileIDs: Set<String> = []
    /// The files that look like provider files but are not, sorted by name.
    public var ignored: [Ignored] = []

    /// Lists `directory`; empty when it does not exist.
    ///
    /// - Throws: ``RunFailure`` when it cannot be listed.
    init(of directory: ResolvedPath) throws(RunFailure) {
        guard FileManager.default.fileExists(atPath: directory.absolute) else {
            self.init(names: [])
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.absolute)
        } catch {
            throw RunFailure(
                FileSystemProblem.directory(directory.shown, reason: FileSystemProblem.reason(error)).diagnostic)
        }
        self.init(names: names)
    }

    /// Sorts `names` into provider files and ignored ones.
    init(names: [String]) {
        for name in names.sorted() where !name.hasPrefix(".") {
            let stem: Substring
            if name.hasSuffix(".yml") {
                stem = name.dropLast(4)
            } else if name.hasSuffix(".yaml") {
                stem = name.dropLast(5)
            } else {
                continue
            }
            let isYML = name.hasSuffix(".yml")
            if isYML, ProviderID.isSafeFileName(String(stem)) {
                providerFileIDs.insert(String(stem))
                continue
            }
            let lowered = stem.lowercased()
            let reason: String
            if ProviderID.isSafeFileName(lowered) {
                let rename = lowered + ".yml"
                reason =
                    lowered != stem
                    ? "provider file names are lower-case provider ids: rename it to \(rename) to sync it"
                    : "provider files end in .yml: rename it to \(rename) to sync it"
            } else {
                reason = "its name is not a provider id (^[a-z0-9][a-z0-9._-]*$): not synced"
            }
            ignored.append(Ignored(name: name, reason: reason))
        }
    }
}
