import Foundation

/// How a failed download is retried: how often, how long to wait, and how far to trust `Retry-After`.
///
/// Connection errors, timeouts, HTTP 429 and 5xx are retried; other failures are final. Before attempt n + 1
/// the fetcher waits `baseDelay × 2^(n − 1)` seconds scaled by a random factor in [0.5, 1) (jitter, so that
/// many clients do not retry in step), or what `Retry-After` asks, capped at ``maxRetryAfter``.
public struct RetryPolicy: Equatable, Sendable {
    /// Attempts in all, the first included.
    public var attempts: Int
    /// The wait before the second attempt before jitter, in seconds; doubled for each later one.
    public var baseDelay: Double
    /// The longest `Retry-After` honoured, in seconds; a longer request is shortened to this.
    public var maxRetryAfter: Double

    /// 3 attempts, 0.5 s base delay, `Retry-After` up to 60 s.
    public static let standard = RetryPolicy(attempts: 3, baseDelay: 0.5, maxRetryAfter: 60)

    public init(attempts: Int, baseDelay: Double, maxRetryAfter: Double) {
        self.attempts = max(1, attempts)
        self.baseDelay = max(0, baseDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    /// The wait after failed attempt `attempt` (1-based), in seconds; `random` is in [0, 1).
    func backoff(afterAttempt attempt: Int, random: Double) -> Double {
        let exponent = Double(max(0, attempt - 1))
        return baseDelay * pow(2, exponent) * (0.5 + 0.5 * min(max(random, 0), 1))
    }

    /// The wait a `Retry-After` value asks for, in seconds, capped at ``maxRetryAfter``.
    ///
    /// `nil` when the value is neither a number of seconds nor an HTTP date; `now` is the current time in
    /// seconds since 1970.
    func retryAfter(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return min(Double(max(0, seconds)), maxRetryAfter) }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return min(max(0, date - now), maxRetryAfter)
    }
}
