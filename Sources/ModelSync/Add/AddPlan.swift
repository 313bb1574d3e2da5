import Diagnostics
import ModelsDevCatalog

/// What `modelsync add PROVIDER [MODEL…]` does, decided from the catalog, the settings file and the provider files.
///
/// The decision is pure: ``ProviderAdder`` makes it once to validate the arguments (and to offer the picker), and
/// again under the models directory's lock, on the files as they are then, before it writes.
///
/// - `PROVIDER` is a file id. When no file has that id, an upstream id is accepted when exactly one tracked file
///   tracks it (as `--provider`: docs/selection.md#the-provider-flag). A provider nothing tracks yet must be a models.dev provider whose id is
///   safe as a file name; it becomes the file id.
/// - Tracked means: named in the settings file's `providers` list when the file has one, else having a file in the
///   models directory.
/// - A new provider without models is tracked with every model; with models it is tracked in `models: selected`
///   mode with just those models.
/// - A tracked `models: selected` provider gets the named models inserted into its file.
/// - A tracked provider with every model gets nothing written: its models are in the file or come with the next
///   sync (``Action/tracksEveryModel``), so `add` never widens or narrows what a sync of it would do.
public struct AddPlan: Sendable, Equatable {
    /// What `add` does.
    public enum Action: Sendable, Equatable {
        /// The provider is tracked and no model was named: nothing to write.
        case alreadyTracked
        /// The provider is tracked with every model (not `selected`) and models were named: nothing to write.
        case tracksEveryModel
        /// Merge the provider's file (creating it when absent), inserting ``AddPlan/models``, and change the
        /// settings as ``AddPlan/settingsChange`` says.
        case write
    }

    public var action: Action
    /// The file and the models.dev provider it tracks; `selectedModelsOnly` is the mode after the add.
    public var target: ProviderSelection.Target
    /// Whether the provider was tracked before the add.
    public var isTracked: Bool
    /// The named models: each listed by models.dev for the provider, duplicates dropped, in the order given.
    public var models: [String]
    /// The change to the settings file's `providers` list.
    public var settingsChange: SettingsChange

    public init(
        action: Action, target: ProviderSelection.Target, isTracked: Bool, models: [String],
        settingsChange: SettingsChange = .none
    ) {
        self.action = action
        self.target = target
        self.isTracked = isTracked
        self.models = models
        self.settingsChange = settingsChange
    }

