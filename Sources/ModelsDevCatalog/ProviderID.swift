/// A models.dev provider id that is safe to use as a file name.
///
/// Provider ids come from the network and are untrusted. An id is accepted only when it matches
/// `^[a-z0-9][a-z0-9._-]*$` and is neither `.` nor `..` (the first rule already excludes both, the check
/// is kept explicit for readers). Model ids are never turned into paths and have no such type.
public struct ProviderID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as models.dev spells it, such as `anthropic`, `wafer.ai`, `302ai`.
    public let rawValue: String

    /// Validates `rawValue`, returning `nil` when it could not safely become a file name.
    public init?(_ rawValue: String) {
        guard Self.isSafeFileName(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Whether `text` matches `^[a-z0-9][a-z0-9._-]*$` and is not `.` or `..`.
    public static func isSafeFileName(_ text: String) -> Bool {
        guard text != ".", text != "..", let first = text.utf8.first else { return false }
        guard isLowerAlphanumeric(first) else { return false }
        return text.utf8.allSatisfy {
            isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    public var description: String { rawValue }

    public static func < (lhs: ProviderID, rhs: ProviderID) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
