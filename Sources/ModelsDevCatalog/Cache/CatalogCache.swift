import Foundation

/// The on-disk cache of downloaded catalogs: one body and one metadata file per source URL.
///
/// Files are named after the URL, `<host><path>-<hash>.json` and `…​.meta.json` (the hash is FNV-1a 64 of the
/// URL), so several sources can share a directory. Every write is atomic. A body whose size disagrees with its
/// metadata, metadata that does not parse or names another URL, count as corrupt: ``read(_:)`` discards them.
/// Two runs writing at once each leave a valid pair; the last writer wins.
public struct CatalogCache: Sendable {
    /// A cached body with its metadata.
    public struct Entry: Sendable {
        public var metadata: CacheMetadata
        public var body: Data
    }

    /// The directory holding the cache files.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The body file for `url`.
    public func bodyFile(for url: URL) -> URL {
        directory.appendingPathComponent(Self.entryName(for: url) + ".json")
    }

    /// The metadata file for `url`.
    public func metadataFile(for url: URL) -> URL {
        directory.appendingPathComponent(Self.entryName(for: url) + ".meta.json")
    }

    /// The metadata for `url` without reading the body, or `nil` when absent or unreadable.
    public func metadata(for url: URL) -> CacheMetadata? {
        guard let data = FileManager.default.contents(atPath: metadataFile(for: url).path),
            let metadata = CacheMetadata(json: data), metadata.url == url.absoluteString
        else { return nil }
        return metadata
    }

    /// What the cache holds for `url`.
    enum Lookup {
        case missing
        /// Files exist but disagree or do not parse; they have been removed.
        case discarded(reason: String)
        case found(Entry)
    }

    /// Reads the entry for `url`, removing it when it is corrupt.
    func read(_ url: URL) -> Lookup {
        let lookup = inspect(url)
        if case .discarded(let reason) = lookup { return discard(url, reason: reason) }
        return lookup
    }

    /// Reads the entry for `url` without changing anything; a corrupt entry is reported as `.discarded` but kept.
    func inspect(_ url: URL) -> Lookup {
        let metadataPath = metadataFile(for: url).path
        let bodyPath = bodyFile(for: url).path
        let fileManager = FileManager.default
        let hasMetadata = fileManager.fileExists(atPath: metadataPath)
        let hasBody = fileManager.fileExists(atPath: bodyPath)
        guard hasMetadata || hasBody else { return .missing }
        guard let metadataData = fileManager.contents(atPath: metadataPath) else {
            return .discarded(reason: "its metadata file is missing")
        }
        guard let metadata = CacheMetadata(json: metadataData) else {
            return .discarded(reason: "its metadata file is not valid")
        }
        guard metadata.url == url.absoluteString else {
            return .discarded(reason: "its metadata names another URL (\(metadata.url))")
        }
        guard let body = fileManager.contents(atPath: bodyPath) else {
            return .discarded(reason: "its body file is missing")
        }
        guard body.count == metadata.size else {
            return .discarded(reason: "its body is \(body.count) bytes, its metadata says \(metadata.size)")
        }
        return .found(Entry(metadata: metadata, body: body))
    }

    /// Removes the files for `url`, returning `.discarded(reason)`.
    @discardableResult
    func discard(_ url: URL, reason: String) -> Lookup {
        unlink(bodyFile(for: url).path)
        unlink(metadataFile(for: url).path)
        return .discarded(reason: reason)
    }

    /// Stores a validated body and its metadata: the body first, then the metadata that vouches for it.
    func store(_ body: Data, metadata: CacheMetadata) throws(CatalogError) {
        guard let url = URL(string: metadata.url) else { return }
        removeStaleTemporaryFiles()
        try AtomicFile.write(body, to: bodyFile(for: url))
        try AtomicFile.write(Data(metadata.json.serialized(pretty: true).utf8 + [0x0A]), to: metadataFile(for: url))
    }

    /// Rewrites the metadata alone, after a `304` renewed it.
    func renew(_ metadata: CacheMetadata) throws(CatalogError) {
        guard let url = URL(string: metadata.url) else { return }
        try AtomicFile.write(Data(metadata.json.serialized(pretty: true).utf8 + [0x0A]), to: metadataFile(for: url))
    }

    /// Removes every cached catalog (bodies, metadata, left-over temporary files), returning how many.
    ///
    /// The safety-stop memory (``AcceptedCatalogStore``) stays.
    public func clear() throws(CatalogError) -> Int {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names where Self.isCacheFile(name) {
            let path = directory.appendingPathComponent(name).path
            do {
                try fileManager.removeItem(atPath: path)
            } catch {
                throw .cacheWriteFailed(path: path, reason: AtomicFile.describe(error))
            }
            if name.hasSuffix(".meta.json"), !name.hasPrefix(".") { removed += 1 }
        }
        return removed
    }

    /// `<host><path>` with unsafe characters as `_`, at most 60 characters, then `-` and 16 hex digits of hash.
    static func entryName(for url: URL) -> String {
        let text = url.absoluteString
        let readable = (url.host ?? "") + url.path
        let slug = String(
            readable.unicodeScalars.prefix(60).map { scalar -> Character in
                let isSafe =
                    scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "."
                        || scalar == "-")
                return isSafe ? Character(scalar) : "_"
            })
        let hash = String(fnv1a64(text), radix: 16)
        return slug + "-" + String(repeating: "0", count: 16 - hash.count) + hash
    }

    /// Whether `name` is an entry file (`<slug>-<16 hex>.json` or `.meta.json`) or a temporary file of one, so
    /// that clearing a directory shared with other files removes only the cache's own.
    static func isCacheFile(_ name: String) -> Bool {
        var entry = Substring(name)
        if entry.hasPrefix("."), let marker = entry.range(of: ".tmp-") {
            entry = entry[entry.index(after: entry.startIndex)..<marker.lowerBound]
        }
        guard entry.hasSuffix(".json") else { return false }
        entry = entry.dropLast(".json".count)
        if entry.hasSuffix(".meta") { entry = entry.dropLast(".meta".count) }
        let hash = entry.suffix(16)
        return hash.count == 16 && entry.dropLast(16).hasSuffix("-")
            && hash.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    /// Removes temporary files of this cache older than `age` seconds, left by runs that were killed.
    func removeStaleTemporaryFiles(olderThan age: Double = 600, now: Date = Date()) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") && Self.isCacheFile(name) {
            let path = directory.appendingPathComponent(name).path
            guard let modified = (try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > age
            else { continue }
            unlink(path)
        }
    }

    private static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
