import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes, permission bits and modification time of every file under a directory, to prove a run touched
/// nothing.
public struct DirectoryState: Equatable, Sendable {
    /// One file's content and metadata.
    public struct FileState: Equatable, Sendable {
        public var bytes: Data
        public var mode: UInt32
        /// Modification time in nanoseconds since the epoch.
        public var modified: Int64
    }

    /// Files by path relative to the directory (hidden ones included); directories are listed with empty bytes.
    public var files: [String: FileState]

    /// Reads the state of everything under `directory`; an absent directory has no files.
    public static func capture(_ directory: URL) throws -> DirectoryState {
        var files: [String: FileState] = [:]
        try collect(directory.path, prefix: "", into: &files)
        return DirectoryState(files: files)
    }

    /// The relative paths of the files (not directories), sorted.
    public var fileNames: [String] {
        files.filter { !$0.key.hasSuffix("/") }.keys.sorted()
    }

    /// What differs from `other`, one line per path: `added`, `removed`, `content`, `mode`, `mtime`.
    public func differences(from other: DirectoryState) -> [String] {
        var lines: [String] = []
        for path in Set(files.keys).union(other.files.keys).sorted() {
            switch (other.files[path], files[path]) {
            case (nil, _?): lines.append("\(path): added")
            case (_?, nil): lines.append("\(path): removed")
            case (let old?, let new?):
                if old.bytes != new.bytes { lines.append("\(path): content") }
                if old.mode != new.mode { lines.append("\(path): mode") }
                if old.modified != new.modified { lines.append("\(path): mtime") }
            default: break
            }
        }
        return lines
    }

    private static func collect(_ path: String, prefix: String, into files: inout [String: FileState]) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            let full = (path as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(full, &status) == 0 else { continue }
            let modified = modificationNanoseconds(status)
            let mode = UInt32(status.st_mode)
            if (status.st_mode & S_IFMT) == S_IFDIR {
                files[prefix + name + "/"] = FileState(bytes: Data(), mode: mode, modified: modified)
                try collect(full, prefix: prefix + name + "/", into: &files)
            } else {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
                files[prefix + name] = FileState(bytes: bytes, mode: mode, modified: modified)
            }
        }
    }

    private static func modificationNanoseconds(_ status: stat) -> Int64 {
        #if canImport(Darwin)
            return Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            return Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
    }
}
