import CatalogHistory
import Foundation
import ModelsDevCatalog

/// The parts of recording a catalog, in-process, for finding where the history's time goes.
///
/// Building a catalog's state, and recording it after the one before: a one-price change, and half a year of changes.
func runHistoryPartsBenchmark(snapshotDirectory: String, runs: Int) throws {
    let read = { (date: String) in
        try Data(
            contentsOf: URL(fileURLWithPath: (snapshotDirectory as NSString).appendingPathComponent("api-\(date).json"))
        )
    }
    let older = try Catalog.decode(try read("2026-01-05"), sourceName: "2026-01-05")
    let latestText = String(decoding: try read("2026-07-02"), as: UTF8.self)
    let latest = try Catalog.decode(Data(latestText.utf8), sourceName: "2026-07-02")
    let changed = try Catalog.decode(
        Data(latestText.replacingOccurrences(of: "\"cost\":{\"input\":0.132,", with: "\"cost\":{\"input\":0.14,").utf8),
        sourceName: "changed")
    let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("modelsync-bench-parts-\(getpid())")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let source = "https://models.dev/api.json"
    func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
    var state: [Double] = []
    var small: [Double] = []
    var large: [Double] = []
    for round in 0..<runs {
        state.append(milliseconds { _ = CatalogState(latest) })
        for (base, next, times) in [(latest, changed, 0), (older, latest, 1)] {
            let path = (directory as NSString).appendingPathComponent("h-\(round)-\(times).sqlite")
            let store = try SQLiteHistoryStore(path: path, create: true)
            _ = try store.record(CatalogState(base), source: source, at: Date(timeIntervalSince1970: 1_000), etag: nil)
            let time = try milliseconds {
                _ = try store.record(
                    CatalogState(next), source: source, at: Date(timeIntervalSince1970: 2_000), etag: nil)
            }
            if times == 0 { small.append(time) } else { large.append(time) }
        }
    }
    let report = { (label: String, values: [Double]) in
        let sorted = values.sorted()
        print(
            "  " + label.padding(toLength: 52, withPad: " ", startingAt: 0)
                + String(format: "best %6.1f ms  median %6.1f ms", sorted[0], sorted[sorted.count / 2]))
    }
    print("\nHistory parts, in-process, \(runs) runs")
    report("CatalogState of the 2026-07-02 catalog", state)
    report("state + record, one price changed", small)
    report("state + record, 2026-01-05 → 2026-07-02", large)
}
