import Foundation
import LosslessYAML
import ModelsDevCatalog
import SafeFiles

/// What `modelsync add PROVIDER [MODEL…]` was asked.
public struct AddRequest: Sendable {
    /// The `PROVIDER` argument: a file id, or an upstream id tracked by exactly one file.
    public var provider: String
    /// The `MODEL` arguments (may be empty).
    public var models: [String]
    /// Directories, catalog flags and `--wait`, as for `sync` (the mode is `sync`; the other sync flags are unused).
    public var sync: SyncRequest

    public init(provider: String, models: [String] = [], sync: SyncRequest = SyncRequest(mode: .sync)) {
        self.provider = provider
        self.models = models
        self.sync = sync
    }
}

/// An add decided on a loaded catalog, before anything is written (the picker runs between the two steps).
public struct PreparedAdd: Sendable {
    public var request: AddRequest
    public var plan: AddPlan
    public var loaded: LoadedCatalog
    public var source: CatalogSource
    /// The provider file's path, as used for file system calls and shown in messages.
    public var file: String
    /// The settings file's path (it may not exist).
    public var settingsPath: String
    /// Ids of the models the provider file holds now (none when it does not exist or does not parse).
    public var presentModels: Set<String>
    /// Lines for stderr: the settings file's warnings (the catalog's are in ``loaded``).
    public var warnings: [String]

    /// The models.dev provider the file tracks, when the catalog lists it.
    public var upstream: Provider? { loaded.catalog.provider(plan.target.upstream) }
}

/// What an add did.
public struct AddOutcome: Sendable {
    /// The plan carried out (decided again under the lock).
    public var plan: AddPlan
    /// The provider file's path.
    public var file: String
    /// What happened to the provider file; `nil` when the plan writes nothing.
    public var report: ProviderReport?
    /// The settings file's edit, when it changed.
    public var settings: SettingsFileEdit?
    /// Ids of the models the provider file held before the add.
    public var presentModels: Set<String>
    public var provenance: Provenance
    /// Lines for stderr (stale temporary files removed, a catalog that could not be remembered).
    public var warnings: [String]
}

/// Starts tracking a provider, or adds models to a `models: selected` provider, through the sync engine.
///
/// The provider's file is merged exactly as `sync --provider` merges it (same ``ConfigMerger``, same desired data),
/// so a created file is byte for byte what a sync would create, and an existing one is brought current as a sync of
/// that provider would, with the named models inserted. The settings file's `providers` list is edited losslessly
/// (``SettingsFileEdit``). Writes are atomic and happen under the models directory's lock, as `sync`'s: the settings
/// file first, then the provider file, so that an interrupted add never leaves a file that the next sync would fill
/// with every model of a provider meant to be `selected`.
public struct ProviderAdder: Sendable {
    public let syncer: ModelsDevSyncer

    public init(syncer: ModelsDevSyncer) {
        self.syncer = syncer
    }

    /// Loads the catalog (as `sync` does, safety stop included) and decides what the add does; writes nothing and
    /// takes no lock.
    ///
    /// - Throws: ``SyncError`` when the settings file or the catalog cannot be had; ``AddError`` when the provider
    ///   or a model is unknown.
    public func prepare(_ request: AddRequest) async throws -> PreparedAdd {
        let paths = try configuration(request)
        let source: CatalogSource
        do {
            source = try CatalogSource.resolve(
                flag: request.sync.source, environment: request.sync.environment, settings: paths.settings?.source)
        } catch {
            throw SyncError.catalog(error.description)
        }
        let loaded = try await syncer.loadCatalog(source, request: request.sync, settings: paths.settings)
        let plan = try AddPlan.make(
            provider: request.provider, models: request.models, settings: paths.settings,
            existingFiles: try syncer.providerFiles(in: paths.modelsDirectory), catalog: loaded.catalog)
        let file = paths.path(fileID: plan.target.fileID)
        return PreparedAdd(
            request: request, plan: plan, loaded: loaded, source: source, file: file, settingsPath: paths.settingsPath,
            presentModels: Self.modelIDs(inFile: file), warnings: paths.settings?.warnings ?? [])
    }

