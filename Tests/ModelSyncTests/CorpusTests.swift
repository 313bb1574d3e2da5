import Foundation
import LosslessYAML
import TestSupport
import Testing

@testable import ModelSync

/// Hand-edited provider files, written the way people write them, synced to the 2026-07-02 catalog.
///
/// Each file starts from what the 2026-01-05 catalog said and was then edited by hand (comments, user keys, pins,
/// anchors, other layouts), so the sync has real work. Its output is a golden file; on top of the byte comparison,
/// every case is checked for what the sync promises: a second sync changes nothing, user-owned entries and pinned
/// values keep their exact text, every comment survives, and the managed data equals the catalog.
@Suite struct CorpusTests {
    static let cases: [CorpusCase] = [
        CorpusCase(name: "anthropic", fileID: "anthropic", upstream: "anthropic"),
        CorpusCase(
            name: "openai-selected", fileID: "openai", upstream: "openai",
            options: MergeOptions(selectedModelsOnly: true)),
        CorpusCase(name: "gemini-crlf", fileID: "gemini", upstream: "google"),
        CorpusCase(
            name: "amazon-bedrock-anchors", fileID: "amazon-bedrock", upstream: "amazon-bedrock",
            options: MergeOptions(selectedModelsOnly: true)),
        CorpusCase(
            name: "cloudflare-workers-ai-prune", fileID: "cloudflare-workers-ai", upstream: "cloudflare-workers-ai",
            options: MergeOptions(prune: true), droppedComments: ["# Open-weights reasoning model; cheap for evals."]),
        CorpusCase(
            name: "groq-bom", fileID: "groq", upstream: "groq", droppedComments: ["# from the Qwen3 announcement"]),
        CorpusCase(name: "mistral-flow", fileID: "mistral", upstream: "mistral"),
        CorpusCase(name: "deepseek-stale", fileID: "deepseek", upstream: "deepseek"),
        CorpusCase(name: "xai-unsorted", fileID: "xai", upstream: "xai"),
        CorpusCase(
            name: "togetherai-indentless", fileID: "togetherai", upstream: "togetherai",
            options: MergeOptions(selectedModelsOnly: true),
            droppedComments: ["# Together's V3 endpoint used to accept the reasoning flag"]),
        CorpusCase(
            name: "cohere-capabilities", fileID: "cohere", upstream: "cohere",
            droppedComments: [
                "# Command A thinks only when asked to (thinking: enabled).", "# see the thinking parameter",
            ]),
        CorpusCase(name: "moonshotai-empty", fileID: "moonshotai", upstream: "moonshotai"),
        CorpusCase(name: "perplexity-current", fileID: "perplexity", upstream: "perplexity"),
        CorpusCase(
            name: "nvidia-shapes", fileID: "nvidia", upstream: "nvidia", options: MergeOptions(selectedModelsOnly: true)
        ),
        CorpusCase(
            name: "openrouter-selected", fileID: "openrouter", upstream: "openrouter",
            options: MergeOptions(selectedModelsOnly: true), droppedComments: ["# was in beta when we added it"]),
        CorpusCase(
            name: "vercel-quoted-keys", fileID: "vercel", upstream: "vercel",
            options: MergeOptions(selectedModelsOnly: true), droppedComments: ["# list price, December"]),
        CorpusCase(name: "fireworks-ai-whitespace", fileID: "fireworks-ai", upstream: "fireworks-ai"),
    ]

    @Test(arguments: cases)
    func syncedFileMatchesItsGoldenOutput(_ corpus: CorpusCase) throws {
        let outcome = try corpus.merge()
        try GoldenFile.expect(outcome.bytes, matches: corpus.expectedURL)
        try GoldenFile.expect(CorpusGolden.reportText(outcome.report), matches: corpus.reportURL)
    }

    @Test(arguments: cases)
    func aSecondSyncChangesNothing(_ corpus: CorpusCase) throws {
        let first = try corpus.merge()
        let second = try corpus.merge(try YAMLDocument(bytes: first.bytes, path: corpus.path))
        #expect(!second.changed, "the second sync rewrote \(corpus.name)")
        #expect(second.report.changed.isEmpty)
        #expect(second.report.added.isEmpty)
        #expect(second.report.unavailable.isEmpty)
        #expect(second.report.removed.isEmpty)
        #expect(second.report.conflicts == first.report.conflicts)
    }

