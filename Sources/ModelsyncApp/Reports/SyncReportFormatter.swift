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

    /// The command that applies every held change, as the program showing the report spells it (`modelsync sync
    /// --accept-held …`); `nil` leaves it out.
    public var acceptingCommand: String?

    public init(render: DiagnosticRenderer, showsFileErrors: Bool = true, acceptingCommand: String? = nil) {
        self.render = render
        self.showsFileErrors = showsFileErrors
        self.acceptingCommand = acceptingCommand
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
        lines += reviewLines(outcome)
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a reviewer needs after the summary: each held change and how to apply it, each pinned value that
    /// differs upstream, each reference to a model that is missing, unavailable or deprecated.
    private func reviewLines(_ outcome: SyncOutcome) -> [String] {
        var lines: [String] = []
        let held = outcome.held
        if !held.isEmpty {
            lines.append("held for review (\(count(held.count, "change")); the files keep their values):")
            for (report, change) in held {
                lines.append(
                    "  \(TerminalText.escape(report.provider + "/" + change.model)) \(TerminalText.escape(change.key)): "
                        + "\(heldText(change)) (\(change.reason))")
            }
            lines.append(contentsOf: acceptanceLines(example: held[0]))
        }
        let drift = outcome.reports.flatMap { report in report.pinnedDrift.map { (report, $0) } }
        if !drift.isEmpty {
            lines.append("pinned values that differ upstream (\(drift.count)):")
            for (report, item) in drift {
                lines.append(
                    "  \(TerminalText.escape(report.provider + "/" + item.model)) \(TerminalText.escape(item.key)): "
                        + "\(cell(item.local)) here, \(cell(item.upstream)) upstream")
            }
        }
        let references = outcome.reports.flatMap { report in report.references.map { (report, $0) } }
        if !references.isEmpty {
            lines.append("references to models that are not usable (\(references.count)):")
            for (report, problem) in references {
                lines.append(
                    "  \(label(report)): \(TerminalText.escape(problem.key)) names "
                        + "\(TerminalText.escape(problem.model)), \(problemText(problem.problem))")
            }
        }
        return lines
    }

    /// How to apply held changes: all of them, one of them, or keep the file's value for good.
    private func acceptanceLines(example: (report: ProviderReport, change: HeldChange)) -> [String] {
        var lines: [String] = []
        if let acceptingCommand { lines.append("to apply them all: \(acceptingCommand)") }
        let reference = TerminalText.escape(example.report.provider + "/" + example.change.model)
        let pattern = "\(reference):\(TerminalText.escape(example.change.key))"
        lines.append(
            render.render(
                "to apply some: \(option: AcceptedChanges.acceptOption, pattern) (globs allowed); "
                    + "to keep a value for good: list its key under pinned:"))
        return lines
    }

    /// A held change's values: `1.25 → 125`, or what goes.
    func heldText(_ change: HeldChange) -> String {
        switch change.reason {
        case .capabilityRemoved:
            return "\(change.old?.stringValue.map(TerminalText.escape) ?? cell(change.old)) removed"
        case .vanished: return change.new == nil ? "the model would be removed" : "available would become false"
        default: return "\(cell(change.old)) → \(cell(change.new))"
        }
    }

    func problemText(_ problem: ReferenceProblem.Problem) -> String {
        switch problem {
        case .missing: return "which the file does not have"
        case .unavailable: return "which is available: false"
        case .deprecated: return "which is deprecated"
        }
    }

    func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `--quiet`: nothing when nothing changed and nothing needs a person; otherwise one line per changed file (and
    /// per error), then one line each for held changes (with the command that applies them), pinned values that
    /// differ upstream, and references to models that are not usable.
    public func quiet(_ outcome: SyncOutcome) -> String {
        var lines = outcome.reports.filter { $0.changesFile || $0.status == .error }.map {
            "\(label($0)): \(describe($0, outcome))"
        }
        let held = outcome.held.count
        if held > 0 {
            lines.append(
                "\(count(held, "change")) held for review"
                    + (acceptingCommand.map { "; to apply: \($0)" } ?? ""))
        }
        let drift = outcome.reports.reduce(0) { $0 + $1.pinnedDrift.count }
        if drift > 0 { lines.append("\(count(drift, "pinned value")) differ\(drift == 1 ? "s" : "") upstream") }
        let references = outcome.reports.reduce(0) { $0 + $1.references.count }
        if references > 0 {
            lines.append(
                "\(count(references, "reference")) to models that are missing, unavailable or deprecated")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The file's path, or the provider id when there is no file, escaped for the terminal: ids come from the
    /// catalog.
    func label(_ report: ProviderReport) -> String {
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
        if !report.held.isEmpty { details.append("\(report.held.count) held") }
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
    /// new}`, `key` dotted, `model` null for provider-level keys), `conflicts` (`{model, key, reason}`), `held`
    /// (`{model, key, old, new, reason, guard}`), `pinned_drift` (`{model, key, local, upstream}`), `references`
    /// (`{key, model, problem}`, problem `missing|unavailable|deprecated`), `error`.
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
                "held": .array(
                    report.held.map { change in
                        .object([
                            "model": .string(change.model), "key": .string(change.key),
                            "old": change.old.map(\.json) ?? .null, "new": change.new.map(\.json) ?? .null,
                            "reason": .string(change.reason.description), "guard": .string(change.reason.guardName),
                        ])
                    }),
                "pinned_drift": .array(
                    report.pinnedDrift.map { drift in
                        .object([
                            "model": .string(drift.model), "key": .string(drift.key),
                            "local": drift.local.map(\.json) ?? .null, "upstream": drift.upstream.map(\.json) ?? .null,
                        ])
                    }),
                "references": .array(
                    report.references.map { problem in
                        .object([
                            "key": .string(problem.key), "model": .string(problem.model),
                            "problem": .string(problem.problem.rawValue),
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

    func cell(_ value: YAMLValue?) -> String {
        guard let value else { return "—" }
        return TerminalText.escape(value.json.serialized()).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A file's error as the reports show it under the file's name: rendered whole when it has a location (the
    /// file's name, line and column, and the excerpt), else its message alone (a skipped file's reason, a refused
    /// provider id), since the report names the file already.
    func errorText(_ diagnostic: Diagnostic) -> String {
        diagnostic.path == nil ? render.render(diagnostic.message) : render.render(diagnostic)
    }
}
