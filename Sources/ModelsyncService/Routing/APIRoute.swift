import Diagnostics

/// What a request's path asks for (docs/service.md#endpoints).
///
/// Paths are matched segment by segment on their encoded form, and each part is percent-decoded once: a model id is
/// the rest of the path after its provider's segment, `/` included, so that `openrouter/anthropic/claude-haiku-4.5`
/// and `cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct` need no escaping (an escaped `%2F` means `/` too).
public enum APIRoute: Equatable, Sendable {
    case health
    case ready
    case providers
    case provider(String)
    case providerModels(String)
    case models
    /// `/api/v1/models/{provider}/{model…}`: the provider's id and the model id.
    case model(provider: String, model: String)
    /// `/api/v1/models/{model}`: a model id alone, which one provider must list.
    case bareModel(String)
    case compare
    case refresh
    case refreshStatus
    case metrics
    /// `/api/v1/history/{provider}/{model…}`: a model's dated timeline.
    case history(provider: String, model: String)
    case changes

    /// The methods a route answers: `GET` and `HEAD`, or `POST` for ``refresh``.
    public var methods: [String] {
        self == .refresh ? ["POST"] : ["GET", "HEAD"]
    }

    /// The routes' path templates, for messages and metrics.
    public var template: String {
        switch self {
        case .health: return "/healthz"
        case .ready: return "/readyz"
        case .providers: return "/api/v1/providers"
        case .provider: return "/api/v1/providers/{id}"
        case .providerModels: return "/api/v1/providers/{id}/models"
        case .models: return "/api/v1/models"
        case .model, .bareModel: return "/api/v1/models/{provider}/{model}"
        case .compare: return "/api/v1/compare"
        case .refresh: return "/api/v1/refresh"
        case .refreshStatus: return "/api/v1/refresh/status"
        case .metrics: return "/metrics"
        case .history: return "/api/v1/history/{provider}/{model}"
        case .changes: return "/api/v1/changes"
        }
    }

    /// Every path template, in the order docs/service.md lists them.
    static let templates = [
        "/healthz", "/readyz", "/api/v1/providers", "/api/v1/providers/{id}", "/api/v1/providers/{id}/models",
        "/api/v1/models", "/api/v1/models/{provider}/{model}", "/api/v1/compare", "/api/v1/refresh",
        "/api/v1/refresh/status", "/api/v1/history/{provider}/{model}", "/api/v1/changes", "/metrics",
    ]

    /// The route of `path` (percent-encoded, as sent).
    ///
    /// - Throws: ``APIError`` 404 for a path the API does not serve, 400 for a bad escape or bytes that are not UTF-8.
    public init(path: String) throws(APIError) {
        switch path {
        case "/healthz": self = .health
        case "/readyz": self = .ready
        case "/api/v1/providers": self = .providers
        case "/api/v1/models": self = .models
        case "/api/v1/compare": self = .compare
        case "/api/v1/refresh": self = .refresh
        case "/api/v1/refresh/status": self = .refreshStatus
        case "/metrics": self = .metrics
        case "/api/v1/changes": self = .changes
        default:
            let modelsPrefix = "/api/v1/models/"
            let providersPrefix = "/api/v1/providers/"
            let historyPrefix = "/api/v1/history/"
            if path.hasPrefix(historyPrefix) {
                let rest = path.dropFirst(historyPrefix.count)
                guard let slash = rest.firstIndex(of: "/") else { throw Self.notFound(path) }
                self = .history(
                    provider: try Self.decode(rest[..<slash], in: path),
                    model: try Self.decode(rest[rest.index(after: slash)...], in: path))
            } else if path.hasPrefix(modelsPrefix) {
                let rest = path.dropFirst(modelsPrefix.count)
                if let slash = rest.firstIndex(of: "/") {
                    self = .model(
                        provider: try Self.decode(rest[..<slash], in: path),
                        model: try Self.decode(rest[rest.index(after: slash)...], in: path))
                } else {
                    self = .bareModel(try Self.decode(rest, in: path))
                }
            } else if path.hasPrefix(providersPrefix) {
                let rest = path.dropFirst(providersPrefix.count)
                if !rest.contains("/") {
                    self = .provider(try Self.decode(rest, in: path))
                } else if rest.hasSuffix("/models"), rest.firstIndex(of: "/") == rest.lastIndex(of: "/") {
                    self = .providerModels(try Self.decode(rest.dropLast("/models".count), in: path))
                } else {
                    throw Self.notFound(path)
                }
            } else {
                throw Self.notFound(path)
            }
        }
    }

    private static func decode(_ part: Substring, in path: String) throws(APIError) -> String {
        do {
            return try PercentDecoding.decode(part)
        } catch .badEscape(let offset) {
            let start = path.utf8.count - part.utf8.count + offset
            throw APIError(
                status: 400,
                message: "the path has a bad percent-escape at byte \(start + 1): '%' must be followed by two "
                    + "hexadecimal digits (write %25 for a '%')")
        } catch {
            throw APIError(status: 400, message: "the path's percent-escapes decode to bytes that are not UTF-8")
        }
    }

    private static func notFound(_ path: String) -> APIError {
        let shown = TerminalText.escape(String(path.prefix(200)))
        return APIError(
            status: 404,
            message: "no endpoint at '\(shown)'; the endpoints are " + templates.joined(separator: ", "),
            suggestions: IDSuggestions.closest(to: path, among: templates, limit: 3))
    }
}
