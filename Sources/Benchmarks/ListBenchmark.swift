import Foundation
import TestSupport

/// `modelsync list` over the full 2026-07-02 catalog against `modelsync providers`, whole processes, in one run.
///
/// Both read the cached catalog and decode it; `list` then derives, sorts and prints 5,276 rows. The goal: `list`
/// takes under 2× what `providers` takes. The catalog is served once from a loopback HTTP server to fill the cache;
/// the measured runs are `--offline` with standard output sent to /dev/null, interleaved so that load from elsewhere
/// falls on both alike. Each figure is the best (and median) of `runs` runs.
func runListBenchmark(snapshotDirectory: String, runs: Int) throws {
    let workspace = try BenchmarkWorkspace(name: "list", snapshotDirectory: snapshotDirectory)
    func modelsync(_ arguments: [String], discardOutput: Bool = true) throws -> ProcessRun {
        try workspace.modelsync(arguments + ["--source", workspace.source], discardOutput: discardOutput)
    }

    // Set-up: fill the cache once over HTTP, and check that list prints every model.
    let setup = try modelsync(["providers", "--quiet"])
    guard setup.status == 0 else { throw BenchmarkError(message: "set-up providers exited \(setup.status)") }
    let check = try modelsync(["list", "--offline", "--quiet"], discardOutput: false)
    let rows = check.output.split(separator: "\n").count - 1
    guard check.status == 0, rows == 5_276 else {
        throw BenchmarkError(message: "set-up list exited \(check.status) with \(rows) rows, expected 5276")
    }
    print("\nworkload: the 2026-07-02 catalog from the cache, 147 providers, \(rows) models")

    var providers: [ProcessRun] = []
    var list: [ProcessRun] = []
    var json: [ProcessRun] = []
    for _ in 0..<runs {
        providers.append(try modelsync(["providers", "--offline"]))
        list.append(try modelsync(["list", "--offline"]))
        json.append(try modelsync(["list", "--offline", "--json"]))
    }
    for (name, results) in [("providers", providers), ("list", list), ("list --json", json)]
    where results.contains(where: { $0.status != 0 }) {
        throw BenchmarkError(message: "\(name) exited \(results.map(\.status))")
    }

    func figures(_ results: [ProcessRun]) -> (best: Double, median: Double, memory: Double) {
        let times = results.map(\.milliseconds).sorted()
        return (times.first ?? 0, times[times.count / 2], results.map(\.peakMegabytes).max() ?? 0)
    }
    let baseline = figures(providers)
    print("\nlist vs providers (\(runs) runs each, whole processes, --offline, stdout to /dev/null, best / median)")
    print(
        String(
            format: "  %-36@ best %7.1f ms  median %7.1f ms  (baseline)  peak %.0f MB", "providers --offline",
            baseline.best, baseline.median, baseline.memory))
    for (name, results) in [("list --offline (5,276 rows)", list), ("list --offline --json", json)] {
        let measured = figures(results)
        print(
            String(
                format: "  %-36@ best %7.1f ms  median %7.1f ms  ratio %.2f× best, %.2f× median  peak %.0f MB",
                name, measured.best, measured.median, measured.best / baseline.best,
                measured.median / baseline.median, measured.memory))
    }
    print("  goal: list < 2× providers")
}
