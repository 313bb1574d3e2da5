import Diagnostics

/// Everything that can go wrong while getting, decoding or caching the catalog.
///
/// Each message names the URL or path involved and the reason; options it mentions are named symbolically.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// A `--source` (or `MODELSYNC_SOURCE`, settings `source:`) value that is not a usable source.
    case invalidSource(String, reason: String)
    /// A file (or standard input, named `-`) that could not be read.
    case unreadable(path: String, reason: String)
    /// Bytes that are not JSON; the position is 1-based line and column (in characters) and a 0-based byte offset.
    case invalidJSON(source: String, line: Int, column: Int, offset: Int, reason: String)
    /// JSON that is not shaped like api.json (an object of providers, each with a `models` object).
    case notACatalog(source: String, line: Int, column: Int, offset: Int, reason: String)
    /// A download that failed after every attempt: connection, timeout, HTTP status, redirect or size.
    case fetchFailed(url: String, reason: String)
    /// A download failed and there is no cached catalog to fall back on.
    case noCachedCatalog(url: String, reason: String)
    /// `--offline` with no cached catalog for the source.
    case offlineWithoutCache(url: String)
    /// `--require-fresh` with only a stale cache; `age` is e.g. `3 h`, `reason` why no fresh copy was had.
    case staleCache(url: String, age: String, reason: DiagnosticText)
    /// A cache operation on a source that is never cached (a file, standard input, `bundled`).
    case notCached(source: String)
    /// The cache directory or one of its files could not be written.
    case cacheWriteFailed(path: String, reason: String)
    /// The catalog snapshot that ships with modelsync is not installed next to the executable.
    case bundledSnapshotMissing(path: String)

    /// The option that names the catalog source.
    public static let sourceOption = OptionReference("source")
    /// The option that forbids the network.
    public static let offlineOption = OptionReference("offline")
    /// The option that forbids a stale cache.
    public static let requireFreshOption = OptionReference("require-fresh")

    /// The message with options named neutrally (see ``DiagnosticText/description``).
    public var description: String { message.description }

    /// The error as a diagnostic: its message, about the run as a whole (the message names the URL or path).
    public var diagnostic: Diagnostic { Diagnostic(message: message) }

    /// What went wrong, naming the URL or path and the reason.
    public var message: DiagnosticText {
        switch self {
        case .invalidSource(let source, let reason):
            return "invalid catalog source \(source): \(reason)"
        case .unreadable(let path, let reason):
            return "cannot read the catalog from \(path): \(reason)"
        case .invalidJSON(let source, let line, let column, let offset, let reason):
            return "\(source) is not valid JSON: \(reason) at line \(line), column \(column) (byte \(offset))"
        case .notACatalog(let source, let line, let column, let offset, let reason):
            return "\(source) is not a models.dev catalog: \(reason) at line \(line), column \(column) (byte \(offset))"
        case .fetchFailed(let url, let reason):
            return "cannot fetch \(url): \(reason)"
        case .noCachedCatalog(let url, let reason):
            return "cannot fetch \(url): \(reason); no cached catalog to fall back on"
                + " (hint: \(option: Self.sourceOption, "FILE") reads a saved api.json)"
        case .offlineWithoutCache(let url):
            return "\(option: Self.offlineOption): no cached catalog for \(url)"
                + " (hint: run once without \(option: Self.offlineOption), or use \(option: Self.sourceOption, "FILE")"
                + " to read a saved api.json)"
        case .staleCache(let url, let age, let reason):
            return "\(reason); the catalog cached from \(url) is \(age) old and \(option: Self.requireFreshOption) "
                + "forbids using it"
        case .notCached(let source):
            return "\(source) is read fresh on every run and never cached; only https:// (or loopback http://)"
                + " sources have a cache"
        case .cacheWriteFailed(let path, let reason):
            return "cannot write the catalog cache \(path): \(reason)"
        case .bundledSnapshotMissing(let path):
            return "the bundled catalog snapshot is not installed: \(path) is missing"
        }
    }

    /// The reason alone, for messages that name the URL themselves (`models.dev unreachable: <reason>`).
    var reason: String {
        switch self {
        case .fetchFailed(_, let reason), .noCachedCatalog(_, let reason), .unreadable(_, let reason):
            return reason
        case .invalidJSON(_, let line, let column, let offset, let reason):
            return "invalid JSON: \(reason) at line \(line), column \(column) (byte \(offset))"
        case .notACatalog(_, let line, let column, let offset, let reason):
            return "not a models.dev catalog: \(reason) at line \(line), column \(column) (byte \(offset))"
        default:
            return message.description
        }
    }
}
