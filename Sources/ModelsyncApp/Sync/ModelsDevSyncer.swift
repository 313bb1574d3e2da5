import CatalogHistory
import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog

/// Keeps a directory of provider files in sync with the models.dev catalog: the top-level type of a `sync` or
/// `check` run.
///
/// A run is a sequence of steps, each owned by one type: the configuration is resolved (``RunConfiguration``);
/// the models directory is opened (``Workspace``: directory, lock, listing, prefetch); the catalog is loaded and
/// accepted (``CatalogAcceptance``: load, safety stop, cache write); the providers are selected
/// (``ProviderSelection``); each file is merged (``ConfigMerger``) and handed to the workspace's writers; and the
/// run is committed (directory flushed, accepted catalog recorded).
public struct ModelsDevSyncer: Sendable {
    public let configuration: RunConfiguration
    public let catalogs: CatalogAcceptance

    /// A syncer for `configuration`; `log` receives retry and redirect notes, `progress` the bytes downloaded.
    public init(
        _ configuration: RunConfiguration, log: (@Sendable (String) -> Void)? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.catalogs = CatalogAcceptance(configuration, log: log, progress: progress)
    }

    /// Runs `sync` (when the configuration writes, or as a dry run) or `check`.
    ///
    /// - Throws: ``RunFailure`` when the run cannot start or the catalog is refused; errors of single files are in
    ///   their reports instead, and the other files still sync.
    public func run(_ mode: SyncMode) async throws(RunFailure) -> SyncOutcome {
        let locations = configuration.locations
        var warnings = configuration.warnings + locations.settings.warnings
        try configuration.requireModelsDirectory()

        let workspace = try Workspace.open(
            locations.modelsDirectory, writes: configuration.writes, lockWaitSeconds: configuration.lockWaitSeconds,
            waiting: configuration.environment.lockWaiting)
        defer { workspace.close() }
        warnings += workspace.warnings

        var loaded = try await catalogs.load(configuration.source, options: configuration.load)
        workspace.stopPrefetching()
        try catalogs.accept(&loaded, source: configuration.source, allowShrink: configuration.allowShrink)
        warnings += loaded.warnings.map { Diagnostic(.warning, message: DiagnosticText($0)) }

        let selection = ProviderSelection(
            settings: locations.settings.providers, existingFiles: try workspace.providerFileIDs(),
            upstream: Set(loaded.catalog.providers.map(\.id.rawValue)),
            rejectedUpstream: loaded.catalog.rejectedProviders.map { ($0.id, $0.description) },
            requested: configuration.requestedProviders, all: configuration.allProviders)
        warnings += selection.warnings.map { Diagnostic(.warning, message: DiagnosticText($0)) }

        // The history: recorded first when a cooldown reads it, else on a thread of its own beside the merge.
        let now = configuration.environment.now()
        var cooldowns: [String: Cooldown] = [:]
        var recording: CatalogHistoryRecorder.Recording?
        if let location = configuration.history, !needsCooldown(selection.targets) {
            recording = CatalogHistoryRecorder.Recording(
                location, loaded: loaded, source: configuration.historySource, now: now)
        } else {
            var recorder = configuration.history.map(CatalogHistoryRecorder.init)
            recorder?.record(loaded, source: configuration.historySource, now: now)
            var cooldownWarnings: [Diagnostic] = []
            cooldowns = self.cooldowns(
                for: selection.targets, recorder: &recorder, now: now, warnings: &cooldownWarnings)
            // The history's own failure first: it is why a cooldown could not apply.
            if let warning = recorder?.warning { warnings.append(warning) }
            warnings += cooldownWarnings
        }

        var (reports, changes) = await mergeAndWrite(
            selection.targets, of: loaded.catalog, in: workspace, cooldowns: cooldowns)
        if let recording, let warning = await recording.finish() { warnings.append(warning) }
        let undated = reports.reduce(0) { $0 + $1.cooldownUnknown }
        if undated > 0 {
            warnings.append(
                Diagnostic(
                    .warning,
                    message: "cooldown: the catalog history cannot tell how long \(undated) new upstream "
                        + "value\(undated == 1 ? " has" : "s have") stood (the history is younger than the cooldown, "
                        + "or has not seen the model); applied"))
        }
        for (index, failure) in await workspace.finishWrites() {
            reports[index].status = .error
            reports[index].error = failure
            changes[index] = nil
        }
        workspace.commit(changedFiles: changes.contains { $0 != nil })
        reports += otherReports(selection) + ignoredReports(try workspace.ignoredFiles())
        reports.sort { $0.provider.utf8.lexicographicallyPrecedes($1.provider.utf8) }

        if configuration.writes,
            let warning = catalogs.record(
                loaded.catalog, from: configuration.source, at: configuration.environment.now())
        {
            warnings.append(warning)
        }
        return SyncOutcome(
            mode: mode, dryRun: mode == .sync && !configuration.writes, provenance: loaded.provenance,
            reports: reports, changes: changes.compactMap { $0 }, warnings: warnings,
            failsOnHeld: configuration.failOnHeld)
    }

