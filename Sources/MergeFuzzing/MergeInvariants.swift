import Diagnostics
import Foundation
import LosslessYAML
import ModelSync

/// The promises a merge keeps on any input, checked on one: what the mutation property test and the fuzzer ask of
/// every file they make.
///
/// - No crash (the check returns).
/// - Input that does not parse, or that the merge refuses, is an error naming the file (positioned when it is about a
///   place in the file); the merge writes nothing then (it returns no bytes).
/// - A merge that changes the file gives text that parses, reads as the input's data wherever the data is the
///   user's (see ``userView(of:)``), keeps every comment (unless a managed entry that owned it was removed), and is a
///   fixed point: merging the result again changes nothing.
public struct MergeInvariants: Sendable {
    public let fileID: String
    public let desired: DesiredProvider
    public let options: MergeOptions

    /// Merges a document into new bytes (nil when it is current), filling the report.
    public typealias Merge = @Sendable (YAMLDocument, inout ProviderReport) throws -> [UInt8]?

    /// The merge checked: ``ConfigMerger`` unless a test hands in a broken one to see the checks catch it.
    let merge: Merge

    public init(
        fileID: String, desired: DesiredProvider, options: MergeOptions = MergeOptions(), merge: Merge? = nil
    ) {
        self.fileID = fileID
        self.desired = desired
        self.options = options
        self.merge =
            merge ?? { document, report in
                try ConfigMerger(fileID: fileID, desired: desired, options: options).merge(
                    into: document, report: &report)
            }
    }

    /// The path the checked files are named by.
    public var path: String { "config/models/\(fileID).yml" }

    /// What happened to one input.
    public enum Outcome: String, Equatable, Sendable {
        /// The input does not parse: a YAML error.
        case refusedInput
        /// The merge refused the file (a root that is not a mapping, an edit it cannot make safely).
        case refusedMerge
        /// The file is current.
        case unchanged
        /// The merge changed the file.
        case changed
    }

    /// The bytes a merge of `bytes` writes: `nil` when the file is current or the merge refuses it.
    public func mergedBytes(_ bytes: [UInt8]) -> [UInt8]? {
        guard let document = try? YAMLDocument(bytes: bytes, path: path) else { return nil }
        var report = ProviderReport(provider: fileID, upstream: desired.upstreamID, file: path, status: .unchanged)
        return (try? merge(document, &report)) ?? nil
    }

