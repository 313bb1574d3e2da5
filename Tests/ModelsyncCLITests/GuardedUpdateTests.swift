import Foundation
import TestSupport
import Testing

/// Guards on real snapshot pairs, both ways (docs/guards.md): every provider file is synced from one snapshot, then
/// to the next with the default guards and, in a copy, with `--accept-held`.
///
/// The changes held must be exactly those the test derives on its own from the file and the newer snapshot (rules
/// written out again below); each held value must still read as before; every other change must be the one the
/// guard-less sync made; and accepting the held changes afterwards must give the guard-less files byte for byte.
@Suite struct GuardedUpdateTests {
    static let pairs = [
        ("api-2025-08-03.json", "api-2026-01-05.json"), ("api-2026-01-05.json", "api-2026-07-02.json"),
        ("api-2026-07-02.json", "api-2026-01-05.json"), ("api-2026-01-05.json", "api-2025-08-03.json"),
    ]

    /// One step each way by default; all four in the long tier.
    @Test(arguments: TestTier.runsLongSuites ? pairs : [pairs[1], pairs[2]])
    func heldChangesAreExactlyTheGuardedOnesAndAcceptingThemGivesTheGuardlessFiles(from: String, to: String)
        async throws
    {
        let runner = try CommandRunner()
        let older = Fixtures.modelsDev(from).path
        let newer = Fixtures.modelsDev(to).path
        try await runner.run(
            ["sync", "--quiet", "--all", "--allow-shrink", "--models-dir", "guarded", "--source", older], expecting: 0)
        try FileManager.default.copyItem(at: runner.directory.path("guarded"), to: runner.directory.path("reference"))
        let ids = runner.directory.files(in: "guarded").filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }
        let paths = { (directory: String) in ids.map { runner.directory.path("\(directory)/\($0).yml").path } }
        let before = try await PyYAMLReader.read(paths("guarded"))

        let guarded = try await runner.run(
            ["sync", "--json", "--allow-shrink", "--models-dir", "guarded", "--source", newer], expecting: 0)
        let guardless = try await runner.run(
            ["sync", "--json", "--allow-shrink", "--accept-held", "--models-dir", "reference", "--source", newer],
            expecting: 0)
        let guardedReport = try PlainJSON.parse(Data(guarded.stdout.utf8))
        let guardlessReport = try PlainJSON.parse(Data(guardless.stdout.utf8))
        let after = try await PyYAMLReader.read(paths("guarded"))
        let snapshot = try await Snapshot.load(to)

