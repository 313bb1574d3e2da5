import Foundation

/// Reads and writes UTC timestamps as ISO 8601 to the second: `2026-07-02T09:30:00Z`.
public enum Timestamp {
    /// `date` as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// The date of a `YYYY-MM-DDTHH:MM:SSZ` timestamp, or `nil`.
    public static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
