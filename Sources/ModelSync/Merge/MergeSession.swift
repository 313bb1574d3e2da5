import LosslessYAML

/// The state of one merge of desired data into one document: the editor and what it records.
struct MergeSession {
    let document: YAMLDocument
    let merger: ConfigMerger
    /// The editor, made on the first edit: detecting the file's formatting costs a pass over the document, which an
    /// unchanged file never needs.
    private(set) var editor: YAMLEditor?
    var added: [String] = []
    var removed: [String] = []
    var unavailable: [String] = []
    var changes: [Change] = []
    var conflicts: [Conflict] = []

    /// Anchor names that some alias in the file refers to: nodes carrying them are shared.
    private let referencedAnchors: Set<String>
    /// For each alias node, the anchored node it stands for (the nearest one before it with that anchor).
    private let aliasedNodes: [YAMLNodeID: YAMLNodeID]
    /// Per key name, how the file writes lists under that key (`true`: flow); computed on demand.
    private var listStyles: [String: YAMLCollectionStyle] = [:]

    init(document: YAMLDocument, merger: ConfigMerger) throws {
        self.document = document
        self.merger = merger
        referencedAnchors = document.aliasTargets
        var aliased: [YAMLNodeID: YAMLNodeID] = [:]
        if !referencedAnchors.isEmpty {
            var anchored: [String: YAMLNodeID] = [:]
            for node in document.allNodes {
                if let name = document.anchor(of: node) { anchored[name] = node }
                if let name = document.aliasTarget(of: node), let target = anchored[name] { aliased[node] = target }
            }
        }
        aliasedNodes = aliased
    }

    /// Runs `body` on the editor, making it first when needed.
    private mutating func edit<Result>(_ body: (inout YAMLEditor) throws -> Result) rethrows -> Result {
        var current = editor ?? Self.makeEditor(for: document)
        editor = nil  // `current` is now the only reference, so edits do not copy its tables.
        defer { editor = current }
        return try body(&current)
    }

    private static func makeEditor(for document: YAMLDocument) -> YAMLEditor {
        var editor = YAMLEditor(document: document)
        editor.formatting.alwaysQuotedKeys = ManagedKeys.alwaysQuoted
        return editor
    }

    mutating func run() throws {
        guard let root = document.root else {
            // An empty file (or only comments): write the whole content after what is there.
            var report = ProviderReport(provider: merger.fileID, upstream: nil, file: "", status: .created)
            let text = try merger.newFile(report: &report)
            let fresh = try YAMLDocument(bytes: text)
            if let value = fresh.rootValue { try edit { try $0.setEmptyDocumentContent(value) } }
            added = report.added
            changes = report.changed
            return
        }
        guard document.kind(of: root) == .mapping else {
            throw MergeError.rootNotAMapping(
                document.diagnostic(at: root, "the file's root must be a mapping of provider keys and 'models'"))
        }
        try mergeProviderKeys(root)
        try mergeModels(root)
    }

    // MARK: - Provider level

    private mutating func mergeProviderKeys(_ root: YAMLNodeID) throws {
        let entries = document.entries(of: root)
        let hasProvider = document.entry(forKey: "provider", in: root) != nil
        if !hasProvider, let first = entries.first {
            let fileID = merger.fileID
            try edit {
                try $0.insertEntry(
                    key: "provider", value: .string(fileID), into: root, before: first.key, belowLeadingComments: true)
            }
            changes.append(Change(model: nil, key: "provider", old: nil, new: .string(merger.fileID)))
        }
        let pinned = pins(in: root)
        try mergeMapping(
            root, desired: merger.desired.keys, order: ManagedKeys.providerKeys, model: nil, path: "", pinned: pinned,
            level: .provider(providerInserted: !hasProvider))
    }

    // MARK: - Models

