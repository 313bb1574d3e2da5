import Foundation

/// The small JSON file kept beside a cached body: where it came from, when, its validators and its size.
public struct CacheMetadata: Equatable, Sendable {
    /// The source URL the body was fetched from.
    public var url: String
    /// When the body was fetched or last confirmed by a `304`, to the second.
    public var fetchedAt: Date
    /// The `ETag` the server sent, quotes included, for `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` the server sent, for `If-Modified-Since`.
    public var lastModified: String?
    /// The size of the body file, in bytes.
    public var size: Int

    public init(url: String, fetchedAt: Date, etag: String?, lastModified: String?, size: Int) {
        self.url = url
        self.fetchedAt = Date(timeIntervalSince1970: fetchedAt.timeIntervalSince1970.rounded(.down))
        self.etag = etag
        self.lastModified = lastModified
        self.size = size
    }

    /// The metadata as the JSON object written to disk.
    var json: JSONValue {
        .object([
            "url": .string(url),
            "fetched_at": .string(Timestamp.format(fetchedAt)),
            "etag": .optional(etag),
            "last_modified": .optional(lastModified),
            "size": .optional(size),
        ])
    }

    /// Reads metadata written by ``json``; `nil` when any field is missing or malformed.
    init?(json data: Data) {
        guard case .object(let object)? = try? JSONValue.parse(data),
            let url = object["url"]?.stringValue,
            let fetchedText = object["fetched_at"]?.stringValue, let fetchedAt = Timestamp.parse(fetchedText),
            case .number(let sizeNumber)? = object["size"], let size = sizeNumber.intValue, size >= 0
        else { return nil }
        self.init(
            url: url, fetchedAt: fetchedAt, etag: object["etag"]?.stringValue,
            lastModified: object["last_modified"]?.stringValue, size: size)
    }
}
