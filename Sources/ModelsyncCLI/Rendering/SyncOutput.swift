import ArgumentParser
import Diagnostics
import ModelSync
import ModelsyncApp

/// Prints a sync or check outcome and throws its exit code when that is not 0.
///
/// Provenance and warnings go to standard error; the summary, `--quiet` lines, `--json`, `--format markdown` and
/// `--diff` to standard output.
struct SyncOutput {
    let console: Console
    let output: OutputOptions
    /// `--diff`.
    var diff = false
    /// `--format`.
    var format = SyncOptions.ReportFormat.text
    /// For `check`: the `sync` command that brings the files current, shown when some are not.
    var fixingCommand: [String]? = nil
    /// The `sync` command that applies every held change, shown when some are held.
    var acceptingCommand: [String]? = nil

    func print(_ outcome: SyncOutcome) throws {
        console.report(outcome.provenance)
        for warning in outcome.warnings { console.show(warning) }
        for report in outcome.reports where report.status == .error {
            if let error = report.error { console.show(error) }
        }
        for report in outcome.reports {
            for conflict in report.conflicts {
                let model = conflict.model.map { "model '\(Self.shortened($0))'" } ?? "provider"
                let key = conflict.key.isEmpty ? "" : " key '\(conflict.key)'"
                console.show(
                    Diagnostic(.warning, message: "\(report.file): \(model)\(key) not synced: \(conflict.reason)"))
            }
        }
        // Each file's diagnostic is on standard error already: the summary names the file and its status only.
        let formatter = SyncReportFormatter(
            render: console.renderer(colored: false), showsFileErrors: false,
            acceptingCommand: acceptingCommand.map(RepeatedFlags.shellCommand))
        if output.json {
            console.result(String(formatter.json(outcome).dropLast()))
        } else if format == .markdown {
            console.result(String(formatter.markdown(outcome).dropLast()))
        } else if output.quiet {
            let lines = formatter.quiet(outcome)
            if !lines.isEmpty { console.result(String(lines.dropLast())) }
        } else {
            console.result(String(formatter.summary(outcome).dropLast()))
        }
        if diff && !output.json {
            for change in outcome.changes {
                let diff = UnifiedDiff(
                    oldPath: change.oldBytes.isEmpty ? "/dev/null" : "a/" + change.path, newPath: "b/" + change.path,
                    oldText: change.oldText, newText: change.newText)
                let text = diff.render(colored: console.colorsOutput)
                if !text.isEmpty { console.result(String(text.dropLast())) }
            }
        }
        if outcome.exitStatus == .outOfDate, let fixingCommand, !output.json, !output.quiet, format == .text {
            console.show(
                Diagnostic(
                    .note, message: "to bring the files current: \(RepeatedFlags.shellCommand(fixingCommand))",
                    notes: [
                        "to keep a local value that differs from upstream, list its key under pinned: in the model's "
                            + "entry (docs/provider-files.md#pinned-keys)"
                    ]))
        }
        if outcome.exitStatus != .success { throw ExitCode(outcome.exitStatus.rawValue) }
    }

    /// An id cut to 80 characters with `…` (a catalog id may run to thousands).
    static func shortened(_ id: String) -> String {
        id.count > 80 ? String(id.prefix(79)) + "…" : id
    }
}
