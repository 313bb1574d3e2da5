/// A value of `--released-after`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, compared with a model's `release_date` text.
///
/// "After" is strict and judged at the coarser of the two precisions: after `2025` means 2026 or later, after
/// `2025-06` means July 2025 or later. A model dated only `2025-06` is not after `2025-06-15`, because it cannot be
/// told to be; a model without a release date is never after anything.
public struct ReleaseDateBound: Equatable, Sendable {
    /// The date as given, such as `2025-06`.
    public let text: String

    /// Reads `YYYY`, `YYYY-MM` (month 01-12) or `YYYY-MM-DD` (day 01-31).
    ///
    /// - Throws: ``QueryError/invalidDate(_:)``.
    public init(parsing text: String) throws(QueryError) {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
            zip(parts, widths).allSatisfy({ part, width in part.count == width && part.allSatisfy(\.isASCIIDigit) })
        else { throw .invalidDate(text) }
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) { throw .invalidDate(text) }
        if parts.count == 3, let day = Int(parts[2]), !(1...31).contains(day) { throw .invalidDate(text) }
        self.text = trimmed
    }

    /// Whether a model released on `date` (written such as `2025-09-29` or `2025-09`) was released after this bound.
    public func matches(_ date: String?) -> Bool {
        guard let date, !date.isEmpty else { return false }
        let length = min(date.utf8.count, text.utf8.count)
        return text.utf8.prefix(length).lexicographicallyPrecedes(date.utf8.prefix(length))
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
