import Foundation
import TestSupport

/// What one provider file must hold after each sync of a snapshot walk, tracked by the test from the snapshots
/// alone: the managed data of every model it should list (vanished ones included), and the user's pins.
struct ExpectedFile: Sendable {
    /// The file id (`<id>.yml`), which is also the upstream provider id here.
    let id: String
    var providerMembers: [PlainMember] = []
    /// Managed members of every model the file lists, by model id.
    var models: [String: [PlainMember]] = [:]
    /// Managed keys pinned per model (dotted for nested keys), as the test wrote them into the file.
    var pins: [String: [String]] = [:]
    /// Models the test gave a user-owned key (`notes`, `pinned`, …): `--prune` keeps them.
    var userOwned: Set<String> = []
    /// Models inserted by the last step, whose capabilities must be in canonical order.
    var lastAdded: Set<String> = []

    /// Model ids a step adds, removes (`--prune`) and marks unavailable, each sorted.
    struct StepReport: Equatable, Sendable, CustomStringConvertible {
        var added: [String] = []
        var removed: [String] = []
        var unavailable: [String] = []

        var description: String { "added \(added), removed \(removed), unavailable \(unavailable)" }
    }

    /// Applies one sync of `provider` (its catalog entry) and returns what the sync must report.
    mutating func apply(_ provider: PlainValue, prune: Bool) -> StepReport {
        var report = StepReport()
        providerMembers = ExpectedConfig.provider(provider)
        let upstream = provider["models"]?.members ?? []
        let upstreamIDs = Set(upstream.map(\.key))
        for member in upstream {
            var wanted = ExpectedConfig.model(member.value)
            if let old = models[member.key] {
                for pin in pins[member.key] ?? [] {
                    let path = pin.split(separator: ".").map(String.init)
                    wanted = Self.setting(path, to: Self.value(at: path, in: old), in: wanted)
                }
            } else {
                report.added.append(member.key)
            }
            models[member.key] = wanted
        }
        for id in models.keys.sorted() where !upstreamIDs.contains(id) {
            guard var old = models[id] else { continue }
            if prune && !userOwned.contains(id) {
                models[id] = nil
                report.removed.append(id)
                continue
            }
            if pins[id]?.contains("available") == true { continue }
            if Self.value(at: ["available"], in: old) == .bool(true) {
                old = Self.setting(["available"], to: .bool(false), in: old)
                models[id] = old
                report.unavailable.append(id)
            }
        }
        lastAdded = Set(report.added)
        report.added.sort()
        return report
    }

    /// The value at a dotted path in members, `nil` when absent.
    static func value(at path: [String], in members: [PlainMember]) -> PlainValue? {
        guard let first = path.first, let value = members.first(where: { $0.key == first })?.value else { return nil }
        if path.count == 1 { return value }
        return Self.value(at: Array(path.dropFirst()), in: value.members)
    }

    /// `members` with the value at `path` replaced, inserted (at the end) or removed (`nil`).
    static func setting(_ path: [String], to value: PlainValue?, in members: [PlainMember]) -> [PlainMember] {
        guard let first = path.first else { return members }
        var result = members
        let index = result.firstIndex { $0.key == first }
        if path.count > 1 {
            let inner = index.map { result[$0].value.members } ?? []
            let updated = setting(Array(path.dropFirst()), to: value, in: inner)
            if let index {
                result[index].value = .object(updated)
            } else if !updated.isEmpty {
                result.append(PlainMember(first, .object(updated)))
            }
            return result
        }
        switch (index, value) {
        case (let index?, let value?): result[index].value = value
        case (let index?, nil): result.remove(at: index)
        case (nil, let value?): result.append(PlainMember(first, value))
        case (nil, nil): break
        }
        return result
    }

