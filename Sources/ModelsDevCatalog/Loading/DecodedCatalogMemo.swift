import Foundation

/// Catalogs decoded from files, kept while each file's size and modification time stay the same, so that a
/// process that loads the same file many times (a test suite, a service) decodes it once.
///
/// Keyed by absolute path; a file whose size, modification time (to the nanosecond) or inode changed is decoded
/// again.
public final class DecodedCatalogMemo: @unchecked Sendable {
    private struct Stamp: Equatable {
        var size: Int
        var modified: timespec
        var inode: UInt

        static func == (lhs: Stamp, rhs: Stamp) -> Bool {
            lhs.size == rhs.size && lhs.inode == rhs.inode && lhs.modified.tv_sec == rhs.modified.tv_sec
                && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }
    }

    private let lock = NSLock()
    private var entries: [String: (stamp: Stamp, catalog: Catalog)] = [:]

    public init() {}

    /// The catalog decoded from the file at `path` (absolute) and the file's modification time, when the file is
    /// unchanged since.
    func lookUp(_ path: String) -> (Catalog, Date)? {
        guard let stamp = Self.stamp(path) else { return nil }
        let entry = lock.withLock { entries[path] }
        guard let entry, entry.stamp == stamp else { return nil }
        return (entry.catalog, Self.date(stamp.modified))
    }

    /// Keeps `catalog` as the file at `path` (absolute) decodes now.
    func remember(_ catalog: Catalog, for path: String) {
        guard let stamp = Self.stamp(path) else { return }
        lock.withLock { entries[path] = (stamp, catalog) }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return Stamp(size: Int(info.st_size), modified: modified, inode: UInt(info.st_ino))
    }

    private static func date(_ time: timespec) -> Date {
        Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }
}
