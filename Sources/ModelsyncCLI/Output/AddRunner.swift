import Foundation
import ModelSync
import ModelsDevCatalog

/// Runs `add`: prepares it, offers the picker when it should, applies it and prints what happened.
///
/// The picker appears only with standard input and output both on a terminal and without `--json`, when `--pick`
/// is given (a new provider then becomes `models: selected` with the models picked), or when `PROVIDER` is already
/// tracked in `models: selected` mode and no `MODEL` is named (there is nothing else to do with it). It lists the
/// provider's models that its file does not hold yet. A new provider named without `MODEL` is tracked with every
/// model without asking, as `sync --provider` would: scripts and people get the same result.
struct AddRunner {
    let console: Console
    let output: OutputOptions

    func run(_ request: AddRequest, directories: DirectoryOptions, catalog: CatalogOptions, pick: Bool) async throws {
        var request = request
        request.sync.takeLocations(directories, catalog: catalog, environment: console.environment)
        let console = self.console
        let progress = ProgressLine(label: "downloading the catalog", console: console)
        let adder = ProviderAdder(
            syncer: ModelsDevSyncer(
                cacheDirectory: CacheDirectory.resolve(environment: console.environment), log: { console.detail($0) },
                progress: { progress.update($0) }))
        let prepared: PreparedAdd
        do {
            defer { progress.finish() }
            prepared = try await adder.prepare(request)
        }
        console.report(prepared.loaded)
        for warning in prepared.warnings { console.warning(warning) }

        var models = request.models
        let plan = prepared.plan
        let selectedTracked = plan.isTracked && plan.target.selectedModelsOnly && plan.action == .alreadyTracked
        let offersPicker =
            pick ? !plan.isTracked || selectedTracked : selectedTracked && ModelPicker.isInteractive && !output.json
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
        for warning in outcome.warnings { console.warning(warning) }
        AddOutput(console: console, output: output, request: request).print(outcome)
    }
}

/// What `add` prints on stdout: one line per file it wrote, or why it wrote nothing; or `--json`.
struct AddOutput {
    let console: Console
    let output: OutputOptions
    let request: AddRequest

    func print(_ outcome: AddOutcome) {
        if output.json {
            console.result(json(outcome))
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
                ? "; name models to add them: modelsync add \(request.provider) MODEL..." : ""
            return ["\(request.provider) is already tracked by \(outcome.file)\(mode)\(hint); nothing written"]
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
            if let settings = outcome.settings { lines.append(settingsLine(settings, change: plan.settingsChange)) }
            if let report = outcome.report {
                var line = fileLine(report, plan: plan, present: present)
                if !report.changesFile && outcome.settings == nil { line += "; nothing written" }
                lines.append(line)
            }
            return lines
        }
    }

    private func fileLine(_ report: ProviderReport, plan: AddPlan, present: [String]) -> String {
        let already = present.isEmpty ? "" : "; \(Self.list(present)) in it already"
        switch report.status {
        case .created:
            let count = report.added.count
            let mode = plan.target.selectedModelsOnly ? " (models: selected)" : ""
            return "\(report.file): created with \(count) model\(count == 1 ? "" : "s")\(mode)"
        case .updated:
            var text = "\(report.file): "
            text += report.added.isEmpty ? "updated" : "added \(Self.list(report.added))"
            let values = report.changed.filter { change in !report.added.contains { $0 == change.model } }.count
            if values > 0 { text += "; \(values) other value\(values == 1 ? "" : "s") brought current" }
            return text + already
        default:
            return "\(report.file): \(present.isEmpty ? "current" : Self.list(present) + " in it already")"
        }
    }

    private func settingsLine(_ edit: SettingsFileEdit, change: SettingsChange) -> String {
        guard let entry = change.addedEntry else { return "\(edit.path): updated" }
        let mode = entry.selectedModelsOnly ? " (models: selected)" : ""
        switch change {
        case .startList(let existing, _):
            let names = Self.list(existing.map(\.fileID) + [entry.fileID + mode])
            let verb = edit.createsFile ? "created with" : "added"
            return
                "\(edit.path): \(verb) a providers list: \(names); only the providers it lists are synced from now on"
        default:
            return "\(edit.path): added \(entry.fileID)\(mode) to providers"
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// `{source, provider, upstream, file, tracked, selected, status, added, already_present, values_changed,
    /// settings: {file, status, providers} | null, exit_code}`.
    func json(_ outcome: AddOutcome) -> JSONValue {
        let plan = outcome.plan
        let status: String
        switch plan.action {
        case .alreadyTracked: status = "already_tracked"
        case .tracksEveryModel: status = "tracks_every_model"
        case .write: status = outcome.report?.status.rawValue ?? "unchanged"
        }
        let report = outcome.report
        let settings: JSONValue =
            outcome.settings.map { edit in
                let providers: [String]
                switch plan.settingsChange {
                case .startList(let existing, let entry): providers = existing.map(\.fileID) + [entry.fileID]
                case .addEntry(let entry): providers = [entry.fileID]
                case .none: providers = []
                }
                return .object([
                    "file": .string(edit.path), "status": .string(edit.createsFile ? "created" : "updated"),
                    "providers": .array(providers.map(JSONValue.string)),
                ])
            } ?? .null
        return .object([
            "source": outcome.provenance.json,
            "provider": .string(plan.target.fileID),
            "upstream": .string(plan.target.upstream),
            "file": .string(outcome.file),
            "tracked": .bool(plan.isTracked),
            "selected": .bool(plan.target.selectedModelsOnly),
            "status": .string(status),
            "added": .array((report?.added ?? []).map(JSONValue.string)),
            "already_present": .array(plan.models.filter(outcome.presentModels.contains).map(JSONValue.string)),
            "values_changed": .optional(report?.changed.count ?? 0),
            "settings": settings,
            "exit_code": .optional(0),
        ])
    }
}
