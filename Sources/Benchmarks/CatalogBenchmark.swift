import Foundation
import ModelsDevCatalog

/// Times decode + group of a models.dev snapshot with modelsync's decoder and with `JSONSerialization` on the
/// same bytes, in one process run, and prints both, their ratio and the goals (at most 40 ms, at least 3×).
///
/// Each contender runs `rounds` times after one warm-up; the best time counts (milliseconds, wall clock). The
/// result of each round is released after its clock stops, so freeing memory counts for neither contender.
func runCatalogBenchmark(snapshotPath: String, rounds: Int = 15) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
    var providers = 0
    var models = 0
    let decoder = try bestTime(rounds: rounds) { () throws -> Any in
        let catalog = try Catalog.decode(bytes, sourceName: snapshotPath)
        providers = catalog.providerCount
        models = catalog.modelCount
        return catalog
    }
    var serializationModels = 0
    let serialization = try bestTime(rounds: rounds) { () throws -> Any in
        let object = try JSONSerialization.jsonObject(with: bytes)
        serializationModels = 0
        for case let provider as [String: Any] in (object as? [String: Any] ?? [:]).values {
            serializationModels += (provider["models"] as? [String: Any])?.count ?? 0
        }
        return object
    }
    let ratio = serialization / decoder
    let name = URL(fileURLWithPath: snapshotPath).lastPathComponent
    print("catalog: \(name), \(bytes.count) bytes, \(providers) providers, \(models) models (best of \(rounds))")
    print(
        "  modelsync decode + group        \(format(decoder)) ms   goal: at most 40 ms   \(decoder <= 40 ? "met" : "MISSED")"
    )
    print("  JSONSerialization, same bytes   \(format(serialization)) ms   (\(serializationModels) models)")
    print(
        "  ratio                           \(format(ratio)) x    goal: at least 3 x    \(ratio >= 3 ? "met" : "MISSED")"
    )
}

private func bestTime(rounds: Int, _ body: () throws -> Any) throws -> Double {
    _ = try body()
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        withExtendedLifetime(result) { best = min(best, elapsed) }
    }
    return best
}

private func format(_ value: Double) -> String {
    String(format: "%6.1f", value)
}
