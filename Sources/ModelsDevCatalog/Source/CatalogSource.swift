import Foundation

/// Where the catalog comes from: a URL, a file, standard input, or the snapshot shipped with modelsync.
public enum CatalogSource: Equatable, Sendable, CustomStringConvertible {
    /// An `https://` URL, or an `http://` URL on a loopback host; fetched over the network and cached.
    case url(URL)
    /// A file, read fresh on every run and never cached; the path as given.
    case file(String)
    /// Standard input (`-`), read fresh on every run and never cached.
    case standardInput
    /// The catalog snapshot shipped inside the package (`bundled`), used only when asked for by name.
    case bundled

    /// The models.dev catalog, used when no source is set anywhere.
    public static let defaultURL = "https://models.dev/api.json"

    /// Parses a source as a user writes it: `https://…`, `http://127.0.0.1:8080/…`, a path, `-` or `bundled`.
    ///
    /// `http://` is accepted only for a loopback host (127.0.0.0/8, `localhost`, `[::1]`): the catalog decides
    /// which files get written, so it must not travel unauthenticated. `file://` URLs are read as files; other
    /// schemes are refused.
    public init(parsing text: String) throws(CatalogError) {
        if text == "-" {
            self = .standardInput
            return
        }
        if text == "bundled" {
            self = .bundled
            return
        }
        guard let schemeEnd = text.range(of: "://"), Self.isScheme(text[..<schemeEnd.lowerBound]) else {
            guard !text.isEmpty else { throw .invalidSource("\"\"", reason: "the source is empty") }
            self = .file(text)
            return
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        if scheme == "file", let url = URL(string: text), url.isFileURL {
            self = .file(url.path)
            return
        }
        guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
            throw .invalidSource(text, reason: "not a valid URL with a host")
        }
        switch scheme {
        case "https":
            self = .url(url)
        case "http":
            guard LoopbackHost.contains(host) else {
                throw .invalidSource(
                    text,
                    reason: "http:// is allowed only on a loopback host (127.0.0.0/8, localhost, [::1]); use https://")
            }
            self = .url(url)
        default:
            throw .invalidSource(
                text, reason: "unsupported scheme \(scheme)://; use https://, a file path, - or bundled")
        }
    }

    /// Picks the first source that is set, empty values counting as unset.
    ///
    /// Precedence: the `--source` flag, then `MODELSYNC_SOURCE` from `environment`, then the settings file's
    /// `source:`, then ``defaultURL``.
    public static func resolve(
        flag: String?, environment: [String: String], settings: String?
    ) throws(CatalogError) -> CatalogSource {
        let candidates = [flag, environment["MODELSYNC_SOURCE"], settings]
        let chosen = candidates.compactMap { $0 }.first { !$0.isEmpty } ?? defaultURL
        return try CatalogSource(parsing: chosen)
    }

    /// The URL when the source is cached (a URL source), else `nil`.
    public var cacheableURL: URL? {
        if case .url(let url) = self { return url }
        return nil
    }

    /// The source as users write it: the URL, the path, `-` or `bundled`.
    public var description: String {
        switch self {
        case .url(let url): return url.absoluteString
        case .file(let path): return path
        case .standardInput: return "-"
        case .bundled: return "bundled"
        }
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "+-.".unicodeScalars.contains($0) || ("0"..."9").contains($0))
        }
    }
}
