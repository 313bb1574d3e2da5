import ArgumentParser
import Foundation
import ModelSync
import ModelsDevCatalog

/// Fills a ``SyncRequest`` from the flags and runs it with progress and notes on the console.
struct SyncRunner {
    let console: Console

    func run(
        _ request: SyncRequest, directories: DirectoryOptions, catalog: CatalogOptions, sync: SyncOptions
    ) async throws(SyncError) -> SyncOutcome {
        var request = request
        request.takeLocations(directories, catalog: catalog, environment: console.environment)
        request.providers = sync.providers
        request.all = sync.all
        request.prune = sync.prune
        request.allowShrink = sync.allowShrink
        let console = self.console
        let progress = ProgressLine(label: "downloading the catalog", console: console)
        defer { progress.finish() }
        let syncer = ModelsDevSyncer(
            cacheDirectory: CacheDirectory.resolve(environment: console.environment), log: { console.detail($0) },
            progress: { progress.update($0) })
        let outcome = try await syncer.run(request)
        progress.finish()
        return outcome
    }
}

extension SyncRequest {
    /// Takes the paths, the catalog source and its options from the flags (which the library weighs against the
    /// settings file and the environment).
    mutating func takeLocations(
        _ directories: DirectoryOptions, catalog: CatalogOptions, environment: [String: String]
    ) {
        configDirectory = directories.configDir
        settingsPath = directories.settings
        modelsDirectory = directories.modelsDir
        source = catalog.source
        self.environment = environment
        maxAgeMinutes = catalog.maxAge
        offline = catalog.offline
        refresh = catalog.refresh
        requireFresh = catalog.requireFresh
        timeoutSeconds = catalog.timeout
    }
}

/// Prints a sync or check outcome and throws its exit code when that is not 0.
///
/// Provenance and warnings go to stderr; the summary, `--quiet` lines, `--json`, `--format markdown` and `--diff` to
/// stdout.
struct SyncOutput {
    let console: Console
    let output: OutputOptions
    let sync: SyncOptions

    func print(_ outcome: SyncOutcome) throws {
        console.report(outcome.provenance)
        for warning in outcome.warnings { console.warning(warning) }
        for report in outcome.reports where report.status == .error {
            console.diagnostic(report.error ?? "\(report.file): error")
        }
        for report in outcome.reports {
            for conflict in report.conflicts {
                let model = conflict.model.map { "model '\($0)'" } ?? "provider"
                let key = conflict.key.isEmpty ? "" : " key '\(conflict.key)'"
                console.warning("\(report.file): \(model)\(key) not synced: \(conflict.reason)")
            }
        }
        if output.json {
            console.result(SyncReportFormatter.json(outcome).dropLast().description)
        } else if sync.format == .markdown {
            console.result(SyncReportFormatter.markdown(outcome).dropLast().description)
        } else if output.quiet {
            let lines = SyncReportFormatter.quiet(outcome)
            if !lines.isEmpty { console.result(String(lines.dropLast())) }
        } else {
            console.result(String(SyncReportFormatter.summary(outcome).dropLast()))
        }
        if sync.diff && !output.json {
            for change in outcome.changes {
                let diff = UnifiedDiff(
                    oldPath: change.oldBytes.isEmpty ? "/dev/null" : "a/" + change.path, newPath: "b/" + change.path,
                    oldText: change.oldText, newText: change.newText)
                let text = diff.render(colored: console.colorsOutput)
                if !text.isEmpty { console.result(String(text.dropLast())) }
            }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
