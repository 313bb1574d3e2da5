import Foundation
import ModelsDevCatalog

/// What the last refresh of the served catalog did: `GET /api/v1/refresh/status` (docs/service.md#refresh).
public struct RefreshStatus: Sendable, Equatable {
    /// How a refresh ended.
    public enum Result: String, Sendable {
        /// A catalog whose values differ from the served one is served now.
        case updated
        /// The catalog is the same (the server confirmed it, or sent the same values); its age starts again.
        case unchanged
        /// No catalog could be had, or the safety stop refused it; the served one stays.
        case failed
    }

    /// When the last refresh started; `nil` before the first.
    public var lastAttempt: Date?
    public var result: Result?
    /// How long the last refresh took, in milliseconds.
    public var durationMilliseconds: Int?
    /// Why the last refresh failed, or the warnings it gave (a history that could not be written).
    public var message: String?
    /// When the next scheduled refresh starts; `nil` when there is none (a source that is not downloaded).
    public var nextRefresh: Date?
    /// Refreshes since the start, and how many of them failed.
    public var attempts = 0
    public var failures = 0

    public init() {}

    /// `{last_attempt, result, duration_ms, message, next_refresh, attempts, failures, catalog_age_seconds}`, times
    /// in RFC 3339 (UTC, seconds).
    func json(catalogAgeSeconds: Int?) -> JSONValue {
        .object([
            "last_attempt": lastAttempt.map { .string(Self.timestamp($0)) } ?? .null,
            "result": .optional(result?.rawValue),
            "duration_ms": .optional(durationMilliseconds),
            "message": .optional(message),
            "next_refresh": nextRefresh.map { .string(Self.timestamp($0)) } ?? .null,
            "attempts": .optional(attempts),
            "failures": .optional(failures),
            "catalog_age_seconds": .optional(catalogAgeSeconds),
        ])
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