    @Test(arguments: cases)
    func userOwnedEntriesAndPinnedValuesKeepTheirExactText(_ corpus: CorpusCase) throws {
        let outcome = try corpus.merge()
        let input = outcome.input
        let output = try YAMLDocument(bytes: outcome.bytes, path: corpus.path)
        let inputRoot = try #require(input.root)
        let outputRoot = try #require(output.root)
        let conflicted = Set(outcome.report.conflicts.map { "\($0.model ?? "")|\($0.key)" })

        // Provider level: every key but the managed ones and `models`.
        for (key, value) in input.entries(of: inputRoot) {
            guard let name = input.value(of: key).stringValue else { continue }
            if ManagedKeys.providerKeys.contains(name) && !conflicted.contains("|\(name)") || name == "models" {
                continue
            }
            try expectSameEntry(name, in: input, key: key, value: value, output: output, mapping: outputRoot)
        }

        guard let inputModels = input.value(forKey: "models", in: inputRoot),
            input.kind(of: inputModels) == .mapping
        else { return }
        let outputModels = try #require(output.value(forKey: "models", in: outputRoot))
        for (key, value) in input.entries(of: inputModels) {
            guard let id = input.value(of: key).stringValue else { continue }
            if outcome.report.removed.contains(id) {
                #expect(output.entry(forKey: id, in: outputModels) == nil)
                continue
            }
            // An empty entry (`id:` with nothing) that upstream lists is filled in by the sync.
            if input.value(of: value) == .null { continue }
            let source = input.value(forKey: "source", in: value).map { input.value(of: $0) }
            let synced = source == nil || source == .string(ManagedKeys.sourceValue)
            guard synced, input.kind(of: value) == .mapping else {
                // The user's own model: every byte of it stays.
                try expectSameEntry(id, in: input, key: key, value: value, output: output, mapping: outputModels)
                continue
            }
            let outputModel = try #require(output.value(forKey: id, in: outputModels), "model \(id) disappeared")
            let pinned = pins(input, value)
            for (modelKey, modelValue) in input.entries(of: value) {
                guard let name = input.value(of: modelKey).stringValue else { continue }
                let managed = ManagedKeys.modelKeys.contains(name)
                if managed && !pinned.contains(name) && !conflicted.contains("\(id)|\(name)") {
                    if name == "pricing", let nested = pinnedPrices(pinned) {
                        try expectPinnedPrices(
                            nested, input: input, pricing: modelValue, output: output, in: outputModel)
                    }
                    try expectUserKeys(
                        inManaged: name, of: id, input: input, value: modelValue, output: output, model: outputModel)
                    continue
                }
                try expectSameEntry(
                    "\(id).\(name)", in: input, key: modelKey, value: modelValue, output: output, mapping: outputModel)
            }
        }
    }

    @Test(arguments: cases)
    func everyCommentSurvives(_ corpus: CorpusCase) throws {
        let outcome = try corpus.merge()
        var remaining = SourceText.comments(outcome.bytes)
        var lost: [String] = []
        for comment in SourceText.comments(outcome.input.bytes) {
            if let index = remaining.firstIndex(of: comment) {
                remaining.remove(at: index)
            } else if !corpus.droppedComments.contains(comment) {
                lost.append(comment)
            }
        }
        #expect(lost.isEmpty, "comments lost: \(lost)")
        // The sync writes no comments of its own.
        #expect(remaining.isEmpty, "comments gained: \(remaining)")
    }

