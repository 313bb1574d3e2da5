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

    /// Starts parsing `files` (paths, each also the name errors give) in the order given.
    init(files: [String]) {
        Thread.detachNewThread { [self] in
            for path in files {
                condition.lock()
                if stopped {
                    condition.unlock()
                    break
                }
                let skip = claimed.contains(path)
                if !skip { inProgress = path }
                condition.unlock()
                if skip { continue }
                let outcome = Outcome {
                    let bytes = try ModelsDevSyncer.readProviderFile(path, display: path)
                    return (bytes, try YAMLDocument(bytes: bytes, path: path))
                }
                condition.lock()
                outcomes[path] = outcome
                inProgress = nil
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Parses no further file once the one in progress is done.
    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    /// The outcome for `path`: at once if parsed, after a wait if being parsed; `nil` (and never parsed here) if
    /// not reached yet.
    func take(_ path: String) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        while inProgress == path { condition.wait() }
        if let outcome = outcomes.removeValue(forKey: path) { return outcome }
        claimed.insert(path)
        return nil
    }
}
