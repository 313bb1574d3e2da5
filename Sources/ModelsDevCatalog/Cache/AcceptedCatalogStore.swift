import Foundation

/// Remembers, per source, how many models the last accepted catalog had, for the safety stop (docs/merge-rules.md#safety-stop-memory).
///
/// A URL source is remembered by its URL, a file source by its absolute, standardised path; standard input and
/// `bundled` are never remembered. Each source has one small JSON file under `<cache dir>/accepted/`, written
/// atomically; `cache clear` leaves these files alone.
public struct AcceptedCatalogStore: Sendable {
    /// What was remembered about a source's last accepted catalog.
    public struct Record: Equatable, Sendable {
        /// The URL or absolute path.
        public var source: String
        public var modelCount: Int
        public var providerCount: Int
        /// When a catalog of these counts was first accepted, to the second.
        public var acceptedAt: Date
    }

    /// The directory of the records, `<cache dir>/accepted`.
    public let directory: URL
    private let workingDirectory: String

    /// A store under `cacheDirectory`; relative file sources are made absolute against `workingDirectory`.
    public init(cacheDirectory: URL, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.directory = cacheDirectory.appendingPathComponent("accepted", isDirectory: true)
        self.workingDirectory = workingDirectory
    }

    /// The key a source is remembered by, or `nil` for standard input and `bundled`.
    public func key(for source: CatalogSource) -> String? {
        switch source {
        case .url(let url):
            return url.absoluteString
        case .file(let path):
            return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
                .standardizedFileURL.path
        case .standardInput, .bundled:
            return nil
        }
    }

    /// The last accepted record for `source`, or `nil` when none was kept (or the source is never remembered).
    public func lastAccepted(for source: CatalogSource) -> Record? {
        guard let key = key(for: source),
            let data = FileManager.default.contents(atPath: file(for: key).path),
            case .object(let object)? = try? JSONValue.parse(data),
            object["source"]?.stringValue == key,
            case .number(let models)? = object["models"], let modelCount = models.intValue,
            case .number(let providers)? = object["providers"], let providerCount = providers.intValue,
            let acceptedText = object["accepted_at"]?.stringValue, let acceptedAt = Timestamp.parse(acceptedText)
        else { return nil }
        return Record(source: key, modelCount: modelCount, providerCount: providerCount, acceptedAt: acceptedAt)
    }

    /// The model count of the last accepted catalog for `source`.
    public func lastAcceptedModelCount(for source: CatalogSource) -> Int? {
        lastAccepted(for: source)?.modelCount
    }

    /// Remembers `catalog` as the last accepted one for `source`; does nothing for standard input and `bundled`.
    ///
    /// A record that already holds the same model and provider counts is left as it is: a sync from cron then ends
    /// without another file write and disk flush, and the record keeps the time those counts were first accepted.
    public func recordAccepted(_ catalog: Catalog, for source: CatalogSource, at date: Date = Date())
        throws(CatalogError)
    {
        guard let key = key(for: source) else { return }
        if let last = lastAccepted(for: source), last.modelCount == catalog.modelCount,
            last.providerCount == catalog.providerCount
        {
            return
        }
        let record: JSONValue = .object([
            "source": .string(key),
            "models": .optional(catalog.modelCount),
            "providers": .optional(catalog.providerCount),
            "accepted_at": .string(Timestamp.format(date)),
        ])
        try AtomicFile.write(Data(record.serialized(pretty: true).utf8 + [0x0A]), to: file(for: key))
    }

    private func file(for key: String) -> URL {
        let name: String
        if let url = URL(string: key), url.scheme != nil {
            name = CatalogCache.entryName(for: url)
        } else {
            name = CatalogCache.entryName(for: URL(fileURLWithPath: key))
        }
        return directory.appendingPathComponent(name + ".json")
    }
}