    @Test(arguments: cases)
    func managedDataEqualsTheCatalog(_ corpus: CorpusCase) throws {
        let outcome = try corpus.merge()
        let desired = try CatalogSnapshots.desired(corpus.upstream)
        // Aliases read through: a managed value behind an alias that already equals the catalog is no conflict.
        let input = try #require(ExpandedData.root(outcome.input))
        let output = try #require(ExpandedData.root(try YAMLDocument(bytes: outcome.bytes)))
        let conflicted = Set(outcome.report.conflicts.map { "\($0.model ?? "")|\($0.key)" })

        #expect(output["provider"] == input["provider"] ?? .string(corpus.fileID))
        let providerPins = pinNames(input["pinned"])
        for entry in desired.keys where !providerPins.contains(entry.key) && !conflicted.contains("|\(entry.key)") {
            #expect(output[entry.key] == entry.value, "provider key \(entry.key)")
        }

        let inputModels = input["models"].flatMap(Self.entries) ?? []
        let outputModels = try #require(output["models"].flatMap(Self.entries))
        let outputByID = Dictionary(outputModels.map { ($0.key.stringValue ?? "", $0.value) }) { first, _ in first }
        let inputByID = Dictionary(inputModels.map { ($0.key.stringValue ?? "", $0.value) }) { first, _ in first }

        for model in desired.models {
            guard let local = inputByID[model.id] else {
                if corpus.options.selectedModelsOnly {
                    #expect(outputByID[model.id] == nil, "selected mode inserted \(model.id)")
                } else {
                    // A new model: exactly the catalog's data, keys in canonical order.
                    #expect(outputByID[model.id] == model.mappingValue, "new model \(model.id)")
                }
                continue
            }
            let result = try #require(outputByID[model.id])
            if local == .null {
                #expect(result == model.mappingValue, "empty entry \(model.id) filled with the catalog's data")
                continue
            }
            guard case .mapping = local else { continue }
            let source = local["source"]
            guard source == nil || source == .string(ManagedKeys.sourceValue) else {
                #expect(result == local, "the user's model \(model.id) changed")
                continue
            }
            let pinned = pinNames(local["pinned"])
            for entry in model.entries where !pinned.contains(entry.key) {
                if conflicted.contains("\(model.id)|\(entry.key)") || conflicted.contains("\(model.id)|") { continue }
                try expectManaged(
                    entry.key, desired: entry.value, local: local[entry.key], result: result[entry.key],
                    pinned: pinned, model: model.id, conflicted: conflicted)
            }
        }

        let desiredIDs = Set(desired.models.map(\.id))
        for (id, local) in inputByID where !desiredIDs.contains(id) {
            guard local["source"] == .string(ManagedKeys.sourceValue) else {
                #expect(outputByID[id] == local, "the user's model \(id) changed")
                continue
            }
            if outcome.report.removed.contains(id) { continue }
            let pinned = pinNames(local["pinned"])
            #expect(outputByID[id]?["available"] == (pinned.contains("available") ? local["available"] : false))
        }
    }

    @Test func theCorpusHasEveryFileAndNoStrayOnes() throws {
        #expect(Self.cases.count >= 15)
        let names = try FileManager.default.contentsOfDirectory(atPath: CorpusCase.directory.path)
        let listed = Set(
            Self.cases.flatMap { [$0.inputURL, $0.expectedURL, $0.reportURL].map(\.lastPathComponent) })
        #expect(Set(names).subtracting(listed).subtracting(["README.md"]).sorted() == [])
        #expect(listed.subtracting(names).sorted() == [])
    }

    /// The corpus keeps exercising what issue 4 asks of it; each feature is named with the files that carry it.
    @Test func theCorpusCoversTheLayoutsPeopleWrite() throws {
        let inputs = try Self.cases.map { corpus in
            (corpus.name, Array(try Data(contentsOf: corpus.inputURL)), try corpus.input())
        }
        func carriers(_ test: ([UInt8], String, YAMLDocument) -> Bool) -> [String] {
            inputs.filter { test($0.1, String(decoding: $0.1, as: UTF8.self), $0.2) }.map(\.0)
        }
        let features: [(String, ([UInt8], String, YAMLDocument) -> Bool)] = [
            ("CRLF", { bytes, _, _ in bytes.contains(0x0D) }),
            ("BOM", { bytes, _, _ in bytes.starts(with: [0xEF, 0xBB, 0xBF]) }),
            ("no final newline", { bytes, _, _ in bytes.last != 0x0A }),
            (
                "4-space indentation",
                { _, text, _ in text.contains("\n    models:") || text.contains("\n        name:") }
            ),
            (
                "indentless sequence",
                { _, text, _ in text.contains("capabilities:\n    - ") && !text.contains("\n      - ") }
            ),
            ("one-line flow model", { _, text, _ in text.contains(": {name: ") }),
            ("flow pricing", { _, text, _ in text.contains("pricing: {") }),
            ("models: {}", { _, text, _ in text.contains("models: {}") }),
            ("anchor and merge key", { _, text, _ in text.contains("<<: *") && text.contains(": &") }),
            ("pinned list", { _, text, _ in text.contains("pinned: [") || text.contains("pinned:\n") }),
            (
                "pinned string",
                { _, text, _ in text.contains("pinned: max_output_tokens") || text.contains("pinned: \"") }
            ),
            ("dotted pin", { _, text, _ in text.contains("pricing.input") }),
            ("source: manual", { _, text, _ in text.contains("source: manual") }),
            ("@cf/ id", { _, text, _ in text.contains("\"@cf/") || text.contains("'@cf/") }),
            ("~ id", { _, text, _ in text.contains("\"~anthropic/") }),
            ("quoted id with ':'", { _, text, _ in text.contains("\"amazon.nova-lite-v1:0\":") }),
            ("unquoted date", { _, text, _ in text.contains("release_date: 2024-") }),
            ("block scalar", { _, text, _ in text.contains(": |") || text.contains(": >") }),
        ]
        for (feature, test) in features {
            #expect(!carriers(test).isEmpty, "no corpus file has: \(feature)")
        }
        #expect(Self.cases.contains { $0.options.selectedModelsOnly })
        #expect(Self.cases.contains { $0.options.prune })
    }

