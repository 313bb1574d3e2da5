import Diagnostics
import Foundation

/// An exclusive `flock(2)` on a lock file, held until released or the process ends.
///
/// The lock file may stay on disk; the lock dies with the process, so a killed run never leaves it held.
public final class DirectoryLock {
    /// Where the lock lives: `<directory>/.modelsync.lock`.
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// How a wait for the lock tells time and pauses between attempts; tests replace both.
    public struct Waiting: Sendable {
        /// Seconds on a monotonic clock.
        public var now: @Sendable () -> Double
        /// Pauses for about this many seconds.
        public var pause: @Sendable (Double) -> Void

        public init(now: @escaping @Sendable () -> Double, pause: @escaping @Sendable (Double) -> Void) {
            self.now = now
            self.pause = pause
        }

        /// The system's monotonic clock, and a real pause.
        public static let system = Waiting(
            now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
            pause: { seconds in usleep(UInt32(max(0, min(seconds, 1)) * 1e6)) })
    }

    /// How long to pause between attempts while waiting, in seconds.
    public static let retryInterval = 0.1

    /// Takes the lock on `<directory>/.modelsync.lock`, waiting up to `wait` seconds for another holder
    /// (0: do not wait), trying again every ``retryInterval`` seconds.
    ///
    /// - Throws: ``DirectoryLockError/held(path:waited:)`` when another process holds it after the wait,
    ///   ``DirectoryLockError/unavailable(path:reason:)`` when the lock file cannot be opened.
    public static func acquire(
        directory: String, wait: Double = 0, waiting: Waiting = .system
    ) throws(DirectoryLockError) -> DirectoryLock {
        let path = (directory as NSString).appendingPathComponent(".modelsync.lock")
        // O_NOFOLLOW: a lock file that is a symbolic link is refused, so that taking the lock never creates or
        // opens a file outside the models directory.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            let reason =
                errno == ELOOP
                ? "it is a symbolic link, which is not followed; remove it (the lock file is recreated)"
                : SystemErrorText.describe(errno)
            throw .unavailable(path: path, reason: reason)
        }
        let deadline = waiting.now() + max(0, wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                close(descriptor)
                throw .unavailable(path: path, reason: SystemErrorText.describe(reason))
            }
            let now = waiting.now()
            guard now < deadline else {
                close(descriptor)
                throw .held(path: path, waited: max(0, wait))
            }
            waiting.pause(min(retryInterval, deadline - now))
        }
        return DirectoryLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock (also done when the lock is deallocated).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}

/// The lock could not be taken.
public enum DirectoryLockError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// Another process holds it (after waiting `waited` seconds).
    case held(path: String, waited: Double)
    /// The lock file cannot be opened or locked.
    case unavailable(path: String, reason: String)

    /// The option that sets how long to wait for the lock.
    public static let waitOption = OptionReference("wait")

    public var description: String { diagnostic.description }

    public var diagnostic: Diagnostic {
        switch self {
        case .held(let path, let waited) where waited > 0:
            let seconds = waited == waited.rounded() && waited < 1e15 ? "\(Int(waited))" : "\(waited)"
            return Diagnostic(
                message: "\(path): another modelsync sync holds the lock on this models directory; it was still "
                    + "held after waiting \(seconds) s; try again later")
        case .held(let path, _):
            return Diagnostic(
                message: "\(path): another modelsync sync holds the lock on this models directory; "
                    + "try again later, or pass \(option: Self.waitOption, "SECONDS")")
        case .unavailable(let path, let reason):
            return Diagnostic(path: path, message: "cannot lock: \(reason)")
        }
    }
}
