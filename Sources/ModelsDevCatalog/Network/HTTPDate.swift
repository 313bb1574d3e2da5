import Foundation

/// Reads and writes HTTP dates (RFC 9110 IMF-fixdate) such as `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    /// Seconds since 1970 for an IMF-fixdate, or `nil` when `text` is not one.
    static func parse(_ text: String) -> Double? {
        formatter().date(from: text)?.timeIntervalSince1970
    }

    /// `date` as an IMF-fixdate.
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