    // MARK: - Helpers

    static func entries(_ value: YAMLValue) -> [YAMLMappingEntry]? {
        guard case .mapping(let entries, _) = value else { return nil }
        return entries
    }

    /// `pinned` as a set of names: a list, or a single string.
    func pinNames(_ value: YAMLValue?) -> Set<String> {
        switch value {
        case .string(let name): return [name]
        case .sequence(let items, _): return Set(items.compactMap(\.stringValue))
        default: return []
        }
    }

    func pins(_ document: YAMLDocument, _ model: YAMLNodeID) -> Set<String> {
        pinNames(document.value(forKey: "pinned", in: model).map { document.value(of: $0) })
    }

    /// The pinned keys inside `pricing` (`pricing.input` → `input`), or `nil` when none.
    func pinnedPrices(_ pinned: Set<String>) -> [String]? {
        let nested = pinned.filter { $0.hasPrefix("pricing.") }.map { String($0.dropFirst("pricing.".count)) }
        return nested.isEmpty ? nil : nested.sorted()
    }

    func expectPinnedPrices(
        _ keys: [String], input: YAMLDocument, pricing: YAMLNodeID, output: YAMLDocument, in model: YAMLNodeID
    ) throws {
        guard input.kind(of: pricing) == .mapping else { return }
        let outputPricing = try #require(output.value(forKey: "pricing", in: model))
        for key in keys {
            guard let entry = input.entry(forKey: key, in: pricing) else {
                #expect(output.entry(forKey: key, in: outputPricing) == nil, "pinned pricing.\(key) was inserted")
                continue
            }
            try expectSameEntry(
                "pricing.\(key)", in: input, key: entry.key, value: entry.value, output: output, mapping: outputPricing)
        }
    }

    /// User-owned keys inside a managed mapping (`pricing.discount`, `modalities.notes`) keep their exact text.
    func expectUserKeys(
        inManaged name: String, of model: String, input: YAMLDocument, value: YAMLNodeID, output: YAMLDocument,
        model outputModel: YAMLNodeID
    ) throws {
        let managedKeys: [String]
        switch name {
        case "pricing": managedKeys = ManagedKeys.pricingKeys
        case "modalities": managedKeys = ManagedKeys.modalityKeys
        default: return
        }
        guard input.kind(of: value) == .mapping else { return }
        let userEntries = input.entries(of: value).filter { entry in
            input.value(of: entry.key).stringValue.map { !managedKeys.contains($0) } ?? true
        }
        guard !userEntries.isEmpty else { return }
        guard let mapping = output.value(forKey: name, in: outputModel) else {
            Issue.record("\(model).\(name) was removed with the user's keys in it")
            return
        }
        for entry in userEntries {
            try expectSameEntry(
                "\(model).\(name).\(input.value(of: entry.key))", in: input, key: entry.key, value: entry.value,
                output: output, mapping: mapping)
        }
    }

