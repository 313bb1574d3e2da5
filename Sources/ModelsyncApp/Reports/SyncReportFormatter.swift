import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog

/// Renders a ``SyncOutcome`` for people and scripts: a summary, quiet lines, JSON, a markdown change log.
///
/// A file's error is shown with `render`, which the program showing the report supplies (the command line's
/// console renders diagnostics compiler-style, its options spelled as flags).
public struct SyncReportFormatter: Sendable {
    public var render: DiagnosticRenderer
    /// Whether the summary and quiet lines show a file's error under its line; `false` when the program shows each
    /// diagnostic elsewhere (the command line prints them on standard error, once).
    public var showsFileErrors: Bool

    public init(render: DiagnosticRenderer, showsFileErrors: Bool = true) {
        self.render = render
        self.showsFileErrors = showsFileErrors
    }

    // MARK: - Text

    /// One line per file and a closing count, for stdout.
    public func summary(_ outcome: SyncOutcome) -> String {
        var lines: [String] = []
        for report in outcome.reports {
            lines.append("\(label(report)): \(describe(report, outcome))")
        }
        let counts = Dictionary(grouping: outcome.reports, by: \.status).mapValues(\.count)
        let order: [ProviderReport.Status] = [.created, .updated, .unchanged, .skipped, .error]
        let parts = order.compactMap { status in
            counts[status].map { count in
                "\(count) \(verb(status, outcome))\(status == .error && count > 1 ? "s" : "")"
            }
        }
        let total = outcome.reports.count
        lines.append(
            "\(total) file\(total == 1 ? "" : "s"): "
                + (parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")))
        if outcome.dryRun { lines.append("dry run: nothing written") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--quiet`: nothing when nothing changed; one line per changed file (and per error) otherwise.
    public func quiet(_ outcome: SyncOutcome) -> String {
        let lines = outcome.reports.filter { $0.changesFile || $0.status == .error }.map {
            "\(label($0)): \(describe($0, outcome))"
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The file's path, or the provider id when there is no file, escaped for the terminal: ids come from the
    /// catalog.
    private func label(_ report: ProviderReport) -> String {
        TerminalText.escape(report.file.isEmpty ? report.provider : report.file)
    }

    private func verb(_ status: ProviderReport.Status, _ outcome: SyncOutcome) -> String {
        switch (status, outcome.mode) {
        case (.created, .check): return "to create"
        case (.updated, .check): return "out of date"
        case (.unchanged, .check): return "current"
        case (.created, .sync) where outcome.dryRun: return "would create"
        case (.updated, .sync) where outcome.dryRun: return "would update"
        default: return status.rawValue
        }
    }

    private func describe(_ report: ProviderReport, _ outcome: SyncOutcome) -> String {
        var text = verb(report.status, outcome)
        var details: [String] = []
        if !report.added.isEmpty { details.append("\(report.added.count) added") }
        if !report.removed.isEmpty { details.append("\(report.removed.count) removed") }
        if !report.unavailable.isEmpty { details.append("\(report.unavailable.count) marked unavailable") }
        let values = report.changed.count
        if report.status == .updated, values > 0 { details.append("\(values) value\(values == 1 ? "" : "s") changed") }
        if !report.conflicts.isEmpty {
            details.append("\(report.conflicts.count) conflict\(report.conflicts.count == 1 ? "" : "s")")
        }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        if let error = report.error {
            if report.status != .error {
                text += " (\(errorText(error)))"
            } else if showsFileErrors {
                text += "\n" + errorText(error)
            }
        }
        return text
    }

    // MARK: - JSON

    /// The `--json` document: `source` (provenance) and `providers` (one object per file).
    ///
    /// Provider fields: `provider`, `upstream`, `file`, `status` (`created|updated|unchanged|skipped|error`; for
    /// `check`, what `sync` would do), `added`, `removed`, `unavailable` (model ids), `changed` (`{model, key, old,
    /// new}`, `key` dotted, `model` null for provider-level keys), `conflicts` (`{model, key, reason}`), `error`.
    public func json(_ outcome: SyncOutcome) -> String {
        let providers = outcome.reports.map { report -> JSONValue in
            .object([
                "provider": .string(report.provider),
                "upstream": .optional(report.upstream),
                "file": report.file.isEmpty ? .null : .string(report.file),
                "status": .string(report.status.rawValue),
                "added": .array(report.added.map { .string($0) }),
                "removed": .array(report.removed.map { .string($0) }),
                "unavailable": .array(report.unavailable.map { .string($0) }),
                "changed": .array(
                    report.changed.map { change in
                        .object([
                            "model": .optional(change.model), "key": .string(change.key),
                            "old": change.old.map(\.json) ?? .null, "new": change.new.map(\.json) ?? .null,
                        ])
                    }),
                "conflicts": .array(
                    report.conflicts.map { conflict in
                        .object([
                            "model": .optional(conflict.model),
                            "key": conflict.key.isEmpty ? .null : .string(conflict.key),
                            "reason": .string(conflict.reason),
                        ])
                    }),
                "error": .optional(report.error.map(errorText)),
            ])
        }
        let document: JSONValue = .object([
            "source": outcome.provenance.json,
            "providers": .array(providers),
            "dry_run": .bool(outcome.dryRun),
            "exit_code": .optional(Int(outcome.exitStatus.rawValue)),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    // MARK: - Markdown

    /// A change log fit for a pull-request body: per changed file, models added, removed and marked unavailable,
    /// price and limit changes, and a count of other changes.
    public func markdown(_ outcome: SyncOutcome) -> String {
        var text = "## models.dev catalog update\n\n"
        text += "Source: \(MarkdownText.code(outcome.provenance.source.description))"
        if let etag = outcome.provenance.etag { text += " (ETag \(MarkdownText.code(etag)))" }
        text += "\n\n"
        if outcome.dryRun { text += "Dry run: nothing was written.\n\n" }
        let changed = outcome.reports.filter { $0.changesFile || $0.status == .error }
        if changed.isEmpty {
            return text + "All provider files are current.\n"
        }
        for report in changed {
            text +=
                "### \(MarkdownText.code(report.provider)) "
                + "(\(report.file.isEmpty ? "no file" : MarkdownText.code(report.file))) — \(report.status.rawValue)\n\n"
            if let error = report.error {
                text += MarkdownText.block(errorText(error)) + "\n\n"
                continue
            }
            if !report.added.isEmpty { text += "- **Added** (\(report.added.count)): " + codeList(report.added) + "\n" }
            if !report.removed.isEmpty {
                text += "- **Removed** (\(report.removed.count)): " + codeList(report.removed) + "\n"
            }
            if !report.unavailable.isEmpty {
                text += "- **Marked unavailable** (\(report.unavailable.count)): " + codeList(report.unavailable) + "\n"
            }
            let existingChanges = report.changed.filter { change in
                guard let model = change.model else { return true }
                return !report.added.contains(model)
            }
            let prices = existingChanges.filter { $0.key.hasPrefix("pricing") }
            let limits = existingChanges.filter {
                ["context_window", "max_input_tokens", "max_output_tokens"].contains($0.key)
            }
            if !prices.isEmpty || !limits.isEmpty {
                text += "\n| model | key | old | new |\n| --- | --- | --- | --- |\n"
                for change in prices + limits {
                    text +=
                        "| \(MarkdownText.code(change.model ?? "(provider)")) | \(MarkdownText.code(change.key)) | "
                        + "\(cell(change.old)) | \(cell(change.new)) |\n"
                }
            }
            let others = existingChanges.count - prices.count - limits.count
            if others > 0 { text += "\n\(others) other managed value\(others == 1 ? "" : "s") changed.\n" }
            if !report.conflicts.isEmpty {
                text += "\nConflicts (left as they are):\n"
                for conflict in report.conflicts {
                    let key = conflict.key.isEmpty ? "" : " " + MarkdownText.code(conflict.key)
                    text +=
                        "- \(MarkdownText.code(conflict.model ?? "(provider)"))\(key): "
                        + "\(MarkdownText.plain(conflict.reason))\n"
                }
            }
            text += "\n"
        }
        return text
    }

    private func codeList(_ ids: [String]) -> String {
        let shown = ids.prefix(50).map(MarkdownText.code).joined(separator: ", ")
        return ids.count > 50 ? shown + ", and \(ids.count - 50) more" : shown
    }

    private func cell(_ value: YAMLValue?) -> String {
        guard let value else { return "—" }
        return TerminalText.escape(value.json.serialized()).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A file's error as the reports show it under the file's name: rendered whole when it has a location (the
    /// file's name, line and column, and the excerpt), else its message alone (a skipped file's reason, a refused
    /// provider id), since the report names the file already.
    private func errorText(_ diagnostic: Diagnostic) -> String {
        diagnostic.path == nil ? render.render(diagnostic.message) : render.render(diagnostic)
    }
}
