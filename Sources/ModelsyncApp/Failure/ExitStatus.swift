/// How a modelsync run ends, as the process's exit status (docs/commands.md, "Exit codes").
public enum ExitStatus: Int32, Sendable, Comparable {
    /// Success; for `check`, every file is current.
    case success = 0
    /// `check` found a file that is not current.
    case outOfDate = 1
    /// An error: no catalog, a file that does not parse, a refused write (files that could be synced still are).
    case failure = 2
    /// Bad usage: an unknown flag, a value that cannot be understood, options that cannot be combined.
    case usage = 64
    /// Another run holds the models directory's lock.
    case locked = 75

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