    private mutating func mergeModels(_ root: YAMLNodeID) throws {
        let desiredModels = merger.desired.models.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let options = merger.options
        let insertedModels = desiredModels.filter { options.inserts($0.id) }
        guard let modelsEntry = document.entry(forKey: "models", in: root) else {
            guard !insertedModels.isEmpty else { return }
            let value = YAMLValue.mapping(insertedModels.map { YAMLMappingEntry($0.id, styled($0.mappingValue)) })
            try edit { try $0.insertEntry(key: "models", value: value, into: root) }
            added += insertedModels.map(\.id)
            return
        }
        let models = modelsEntry.value
        switch document.kind(of: models) {
        case .mapping:
            break
        case .scalar where document.value(of: models) == .null:
            guard !insertedModels.isEmpty else { return }
            let value = YAMLValue.mapping(insertedModels.map { YAMLMappingEntry($0.id, styled($0.mappingValue)) })
            try edit { try $0.replace(models, with: value) }
            added += insertedModels.map(\.id)
            return
        default:
            conflicts.append(Conflict(model: nil, key: "models", reason: "expected a mapping of model ids"))
            return
        }
        let modelsShared = isShared(models)

        var localByID: [String: (key: YAMLNodeID, value: YAMLNodeID)] = [:]
        var localIDs: [String] = []
        var localKeys: [YAMLNodeID] = []
        for entry in document.entries(of: models) {
            guard case .string(let id) = document.value(of: entry.key) else { continue }
            localByID[id] = localByID[id] ?? entry
            localIDs.append(id)
            localKeys.append(entry.key)
        }
        let desiredIDs = Set(desiredModels.map(\.id))
        let sorted = zip(localIDs, localIDs.dropFirst()).allSatisfy { !$1.utf8.lexicographicallyPrecedes($0.utf8) }
        // Both lists are in id order, so the first local id after each new model only moves forwards.
        var following = 0

        for model in desiredModels {
            if let local = localByID[model.id] {
                try mergeModel(model, entry: local)
            } else if options.inserts(model.id) {
                if modelsShared {
                    conflicts.append(Conflict(model: model.id, key: "", reason: sharedReason(models)))
                    continue
                }
                var before: YAMLNodeID?
                if sorted {
                    while following < localIDs.count, !model.id.utf8.lexicographicallyPrecedes(localIDs[following].utf8)
                    {
                        following += 1
                    }
                    before = following < localKeys.count ? localKeys[following] : nil
                }
                let value = styled(model.mappingValue)
                try edit { try $0.insertEntry(key: .string(model.id), value: value, into: models, before: before) }
                added.append(model.id)
            }
        }

        // Models upstream no longer lists.
        for id in localIDs where !desiredIDs.contains(id) {
            guard let local = localByID[id] else { continue }
            try vanish(id, entry: local, in: models)
        }
    }

    private mutating func mergeModel(_ model: DesiredModel, entry: (key: YAMLNodeID, value: YAMLNodeID)) throws {
        let node = entry.value
        guard document.kind(of: node) == .mapping else {
            if document.kind(of: node) == .alias {
                // Nothing to report when the model the alias stands for already reads as the catalog says.
                if let target = aliasedNodes[node], document.kind(of: target) == .mapping {
                    var probe = self
                    try probe.mergeModel(model, entry: (key: entry.key, value: target))
                    if probe.changes.count == changes.count && probe.conflicts.count == conflicts.count { return }
                }
                conflicts.append(Conflict(model: model.id, key: "", reason: "the model is an alias; not edited"))
            } else if document.value(of: node) == .null {
                let value = styled(model.mappingValue)
                try edit { try $0.replace(node, with: value) }
                for managed in model.entries where managed.value != nil {
                    changes.append(Change(model: model.id, key: managed.key, old: nil, new: managed.value))
                }
            } else {
                conflicts.append(Conflict(model: model.id, key: "", reason: "expected a mapping of model keys"))
            }
            return
        }
        // Only models with `source: models.dev`, or without `source` (adopted), are synced.
        if let sourceNode = document.value(forKey: "source", in: node),
            !document.isSemanticallyEqual(sourceNode, to: .string(ManagedKeys.sourceValue))
        {
            return
        }
        // A model inside an anchored node that an alias uses is merged like any other: each value that would change
        // (or key that would be inserted or removed) is reported as a conflict by name, and current data is no
        // conflict at all.
        try mergeMapping(
            node, desired: model.entries, order: ManagedKeys.modelKeys, model: model.id, path: "",
            pinned: pins(in: node),
            level: .model)
    }

