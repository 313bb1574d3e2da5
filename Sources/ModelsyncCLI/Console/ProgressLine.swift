import Foundation

/// A one-line download indicator on standard error, redrawn in place; only on a terminal and never with `--quiet`
/// or `--json`.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let enabled: Bool
    private let errors: any OutputStream
    private var lastDraw = DispatchTime(uptimeNanoseconds: 0)
    private var drawn = false

    init(label: String, console: Console) {
        self.label = label
        self.enabled = console.errorsOnTerminal && !console.quiet && !console.json
        self.errors = console.context.errors
    }

    /// Redraws the line with `bytes` received, at most ten times a second.
    func update(_ bytes: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = DispatchTime.now()
            guard now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 else { return }
            lastDraw = now
            drawn = true
            let megabytes = String(format: "%.1f", Double(bytes) / 1_000_000)
            errors.write("\r\u{1B}[2K\(label) \(megabytes) MB")
        }
    }

    /// Erases the line, if it was drawn.
    func finish() {
        lock.withLock {
            guard drawn else { return }
            drawn = false
            errors.write("\r\u{1B}[2K")
        }
    }
}
