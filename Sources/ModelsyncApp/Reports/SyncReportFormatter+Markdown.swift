import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog

extension SyncReportFormatter {
    /// A change log fit for a pull-request body, in the order a reviewer reads it: the changes held for review
    /// first (what, old → new, why), then the changes made grouped by kind as tables (new models, prices, limits,
    /// capabilities, models no longer listed, other values), then pinned values that differ upstream and references
    /// to models that are not usable, errors and conflicts, and a footer with the catalog's provenance and how to
    /// accept, pin or exclude.
    public func markdown(_ outcome: SyncOutcome) -> String {
        var text = "## models.dev catalog update\n\n"
        if outcome.dryRun { text += "Dry run: nothing was written.\n\n" }
        let written = outcome.reports.filter(\.changesFile)
        let needsReview =
            !outcome.held.isEmpty
            || outcome.reports.contains {
                $0.status == .error || !$0.pinnedDrift.isEmpty || !$0.references.isEmpty || !$0.conflicts.isEmpty
            }
        if written.isEmpty && !needsReview {
            return text + "All provider files are current.\n\n" + footer(outcome)
        }
        text += heldSection(outcome)
        text += changeSections(written)
        text += attentionSections(outcome)
        return text + footer(outcome)
    }

    // MARK: Held

    private func heldSection(_ outcome: SyncOutcome) -> String {
        let held = outcome.held
        guard !held.isEmpty else { return "" }
        var text = "### Held for review\n\n"
        text += "A guard held these changes: the files keep their values until they are accepted.\n\n"
        var rows: [[String]] = []
        for (report, change) in held {
            rows.append([
                MarkdownText.code(report.provider + "/" + change.model), MarkdownText.code(change.key),
                heldText(change), MarkdownText.plain(change.reason.description),
            ])
        }
        text += table(["model", "key", "old → new", "why"], rows)
        return text + "\n"
    }

    // MARK: Changes

    /// The changes of the files written, one table per kind.
    private func changeSections(_ reports: [ProviderReport]) -> String {
        var text = ""
        let added = reports.flatMap { report in report.added.map { (report, $0) } }
        if !added.isEmpty {
            text += "### New models (\(added.count))\n\n"
            text += table(["file", "models"], grouped(added).map { [MarkdownText.code($0.0), codeList($0.1)] }) + "\n"
        }
        var prices: [[String]] = []
        var limits: [[String]] = []
        var capabilities: [[String]] = []
        var others: [[String]] = []
        for report in reports {
            for change in report.changed {
                if let model = change.model, report.added.contains(model) { continue }
                let row = [
                    MarkdownText.code(change.model.map { report.provider + "/" + $0 } ?? report.provider),
                    MarkdownText.code(change.key), cell(change.old), cell(change.new),
                ]
                if change.key.hasPrefix("pricing") {
                    prices.append(row)
                } else if ["context_window", "max_input_tokens", "max_output_tokens"].contains(change.key) {
                    limits.append(row)
                } else if change.key == "capabilities" {
                    capabilities.append(row)
                } else if change.key != "available" || !report.unavailable.contains(change.model ?? "") {
                    others.append(row)
                }
            }
        }
        let header = ["model", "key", "old", "new"]
        if !prices.isEmpty { text += "### Prices (\(prices.count))\n\n" + table(header, prices) + "\n" }
        if !limits.isEmpty { text += "### Limits (\(limits.count))\n\n" + table(header, limits) + "\n" }
        if !capabilities.isEmpty {
            text += "### Capabilities (\(capabilities.count))\n\n" + table(header, capabilities) + "\n"
        }
        let unavailable = reports.flatMap { report in report.unavailable.map { (report, $0) } }
        let removed = reports.flatMap { report in report.removed.map { (report, $0) } }
        if !unavailable.isEmpty || !removed.isEmpty {
            text += "### No longer listed (\(unavailable.count + removed.count))\n\n"
            var rows: [[String]] = []
            for (file, ids) in grouped(unavailable) {
                rows.append([MarkdownText.code(file), "marked unavailable", codeList(ids)])
            }
            for (file, ids) in grouped(removed) { rows.append([MarkdownText.code(file), "removed", codeList(ids)]) }
            text += table(["file", "change", "models"], rows) + "\n"
        }
        if !others.isEmpty {
            text += "### Other values (\(others.count))\n\n"
            text += table(header, Array(others.prefix(100)))
            if others.count > 100 { text += "\nand \(others.count - 100) more.\n" }
            text += "\n"
        }
        return text
    }