    /// Decides what adding `provider` (and `models`) does.
    ///
    /// - Parameters:
    ///   - provider: the `PROVIDER` argument: a file id, or an upstream id.
    ///   - models: the `MODEL` arguments (may be empty).
    ///   - settings: the settings file's content, `nil` when there is none.
    ///   - existingFiles: ids of the `*.yml` files in the models directory.
    ///   - catalog: the loaded catalog.
    /// - Throws: ``AddError`` for an unknown, refused or ambiguous provider, or a model the provider does not list.
    public static func make(
        provider: String, models: [String], settings: SyncSettings?, existingFiles: Set<String>, catalog: Catalog
    ) throws(AddError) -> AddPlan {
        let tracked: [ProviderSelection.Target] =
            settings?.providers?.map {
                ProviderSelection.Target(
                    fileID: $0.fileID, upstream: $0.upstream, selectedModelsOnly: $0.selectedModelsOnly,
                    exclude: $0.exclude)
            } ?? existingFiles.sorted().map { ProviderSelection.Target(fileID: $0, upstream: $0) }
        var names: [String] = []
        for model in models where !names.contains(model) { names.append(model) }

        if let target = try trackedTarget(provider, in: tracked) {
            guard let upstream = catalog.provider(target.upstream) else {
                guard names.isEmpty else { throw .providerNotListed(fileID: target.fileID, upstream: target.upstream) }
                return AddPlan(action: .alreadyTracked, target: target, isTracked: true, models: [])
            }
            try checkModels(names, of: upstream)
            // A model named here that the settings exclude by its id is taken off the list; by a glob, refused.
            var removals: [String] = []
            for name in names {
                guard let pattern = target.exclude.firstMatch(name) else { continue }
                guard !pattern.isGlob else {
                    throw .excludedModel(name, pattern: pattern.text, fileID: target.fileID)
                }
                removals.append(name)
            }
            if !removals.isEmpty {
                return AddPlan(
                    action: .write, target: target, isTracked: true, models: names,
                    settingsChange: .removeExclusions(fileID: target.fileID, ids: removals))
            }
            let action: Action =
                names.isEmpty ? .alreadyTracked : target.selectedModelsOnly ? .write : .tracksEveryModel
            return AddPlan(action: action, target: target, isTracked: true, models: names)
        }

        if let rejected = catalog.rejectedProviders.first(where: { $0.id == provider }) {
            throw .refusedProvider(id: provider, message: rejected.description)
        }
        guard ProviderID.isSafeFileName(provider) else {
            throw .refusedProvider(
                id: provider,
                message: "refused provider id '\(provider)': it must match ^[a-z0-9][a-z0-9._-]*$ to become a file name"
            )
        }
        guard let upstream = catalog.provider(provider) else {
            let candidates = catalog.providers.map(\.id.rawValue) + tracked.map(\.fileID)
            throw .unknownProvider(
                provider, suggestions: IDSuggestions.closest(to: provider, among: candidates, limit: 3))
        }
        try checkModels(names, of: upstream)
        let target = ProviderSelection.Target(fileID: provider, upstream: provider, selectedModelsOnly: !names.isEmpty)
        let entry = SyncSettings.ProviderSetting(fileID: provider, selectedModelsOnly: target.selectedModelsOnly)
        let change: SettingsChange
        if settings?.providers != nil {
            change = .addEntry(entry)
        } else if target.selectedModelsOnly {
            // A list makes exactly its entries synced: name every file the catalog knows so that they stay synced.
            let kept = existingFiles.filter { $0 != provider && catalog.provider($0) != nil }
            let entries = kept.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
                SyncSettings.ProviderSetting(fileID: $0)
            }
            change = .startList(existing: entries, adding: entry)
        } else {
            change = .none
        }
        return AddPlan(action: .write, target: target, isTracked: false, models: names, settingsChange: change)
    }

    /// The tracked file `provider` names: the file with that id, else the only one tracking that upstream id.
    private static func trackedTarget(_ provider: String, in tracked: [ProviderSelection.Target]) throws(AddError)
        -> ProviderSelection.Target?
    {
        if let target = tracked.first(where: { $0.fileID == provider }) { return target }
        let tracking = tracked.filter { $0.upstream == provider }
        if tracking.count > 1 { throw .ambiguousProvider(provider, files: tracking.map(\.fileID)) }
        return tracking.first
    }

    private static func checkModels(_ models: [String], of provider: Provider) throws(AddError) {
        let unknown = models.filter { provider.model($0) == nil }
        guard !unknown.isEmpty else { return }
        let ids = provider.models.map(\.id)
        throw .unknownModels(
            unknown.map { ($0, IDSuggestions.closest(to: $0, among: ids, limit: 3)) }.map(AddError.UnknownModel.init),
            provider: provider.id.rawValue)
    }
}

/// How `add` changes the settings file's `providers` list.
public enum SettingsChange: Sendable, Equatable {
    /// The settings stay as they are.
    case none
    /// Add an entry to the existing `providers` list.
    case addEntry(SyncSettings.ProviderSetting)
    /// Start a `providers` list (creating the settings file when there is none) naming the provider files that are
    /// synced today, `existing`, and the new entry: a list makes exactly its entries synced.
    case startList(existing: [SyncSettings.ProviderSetting], adding: SyncSettings.ProviderSetting)
    /// Take model ids off the `exclude` list of the entry `fileID` (the key goes when the list empties).
    case removeExclusions(fileID: String, ids: [String])

    /// The entry added, when any.
    public var addedEntry: SyncSettings.ProviderSetting? {
        switch self {
        case .none, .removeExclusions: return nil
        case .addEntry(let entry), .startList(_, let entry): return entry
        }
    }
}
