import Diagnostics
import Foundation

/// A file system call that failed, described for a person: the path as shown and the system's reason.
public enum FileSystemProblem {
    /// A directory that could not be created or listed.
    case directory(String, reason: String)

    /// The problem as an error diagnostic naming the path.
    public var diagnostic: Diagnostic {
        switch self {
        case .directory(let path, let reason):
            return Diagnostic(path: path, message: DiagnosticText(reason))
        }
    }

    /// A short reason from a Foundation error, preferring the POSIX message (`permission denied`).
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return SystemErrorText.describe(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return SystemErrorText.describe(Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileReadNoPermission, .fileWriteNoPermission: return SystemErrorText.describe(EACCES)
            case .fileReadNoSuchFile, .fileNoSuchFile: return SystemErrorText.describe(ENOENT)
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
