import Synchronization

/// What `GET /metrics` reports, in Prometheus' text format (docs/service.md#metrics): requests by route and
/// status, a latency histogram by route, refreshes and their failures, the catalog's age and model count.
///
/// Routes are the API's path templates (`/api/v1/models/{provider}/{model}`), and `unmatched` for a path the API
/// does not serve, so that the number of series stays bounded whatever clients ask for.
public final class ServiceMetrics: Sendable {
    /// The histogram's upper bounds, in seconds.
    public static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private struct Route {
        var statuses: [Int: Int] = [:]
        /// Requests at or under each bound of ``bucketBounds``, not cumulated.
        var buckets = [Int](repeating: 0, count: ServiceMetrics.bucketBounds.count)
        var seconds = 0.0
        var count = 0
    }

    private let routes = Mutex<[String: Route]>([:])

    public init() {}

    /// Counts one answered request of `route` (a template, or `nil` for a path the API does not serve).
    public func record(route: String?, status: Int, seconds: Double) {
        routes.withLock { routes in
            var entry = routes[route ?? "unmatched", default: Route()]
            entry.statuses[status, default: 0] += 1
            if let bucket = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { entry.buckets[bucket] += 1 }
            entry.seconds += seconds
            entry.count += 1
            routes[route ?? "unmatched"] = entry
        }
    }

    /// The text exposition (format 0.0.4); the gauges are read now.
    public func exposition(refresh: RefreshStatus?, catalogAgeSeconds: Int?, modelCount: Int?) -> String {
        let routes = self.routes.withLock { $0 }.sorted { $0.key < $1.key }
        var text = """
            # HELP modelsync_http_requests_total Requests answered, by route and status.
            # TYPE modelsync_http_requests_total counter

            """
        for (route, entry) in routes {
            for (status, count) in entry.statuses.sorted(by: { $0.key < $1.key }) {
                text += "modelsync_http_requests_total{route=\"\(Self.label(route))\",status=\"\(status)\"} \(count)\n"
            }
        }
        text += """
            # HELP modelsync_http_request_duration_seconds Time from a request to its response, by route.
            # TYPE modelsync_http_request_duration_seconds histogram

            """
        for (route, entry) in routes {
            let label = "route=\"\(Self.label(route))\""
            var cumulated = 0
            for (index, bound) in Self.bucketBounds.enumerated() {
                cumulated += entry.buckets[index]
                text += "modelsync_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(cumulated)\n"
            }
            text += "modelsync_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(entry.count)\n"
            text += "modelsync_http_request_duration_seconds_sum{\(label)} \(entry.seconds)\n"
            text += "modelsync_http_request_duration_seconds_count{\(label)} \(entry.count)\n"
        }
        text += """
            # HELP modelsync_catalog_refreshes_total Refreshes of the served catalog since the start.
            # TYPE modelsync_catalog_refreshes_total counter
            modelsync_catalog_refreshes_total \(refresh?.attempts ?? 0)
            # HELP modelsync_catalog_refresh_failures_total Refreshes that kept the served catalog.
            # TYPE modelsync_catalog_refresh_failures_total counter
            modelsync_catalog_refresh_failures_total \(refresh?.failures ?? 0)

            """
        if let catalogAgeSeconds {
            text += """
                # HELP modelsync_catalog_age_seconds Age of the served catalog.
                # TYPE modelsync_catalog_age_seconds gauge
                modelsync_catalog_age_seconds \(catalogAgeSeconds)

                """
        }
        if let modelCount {
            text += """
                # HELP modelsync_catalog_models Models in the served catalog.
                # TYPE modelsync_catalog_models gauge
                modelsync_catalog_models \(modelCount)

                """
        }
        return text
    }

    /// A label value with `\`, `"` and line breaks escaped.
    private static func label(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
