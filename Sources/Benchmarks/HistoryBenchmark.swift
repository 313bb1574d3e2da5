import Foundation

/// docs/history.md#cost: what the catalog history costs, in one run.
///
/// - Recording: `sync` of the 147 provider files written from the 2026-01-05 snapshot to the 2026-07-02 one (a
///   file source whose content changed), with `--no-history` and with a history that holds the 2026-01-05
///   observation, so that the measured run records the whole delta. Runs alternate; each has fresh files and a
///   fresh copy of the history. Goal: at most 15% more.
/// - Backfill: `history import` of the three snapshots into an empty history.
/// - Queries: `history PROVIDER/MODEL` and `changes --since` on that history, whole processes, against
///   `modelsync --version`. Goal: each under 2× the start-up.
/// - Size: the history of the three snapshots. Goal: under 5 MB.
func runHistoryBenchmark(snapshotDirectory: String, runs: Int) throws {
    let workspace = try BenchmarkWorkspace(name: "history", snapshotDirectory: snapshotDirectory)
    let snapshot = { (date: String) in (snapshotDirectory as NSString).appendingPathComponent("api-\(date).json") }
    let files = FileManager.default
    let catalog = workspace.path("catalog.json")
    try files.copyItem(atPath: snapshot("2026-01-05"), toPath: catalog)
    let seedFiles = workspace.path("seed-files")
    let seedHistory = workspace.path("seed.sqlite")
    let seed = try workspace.modelsync(
        ["sync", "--quiet", "--all", "--source", catalog, "--models-dir", seedFiles, "--history", seedHistory])
    guard seed.status == 0 else { throw BenchmarkError(message: "set-up sync exited \(seed.status)") }
    try files.removeItem(atPath: catalog)
    try files.copyItem(atPath: snapshot("2026-07-02"), toPath: catalog)

    var off: [ProcessRun] = []
    var on: [ProcessRun] = []
    for round in 0..<runs {
        for (label, history) in [
            ("off", ["--no-history"]), ("on", ["--history", workspace.path("h-\(round).sqlite")]),
        ] {
            let directory = workspace.path("\(label)-\(round)")
            try files.copyItem(atPath: seedFiles, toPath: directory)
            if label == "on" { try files.copyItem(atPath: seedHistory, toPath: workspace.path("h-\(round).sqlite")) }
            let run = try workspace.modelsync(
                ["sync", "--quiet", "--source", catalog, "--models-dir", directory] + history, discardOutput: true)
            guard run.status == 0 else { throw BenchmarkError(message: "sync (history \(label)) exited \(run.status)") }
            if label == "off" { off.append(run) } else { on.append(run) }
        }
    }
    // The common case: a catalog that differs from the recorded one in one price (an hourly cron sync).
    let current = workspace.path("current.json")
    let latest = try String(contentsOfFile: snapshot("2026-07-02"), encoding: .utf8)
    try latest.write(toFile: current, atomically: false, encoding: .utf8)
    let currentFiles = workspace.path("current-files")
    let currentHistory = workspace.path("current.sqlite")
    let currentSeed = try workspace.modelsync(
        ["sync", "--quiet", "--all", "--source", current, "--models-dir", currentFiles, "--history", currentHistory])
    guard currentSeed.status == 0 else { throw BenchmarkError(message: "set-up sync exited \(currentSeed.status)") }
    guard let price = latest.range(of: "\"cost\":{\"input\":0.132,") else {
        throw BenchmarkError(message: "the 2026-07-02 snapshot no longer holds the price the benchmark changes")
    }
    try latest.replacingCharacters(in: price, with: "\"cost\":{\"input\":0.14,").write(
        toFile: current, atomically: false, encoding: .utf8)
    var smallOff: [ProcessRun] = []
    var smallOn: [ProcessRun] = []
    for round in 0..<runs {
        for (label, history) in [
            ("off", ["--no-history"]), ("on", ["--history", workspace.path("c-\(round).sqlite")]),
        ] {
            let directory = workspace.path("small-\(label)-\(round)")
            try files.copyItem(atPath: currentFiles, toPath: directory)
            if label == "on" { try files.copyItem(atPath: currentHistory, toPath: workspace.path("c-\(round).sqlite")) }
            let run = try workspace.modelsync(
                ["sync", "--quiet", "--source", current, "--models-dir", directory] + history, discardOutput: true)
            guard run.status == 0 else { throw BenchmarkError(message: "sync (history \(label)) exited \(run.status)") }
            if label == "off" { smallOff.append(run) } else { smallOn.append(run) }
        }
    }

    let recorded = try workspace.modelsync(
        ["changes", "--since", "2026-01-01", "--json", "--source", catalog, "--history", workspace.path("h-0.sqlite")])

    let imported = workspace.path("imported.sqlite")
    let snapshots = ["2025-08-03", "2026-01-05", "2026-07-02"].map(snapshot)
    var imports: [ProcessRun] = []
    for round in 0..<max(1, runs / 4) {
        let target = round == 0 ? imported : workspace.path("import-\(round).sqlite")
        let run = try workspace.modelsync(
            ["history", "import"] + snapshots + ["--history", target], discardOutput: true)
        guard run.status == 0 else { throw BenchmarkError(message: "history import exited \(run.status)") }
        imports.append(run)
    }

    var version: [ProcessRun] = []
    var timeline: [ProcessRun] = []
    var changes: [ProcessRun] = []
    var providerChanges: [ProcessRun] = []
    for _ in 0..<runs {
        version.append(try workspace.modelsync(["--version"], discardOutput: true))
        timeline.append(
            try workspace.modelsync(["history", "openai/gpt-4o", "--history", imported], discardOutput: true))
        changes.append(
            try workspace.modelsync(["changes", "--since", "2026-01-01", "--history", imported], discardOutput: true))
        providerChanges.append(
            try workspace.modelsync(
                ["changes", "--since", "2026-01-01", "--provider", "openai", "--history", imported], discardOutput: true
            ))
    }
    guard (timeline + changes + providerChanges).allSatisfy({ $0.status == 0 }) else {
        throw BenchmarkError(message: "a query exited \((timeline + changes).map(\.status))")
    }

    func stats(_ runs: [ProcessRun]) -> (best: Double, median: Double) {
        let sorted = runs.map(\.milliseconds).sorted()
        return (sorted[0], sorted[sorted.count / 2])
    }
    func size(_ path: String) -> Int {
        ((try? files.attributesOfItem(atPath: path))?[.size] as? Int ?? 0)
            + ((try? files.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0)
    }
    let (offBest, offMedian) = stats(off)
    let (onBest, onMedian) = stats(on)
    let (versionBest, versionMedian) = stats(version)
    print("\nCatalog history (docs/history.md#cost), \(runs) runs each, whole processes, best / median")
    print(
        String(
            format: "  sync 2026-01-05 files → 2026-07-02 catalog, history off  best %7.1f ms  median %7.1f ms",
            offBest, offMedian))
    print(
        String(
            format:
                "  the same, recording the delta                  best %7.1f ms  median %7.1f ms  %+.1f%% best, "
                + "%+.1f%% median (goal ≤ +15%%)",
            onBest, onMedian, (onBest / offBest - 1) * 100, (onMedian / offMedian - 1) * 100))
    print("  (the recorded delta: \(recorded.output.count) bytes of changes --json)")
    let (smallOffBest, smallOffMedian) = stats(smallOff)
    let (smallOnBest, smallOnMedian) = stats(smallOn)
    print(
        String(
            format: "  sync of current files, one price changed upstream, history off  best %7.1f ms  median %7.1f ms",
            smallOffBest, smallOffMedian))
    print(
        String(
            format: "  the same, recording the one change           best %7.1f ms  median %7.1f ms  %+.1f%% best, "
                + "%+.1f%% median",
            smallOnBest, smallOnMedian, (smallOnBest / smallOffBest - 1) * 100,
            (smallOnMedian / smallOffMedian - 1) * 100))
    let (importBest, importMedian) = stats(imports)
    print(
        String(
            format: "  history import of the three snapshots             best %7.1f ms  median %7.1f ms (%d runs)",
            importBest, importMedian, imports.count))
    print(
        String(
            format: "  modelsync --version (start-up)                    best %7.1f ms  median %7.1f ms  (baseline)",
            versionBest, versionMedian))
    for (label, measured) in [
        ("history openai/gpt-4o", timeline), ("changes --since 2026-01-01 (9,604 changes)", changes),
        ("changes --since 2026-01-01 --provider openai", providerChanges),
    ] {
        let (best, median) = stats(measured)
        print(
            "  " + label.padding(toLength: 50, withPad: " ", startingAt: 0)
                + String(
                    format: "best %7.1f ms  median %7.1f ms  ratio %.2f× best, %.2f× median (goal < 2×)", best, median,
                    best / versionBest, median / versionMedian))
    }
    print(
        String(
            format: "  history of the three snapshots: %.2f MB (goal < 5 MB); peak memory of a recording sync %.0f MB",
            Double(size(imported)) / 1_000_000, on.map(\.peakMegabytes).max() ?? 0))
}
