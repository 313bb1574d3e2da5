import ModelsDevCatalog

/// `cache status` as aligned `name: value` lines.
enum CacheStatusText {
    static func render(_ status: CacheStatus) -> String {
        var lines: [(String, String)] = [("directory", status.directory), ("source", status.source.description)]
        let limit = status.maxAgeMinutes.map { "\($0) min" } ?? "?"
        switch status.state {
        case .fresh, .stale:
            let age = status.ageSeconds.map { AgeText.format(seconds: $0) } ?? "?"
            lines.append(("state", "\(status.state.name) (fetched \(age) ago; fresh for \(limit))"))
        case .missing:
            lines.append(("state", "missing (nothing cached yet; the next run downloads it)"))
        case .corrupt(let reason):
            lines.append(("state", "corrupt (\(reason)); the next run discards and downloads it"))
        case .notCacheable:
            lines.append(("state", "not cacheable (files, stdin and bundled are read fresh on every run)"))
        }
        if let body = status.bodyFile { lines.append(("body", body)) }
        if let metadataFile = status.metadataFile { lines.append(("metadata", metadataFile)) }
        if let metadata = status.metadata {
            lines.append(("fetched", Timestamp.format(metadata.fetchedAt)))
            lines.append(("size", "\(metadata.size) bytes"))
            lines.append(("etag", metadata.etag ?? "-"))
            lines.append(("last-modified", metadata.lastModified ?? "-"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { name, value in
            name + ":" + String(repeating: " ", count: width - name.count + 1) + value
        }.joined(separator: "\n")
    }
}
