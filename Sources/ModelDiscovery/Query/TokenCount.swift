import Diagnostics

/// Token counts as a user types them for `--min-context` and `--min-output`: `200000`, `200k`, `1m`, `1.5m`.
public enum TokenCount {
    /// The number of tokens `text` stands for: a whole number, or a number followed by `k` (thousand) or `m`
    /// (million), case-insensitively; `_` and `,` between digits are ignored.
    ///
    /// - Throws: ``QueryError/invalidTokenCount(option:value:)`` naming `option`, when `text` is no such count or
    ///   is not a whole number of tokens.
    public static func parse(_ text: String, option: OptionReference) throws(QueryError) -> Int {
        var digits = text.trimmingWhitespace().lowercased().filter { $0 != "_" && $0 != "," }
        var scale = 0
        if digits.hasSuffix("k") {
            scale = 3
        } else if digits.hasSuffix("m") {
            scale = 6
        }
        if scale > 0 { digits.removeLast() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || !fraction.isEmpty, fraction.count <= scale,
            let wholeValue = Int(whole), let fractionValue = Int(fraction.isEmpty ? "0" : fraction)
        else { throw .invalidTokenCount(option: option, value: text) }
        var multiplier = 1
        for _ in 0..<scale { multiplier *= 10 }
        var fractionMultiplier = 1
        for _ in 0..<(scale - fraction.count) { fractionMultiplier *= 10 }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw .invalidTokenCount(option: option, value: text) }
        return scaled + fractionValue * fractionMultiplier
    }
}
