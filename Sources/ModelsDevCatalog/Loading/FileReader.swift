import Diagnostics
import Foundation

/// Reads a catalog file or standard input whole, refusing more than a size limit.
enum FileReader {
    /// The contents and modification time of the file at `path`, at most `limit` bytes; errors name the file
    /// `name` (the path as the user gave it; `path` by default).
    static func read(path: String, limit: Int, name: String? = nil) throws(CatalogError) -> (
        data: Data, modifiedAt: Date?
    ) {
        let shownPath = name ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: shownPath, reason: SystemErrorText.describe(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: shownPath, reason: SystemErrorText.describe(errno))
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw .unreadable(path: shownPath, reason: "it is a directory")
        }
        guard Int(info.st_size) <= limit else {
            throw .unreadable(path: shownPath, reason: "it is larger than \(ByteCount.format(limit))")
        }
        #if canImport(Darwin)
            let seconds = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
            let seconds = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        let data = try readAll(descriptor, name: shownPath, limit: limit, expectedSize: Int(info.st_size))
        return (data, Date(timeIntervalSince1970: seconds))
    }

    /// Everything on standard input, at most `limit` bytes.
    static func readStandardInput(limit: Int) throws(CatalogError) -> Data {
        try readAll(STDIN_FILENO, name: "standard input", limit: limit)
    }

    /// Reads `descriptor` to its end, at most `limit` bytes.
    ///
    /// `expectedSize` (bytes, from `fstat`) sizes the buffer once, so a 2.4 MB catalog is not copied as it grows;
    /// the file may still turn out longer or shorter.
    private static func readAll(
        _ descriptor: Int32, name: String, limit: Int, expectedSize: Int = 0
    ) throws(CatalogError) -> Data {
        var data = Data(capacity: min(max(expectedSize, 0), limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: name, reason: SystemErrorText.describe(errno))
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[..<count])
            guard data.count <= limit else {
                throw .unreadable(path: name, reason: "it is larger than \(ByteCount.format(limit))")
            }
        }
    }
}