    /// `(file id, model ids)` pairs in report order, one per file.
    private func grouped(_ pairs: [(ProviderReport, String)]) -> [(String, [String])] {
        var result: [(String, [String])] = []
        for (report, id) in pairs {
            if let last = result.indices.last, result[last].0 == report.provider {
                result[last].1.append(id)
            } else {
                result.append((report.provider, [id]))
            }
        }
        return result
    }

    // MARK: What needs a person

    private func attentionSections(_ outcome: SyncOutcome) -> String {
        var text = ""
        let drift = outcome.reports.flatMap { report in report.pinnedDrift.map { (report, $0) } }
        if !drift.isEmpty {
            text += "### Pinned values that differ upstream\n\n"
            text +=
                table(
                    ["model", "key", "here", "upstream"],
                    drift.map { report, item in
                        [
                            MarkdownText.code(report.provider + "/" + item.model), MarkdownText.code(item.key),
                            cell(item.local), cell(item.upstream),
                        ]
                    }) + "\n"
        }
        let references = outcome.reports.flatMap { report in report.references.map { (report, $0) } }
        if !references.isEmpty {
            text += "### References to models that are not usable\n\n"
            text +=
                table(
                    ["file", "key", "model", "problem"],
                    references.map { report, problem in
                        [
                            MarkdownText.code(report.provider), MarkdownText.code(problem.key),
                            MarkdownText.code(problem.model), problem.problem.rawValue,
                        ]
                    }) + "\n"
        }
        for report in outcome.reports where report.status == .error {
            guard let error = report.error else { continue }
            text += "### Error: \(MarkdownText.code(report.file.isEmpty ? report.provider : report.file))\n\n"
            text += MarkdownText.block(errorText(error)) + "\n\n"
        }
        let conflicts = outcome.reports.flatMap { report in report.conflicts.map { (report, $0) } }
        if !conflicts.isEmpty {
            text += "### Conflicts (left as they are)\n\n"
            text +=
                table(
                    ["model", "key", "reason"],
                    conflicts.map { report, conflict in
                        [
                            MarkdownText.code(conflict.model.map { report.provider + "/" + $0 } ?? report.provider),
                            conflict.key.isEmpty ? "" : MarkdownText.code(conflict.key),
                            MarkdownText.plain(conflict.reason),
                        ]
                    }) + "\n"
        }
        return text
    }

    // MARK: Footer

    private func footer(_ outcome: SyncOutcome) -> String {
        let provenance = outcome.provenance
        var text = "---\n\nCatalog: \(MarkdownText.code(provenance.source.description))"
        var facts: [String] = []
        if let date = provenance.fetchedAt ?? provenance.modifiedAt { facts.append(Self.dateText(date)) }
        if let etag = provenance.etag { facts.append("ETag \(MarkdownText.code(etag))") }
        if !facts.isEmpty { text += " (" + facts.joined(separator: ", ") + ")" }
        text += ".\n"
        if let example = outcome.held.first {
            let reference = example.report.provider + "/" + example.change.model + ":" + example.change.key
            let acceptAll = render.render("\(option: AcceptedChanges.acceptHeldOption)")
            let acceptSome = render.render("\(option: AcceptedChanges.acceptOption, "FILE-ID/MODEL-ID:KEY")")
            let example = render.render("\(option: AcceptedChanges.acceptOption, reference)")
            text += "\nTo apply every held change: \(MarkdownText.code(acceptingCommand ?? acceptAll)); to apply some, "
            text += "\(MarkdownText.code(acceptSome)) (globs allowed), such as \(MarkdownText.code(example)).\n"
        }
        text += "To keep a value for good, list its key under `pinned:` in the model's entry; to keep a model out, "
        text += "add its id to the provider's `exclude:` in the settings file.\n"
        return text
    }

    private static func dateText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: Tables

    func codeList(_ ids: [String]) -> String {
        let shown = ids.prefix(50).map(MarkdownText.code).joined(separator: ", ")
        return ids.count > 50 ? shown + ", and \(ids.count - 50) more" : shown
    }

    private func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
