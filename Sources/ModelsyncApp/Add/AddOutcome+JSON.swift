import ModelSync
import ModelsDevCatalog

extension AddOutcome {
    /// `{source, provider, upstream, file, tracked, selected, status, added, already_present, values_changed,
    /// settings: {file, status, providers} | null, exit_code}`.
    public var json: JSONValue {
        let outcome = self
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
                case .none, .removeExclusions: providers = []
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
            "dry_run": .bool(dryRun),
            "exit_code": .optional(0),
        ])
    }
}
