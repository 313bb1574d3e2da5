import Diagnostics
import Foundation
import ModelsyncApp
import SafeFiles
import TestSupport

/// A run environment whose working directory is `root` (never the process's current directory), with `variables`
/// and a `HOME` inside `root` unless `variables` names one.
func environment(in root: TemporaryDirectory, _ variables: [String: String] = [:]) -> RunEnvironment {
    var all = ["HOME": root.file("home")]
    all.merge(variables) { _, given in given }
    return RunEnvironment(workingDirectory: root.path, variables: all)
}

/// Renders messages as the command line does: `--source FILE`.
let commandLineRenderer = DiagnosticRenderer { option, value in
    "--\(option.rawValue)" + (value.map { " " + $0 } ?? "")
}

extension ProviderFileContent {
    /// The bytes of a parsed file.
    var parsedBytes: [UInt8]? {
        if case .parsed(let bytes, _) = self { return bytes }
        return nil
    }

    /// Why the file cannot be read or parsed.
    var unreadableDiagnostic: Diagnostic? {
        if case .unreadable(let diagnostic) = self { return diagnostic }
        return nil
    }

    /// Whether there is no such file.
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}

/// A monotonic clock for lock waits that moves only when the wait pauses, recording each pause.
final class FakeLockClock: @unchecked Sendable {
    private let mutex = NSLock()
    private var time = 0.0
    private var recorded: [Double] = []

    var pauses: [Double] { mutex.withLock { recorded } }

    var waiting: DirectoryLock.Waiting {
        DirectoryLock.Waiting(
            now: { self.mutex.withLock { self.time } },
            pause: { seconds in
                self.mutex.withLock {
                    self.recorded.append(seconds)
                    self.time += seconds
                }
            })
    }
}