    private mutating func vanish(_ id: String, entry: (key: YAMLNodeID, value: YAMLNodeID), in models: YAMLNodeID)
        throws
    {
        let node = entry.value
        guard document.kind(of: node) == .mapping,
            let sourceNode = document.value(forKey: "source", in: node),
            document.value(of: sourceNode) == .string(ManagedKeys.sourceValue)
        else { return }
        if merger.options.prune && !holdsUserOwnedKey(node) && !isShared(node) {
            try edit { try $0.removeEntry(key: entry.key, from: models) }
            removed.append(id)
            return
        }
        let pinned = pins(in: node)
        if pinned.contains("available") { return }
        let current = document.value(forKey: "available", in: node)
        if let current, document.value(of: current) == .bool(false) { return }
        let availableOnly = [ManagedEntry("available", .bool(false))]
        let before = changes.count
        try mergeMapping(
            node, desired: availableOnly, order: ManagedKeys.modelKeys, model: id, path: "", pinned: pinned,
            level: .model)
        if changes.count > before { unavailable.append(id) }
    }

    private func holdsUserOwnedKey(_ model: YAMLNodeID) -> Bool {
        document.entries(of: model).contains { entry in
            guard case .string(let key) = document.value(of: entry.key) else { return true }
            return !ManagedKeys.modelKeys.contains(key)
        }
    }

    // MARK: - Mappings

    enum Level {
        case provider(providerInserted: Bool)
        case model
        case nested
    }

