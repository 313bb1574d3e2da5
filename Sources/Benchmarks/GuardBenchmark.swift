import Foundation

/// docs/guards.md#cost: what the guards add to `check` on the full 2026-07-02 catalog, in one run.
///
/// Baseline: `check` with every guard set to `apply` and no references (a settings file that turns them off). Measured:
/// `check` with the default guards and `references: [default_model]`. Both over the same 147 files, runs
/// alternating, in two states: every file current (the guards are never consulted), and the 2026-01-05 files
/// against the 2026-07-02 catalog (every change consulted; hundreds held).
func runGuardBenchmark(snapshotDirectory: String, runs: Int) throws {
    let workspace = try BenchmarkWorkspace(name: "guards", snapshotDirectory: snapshotDirectory)
    let older = (snapshotDirectory as NSString).appendingPathComponent("api-2026-01-05.json")
    let source = workspace.source
    let current = workspace.path("current")
    let outdated = workspace.path("outdated")
    for (directory, from) in [(current, source), (outdated, older)] {
        let setup = try workspace.modelsync(
            ["sync", "--quiet", "--all", "--allow-shrink", "--source", from, "--models-dir", directory])
        guard setup.status == 0 else { throw BenchmarkError(message: "set-up sync exited \(setup.status)") }
    }
    let guardless = workspace.path("guardless.yml")
    let standard = workspace.path("standard.yml")
    try Data(
        """
        guards: { price_factor: apply, price_to_zero: apply, limit_shrink: apply, capability_removed: apply }
        references: []

        """.utf8
    ).write(to: URL(fileURLWithPath: guardless))
    try Data("references: [default_model]\n".utf8).write(to: URL(fileURLWithPath: standard))

    print("\nGuards (docs/guards.md#cost): check --offline over 147 files, \(runs) runs each, alternating")
    for (label, directory, status) in [
        ("every file current", current, Int32(0)), ("2026-01-05 files, 2026-07-02 catalog", outdated, 1),
    ] {
        var without: [ProcessRun] = []
        var with: [ProcessRun] = []
        for _ in 0..<runs {
            let arguments = ["check", "--offline", "--quiet", "--source", source, "--models-dir", directory]
            without.append(try workspace.modelsync(arguments + ["--settings", guardless], discardOutput: true))
            with.append(try workspace.modelsync(arguments + ["--settings", standard], discardOutput: true))
        }
        guard (without + with).allSatisfy({ $0.status == status }) else {
            throw BenchmarkError(message: "check exited \((without + with).map(\.status)), expected \(status)")
        }
        print("  \(label):")
        for (measure, value) in [("wall", \ProcessRun.milliseconds), ("CPU", \ProcessRun.cpuMilliseconds)] {
            let baseline = without.map { $0[keyPath: value] }.sorted()
            let measured = with.map { $0[keyPath: value] }.sorted()
            let best = (baseline[0], measured[0])
            let median = (baseline[runs / 2], measured[runs / 2])
            print(
                String(
                    format:
                        "    %@ time: guards off best %6.1f ms, median %6.1f ms | guards on best %6.1f ms, median %6.1f ms"
                        + " | %+.1f%% best, %+.1f%% median (goal < 5%%)",
                    measure, best.0, median.0, best.1, median.1, (best.1 / best.0 - 1) * 100,
                    (median.1 / median.0 - 1) * 100))
        }
    }
}
