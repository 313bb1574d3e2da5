import Foundation
import LosslessYAML

/// Reads and parses the models directory's provider files on a thread of its own while the catalog loads, so that
/// the second core is not idle during the catalog's decoding.
///
/// Files are parsed in the order given (the order the merge asks for them) until ``stop()``. Each file is parsed
/// once: ``take(_:)`` hands over a parsed file, waits for the one being parsed, or claims one not reached yet, which
/// the merge then reads itself as usual. The outcome (bytes and document, or the error) is exactly what the merge
/// would have met, only earlier.
final class ProviderFilePrefetch: @unchecked Sendable {
    /// What reading and parsing one file gave.
    typealias Outcome = Result<(bytes: [UInt8], document: YAMLDocument), any Error>

    private let condition = NSCondition()
    private var outcomes: [String: Outcome] = [:]
    private var claimed: Set<String> = []
    private var inProgress: String?
    private var stopped = false
    private var finished = false

    /// Starts parsing `files` in the order given; `beforeEach` runs on the prefetch thread before each file (tests
    /// use it to interleave with ``take(_:)`` deterministically).
    init(files: [ResolvedPath], beforeEach: (@Sendable (ResolvedPath) -> Void)? = nil) {
        Thread.detachNewThread { [self] in
            for file in files {
                beforeEach?(file)
                condition.lock()
                if stopped {
                    condition.unlock()
                    break
                }
                let skip = claimed.contains(file.absolute)
                if !skip { inProgress = file.absolute }
                condition.unlock()
                if skip { continue }
                let outcome = Outcome {
                    let bytes = try Workspace.readProviderFile(file)
                    return (bytes, try YAMLDocument(bytes: bytes, path: file.shown))
                }
                condition.lock()
                outcomes[file.absolute] = outcome
                inProgress = nil
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits until the thread has parsed every file it will (all of them, or up to ``stop()``).
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Parses no further file once the one in progress is done.
    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    /// The outcome for `file`: at once if parsed, after a wait if being parsed; `nil` (and never parsed here) if
    /// not reached yet.
    func take(_ file: ResolvedPath) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        while inProgress == file.absolute { condition.wait() }
        if let outcome = outcomes.removeValue(forKey: file.absolute) { return outcome }
        claimed.insert(file.absolute)
        return nil
    }
}