    /// Every way the file's data (as PyYAML reads it) differs from what it must hold; empty when it matches.
    ///
    /// `userProviderKeys` are the provider-level keys the test added, which must read as given.
    func mismatches(in data: PlainValue, userProviderKeys: [PlainMember] = []) -> [String] {
        var issues: [String] = []
        let file = "\(id).yml"
        if data.keys.first != "provider" || data["provider"] != .string(id) {
            issues.append("\(file): 'provider: \(id)' is not the first key")
        }
        for key in ExpectedConfig.providerKeys {
            let wanted = providerMembers.first { $0.key == key }?.value
            issues += Self.compare(wanted, data[key], at: "\(file): \(key)")
        }
        for member in userProviderKeys where data[member.key] != member.value {
            issues.append("\(file): user key \(member.key) reads \(data[member.key]?.description ?? "nothing")")
        }
        let providerOrder = data.keys.compactMap { (["provider"] + ExpectedConfig.providerKeys).firstIndex(of: $0) }
        if providerOrder != providerOrder.sorted() {
            issues.append("\(file): provider keys out of canonical order: \(data.keys)")
        }
        let fileModels = data["models"]?.members ?? []
        let ids = fileModels.map(\.key)
        if ids != ids.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            issues.append("\(file): models are no longer in code-point order")
        }
        let fileIDs = Set(fileModels.map(\.key))
        let wantedIDs = Set(models.keys)
        if fileIDs != wantedIDs || fileModels.count != fileIDs.count {
            issues.append(
                "\(file): models missing \(wantedIDs.subtracting(fileIDs).sorted()), unexpected "
                    + "\(fileIDs.subtracting(wantedIDs).sorted()), \(fileModels.count - fileIDs.count) duplicates")
        }
        for model in fileModels {
            guard let wanted = models[model.key] else { continue }
            issues += modelMismatches(
                model.value, wanted: wanted, at: "\(file): \(model.key)", isNew: lastAdded.contains(model.key))
        }
        return issues
    }

    private func modelMismatches(_ data: PlainValue, wanted: [PlainMember], at label: String, isNew: Bool) -> [String] {
        var issues: [String] = []
        for key in ExpectedConfig.modelKeys {
            let want = wanted.first { $0.key == key }?.value
            if key == "capabilities", let want, let have = data[key] {
                let managed = (have.arrayValue ?? []).compactMap(\.stringValue).filter(
                    ExpectedConfig.capabilities.contains)
                let wantNames = (want.arrayValue ?? []).compactMap(\.stringValue)
                if Set(managed) != Set(wantNames) || managed.count != Set(managed).count {
                    issues.append("\(label).capabilities: \(managed) instead of \(wantNames)")
                }
                if isNew, have != want {
                    issues.append("\(label).capabilities of a new model: \(have) instead of \(want)")
                }
                continue
            }
            issues += Self.compare(want, data[key], at: "\(label).\(key)")
        }
        let managedOrder = data.keys.compactMap { ExpectedConfig.modelKeys.firstIndex(of: $0) }
        if managedOrder != managedOrder.sorted() {
            issues.append("\(label): managed keys out of canonical order: \(data.keys)")
        }
        let pricingOrder = (data["pricing"]?.keys ?? []).compactMap {
            (ExpectedConfig.priceKeys + ["context_over_200k", "tiers"]).firstIndex(of: $0)
        }
        if pricingOrder != pricingOrder.sorted() {
            issues.append("\(label).pricing: keys out of order: \(data["pricing"]?.keys ?? [])")
        }
        return issues
    }

    /// How `have` (read from the file) differs from `want` (from the catalog): numbers by value, integers written as
    /// integers, strings as strings (never dates), lists in order, mappings by key.
    static func compare(_ want: PlainValue?, _ have: PlainValue?, at label: String) -> [String] {
        switch (want, have) {
        case (nil, nil): return []
        case (nil, let have?): return ["\(label): present (\(have)) but absent upstream"]
        case (let want?, nil): return ["\(label): missing, upstream has \(want)"]
        case (.number(let wantText)?, .number(let haveText)?):
            let integer = !wantText.contains(where: { ".eE".contains($0) })
            if integer {
                return Int(haveText) == Int(wantText)
                    ? [] : ["\(label): \(haveText) instead of the integer \(wantText)"]
            }
            return Double(haveText) == Double(wantText) ? [] : ["\(label): \(haveText) instead of \(wantText)"]
        case (.array(let wantItems)?, .array(let haveItems)?):
            guard wantItems.count == haveItems.count else {
                return ["\(label): \(PlainValue.array(haveItems)) instead of \(PlainValue.array(wantItems))"]
            }
            return zip(wantItems, haveItems).enumerated().flatMap { index, pair in
                compare(pair.0, pair.1, at: "\(label)[\(index)]")
            }
        case (.object(let wantMembers)?, .object(let haveMembers)?):
            let keys =
                wantMembers.map(\.key)
                + haveMembers.map(\.key).filter { key in
                    !wantMembers.contains { $0.key == key }
                }
            return keys.flatMap { key in
                compare(
                    wantMembers.first { $0.key == key }?.value, haveMembers.first { $0.key == key }?.value,
                    at: "\(label).\(key)")
            }
        case (let want?, let have?):
            return want == have ? [] : ["\(label): \(have) instead of \(want)"]
        }
    }
}
