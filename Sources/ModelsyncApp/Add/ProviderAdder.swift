import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog
import SafeFiles

/// An add decided on a loaded catalog, before anything is written (the picker runs between the two steps).
public struct PreparedAdd: Sendable {
    /// The `PROVIDER` argument.
    public var provider: String
    public var plan: AddPlan
    public var loaded: LoadedCatalog
    /// The provider file's path, as shown.
    public var file: String
    /// Ids of the models the provider file holds now (none when it does not exist or does not parse).
    public var presentModels: Set<String>
    /// Things the user should know: the settings file's warnings and the catalog's.
    public var warnings: [Diagnostic]

    /// The models.dev provider the file tracks, when the catalog lists it.
    public var upstream: Provider? { loaded.catalog.provider(plan.target.upstream) }
}

/// What an add did.
public struct AddOutcome: Sendable {
    /// The plan carried out (decided again under the lock).
    public var plan: AddPlan
    /// The provider file's path, as shown.
    public var file: String
    /// What happened to the provider file; `nil` when the plan writes nothing.
    public var report: ProviderReport?
    /// The settings file's edit, when it changed.
    public var settings: SettingsFileEdit?
    /// Ids of the models the provider file held before the add.
    public var presentModels: Set<String>
    public var provenance: Provenance
    /// An add that wrote nothing, as asked: ``report`` and ``settings`` say what it would write.
    public var dryRun = false
    /// Things the user should know (a killed run's files removed, a catalog that could not be remembered).
    public var warnings: [Diagnostic]
}

/// Starts tracking a provider, or adds models to a `models: selected` provider, through the sync engine.
///
/// The provider's file is merged exactly as `sync --provider` merges it (same ``ConfigMerger``, same desired data),
/// so a created file is byte for byte what a sync would create, and an existing one is brought current as a sync of
/// that provider would, with the named models inserted. The settings file's `providers` list is edited losslessly
/// (``SettingsFileEdit``). Writes are atomic and happen in the models directory's ``Workspace``, under its lock, as
/// a sync's: the settings file first, then the provider file, so that an interrupted add never leaves a file that
/// the next sync would fill with every model of a provider meant to be `selected`.
public struct ProviderAdder: Sendable {
    public let configuration: RunConfiguration
    public let catalogs: CatalogAcceptance

    /// An adder for `configuration` (its sync-only options are unused).
    public init(
        _ configuration: RunConfiguration, log: (@Sendable (String) -> Void)? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.catalogs = CatalogAcceptance(configuration, log: log, progress: progress)
    }

    /// Loads and accepts the catalog (as `sync` does, safety stop included) and decides what adding `provider`
    /// with `models` does; writes nothing and takes no lock.
    ///
    /// - Throws: ``RunFailure`` when the catalog cannot be had or is refused, the provider or a model is unknown.
    public func prepare(provider: String, models: [String]) async throws(RunFailure) -> PreparedAdd {
        let locations = configuration.locations
        var loaded = try await catalogs.load(configuration.source, options: configuration.load)
        try catalogs.accept(&loaded, source: configuration.source, allowShrink: configuration.allowShrink)
        let plan = try decide(provider: provider, models: models, locations: locations, catalog: loaded.catalog)
        let file = locations.file(fileID: plan.target.fileID)
        return PreparedAdd(
            provider: provider, plan: plan, loaded: loaded, file: file.shown, presentModels: Self.modelIDs(in: file),
            warnings: locations.settings.warnings + loaded.warnings.map { Diagnostic(.warning, message: "\($0)") })
    }

