import Foundation

// Benchmarks for modelsync. Run from the package root:
//
//     swift build -c release --product modelsync
//     swift run -c release modelsync-benchmarks [yaml] [catalog] [sync] [list] [guards] [history] [--runs N] [--snapshot PATH]
//
// Each benchmark runs its baseline and the measured code in the same process run and prints both and their ratio.

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 10
var snapshot = "Tests/Fixtures/models-dev/api-2026-07-02.json"
var selected: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--runs":
        runs = arguments.first.flatMap(Int.init) ?? runs
        arguments = Array(arguments.dropFirst())
    case "--snapshot":
        snapshot = arguments.first ?? snapshot
        arguments = Array(arguments.dropFirst())
    default: selected.append(argument)
    }
}
if selected.isEmpty { selected = ["yaml", "catalog", "sync", "list", "guards", "history"] }

do {
    for name in selected {
        switch name {
        case "yaml": try runYAMLParseBenchmark(snapshotPath: snapshot, runs: runs)
        case "catalog": try runCatalogBenchmark(snapshotPath: snapshot)
        case "sync":
            try runSyncBenchmark(snapshotDirectory: (snapshot as NSString).deletingLastPathComponent, runs: runs)
        case "list":
            try runListBenchmark(snapshotDirectory: (snapshot as NSString).deletingLastPathComponent, runs: runs)
        case "guards":
            try runGuardBenchmark(snapshotDirectory: (snapshot as NSString).deletingLastPathComponent, runs: runs)
        case "history-parts":
            try runHistoryPartsBenchmark(
                snapshotDirectory: (snapshot as NSString).deletingLastPathComponent, runs: runs)
        case "history":
            try runHistoryBenchmark(snapshotDirectory: (snapshot as NSString).deletingLastPathComponent, runs: runs)
        default:
            FileHandle.standardError.write(
                Data("unknown benchmark '\(name)'; known: yaml, catalog, sync, list, guards, history\n".utf8))
            exit(64)
        }
    }
    print(String(format: "\npeak resident memory: %.1f MB", peakResidentMegabytes()))
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