        var expected: Set<HeldKey> = []
        var reported: Set<HeldKey> = []
        for id in ids {
            let path = runner.directory.path("guarded/\(id).yml").path
            let file = try #require(before[path])
            for model in file["models"]?.members ?? [] {
                guard model.value["source"]?.stringValue == "models.dev",
                    let upstream = snapshot.models(of: id).first(where: { $0.key == model.key })
                else { continue }
                let desired = PlainValue.object(ExpectedConfig.model(upstream.value))
                expected.formUnion(Self.held(id, model.key, file: model.value, upstream: desired))
            }
            let report = try #require(
                guardedReport["providers"]?.arrayValue?.first { $0["provider"]?.stringValue == id })
            for item in report["held"]?.arrayValue ?? [] {
                let key = try #require(item["key"]?.stringValue)
                let model = try #require(item["model"]?.stringValue)
                let name = key == "capabilities" ? item["old"]?.stringValue : nil
                reported.insert(
                    HeldKey(file: id, model: model, key: key, capability: name, guard: item["guard"]?.stringValue ?? "")
                )
                // The held value reads as before.
                if key != "capabilities" {
                    let old = Self.value(at: key, in: try #require(before[path])["models"]?[model])
                    let now = Self.value(at: key, in: after[path]?["models"]?[model])
                    #expect(old == now, "\(id)/\(model) \(key) changed although held")
                }
            }
        }
        #expect(!expected.isEmpty, "the pair \(from) → \(to) has changes to hold")
        #expect(
            reported == expected, "missing: \(expected.subtracting(reported)), extra: \(reported.subtracting(expected))"
        )

        // Every change the guarded sync made is one the guard-less sync made.
        for id in ids {
            let made = Self.changes(of: id, in: guardedReport)
            let all = Self.changes(of: id, in: guardlessReport)
            #expect(made.isSubset(of: all), "\(id): \(made.subtracting(all))")
        }

        // Accepting the held changes gives the guard-less files, byte for byte.
        let accepted = try await runner.run(
            ["sync", "--quiet", "--allow-shrink", "--accept-held", "--models-dir", "guarded", "--source", newer],
            expecting: 0)
        #expect(!accepted.stdout.contains("held"), "\(accepted.stdout)")
        for id in ids {
            let guardedText = try runner.directory.read("guarded/\(id).yml")
            let referenceText = try runner.directory.read("reference/\(id).yml")
            #expect(guardedText == referenceText, "\(id).yml differs from the guard-less sync after --accept-held")
        }
    }

    /// One held change: the file, the model, the key, the capability for `capabilities`, and the guard.
    struct HeldKey: Hashable, CustomStringConvertible {
        var file: String
        var model: String
        var key: String
        var capability: String?
        var `guard`: String

        var description: String { "\(file)/\(model):\(key)\(capability.map { "(\($0))" } ?? "") [\(`guard`)]" }
    }

    // MARK: The guards' rules, written out again (docs/guards.md)

    static let priceKeys = ExpectedConfig.priceKeys
    static let limitKeys = ["context_window", "max_input_tokens", "max_output_tokens"]

    /// What the default guards hold when `file` (a model's data) is synced to `upstream` (its managed data).
    static func held(_ fileID: String, _ model: String, file: PlainValue, upstream: PlainValue) -> Set<HeldKey> {
        var result: Set<HeldKey> = []
        func add(_ key: String, _ guardName: String, capability: String? = nil) {
            result.insert(HeldKey(file: fileID, model: model, key: key, capability: capability, guard: guardName))
        }
        for key in limitKeys {
            if let old = file[key]?.doubleValue, let new = upstream[key]?.doubleValue, new < old {
                add(key, "limit_shrink")
            }
        }
        if let pricing = file["pricing"] {
            if let newPricing = upstream["pricing"] {
                for (key, guardName) in pricesHeld(pricing, newPricing) { add("pricing." + key, guardName) }
                if let over = pricing["context_over_200k"] {
                    if let newOver = newPricing["context_over_200k"] {
                        for (key, guardName) in pricesHeld(over, newOver) {
                            add("pricing.context_over_200k." + key, guardName)
                        }
                    } else if hasPositivePrice(over) {
                        add("pricing.context_over_200k", "price_to_zero")
                    }
                }
                if let tiers = pricing["tiers"], let guardName = tiersHeld(tiers, newPricing["tiers"]) {
                    add("pricing.tiers", guardName)
                }
            } else if hasPositivePrice(pricing) {
                add("pricing", "price_to_zero")
            }
        }
        let derived = Set((upstream["capabilities"]?.arrayValue ?? []).compactMap(\.stringValue))
        for item in file["capabilities"]?.arrayValue ?? [] {
            if let name = item.stringValue, ExpectedConfig.capabilities.contains(name), !derived.contains(name) {
                add("capabilities", "capability_removed", capability: name)
            }
        }
        return result
    }

    /// The price keys of one price mapping that the default guards hold, with the guard.
    static func pricesHeld(_ old: PlainValue, _ new: PlainValue) -> [(String, String)] {
        priceKeys.compactMap { key in
            guard let before = old[key]?.doubleValue else { return nil }
            return priceHeld(before, new[key]?.doubleValue).map { (key, $0) }
        }
    }

    /// The guard that holds a price going from `old` to `new` (`nil`: removed), if any.
    static func priceHeld(_ old: Double, _ new: Double?) -> String? {
        guard let new else { return old > 0 ? "price_to_zero" : nil }
        if (old > 0) != (new > 0) { return "price_to_zero" }
        guard old > 0 else { return nil }
        let ratio = new / old
        return ratio > 10.000_001 || ratio < 0.099_999_99 ? "price_factor" : nil
    }

    static func hasPositivePrice(_ prices: PlainValue) -> Bool {
        if let tiers = prices.arrayValue { return tiers.contains(where: hasPositivePrice) }
        return priceKeys.contains { (prices[$0]?.doubleValue ?? 0) > 0 }
            || (prices["context_over_200k"].map(hasPositivePrice) ?? false)
            || (prices["tiers"].map(hasPositivePrice) ?? false)
    }

    /// Tiers matched by `min_context`: the first price of a tier held, or a tier with a price that goes.
    static func tiersHeld(_ old: PlainValue, _ new: PlainValue?) -> String? {
        guard let new else { return hasPositivePrice(old) ? "price_to_zero" : nil }
        for tier in old.arrayValue ?? [] {
            let match = (new.arrayValue ?? []).first { $0["min_context"] == tier["min_context"] }
            guard let match else {
                if hasPositivePrice(tier) { return "price_to_zero" }
                continue
            }
            if let first = pricesHeld(tier, match).first { return first.1 }
        }
        return nil
    }

    /// The value at a dotted key path of a model.
    static func value(at key: String, in model: PlainValue?) -> PlainValue? {
        var current = model
        for part in key.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    /// The `(model, key, new)` of each change a report lists for a file, as text (`new` left out for capabilities).
    static func changes(of id: String, in report: PlainValue) -> Set<String> {
        let provider = report["providers"]?.arrayValue?.first { $0["provider"]?.stringValue == id }
        return Set(
            (provider?["changed"]?.arrayValue ?? []).map { change in
                // A list of capabilities differs by the items held; the change itself is the same one.
                let key = change["key"]?.stringValue ?? ""
                let new = key == "capabilities" ? "" : "\(change["new"] ?? .null)"
                return "\(change["model"]?.stringValue ?? "-") \(key) \(new)"
            })
    }
}