    /// Whether the settings ask for a cooldown of any target.
    private func needsCooldown(_ targets: [ProviderSelection.Target]) -> Bool {
        targets.contains { configuration.locations.settings.cooldownHours(forFile: $0.fileID) > 0 }
    }

    /// The cooldown of each target whose settings ask for one, by file id, from the history.
    ///
    /// A warning when a cooldown is asked for and no history can date the changes.
    private func cooldowns(
        for targets: [ProviderSelection.Target], recorder: inout CatalogHistoryRecorder?, now: Date,
        warnings: inout [Diagnostic]
    ) -> [String: Cooldown] {
        let settings = configuration.locations.settings
        var result: [String: Cooldown] = [:]
        var missing = false
        for target in targets {
            let hours = settings.cooldownHours(forFile: target.fileID)
            guard hours > 0 else { continue }
            if let cooldown = recorder?.cooldown(
                hours: hours, upstream: target.upstream, source: configuration.historySource, now: now)
            {
                result[target.fileID] = cooldown
            } else {
                missing = true
            }
        }
        if missing {
            let reason = recorder == nil ? "this run keeps no catalog history" : "the catalog history cannot be read"
            warnings.append(
                Diagnostic(
                    .warning,
                    message: "cooldown_hours is set, but \(reason): changes are applied without a cooldown"))
        }
        return result
    }

    /// Merges every target on every core, largest provider first, handing each changed file to the workspace's
    /// writers as soon as it is merged; reports and changes in target order.
    private func mergeAndWrite(
        _ targets: [ProviderSelection.Target], of catalog: Catalog, in workspace: Workspace,
        cooldowns: [String: Cooldown]
    ) async -> (reports: [ProviderReport], changes: [FileChange?]) {
        let jobs = targets.compactMap { target in catalog.provider(target.upstream).map { (target, $0) } }
        let largestFirst = jobs.indices.sorted { jobs[$0].1.models.count > jobs[$1].1.models.count }
        let locations = configuration.locations
        let prune = configuration.prune
        let accepted = configuration.accepted
        let results = await ParallelWork.run(jobs.count, order: largestFirst) {
            index -> (ProviderReport, FileChange?) in
            let (target, provider) = jobs[index]
            let merger = ConfigMerger(
                fileID: target.fileID, desired: CatalogMapping.desired(for: provider),
                options: MergeOptions(
                    prune: prune, selectedModelsOnly: target.selectedModelsOnly, excluded: target.exclude,
                    guards: locations.settings.guards(forFile: target.fileID), accepted: accepted,
                    references: locations.settings.references, cooldown: cooldowns[target.fileID]))
            let merged = ProviderFileMerge.refusingReadOnly(
                ProviderFileMerge.merge(
                    merger, content: workspace.content(of: target.fileID), upstream: target.upstream,
                    file: locations.path(fileID: target.fileID)),
                readOnlyMode: workspace.readOnlyMode(of: target.fileID))
            if let change = merged.change { workspace.write(change.newBytes, to: target.fileID, index: index) }
            return (merged.report, merged.change)
        }
        return (results.map(\.0), results.map(\.1))
    }

    /// Reports for the files the selection skips (their provider is unknown upstream) and the provider ids it
    /// refuses.
    private func otherReports(_ selection: ProviderSelection) -> [ProviderReport] {
        let locations = configuration.locations
        var reports: [ProviderReport] = []
        for skipped in selection.skipped {
            var report = ProviderReport(
                provider: skipped.fileID, upstream: skipped.upstream, file: locations.path(fileID: skipped.fileID),
                status: .skipped)
            report.error = Diagnostic(.note, message: DiagnosticText(skipped.reason))
            reports.append(report)
        }
        for refused in selection.errors {
            var report = ProviderReport(
                provider: refused.id, upstream: refused.id,
                file: ProviderID.isSafeFileName(refused.id) ? locations.path(fileID: refused.id) : "", status: .error)
            report.error = Diagnostic(message: refused.message)
            reports.append(report)
        }
        return reports
    }

    /// Reports for the files that look like provider files but are not synced (`openai.yaml`, `Anthropic.yml`).
    private func ignoredReports(_ ignored: [DirectoryListing.Ignored]) -> [ProviderReport] {
        ignored.map { file in
            var report = ProviderReport(
                provider: file.name, upstream: nil,
                file: configuration.locations.modelsDirectory.appending(file.name).shown, status: .skipped)
            report.error = Diagnostic(.note, message: DiagnosticText(file.reason))
            return report
        }
    }
}
