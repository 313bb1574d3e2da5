import Diagnostics
import Foundation

/// Writes a file so that readers, and a run killed at any point, see either the old or the new content.
///
/// The new bytes go to a temporary file beside the target (`.<name>.tmp-<pid>-<random>`), which is flushed with
/// `fsync` and renamed over the target; the directory is then synced so the rename survives a crash. The target's
/// permission bits are kept (new files get `0o644` less the umask). On failure the temporary file is removed.
public enum AtomicFileWriter {
    /// The prefix-and-infix every temporary file of this writer has: `.<name>.tmp-`.
    public static func temporaryNamePrefix(for fileName: String) -> String { ".\(fileName).tmp-" }

    /// Replaces the file at `path` with `bytes`, creating the directory when `createDirectory`.
    ///
    /// With `syncDirectory` false the caller syncs the directory itself (``syncDirectory(_:)``), once after many
    /// writes; the file is still either old or new at every moment.
    public static func write(
        _ bytes: [UInt8], to path: String, createDirectory: Bool = false, syncDirectory: Bool = true
    ) throws(AtomicWriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        if createDirectory {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw AtomicWriteError(path: directory, reason: describe(error))
            }
        }
        var permissions: mode_t = 0o644
        var status = stat()
        if stat(path, &status) == 0 { permissions = status.st_mode & 0o7777 }
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary =
            (directory as NSString).appendingPathComponent(
                temporaryNamePrefix(for: url.lastPathComponent) + "\(getpid())-\(suffix)")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw AtomicWriteError(
                path: path, reason: "cannot create a temporary file beside it: \(SystemErrorText.describe(errno))")
        }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count, let base = raw.baseAddress {
                let result = Foundation.write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = SystemErrorText.describe(errno)
                    return
                }
                written += result
            }
        }
        // The mode given to open() is reduced by the umask; an existing file's bits are restored exactly.
        if failure == nil, stat(path, &status) == 0, fchmod(descriptor, permissions) != 0 {
            failure = SystemErrorText.describe(errno)
        }
        if failure == nil, fsync(descriptor) != 0 { failure = SystemErrorText.describe(errno) }
        if close(descriptor) != 0, failure == nil { failure = SystemErrorText.describe(errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = SystemErrorText.describe(errno) }
        if let failure {
            unlink(temporary)
            throw AtomicWriteError(path: path, reason: failure)
        }
        if syncDirectory { self.syncDirectory(directory) }
    }

    /// Flushes a directory's entries (completed renames) to disk.
    public static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Removes temporary files that a killed run of this writer left for files ending in `suffix` (such as `.yml`)
    /// in `directory`, and returns their names.
    ///
    /// Call it while holding the directory's lock, so that no live writer's file is taken.
    @discardableResult
    public static func removeStaleTemporaryFiles(in directory: String, forFilesEnding suffix: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let stale = names.filter { $0.hasPrefix(".") && $0.contains(suffix + ".tmp-") }
        for name in stale { unlink((directory as NSString).appendingPathComponent(name)) }
        return stale
    }

    /// A short reason from a Foundation error, preferring the POSIX message.
    public static func describe(_ error: Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return SystemErrorText.describe(Int32(underlying.code))
        }
        return (error as NSError).localizedDescription
    }
}

/// A file could not be written; the original, if any, is untouched.
public struct AtomicWriteError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { diagnostic.description }

    public var diagnostic: Diagnostic { Diagnostic(path: path, message: "cannot write: \(reason)") }
}

/// Threads that write files atomically (``AtomicFileWriter/write(_:to:createDirectory:syncDirectory:)``, without
/// syncing directories) as they are handed over, so that callers never wait on `fsync` and flushes overlap.
public final class AtomicWritePool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(index: Int, path: String, bytes: [UInt8])] = []
    private var errors: [Int: AtomicWriteError] = [:]
    private var closed = false
    private var running: Int

    /// Starts `threads` writer threads.
    public init(threads: Int = 8) {
        running = max(1, threads)
        for _ in 0..<running {
            Thread { [self] in work() }.start()
        }
    }

    /// Queues a file; `index` identifies it in the errors ``finish()`` returns.
    public func submit(_ bytes: [UInt8], to path: String, index: Int) {
        condition.lock()
        queue.append((index, path, bytes))
        condition.signal()
        condition.unlock()
    }

    /// Waits until every queued file is written and the threads have ended; returns the failures by index.
    public func finish() -> [Int: AtomicWriteError] {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let result = errors
        condition.unlock()
        return result
    }

    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            guard !queue.isEmpty else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let item = queue.removeFirst()
            condition.unlock()
            do throws(AtomicWriteError) {
                try AtomicFileWriter.write(item.bytes, to: item.path, syncDirectory: false)
            } catch {
                condition.lock()
                errors[item.index] = error
                condition.unlock()
            }
        }
    }
}
