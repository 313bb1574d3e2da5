import Diagnostics
import Foundation
import LosslessYAML
import ModelSync

/// Merges the catalog into one provider file as a run found it: what changes, and the report.
enum ProviderFileMerge {
    /// The report for the file and, when it changes, its old and new bytes; errors are in the report (status
    /// `error`) and change nothing.
    static func merge(
        _ merger: ConfigMerger, content: ProviderFileContent, upstream: String, file: String
    ) -> (report: ProviderReport, change: FileChange?) {
        var report = ProviderReport(provider: merger.fileID, upstream: upstream, file: file, status: .unchanged)
        switch content {
        case .missing:
            do {
                let newBytes = try merger.newFile(report: &report)
                report.status = .created
                return (report, FileChange(path: file, oldBytes: [], newBytes: newBytes))
            } catch {
                return (failed(report, error), nil)
            }
        case .unreadable(let diagnostic):
            return (failed(report, diagnostic), nil)
        case .parsed(let oldBytes, let document):
            do {
                guard let newBytes = try merger.merge(into: document, report: &report) else {
                    report.status = .unchanged
                    return (report, nil)
                }
                report.status = .updated
                return (report, FileChange(path: file, oldBytes: oldBytes, newBytes: newBytes))
            } catch {
                return (failed(report, error), nil)
            }
        }
    }

    /// `merged` refused when it would change a file that no one may write (`readOnlyMode`, from the workspace); as
    /// it is otherwise.
    static func refusingReadOnly(
        _ merged: (report: ProviderReport, change: FileChange?), readOnlyMode: mode_t?
    ) -> (report: ProviderReport, change: FileChange?) {
        guard let mode = readOnlyMode, merged.change != nil, merged.report.status == .updated else { return merged }
        let diagnostic = Diagnostic(
            path: merged.report.file, message: "the file is read-only (mode \(String(mode, radix: 8))): not changed",
            notes: [
                "make it writable (chmod u+w) for sync to update it; to keep a value for good, list its key under "
                    + "pinned:"
            ])
        return (failed(merged.report, diagnostic), nil)
    }

    private static func failed(_ report: ProviderReport, _ error: any Error) -> ProviderReport {
        var diagnostic =
            (error as? DiagnosticConvertible)?.diagnostic ?? Diagnostic(path: report.file, message: "\(error)")
        // The merge names a file by its id alone (`openai.yml`); the report names it as the user sees it.
        if diagnostic.path == report.provider + ".yml" { diagnostic.path = report.file }
        return failed(report, diagnostic)
    }

    /// `report` as an error with `diagnostic`, and none of the changes it had collected.
    private static func failed(_ report: ProviderReport, _ diagnostic: Diagnostic) -> ProviderReport {
        var report = report
        report.status = .error
        report.error = diagnostic
        report.added = []
        report.removed = []
        report.unavailable = []
        report.changed = []
        report.held = []
        report.pinnedDrift = []
        report.references = []
        return report
    }
}
