/// Says how old something is, for people: `45 s`, `12 min`, `3 h`, `2 d` (rounded down).
public enum AgeText {
    /// `seconds` in the largest unit that fits, rounded down; negative ages count as 0 s.
    public static func format(seconds: Int) -> String {
        let seconds = max(0, seconds)
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3_600: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3_600) h"
        default: return "\(seconds / 86_400) d"
        }
    }
}