    /// The entry `name` of the output mapping reads as the input's and has the same text.
    func expectSameEntry(
        _ name: String, in input: YAMLDocument, key: YAMLNodeID, value: YAMLNodeID, output: YAMLDocument,
        mapping: YAMLNodeID, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let keyValue = input.value(of: key)
        let match = output.entries(of: mapping).first { output.value(of: $0.key) == keyValue }
        let found = try #require(match, "\(name) disappeared", sourceLocation: sourceLocation)
        #expect(
            output.value(of: found.value) == input.value(of: value), "\(name) changed", sourceLocation: sourceLocation)
        let before = String(decoding: SourceText.entryText(input, key: key, value: value), as: UTF8.self)
        let after = String(decoding: SourceText.entryText(output, key: found.key, value: found.value), as: UTF8.self)
        #expect(before == after, "the text of \(name) changed", sourceLocation: sourceLocation)
    }

    /// A managed key reads as the catalog says (user items of `capabilities` and user keys of nested mappings kept).
    func expectManaged(
        _ key: String, desired: YAMLValue?, local: YAMLValue?, result: YAMLValue?, pinned: Set<String>, model: String,
        conflicted: Set<String>
    ) throws {
        let label = "\(model) \(key)"
        guard let desired else {
            // Absent upstream: removed, or (a managed mapping) left holding only the user's own keys.
            let managed = ManagedKeys.pricingKeys + ManagedKeys.modalityKeys
            let userKeysOnly = result.flatMap(Self.entries).map { entries in
                entries.allSatisfy { $0.key.stringValue.map { !managed.contains($0) } ?? true }
            }
            #expect(result == nil || userKeysOnly == true, "\(label) should be absent")
            return
        }
        switch key {
        case "capabilities":
            let items = result.flatMap { value -> [String]? in
                guard case .sequence(let items, _) = value else { return nil }
                return items.compactMap(\.stringValue)
            }
            let wanted = desired.sequenceStrings ?? []
            let managed = (items ?? []).filter { ManagedKeys.capabilities.contains($0) }
            #expect(Set(managed) == Set(wanted), "\(label)")
            let userItems = (local?.sequenceStrings ?? []).filter { !ManagedKeys.capabilities.contains($0) }
            #expect((items ?? []).filter { !ManagedKeys.capabilities.contains($0) } == userItems, "\(label) user items")
        case "pricing", "modalities":
            guard case .mapping(let wanted, _) = desired, let result, let resultEntries = Self.entries(result) else {
                #expect(result?.isSemanticallyEqual(to: desired) == true, "\(label)")
                return
            }
            let order = key == "pricing" ? ManagedKeys.pricingKeys : ManagedKeys.modalityKeys
            for name in order
            where !pinned.contains("\(key).\(name)") && !conflicted.contains("\(model)|\(key).\(name)") {
                let want = wanted.first { $0.key == .string(name) }?.value
                let have = resultEntries.first { $0.key == .string(name) }?.value
                if name == "context_over_200k", let want, let have {
                    #expect(
                        have.isSemanticallyEqual(to: want) || Self.sameManagedPrices(have, want), "\(label).\(name)")
                    continue
                }
                #expect(
                    have.map { value in want.map { value.isSemanticallyEqual(to: $0) } ?? false } ?? (want == nil),
                    "\(label).\(name): \(String(describing: have)) != \(String(describing: want))")
            }
        default:
            #expect(
                result.map { $0.isSemanticallyEqual(to: desired) } == true, "\(label): \(String(describing: result))")
        }
    }

    /// Whether the managed price keys of two mappings read the same (user keys of `have` ignored).
    static func sameManagedPrices(_ have: YAMLValue, _ want: YAMLValue) -> Bool {
        guard let have = entries(have), let want = entries(want) else { return false }
        return ManagedKeys.priceKeys.allSatisfy { name in
            let left = have.first { $0.key == .string(name) }?.value
            let right = want.first { $0.key == .string(name) }?.value
            return left.map { value in right.map { value.isSemanticallyEqual(to: $0) } ?? false } ?? (right == nil)
        }
    }
}

extension YAMLValue {
    /// The string items of a list (`nil` for anything else).
    fileprivate var sequenceStrings: [String]? {
        guard case .sequence(let items, _) = self else { return nil }
        return items.compactMap(\.stringValue)
    }
}