    /// Carries out the add with `models` (the named ones, or those picked): takes the lock, decides again on the
    /// files as they are now, merges and verifies the provider file and the settings file, then writes them.
    ///
    /// - Throws: ``SyncError/locked(_:)`` when another run holds the lock (exit 75); ``AddError`` when a file
    ///   cannot be merged, edited or written (nothing is written then, unless the provider file's write fails
    ///   after the settings file's).
    public func apply(_ prepared: PreparedAdd, models: [String]) async throws -> AddOutcome {
        let request = prepared.request
        var outcome = AddOutcome(
            plan: prepared.plan, file: prepared.file, report: nil, settings: nil, presentModels: prepared.presentModels,
            provenance: prepared.loaded.provenance, warnings: [])
        let catalog = prepared.loaded.catalog
        var paths = try configuration(request)
        outcome.plan = try AddPlan.make(
            provider: request.provider, models: models, settings: paths.settings,
            existingFiles: try syncer.providerFiles(in: paths.modelsDirectory), catalog: catalog)
        guard outcome.plan.action == .write else { return outcome }

        do {
            try FileManager.default.createDirectory(atPath: paths.modelsDirectory, withIntermediateDirectories: true)
        } catch {
            throw SyncError.modelsDirectory(path: paths.modelsDirectory, reason: AtomicFileWriter.describe(error))
        }
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock.acquire(directory: paths.modelsDirectory, wait: request.sync.lockWaitSeconds)
        } catch {
            throw SyncError.locked(error)
        }
        defer { lock.release() }
        for name in AtomicFileWriter.removeStaleTemporaryFiles(in: paths.modelsDirectory, forFilesEnding: ".yml") {
            outcome.warnings.append("removed \(name), left by an interrupted run")
        }

        // Another run may have changed the settings or the files since the plan was made: decide again.
        paths = try configuration(request)
        let plan = try AddPlan.make(
            provider: request.provider, models: models, settings: paths.settings,
            existingFiles: try syncer.providerFiles(in: paths.modelsDirectory), catalog: catalog)
        let file = paths.path(fileID: plan.target.fileID)
        outcome.plan = plan
        outcome.file = file
        outcome.presentModels = Self.modelIDs(inFile: file)
        guard plan.action == .write, let provider = catalog.provider(plan.target.upstream) else { return outcome }

        let merger = ConfigMerger(
            fileID: plan.target.fileID, desired: CatalogMapping.desired(for: provider),
            options: MergeOptions(
                selectedModelsOnly: plan.target.selectedModelsOnly, insertedModels: Set(plan.models)))
        var report = ProviderReport(
            provider: plan.target.fileID, upstream: plan.target.upstream, file: file, status: .unchanged)
        let merged = syncer.merge(merger, path: file, display: file, report: &report)
        if report.status == .error {
            throw AddError.providerFile((report.error ?? "\(file): error") + "; nothing written")
        }
        let settings = try SettingsFileEdit.make(plan.settingsChange, path: paths.settingsPath)

        do {
            if let settings {
                try AtomicFileWriter.write(settings.newBytes, to: settings.path, createDirectory: true)
            }
        } catch {
            throw AddError.settings(error.description + "; nothing written")
        }
        do {
            if let merged { try AtomicFileWriter.write(merged.bytes, to: file) }
        } catch {
            let written = settings.map { "; \($0.path) was written already" } ?? "; nothing written"
            throw AddError.providerFile(error.description + written)
        }
        outcome.report = report
        outcome.settings = settings
        do {
            try syncer.acceptedCatalogs.recordAccepted(catalog, for: prepared.source)
        } catch {
            outcome.warnings.append("could not remember the accepted catalog: \(error)")
        }
        return outcome
    }

    private func configuration(_ request: AddRequest) throws(SyncError) -> ModelsyncConfiguration {
        try ModelsyncConfiguration(
            configDirectory: request.sync.configDirectory, settingsPath: request.sync.settingsPath,
            modelsDirectory: request.sync.modelsDirectory)
    }

    /// The model ids a provider file holds under `models`; none when it does not exist or does not parse.
    static func modelIDs(inFile path: String) -> Set<String> {
        guard FileManager.default.fileExists(atPath: path),
            let bytes = try? ModelsDevSyncer.readProviderFile(path, display: path),
            let document = try? YAMLDocument(bytes: bytes, path: path), let root = document.root,
            document.kind(of: root) == .mapping, let models = document.value(forKey: "models", in: root),
            document.kind(of: models) == .mapping
        else { return [] }
        return Set(document.entries(of: models).compactMap { document.value(of: $0.key).stringValue })
    }
}
