import Diagnostics
import ModelSync
import ModelsDevCatalog
import ModelsyncApp

/// Runs `add`: prepares it, offers the picker when it should, applies it and prints what happened.
///
/// The picker appears only with standard input and output both on a terminal and without `--json`, when `--pick`
/// is given (a new provider then becomes `models: selected` with the models picked), or when `PROVIDER` is already
/// tracked in `models: selected` mode and no `MODEL` is named (there is nothing else to do with it). It lists the
/// provider's models that its file does not hold yet. A new provider named without `MODEL` is tracked with every
/// model without asking, as `sync --provider` would: scripts and people get the same result.
struct AddRun {
    let console: Console
    let output: OutputOptions

    func run(provider: String, models named: [String], options: RunOptions, pick: Bool) async throws(RunFailure) {
        let console = self.console
        let configuration = try RunConfiguration.resolve(options, writes: !options.dryRun, in: console.environment)
        let progress = ProgressLine(label: "downloading the catalog", console: console)
        let adder = ProviderAdder(configuration, log: { console.detail($0) }, progress: { progress.update($0) })
        let prepared: PreparedAdd
        do {
            defer { progress.finish() }
            prepared = try await adder.prepare(provider: provider, models: named)
        }
        console.report(prepared.loaded.provenance)
        if let file = prepared.loaded.provenance.cacheFile { console.detail("cache file \(file)") }
        for warning in prepared.warnings { console.show(warning) }

        var models = named
        let plan = prepared.plan
        let selectedTracked = plan.isTracked && plan.target.selectedModelsOnly && plan.action == .alreadyTracked
        let offersPicker =
            pick ? !plan.isTracked || selectedTracked : selectedTracked && console.isInteractive && !output.json
        if offersPicker, let upstream = prepared.upstream {
            let choices = upstream.models.filter { !prepared.presentModels.contains($0.id) }
                .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map(ModelPicker.Choice.init)
            guard !choices.isEmpty else {
                console.result("\(prepared.file) holds every model of \(upstream.id.rawValue) already; nothing written")
                return
            }
            var picker = ModelPicker(choices: choices)
            let title =
                "Models of \(upstream.name ?? upstream.id.rawValue) (\(upstream.id.rawValue)) "
                + (plan.isTracked ? "not in \(prepared.file) yet" : "to track in \(prepared.file) (models: selected)")
            guard let picked = picker.run(title: title, console: console) else {
                console.result("cancelled; nothing written")
                return
            }
            guard !picked.isEmpty else {
                console.result("no model selected; nothing written")
                return
            }
            models = picked
        }
        let outcome = try await adder.apply(prepared, models: models)
        for warning in outcome.warnings { console.show(warning) }
        AddOutput(console: console, output: output, provider: provider).print(outcome)
    }
}

/// What `add` prints on stdout: one line per file it wrote, or why it wrote nothing; or `--json`.
struct AddOutput {
    let console: Console
    let output: OutputOptions
    /// The `PROVIDER` argument.
    let provider: String

    func print(_ outcome: AddOutcome) {
        if output.json {
            console.result(outcome.json)
            return
        }
        let lines = self.lines(outcome)
        if output.quiet && outcome.report?.changesFile != true && outcome.settings == nil { return }
        if !lines.isEmpty { console.result(lines.joined(separator: "\n")) }
    }

    /// The lines describing `outcome`.
    func lines(_ outcome: AddOutcome) -> [String] {
        let plan = outcome.plan
        let present = plan.models.filter(outcome.presentModels.contains)
        switch plan.action {
        case .alreadyTracked:
            let mode = plan.target.selectedModelsOnly ? " (models: selected)" : ""
            let hint =
                plan.target.selectedModelsOnly
                ? "; name models to add them: modelsync add \(provider) MODEL..." : ""
            return ["\(provider) is already tracked by \(outcome.file)\(mode)\(hint); nothing written"]
        case .tracksEveryModel:
            var parts: [String] = []
            if !present.isEmpty {
                parts.append("\(Self.list(present)) \(present.count == 1 ? "is" : "are") in it already")
            }
            let pending = plan.models.filter { !outcome.presentModels.contains($0) }
            if !pending.isEmpty {
                parts.append(
                    "\(Self.list(pending)) \(pending.count == 1 ? "comes" : "come") with the next sync "
                        + "(modelsync sync --provider \(plan.target.fileID))")
            }
            return [
                "\(outcome.file) tracks every model of \(plan.target.upstream): " + parts.joined(separator: "; ")
                    + "; nothing written"
            ]
        case .write:
            var lines: [String] = []
            if let settings = outcome.settings {
                lines.append(settingsLine(settings, change: plan.settingsChange, dryRun: outcome.dryRun))
            }
            if let report = outcome.report {
                var line = fileLine(report, plan: plan, present: present, dryRun: outcome.dryRun)
                if !report.changesFile && outcome.settings == nil { line += "; nothing written" }
                lines.append(line)
            }
            if outcome.dryRun, !lines.isEmpty { lines.append("dry run: nothing written") }
            return lines
        }
    }

    private func fileLine(_ report: ProviderReport, plan: AddPlan, present: [String], dryRun: Bool) -> String {
        let already = present.isEmpty ? "" : "; \(Self.list(present)) in it already"
        let would = dryRun ? "would be " : ""
        switch report.status {
        case .created:
            let count = report.added.count
            let mode = plan.target.selectedModelsOnly ? " (models: selected)" : ""
            return "\(report.file): \(would)created with \(count) model\(count == 1 ? "" : "s")\(mode)"
        case .updated:
            var text = "\(report.file): "
            text +=
                report.added.isEmpty
                ? "\(would)updated" : "\(dryRun ? "would add" : "added") \(Self.list(report.added))"
            let values = report.changed.filter { change in !report.added.contains { $0 == change.model } }.count
            if values > 0 { text += "; \(values) other value\(values == 1 ? "" : "s") brought current" }
            return text + already
        default:
            return "\(report.file): \(present.isEmpty ? "current" : Self.list(present) + " in it already")"
        }
    }

    private func settingsLine(_ edit: SettingsFileEdit, change: SettingsChange, dryRun: Bool) -> String {
        if case .removeExclusions(let fileID, let ids) = change {
            return "\(edit.path): \(dryRun ? "would take" : "took") \(Self.list(ids)) off the exclude list of \(fileID)"
        }
        guard let entry = change.addedEntry else { return "\(edit.path): \(dryRun ? "would be updated" : "updated")" }
        let mode = entry.selectedModelsOnly ? " (models: selected)" : ""
        switch change {
        case .startList(let existing, _):
            let names = Self.list(existing.map(\.fileID) + [entry.fileID + mode])
            let verb =
                edit.createsFile
                ? (dryRun ? "would be created with" : "created with") : (dryRun ? "would add" : "added")
            return
                "\(edit.path): \(verb) a providers list: \(names); only the providers it lists are synced from now on"
        default:
            return "\(edit.path): \(dryRun ? "would add" : "added") \(entry.fileID)\(mode) to providers"
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