    /// Merges `bytes` and returns what happened and every promise broken (empty when all hold).
    public func check(_ bytes: [UInt8]) -> (outcome: Outcome, violations: [String]) {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(bytes: bytes, path: path)
        } catch {
            return (.refusedInput, problemsOfRefusal(error, parse: true))
        }
        var report = ProviderReport(provider: fileID, upstream: desired.upstreamID, file: path, status: .unchanged)
        let output: [UInt8]?
        do {
            output = try merge(document, &report)
        } catch {
            return (.refusedMerge, problemsOfRefusal(error, parse: false))
        }
        guard let output else { return (.unchanged, []) }
        var violations: [String] = []
        let after: YAMLDocument
        do {
            after = try YAMLDocument(bytes: output, path: path)
        } catch {
            return (.changed, ["the merged text does not parse: \(error)"])
        }
        let before = Self.userView(of: document, desired: desired, options: options, removed: Set(report.removed))
        let now = Self.userView(of: after, desired: desired, options: options, keepingModels: before.modelIDs)
        if before.value != now.value {
            violations.append("the user's data changed: \(Self.firstDifference(before.value, now.value))")
        }
        let unexplained = Self.commentsLostWithoutCause(from: document, to: after, report: report)
        if !unexplained.isEmpty { violations.append("comments lost: \(unexplained)") }
        var again = ProviderReport(provider: fileID, upstream: desired.upstreamID, file: path, status: .unchanged)
        do {
            if let second = try merge(after, &again) {
                violations.append(
                    "a second merge changes the file again (\(again.changed.map(\.key))):\n"
                        + String(decoding: second, as: UTF8.self))
            }
        } catch {
            violations.append("a second merge fails: \(error)")
        }
        return (.changed, violations)
    }

    /// What is wrong with a refusal: a diagnostic must name the file, and a parse error its place in it.
    private func problemsOfRefusal(_ error: any Error, parse: Bool) -> [String] {
        guard let diagnostic = (error as? DiagnosticConvertible)?.diagnostic else {
            return ["a refusal that is not a diagnostic: \(error)"]
        }
        guard diagnostic.path == path else { return ["a refusal that does not name the file: \(diagnostic)"] }
        if parse, case let yaml as YAMLError = error {
            switch yaml {
            case .inputTooLarge, .unsupportedEncoding, .invalidEdit, .verificationFailed: break
            default:
                if diagnostic.position == nil { return ["a parse error without a position: \(diagnostic)"] }
            }
        }
        return []
    }

    /// The document's data with the managed data taken out: what a merge must leave as it is.
    ///
    /// At the provider level, the managed keys and `provider`; in each model the merge syncs (`source: models.dev`
    /// or no `source` and listed upstream, not excluded or refused), the managed keys, except the user's items of
    /// `capabilities` and the user's keys inside `pricing` and `modalities`. `keepingModels`: models to keep in the
    /// view (others, new ones, are left out).
    static func userView(
        of document: YAMLDocument, desired: DesiredProvider, options: MergeOptions, keepingModels: [String]? = nil,
        removed: Set<String> = []
    ) -> (value: YAMLValue, modelIDs: [String]) {
        guard let root = document.root, case .mapping(let entries, _) = document.value(of: root) else {
            // An empty file reads as an empty mapping: the merge fills it like one.
            let value = document.root.map { document.value(of: $0) } ?? .null
            return (value == .null ? .mapping([], style: .block) : value, [])
        }
        let upstream = Set(desired.models.map(\.id))
        let refused = Set(desired.refused.map(\.id))
        var modelIDs: [String] = []
        var kept: [YAMLMappingEntry] = []
        for entry in entries {
            guard case .string(let key) = entry.key else {
                kept.append(entry)
                continue
            }
            if key == "provider" || ManagedKeys.providerKeys.contains(key) { continue }
            // `models` with no value is filled in like an empty mapping.
            if key == "models", entry.value == .null { continue }
            guard key == "models", case .mapping(let models, let modelsStyle) = entry.value else {
                kept.append(entry)
                continue
            }
            var viewModels: [YAMLMappingEntry] = []
            for model in models {
                let id = model.key.stringValue ?? ""
                if let keepingModels, !keepingModels.contains(id) { continue }
                modelIDs.append(id)
                let synced =
                    !refused.contains(id) && options.excluded.firstMatch(id) == nil
                guard case .mapping(let fields, let fieldStyle) = model.value else {
                    // A model written with no value is filled in like an empty mapping.
                    let filled = model.value == .null && upstream.contains(id) && synced
                    viewModels.append(
                        filled ? YAMLMappingEntry(key: model.key, value: .mapping([], style: .block)) : model)
                    continue
                }
                let source = fields.first { $0.key == .string("source") }?.value
                let adopted = source == .string(ManagedKeys.sourceValue) || (source == nil && upstream.contains(id))
                guard adopted && synced else {
                    viewModels.append(model)
                    continue
                }
                let mine = userFields(fields)
                // A model the merge pruned may go only when nothing in it is the user's.
                if removed.contains(id), mine.allSatisfy({ $0.key == .string("source") }) {
                    modelIDs.removeLast()
                    continue
                }
                viewModels.append(YAMLMappingEntry(key: model.key, value: .mapping(mine, style: fieldStyle)))
            }
            // `models` itself is structure the merge adds: it is the user's only through the user's data in it.
            if !viewModels.isEmpty {
                kept.append(YAMLMappingEntry(key: entry.key, value: .mapping(viewModels, style: modelsStyle)))
            }
        }
        return (.mapping(kept, style: .block), modelIDs)
    }

    /// A synced model's fields without the managed data.
    private static func userFields(_ fields: [YAMLMappingEntry]) -> [YAMLMappingEntry] {
        fields.compactMap { field -> YAMLMappingEntry? in
            guard case .string(let key) = field.key, ManagedKeys.modelKeys.contains(key) else { return field }
            switch (key, field.value) {
            case ("capabilities", .sequence(let items, let style)):
                let mine = items.filter { item in
                    item.stringValue.map { !ManagedKeys.capabilities.contains($0) } ?? true
                }
                return mine.isEmpty ? nil : YAMLMappingEntry(key: field.key, value: .sequence(mine, style: style))
            case ("pricing", .mapping(let prices, let style)):
                let mine = prices.filter { price in
                    price.key.stringValue.map { !ManagedKeys.pricingKeys.contains($0) } ?? true
                }
                return mine.isEmpty ? nil : YAMLMappingEntry(key: field.key, value: .mapping(mine, style: style))
            case ("modalities", .mapping(let members, let style)):
                let mine = members.filter { member in
                    member.key.stringValue.map { !ManagedKeys.modalityKeys.contains($0) } ?? true
                }
                return mine.isEmpty ? nil : YAMLMappingEntry(key: field.key, value: .mapping(mine, style: style))
            default:
                return nil
            }
        }
    }

    /// Where two values first differ, as a key path and both sides (`models.gpt-4o.notes: "a" became "b"`).
    static func firstDifference(_ before: YAMLValue, _ after: YAMLValue, at path: String = "") -> String {
        let here = path.isEmpty ? "the root" : path
        switch (before, after) {
        case (.mapping(let left, _), .mapping(let right, _)):
            for (index, entry) in left.enumerated() {
                let key = entry.key.stringValue ?? "\(entry.key)"
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard index < right.count else { return "\(child) is gone" }
                if right[index].key != entry.key {
                    return "\(here): key \(key) became \(right[index].key.stringValue ?? "\(right[index].key)")"
                }
                if right[index].value != entry.value {
                    return firstDifference(entry.value, right[index].value, at: child)
                }
            }
            return "\(here): new key \(right[left.count].key)"
        case (.sequence(let left, _), .sequence(let right, _)) where left.count == right.count:
            for (index, item) in left.enumerated() where item != right[index] {
                return firstDifference(item, right[index], at: "\(path)[\(index)]")
            }
            return "\(here) differs"
        default:
            return "\(here): \(before) became \(after)"
        }
    }
}