    /// Carries out the add with `models` (the named ones, or those picked).
    ///
    /// Takes the lock, decides again on the files as they are now, merges and verifies the provider file and the
    /// settings file, then writes them. A configuration that does not write (a dry run) takes no lock and writes
    /// nothing; the outcome says what it would write.
    ///
    /// - Throws: ``RunFailure`` when another run holds the lock (exit status 75), or a file cannot be merged,
    ///   edited or written (nothing is written then, unless the provider file's write fails after the settings
    ///   file's: the diagnostic says so).
    public func apply(_ prepared: PreparedAdd, models: [String]) async throws(RunFailure) -> AddOutcome {
        let catalog = prepared.loaded.catalog
        var outcome = AddOutcome(
            plan: prepared.plan, file: prepared.file, report: nil, settings: nil, presentModels: prepared.presentModels,
            provenance: prepared.loaded.provenance, dryRun: !configuration.writes, warnings: [])
        outcome.plan = try decide(
            provider: prepared.provider, models: models, locations: configuration.locations, catalog: catalog)
        guard outcome.plan.action == .write else { return outcome }

        let workspace = try Workspace.open(
            configuration.locations.modelsDirectory, writes: configuration.writes,
            lockWaitSeconds: configuration.lockWaitSeconds, waiting: configuration.environment.lockWaiting)
        defer { workspace.close() }
        workspace.stopPrefetching()
        outcome.warnings += workspace.warnings

        // Another run may have changed the settings or the files since the plan was made: decide again.
        let locations = try RunConfiguration.resolve(
            configuration.options, writes: configuration.writes, in: configuration.environment
        ).locations
        let plan = try decide(provider: prepared.provider, models: models, locations: locations, catalog: catalog)
        let file = locations.file(fileID: plan.target.fileID)
        outcome.plan = plan
        outcome.file = file.shown
        outcome.presentModels = Self.modelIDs(in: file)
        guard plan.action == .write, let provider = catalog.provider(plan.target.upstream) else { return outcome }
        var removedExclusions: [String] = []
        if case .removeExclusions(_, let ids) = plan.settingsChange { removedExclusions = ids }

        let merger = ConfigMerger(
            fileID: plan.target.fileID, desired: CatalogMapping.desired(for: provider),
            options: MergeOptions(
                selectedModelsOnly: plan.target.selectedModelsOnly, insertedModels: Set(plan.models),
                excluded: plan.target.exclude.filter { !removedExclusions.contains($0.text) },
                guards: locations.settings.guards(forFile: plan.target.fileID), accepted: configuration.accepted,
                references: locations.settings.references))
        let merged = ProviderFileMerge.refusingReadOnly(
            ProviderFileMerge.merge(
                merger, content: workspace.content(of: plan.target.fileID), upstream: plan.target.upstream,
                file: file.shown),
            readOnlyMode: workspace.readOnlyMode(of: plan.target.fileID))
        if merged.report.status == .error, let error = merged.report.error {
            throw RunFailure(error.adding(note: "nothing written"))
        }
        let settings = try settingsEdit(plan.settingsChange, file: locations.settingsFile)
        guard configuration.writes else {
            outcome.report = merged.report
            outcome.settings = settings
            return outcome
        }

        if let settings {
            do {
                try AtomicFileWriter.write(
                    settings.newBytes, to: locations.settingsFile.absolute, createDirectory: true)
            } catch {
                throw RunFailure(
                    Diagnostic(path: locations.settingsFile.shown, message: "cannot write: \(error.reason)")
                        .adding(note: "nothing written"))
            }
        }
        if let change = merged.change {
            do {
                try AtomicFileWriter.write(change.newBytes, to: file.absolute)
            } catch {
                let written = settings.map { "\($0.path) was written already" } ?? "nothing written"
                throw RunFailure(
                    Diagnostic(path: file.shown, message: "cannot write: \(error.reason)")
                        .adding(note: DiagnosticText(written)))
            }
        }
        outcome.report = merged.report
        outcome.settings = settings
        if let warning = catalogs.record(catalog, from: configuration.source, at: configuration.environment.now()) {
            outcome.warnings.append(warning)
        }
        return outcome
    }

    private func decide(
        provider: String, models: [String], locations: ModelsyncConfiguration, catalog: Catalog
    ) throws(RunFailure) -> AddPlan {
        let files = try DirectoryListing(of: locations.modelsDirectory).providerFileIDs
        do {
            return try AddPlan.make(
                provider: provider, models: models,
                settings: locations.hasSettingsFile ? locations.settings : nil, existingFiles: files,
                catalog: catalog)
        } catch {
            throw RunFailure(error)
        }
    }

    /// The settings file's edit for `change`, read from `file`.
    private func settingsEdit(_ change: SettingsChange, file: ResolvedPath) throws(RunFailure) -> SettingsFileEdit? {
        var oldBytes: [UInt8]?
        if FileManager.default.fileExists(atPath: file.absolute) {
            do {
                oldBytes = try FileContents.read(file.absolute)
            } catch {
                throw RunFailure(
                    Diagnostic(path: file.shown, message: "cannot read: \(error.reason)", notes: ["nothing written"]))
            }
        }
        do {
            return try SettingsFileEdit.make(change, oldBytes: oldBytes, path: file.shown)
        } catch {
            throw RunFailure(error)
        }
    }

    /// The model ids a provider file holds under `models`; none when it does not exist or does not parse.
    static func modelIDs(in file: ResolvedPath) -> Set<String> {
        guard FileManager.default.fileExists(atPath: file.absolute),
            let bytes = try? Workspace.readProviderFile(file),
            let document = try? YAMLDocument(bytes: bytes, path: file.shown), let root = document.root,
            document.kind(of: root) == .mapping, let models = document.value(forKey: "models", in: root),
            document.kind(of: models) == .mapping
        else { return [] }
        return Set(document.entries(of: models).compactMap { document.value(of: $0.key).stringValue })
    }
}
