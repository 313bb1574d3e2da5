import Diagnostics

/// A run that could not start or was refused as a whole: what to tell the user, and how the process ends.
///
/// Failures of single provider files are not run failures: they are in the files' reports, and the other files
/// still sync.
public struct RunFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the order to show it.
    public var diagnostics: [Diagnostic]
    public var status: ExitStatus
    /// Whether the failure is about how the command was written (an option's value), so that a command line shows
    /// its usage with it; set for ``ExitStatus/usage`` failures found before any work.
    public var showsUsage: Bool

    public init(_ diagnostics: [Diagnostic], status: ExitStatus = .failure) {
        self.diagnostics = diagnostics
        self.status = status
        self.showsUsage = status == .usage
    }

    public init(_ diagnostic: Diagnostic, status: ExitStatus = .failure) {
        self.init([diagnostic], status: status)
    }

    /// A failure from a library error that describes itself.
    public init(_ error: some DiagnosticConvertible, status: ExitStatus = .failure) {
        self.init([error.diagnostic], status: status)
    }

    /// This failure, shown without the command's usage.
    public func withoutUsage() -> RunFailure {
        var copy = self
        copy.showsUsage = false
        return copy
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
