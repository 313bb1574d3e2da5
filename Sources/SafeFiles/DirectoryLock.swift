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

    /// Takes the lock on `<directory>/.modelsync.lock`, waiting up to `wait` seconds for another holder
    /// (0: do not wait).
    ///
    /// - Throws: ``DirectoryLockError/held(path:waited:)`` when another process holds it after the wait,
    ///   ``DirectoryLockError/unavailable(path:reason:)`` when the lock file cannot be opened.
    public static func acquire(directory: String, wait: Double = 0) throws(DirectoryLockError) -> DirectoryLock {
        let path = (directory as NSString).appendingPathComponent(".modelsync.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .unavailable(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                close(descriptor)
                throw .unavailable(path: path, reason: String(cString: strerror(reason)))
            }
            guard Date() < deadline else {
                close(descriptor)
                throw .held(path: path, waited: max(0, wait))
            }
            usleep(100_000)
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
public enum DirectoryLockError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process holds it (after waiting `waited` seconds).
    case held(path: String, waited: Double)
    /// The lock file cannot be opened or locked.
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let waited):
            let seconds = waited == waited.rounded() && waited < 1e15 ? "\(Int(waited))" : "\(waited)"
            let wait = waited > 0 ? " after waiting \(seconds) s" : ""
            return "\(path): another modelsync sync holds the lock on this models directory\(wait); "
                + "try again later, or pass --wait SECONDS"
        case .unavailable(let path, let reason):
            return "\(path): error: cannot lock: \(reason)"
        }
    }
}