    /// Sets, inserts and removes the managed keys `desired` in `mapping`; keys not in `order` are the user's.
    private mutating func mergeMapping(
        _ mapping: YAMLNodeID, desired: [ManagedEntry], order: [String], model: String?, path: String,
        pinned: Set<String>, level: Level
    ) throws {
        // One pass over the mapping finds the entries of the desired keys (slot i holds desired[i]'s entry).
        var found = [(key: YAMLNodeID, value: YAMLNodeID)?](repeating: nil, count: desired.count)
        document.forEachStringKeyedEntry(of: mapping) { key, keyNode, valueNode in
            if let slot = desired.firstIndex(where: { $0.key == key }), found[slot] == nil {
                found[slot] = (keyNode, valueNode)
            }
            return true
        }
        for (slot, entry) in desired.enumerated() {
            let fullKey = path.isEmpty ? entry.key : path + "." + entry.key
            if !pinned.isEmpty, isPinned(fullKey, pinned) { continue }
            if let local = found[slot] {
                try mergeValue(
                    local.value, key: local.key, desired: entry.value, name: entry.key, fullKey: fullKey,
                    in: mapping, model: model, pinned: pinned)
            } else if let value = entry.value {
                if isShared(mapping) {
                    conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(mapping)))
                    continue
                }
                let point = insertionPoint(for: entry.key, in: mapping, order: order, level: level)
                let styledValue = styled(value, key: entry.key)
                try edit {
                    try $0.insertEntry(
                        key: .string(entry.key), value: styledValue, into: mapping, before: point.before,
                        belowLeadingComments: point.belowComments)
                }
                changes.append(Change(model: model, key: fullKey, old: nil, new: value))
            }
        }
    }

    private mutating func mergeValue(
        _ node: YAMLNodeID, key: YAMLNodeID, desired: YAMLValue?, name: String, fullKey: String, in mapping: YAMLNodeID,
        model: String?, pinned: Set<String>
    ) throws {
        if let desired, fullKey != "capabilities", document.isSemanticallyEqual(node, to: desired) { return }
        let local = document.value(of: node)
        guard let desired else {
            if isShared(mapping) {
                conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(mapping)))
                return
            }
            let hasPinnedInside = pinned.contains { $0.hasPrefix(fullKey + ".") }
            if let order = nestedOrder(fullKey), document.kind(of: node) == .mapping,
                hasPinnedInside
                    || document.entries(of: node).contains(where: { entry in
                        document.value(of: entry.key).stringValue.map { !order.contains($0) } ?? true
                    })
            {
                // The user's own keys inside a managed mapping (`pricing: {discount: 0.2}`) and its pinned keys
                // (`pricing.input`) outlive it: only the other managed keys go.
                try mergeMapping(
                    node, desired: order.map { ManagedEntry($0, nil) }, order: order, model: model, path: fullKey,
                    pinned: pinned, level: .nested)
                return
            }
            try edit { try $0.removeEntry(key: key, from: mapping) }
            changes.append(Change(model: model, key: fullKey, old: local, new: nil))
            return
        }
        if fullKey == "capabilities" {
            try mergeCapabilities(node, desired: desired, model: model)
            return
        }
        if comparableValue(of: node, local).isSemanticallyEqual(to: desired) { return }
        if document.kind(of: node) == .alias {
            conflicts.append(
                Conflict(model: model, key: fullKey, reason: "the value is an alias; not edited through it"))
            return
        }
        if isShared(node) {
            conflicts.append(Conflict(model: model, key: fullKey, reason: sharedReason(node)))
            return
        }
        switch (document.kind(of: node), desired) {
        case (.mapping, .mapping(let entries, _)) where nestedOrder(fullKey) != nil:
            let desiredEntries = entries.compactMap { entry -> ManagedEntry? in
                guard case .string(let key) = entry.key else { return nil }
                return ManagedEntry(key, entry.value)
            }
            let order = nestedOrder(fullKey) ?? []
            // Managed keys of the nested mapping that upstream no longer has are removed.
            let absent = order.filter { key in !desiredEntries.contains { $0.key == key } }.map {
                ManagedEntry($0, nil)
            }
            let merged = order.compactMap { key in (desiredEntries + absent).first { $0.key == key } }
            try mergeMapping(
                node, desired: merged, order: order, model: model, path: fullKey, pinned: pinned, level: .nested)
        case (.sequence, .sequence(let items, _)) where fullKey != "pricing.tiers":
            try syncList(node, to: items, model: model, fullKey: fullKey)
        case (.mapping, _), (.sequence, _):
            if document.kind(of: node) == .sequence && !isList(desired)
                || document.kind(of: node) == .mapping && !isMap(desired)
            {
                conflicts.append(Conflict(model: model, key: fullKey, reason: "unexpected shape: \(shapeName(local))"))
                return
            }
            let value = styled(desired, key: name, like: node)
            try edit { try $0.replace(node, with: value) }
            changes.append(Change(model: model, key: fullKey, old: local, new: desired))
        default:
            if isList(desired) || isMap(desired), local != .null {
                conflicts.append(Conflict(model: model, key: fullKey, reason: "unexpected shape: \(shapeName(local))"))
                return
            }
            let value = styled(desired, key: name)
            try edit { try $0.replace(node, with: value) }
            changes.append(Change(model: model, key: fullKey, old: local, new: desired))
        }
    }

    /// Order of the managed keys of a nested mapping, or `nil` when the key is not a managed mapping.
    private func nestedOrder(_ fullKey: String) -> [String]? {
        switch fullKey {
        case "pricing": return ManagedKeys.pricingKeys
        case "pricing.context_over_200k": return ManagedKeys.priceKeys
        case "modalities": return ManagedKeys.modalityKeys
        default: return nil
        }
    }

    // MARK: - Lists

    /// Makes a list read as `desired` with the fewest item edits: items on the longest common subsequence stay,
    /// with their comments; others are removed or inserted in place.
    private mutating func syncList(_ node: YAMLNodeID, to desired: [YAMLValue], model: String?, fullKey: String) throws
    {
        let items = document.items(of: node)
        let local = items.map { document.value(of: $0) }
        let common = longestCommonSubsequence(local, desired)
        var localIndex = 0
        var desiredIndex = 0
        for (keptLocal, keptDesired) in common + [(items.count, desired.count)] {
            while localIndex < keptLocal {
                try edit { try $0.removeItem(items[localIndex], from: node) }
                localIndex += 1
            }
            while desiredIndex < keptDesired {
                let before = keptLocal < items.count ? items[keptLocal] : nil
                try edit { try $0.insertItem(desired[desiredIndex], into: node, before: before) }
                desiredIndex += 1
            }
            localIndex = keptLocal + 1
            desiredIndex = keptDesired + 1
        }
        changes.append(Change(model: model, key: fullKey, old: .sequence(local), new: .sequence(desired)))
    }

    /// Pairs of indexes of a longest common subsequence of two lists (semantic equality), in order.
    private func longestCommonSubsequence(_ a: [YAMLValue], _ b: [YAMLValue]) -> [(Int, Int)] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] =
                    a[i].isSemanticallyEqual(to: b[j])
                    ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i].isSemanticallyEqual(to: b[j]) {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    /// `capabilities` as a set: existing items keep their positions, managed items no longer derived are removed,
    /// newly derived ones are appended in canonical order, other items are never touched.
    private mutating func mergeCapabilities(_ node: YAMLNodeID, desired: YAMLValue, model: String?) throws {
        guard case .sequence(let wanted, _) = desired else { return }
        let wantedNames = wanted.compactMap(\.stringValue)
        let shared = isShared(node)
        if document.kind(of: node) == .sequence, !shared {
            // Most runs change nothing here: check without building values first (at most 14 names: arrays).
            var presentNames: [String] = []
            var needsRemoval = false
            for item in document.items(of: node) {
                guard let name = document.scalarText(of: item) else { continue }
                if !wantedNames.contains(name), ManagedKeys.capabilities.contains(name) { needsRemoval = true }
                presentNames.append(name)
            }
            if !needsRemoval && wantedNames.allSatisfy(presentNames.contains) { return }
        }
        let local = document.value(of: node)
        if document.kind(of: node) == .alias || shared {
            let managed = Set(capabilityNames(comparableValue(of: node, local))).intersection(ManagedKeys.capabilities)
            if managed != Set(wanted.compactMap(\.stringValue)) {
                conflicts.append(Conflict(model: model, key: "capabilities", reason: sharedReason(node)))
            }
            return
        }
        guard document.kind(of: node) == .sequence else {
            if local == .null {
                let value = styled(desired, key: "capabilities")
                try edit { try $0.replace(node, with: value) }
                changes.append(Change(model: model, key: "capabilities", old: local, new: desired))
            } else {
                conflicts.append(
                    Conflict(
                        model: model, key: "capabilities",
                        reason: "unexpected shape: \(shapeName(local)); expected a list"))
            }
            return
        }
        let items = document.items(of: node)
        var present = Set<String>()
        var result: [YAMLValue] = []
        for item in items {
            let value = document.value(of: item)
            if case .string(let name) = value, ManagedKeys.capabilities.contains(name), !wantedNames.contains(name) {
                try edit { try $0.removeItem(item, from: node) }
                continue
            }
            if case .string(let name) = value { present.insert(name) }
            result.append(value)
        }
        for name in wantedNames where !present.contains(name) {
            try edit { try $0.appendItem(.string(name), to: node) }
            result.append(.string(name))
        }
        if result != document.items(of: node).map({ document.value(of: $0) }) {
            changes.append(Change(model: model, key: "capabilities", old: local, new: .sequence(result)))
        }
    }

    private func capabilityNames(_ value: YAMLValue) -> [String] {
        guard case .sequence(let items, _) = value else { return [] }
        return items.compactMap(\.stringValue)
    }

    // MARK: - Positions

    /// Where a missing managed key goes: right after the nearest preceding managed key that exists; else right
    /// before the nearest following one; else first (provider level: right after `provider`).
    private func insertionPoint(for key: String, in mapping: YAMLNodeID, order: [String], level: Level)
        -> (before: YAMLNodeID?, belowComments: Bool)
    {
        guard let rank = order.firstIndex(of: key) else { return (nil, false) }
        let entries = document.entries(of: mapping)
        var preceding: Int?
        var following: (position: Int, rank: Int)?
        for (position, entry) in entries.enumerated() {
            guard case .string(let name) = document.value(of: entry.key), let other = order.firstIndex(of: name) else {
                continue
            }
            if other < rank {
                preceding = position
            } else if other > rank, following.map({ other < $0.rank }) ?? true {
                following = (position, other)
            }
        }
        if let preceding {
            return (preceding + 1 < entries.count ? entries[preceding + 1].key : nil, false)
        }
        if let following {
            return (entries[following.position].key, false)
        }
        switch level {
        case .provider(let providerInserted):
            if providerInserted { return (entries.first?.key, true) }
            if let position = entries.firstIndex(where: { document.value(of: $0.key) == .string("provider") }) {
                return (position + 1 < entries.count ? entries[position + 1].key : nil, false)
            }
            return (entries.first?.key, false)
        case .model, .nested:
            return (entries.first?.key, false)
        }
    }

    // MARK: - Pins, aliases, styles

    /// The managed key names listed in a mapping's `pinned` (a list, or one string).
    private func pins(in mapping: YAMLNodeID) -> Set<String> {
        guard let node = document.value(forKey: "pinned", in: mapping) else { return [] }
        switch document.value(of: node) {
        case .string(let name): return [name]
        case .sequence(let items, _): return Set(items.compactMap(\.stringValue))
        default: return []
        }
    }

    /// Whether `key` or one of its parents (`pricing` for `pricing.input`) is pinned.
    private func isPinned(_ key: String, _ pinned: Set<String>) -> Bool {
        if pinned.contains(key) { return true }
        var prefix = Substring(key)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if pinned.contains(String(prefix)) { return true }
        }
        return false
    }

    /// Whether the node, or a collection around it, carries an anchor that an alias elsewhere refers to.
    private func isShared(_ node: YAMLNodeID) -> Bool {
        guard !referencedAnchors.isEmpty else { return false }
        var current: YAMLNodeID? = node
        while let candidate = current {
            if let anchor = document.anchor(of: candidate), referencedAnchors.contains(anchor) { return true }
            current = document.parent(of: candidate)
        }
        return false
    }

    private func sharedReason(_ node: YAMLNodeID) -> String {
        var current: YAMLNodeID? = node
        while let candidate = current {
            if let anchor = document.anchor(of: candidate), referencedAnchors.contains(anchor) {
                return "inside anchored node &\(anchor), which an alias uses; not edited through it"
            }
            current = document.parent(of: candidate)
        }
        return "the value is an alias; not edited through it"
    }

    /// The data of `node` with its aliases read through, for comparing with desired data (never for editing);
    /// `value` (the node's own data) when the file has no aliases, or when expanding them would take more than
    /// 10,000 nodes (an alias bomb compares unequal, so it is reported, never expanded).
    private func comparableValue(of node: YAMLNodeID, _ value: YAMLValue) -> YAMLValue {
        guard !aliasedNodes.isEmpty else { return value }
        var budget = 10_000
        return expandedValue(of: node, budget: &budget) ?? value
    }

    private func expandedValue(of node: YAMLNodeID, budget: inout Int) -> YAMLValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch document.kind(of: node) {
        case .alias:
            guard let target = aliasedNodes[node] else { return nil }
            return expandedValue(of: target, budget: &budget)
        case .sequence:
            var items: [YAMLValue] = []
            for item in document.items(of: node) {
                guard let value = expandedValue(of: item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .sequence(items, style: document.collectionStyle(of: node))
        case .mapping:
            var entries: [YAMLMappingEntry] = []
            for (key, value) in document.entries(of: node) {
                guard let keyValue = expandedValue(of: key, budget: &budget),
                    let valueValue = expandedValue(of: value, budget: &budget)
                else { return nil }
                entries.append(YAMLMappingEntry(key: keyValue, value: valueValue))
            }
            return .mapping(entries, style: document.collectionStyle(of: node))
        case .scalar:
            return document.value(of: node)
        }
    }

    /// `value` with its lists in the file's style for their keys (flow or block, as the file writes that key's lists,
    /// else as most of its lists); new files' hints (flow `env`, `modalities`) apply when the file has no example.
    private mutating func styled(_ value: YAMLValue, key: String? = nil, like node: YAMLNodeID? = nil) -> YAMLValue {
        switch value {
        case .sequence(let items, let hint):
            var style = hint
            if let node, let existing = document.collectionStyle(of: node) {
                style = existing
            } else if let key, let seen = listStyle(forKey: key) {
                style = seen
            } else if hint == nil, let prefersFlow = edit({ $0.formatting.prefersFlowSequences }) {
                style = prefersFlow ? .flow : .block
            }
            return .sequence(items.map { styled($0) }, style: style)
        case .mapping(let entries, let style):
            return .mapping(
                entries.map { entry in
                    YAMLMappingEntry(key: entry.key, value: styled(entry.value, key: entry.key.stringValue))
                }, style: style)
        default:
            return value
        }
    }

    /// How the file writes lists under `key`, by majority; `nil` when it has none.
    private mutating func listStyle(forKey key: String) -> YAMLCollectionStyle? {
        if let known = listStyles[key] { return known }
        var flow = 0
        var block = 0
        for node in document.allNodes where document.kind(of: node) == .sequence {
            guard let keyNode = document.key(ofValue: node), document.scalarText(of: keyNode) == key else { continue }
            if document.collectionStyle(of: node) == .flow { flow += 1 } else { block += 1 }
        }
        guard flow + block > 0 else { return nil }
        let style: YAMLCollectionStyle = flow > block ? .flow : .block
        listStyles[key] = style
        return style
    }

    private func isList(_ value: YAMLValue) -> Bool {
        if case .sequence = value { return true }
        return false
    }

    private func isMap(_ value: YAMLValue) -> Bool {
        if case .mapping = value { return true }
        return false
    }

    private func shapeName(_ value: YAMLValue) -> String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .null: return "null"
        default: return "a scalar"
        }
    }
}
