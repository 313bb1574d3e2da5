import Diagnostics
import Foundation

/// Reads whole files with the system's own error numbers, so that a failure says why in its words (`permission
/// denied`, `is a directory`) instead of a Foundation error dump.
public enum FileContents {
    /// The bytes of the file at `path`.
    ///
    /// - Throws: ``FileReadError`` with the system's reason.
    public static func read(_ path: String) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: SystemErrorText.describe(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError(path: path, reason: SystemErrorText.describe(errno))
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw FileReadError(path: path, reason: SystemErrorText.describe(EISDIR))
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(4_096, bytes.count / 2)) }
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.read(descriptor, base + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: SystemErrorText.describe(errno))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}

/// A file that could not be read: its path as given and the system's reason.
public struct FileReadError: Error, Equatable, Sendable {
    public var path: String
    public var reason: String
}
