#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system's description of an error number, worded to follow a colon in a message: `permission denied`, not
/// `Permission denied`.
public enum SystemErrorText {
    /// The description of `code` (an `errno` value), its first letter lower-cased unless the word is an acronym.
    public static func describe(_ code: Int32) -> String {
        lowercasingFirstWord(String(cString: strerror(code)))
    }

    /// `text` with its first letter lower-cased, unless its second is upper-case too (`I/O error` stays).
    public static func lowercasingFirstWord(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase || second == "/" { return text }
        return first.lowercased() + text.dropFirst()
    }
}
