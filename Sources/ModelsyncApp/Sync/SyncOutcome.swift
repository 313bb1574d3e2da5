import Diagnostics
import ModelSync
import ModelsDevCatalog

/// Whether a run writes the files (`sync`) or only tells whether they are current (`check`).
public enum SyncMode: Sendable, Equatable {
    case sync
    case check
}

/// The old and new content of a file a run changes (or would change), for a diff.
///
/// Kept as bytes: only a diff reads the text, and decoding every file of a run as a `String` would cost each run.
public struct FileChange: Sendable {
    /// The file's path as shown.
    public var path: String
    /// The file's bytes before the run (empty for a new file).
    public var oldBytes: [UInt8]
    /// The file's bytes after the run.
    public var newBytes: [UInt8]

    public init(path: String, oldBytes: [UInt8], newBytes: [UInt8]) {
        self.path = path
        self.oldBytes = oldBytes
        self.newBytes = newBytes
    }

    public var oldText: String { String(decoding: oldBytes, as: UTF8.self) }
    public var newText: String { String(decoding: newBytes, as: UTF8.self) }
}

/// What a `sync` or `check` run did.
public struct SyncOutcome: Sendable {
    public var mode: SyncMode
    /// A `sync` that wrote nothing, as asked (`--dry-run`): its reports say what it would do.
    public var dryRun: Bool
    public var provenance: Provenance
    /// One report per provider file, sorted by file id.
    public var reports: [ProviderReport]
    /// Files that change, in report order.
    public var changes: [FileChange]
    /// Things the user should know (catalog fallbacks, settings warnings, a killed run's files removed).
    public var warnings: [Diagnostic]
    /// `check --fail-on-held`: held changes make the files out of date too.
    public var failsOnHeld: Bool

    public init(
        mode: SyncMode, dryRun: Bool, provenance: Provenance, reports: [ProviderReport], changes: [FileChange],
        warnings: [Diagnostic], failsOnHeld: Bool = false
    ) {
        self.mode = mode
        self.dryRun = dryRun
        self.provenance = provenance
        self.reports = reports
        self.changes = changes
        self.warnings = warnings
        self.failsOnHeld = failsOnHeld
    }

    /// Every change held for review, with the file it is in.
    public var held: [(report: ProviderReport, change: HeldChange)] {
        reports.flatMap { report in report.held.map { (report, $0) } }
    }

    /// How the run ends (docs/commands.md, "Exit codes").
    ///
    /// A failure when any file had an error (errors win), out of date when `check` found a file that is not current
    /// (or, with `failsOnHeld`, one with held changes), else success. Held changes alone never fail a `check`
    /// without it: a sync would not make them.
    public var exitStatus: ExitStatus {
        if reports.contains(where: { $0.status == .error }) { return .failure }
        if mode == .check && reports.contains(where: \.changesFile) { return .outOfDate }
        if mode == .check && failsOnHeld && reports.contains(where: { !$0.held.isEmpty }) { return .outOfDate }
        return .success
    }
}
