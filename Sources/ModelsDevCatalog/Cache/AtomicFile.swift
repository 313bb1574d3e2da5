import Foundation
import SafeFiles

/// Writes a cache file so that readers see either the old or the new content (temporary file, `fsync`, `rename`),
/// creating the directory when missing; see ``SafeFiles/AtomicFileWriter``.
enum AtomicFile {
    /// Replaces `url` with `data`.
    static func write(_ data: Data, to url: URL) throws(CatalogError) {
        do {
            try AtomicFileWriter.write(Array(data), to: url.path, createDirectory: true)
        } catch {
            throw .cacheWriteFailed(path: error.path, reason: error.reason)
        }
    }

    static func describe(_ error: Error) -> String {
        AtomicFileWriter.describe(error)
    }
}
