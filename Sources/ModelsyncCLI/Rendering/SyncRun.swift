import ModelsyncApp

/// Runs a sync or check with a download progress line and retry notes on the console.
struct SyncRun {
    let console: Console

    func run(_ mode: SyncMode, _ configuration: RunConfiguration) async throws(RunFailure) -> SyncOutcome {
        let console = self.console
        let progress = ProgressLine(label: "downloading the catalog", console: console)
        defer { progress.finish() }
        let syncer = ModelsDevSyncer(
            configuration, log: { console.detail($0) }, progress: { progress.update($0) })
        return try await syncer.run(mode)
    }
}
