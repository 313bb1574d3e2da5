import Diagnostics
import LosslessYAML

/// The new text of the settings file after an `add`, made with the lossless editor.
///
/// Every byte of an existing file stays: comments, order, quoting and blank lines. The new entry is inserted in
/// sorted position when the existing entries are sorted by id (code-point order), else after the last one (before
/// the list's footer comments), exactly as new models are (docs/merge-rules.md#new-models). Its value copies the siblings' style: `{}` for
/// an entry without options; `{ models: selected }` in flow style with spaces inside the braces unless most sibling
/// entries with options are block mappings (then `models: selected` on its own line) or their flow braces have no
/// inner spaces. A `providers` key that is empty (`providers:` or `providers: {}`) becomes a block mapping; a new
/// `providers` key goes after the file's last key. A settings file that does not exist is created with a one-line
/// comment and the list.
///
/// The new text is verified before anyone writes it: read back as settings, it must hold exactly the intended
/// `providers` list and the same `source`, `models_dir` and `cache_ttl_minutes`.
public struct SettingsFileEdit: Sendable, Equatable {
    /// The settings file's path.
    public var path: String
    /// The file's bytes before the edit; `nil` when it does not exist.
    public var oldBytes: [UInt8]?
    /// The file's bytes after the edit.
    public var newBytes: [UInt8]

    /// Whether the edit creates the file.
    public var createsFile: Bool { oldBytes == nil }

    /// The comment heading a settings file that `add` creates.
    public static let newFileComment = "# modelsync settings: when 'providers' is present, exactly these are synced."

    /// The edit `change` makes to the settings file at `path` (shown in messages), whose bytes are `oldBytes`
    /// (`nil` when it does not exist); `nil` when it changes nothing.
    ///
    /// - Throws: ``AddError/settings(_:)`` when the file does not parse, or the new text does not verify.
    public static func make(_ change: SettingsChange, oldBytes: [UInt8]?, path: String) throws(AddError)
        -> SettingsFileEdit?
    {
        if case .removeExclusions(let fileID, let ids) = change {
            return try removingExclusions(ids, of: fileID, oldBytes: oldBytes, path: path)
        }
        guard let entry = change.addedEntry else { return nil }
        let newBytes: [UInt8]
        var intended: SyncSettings
        do {
            if let oldBytes {
                let document = try YAMLDocument(bytes: oldBytes, path: path)
                intended = try SyncSettings.parse(document)
                var list = intended.providers ?? []
                (newBytes, list) = try edited(document, change: change, entry: entry, list: list)
                intended.providers = list
            } else {
                newBytes = Array(newFileText(change: change, entry: entry).utf8)
                intended = SyncSettings()
                var list: [SyncSettings.ProviderSetting] = []
                if case .startList(let existing, _) = change { list = existing }
                intended.providers = list + [entry]
            }
        } catch let error as AddError {
            throw error
        } catch {
            let diagnostic =
                (error as? DiagnosticConvertible)?.diagnostic ?? Diagnostic(path: path, message: "\(error)")
            throw .settings(diagnostic.adding(note: "nothing written"))
        }
        try verify(newBytes, path: path, intended: intended)
        return SettingsFileEdit(path: path, oldBytes: oldBytes, newBytes: newBytes)
    }

    // MARK: - Exclusions

    /// The edit that takes `ids` off the `exclude` list of the entry `fileID`, removing the `exclude` key when no
    /// pattern is left.
    private static func removingExclusions(
        _ ids: [String], of fileID: String, oldBytes: [UInt8]?, path: String
    ) throws(AddError) -> SettingsFileEdit? {
        guard let oldBytes else { return nil }
        do {
            let document = try YAMLDocument(bytes: oldBytes, path: path)
            var intended = try SyncSettings.parse(document)
            guard let root = document.root, let providers = document.value(forKey: "providers", in: root),
                let entry = document.value(forKey: fileID, in: providers),
                document.kind(of: entry) == .mapping,
                let excludeEntry = document.entry(forKey: "exclude", in: entry),
                let index = intended.providers?.firstIndex(where: { $0.fileID == fileID })
            else { return nil }
            var editor = YAMLEditor(document: document)
            let remaining = intended.providers?[index].exclude.filter { !ids.contains($0.text) } ?? []
            if remaining.isEmpty {
                try editor.removeEntry(key: excludeEntry.key, from: entry)
            } else {
                for item in document.items(of: excludeEntry.value) {
                    if let id = document.value(of: item).stringValue, ids.contains(id) {
                        try editor.removeItem(item, from: excludeEntry.value)
                    }
                }
            }
            intended.providers?[index].exclude = remaining
            let newBytes = try editor.apply()
            try verify(newBytes, path: path, intended: intended)
            return SettingsFileEdit(path: path, oldBytes: oldBytes, newBytes: newBytes)
        } catch let error as AddError {
            throw error
        } catch {
            let diagnostic =
                (error as? DiagnosticConvertible)?.diagnostic ?? Diagnostic(path: path, message: "\(error)")
            throw .settings(diagnostic.adding(note: "nothing written"))
        }
    }

    // MARK: - New text

    private static func newFileText(change: SettingsChange, entry: SyncSettings.ProviderSetting) -> String {
        var entries: [SyncSettings.ProviderSetting] = []
        if case .startList(let existing, _) = change { entries = existing }
        entries.append(entry)
        var formatting = YAMLFormatting.standard
        formatting.padsFlowMappings = true
        let list = YAMLValue.mapping(
            entries.map { YAMLMappingEntry($0.fileID, value(of: $0, style: .flow)) }, style: .block)
        let text = YAMLRenderer(formatting: formatting).fileText(for: .mapping([YAMLMappingEntry("providers", list)]))
        return newFileComment + "\n" + text
    }

    /// The edited text, and the `providers` list it must read as (`list`, the current one, with the entry in the
    /// place the edit gives it).
    private static func edited(
        _ document: YAMLDocument, change: SettingsChange, entry: SyncSettings.ProviderSetting,
        list: [SyncSettings.ProviderSetting]
    ) throws -> ([UInt8], [SyncSettings.ProviderSetting]) {
        var editor = YAMLEditor(document: document)
        var listEntries: [SyncSettings.ProviderSetting] = []
        if case .startList(let existing, _) = change { listEntries = existing }
        listEntries.append(entry)
        editor.formatting.padsFlowMappings = true
        let newList = YAMLValue.mapping(
            listEntries.map { YAMLMappingEntry($0.fileID, value(of: $0, style: .flow)) }, style: .block)
        let providersKey = YAMLMappingEntry("providers", newList)

        guard let root = document.root else {
            try editor.setEmptyDocumentContent(.mapping([providersKey]))
            return (try editor.apply(), listEntries)
        }
        guard document.kind(of: root) == .mapping else {
            // Only a null root gets here: SyncSettings.parse refuses anything else.
            try editor.replace(root, with: .mapping([providersKey]))
            return (try editor.apply(), listEntries)
        }
        guard let providers = document.entry(forKey: "providers", in: root)?.value else {
            try editor.insertEntry(key: "providers", value: newList, into: root)
            return (try editor.apply(), listEntries)
        }
        let siblings = document.entries(of: providers)
        guard document.kind(of: providers) == .mapping, !siblings.isEmpty else {
            try editor.replace(providers, with: newList)
            return (try editor.apply(), listEntries)
        }
        let style = siblingStyle(in: document, providers: providers)
        editor.formatting.padsFlowMappings = style.padded
        let ids = siblings.map { document.scalarText(of: $0.key) ?? "" }
        let sorted = zip(ids, ids.dropFirst()).allSatisfy { !$1.utf8.lexicographicallyPrecedes($0.utf8) }
        let before =
            sorted
            ? siblings.first { sibling in
                entry.fileID.utf8.lexicographicallyPrecedes((document.scalarText(of: sibling.key) ?? "").utf8)
            }?.key : nil
        try editor.insertEntry(
            key: .string(entry.fileID), value: value(of: entry, style: style.collection), into: providers,
            before: before)
        var intended = list
        let position = before.flatMap { key in intended.firstIndex { $0.fileID == document.scalarText(of: key) } }
        intended.insert(entry, at: position ?? intended.count)
        return (try editor.apply(), intended)
    }

    /// The value of a `providers` entry: `{}`, or its options (`models: selected`, `upstream: …`) in `style`.
    private static func value(of entry: SyncSettings.ProviderSetting, style: YAMLCollectionStyle) -> YAMLValue {
        var options: [YAMLMappingEntry] = []
        if entry.upstream != entry.fileID { options.append(YAMLMappingEntry("upstream", .string(entry.upstream))) }
        if entry.selectedModelsOnly { options.append(YAMLMappingEntry("models", "selected")) }
        return .mapping(options, style: options.isEmpty ? .flow : style)
    }

    /// How the list's entries with options are written: flow unless most are block; braces padded (`{ a: b }`)
    /// unless most flow ones are not.
    private static func siblingStyle(in document: YAMLDocument, providers: YAMLNodeID) -> (
        collection: YAMLCollectionStyle, padded: Bool
    ) {
        var block = 0
        var flow = 0
        var padded = 0
        for (_, value) in document.entries(of: providers)
        where document.kind(of: value) == .mapping && document.count(of: value) > 0 {
            if document.collectionStyle(of: value) == .flow {
                flow += 1
                let start = document.range(of: value).lowerBound
                if start + 1 < document.bytes.count, document.bytes[start + 1] == UInt8(ascii: " ") { padded += 1 }
            } else {
                block += 1
            }
        }
        return (block > flow ? .block : .flow, flow == 0 || padded * 2 >= flow)
    }

    // MARK: - Verification

    private static func verify(_ bytes: [UInt8], path: String, intended: SyncSettings) throws(AddError) {
        let reread: SyncSettings
        do {
            reread = try SyncSettings.parse(YAMLDocument(bytes: bytes, path: path))
        } catch {
            throw .settings(
                Diagnostic(
                    .internalError, path: path,
                    message: "the edited settings do not read back: \(error)", notes: ["nothing written"]))
        }
        guard reread.providers == intended.providers, reread.source == intended.source,
            reread.modelsDir == intended.modelsDir, reread.cacheTTLMinutes == intended.cacheTTLMinutes
        else {
            throw .settings(
                Diagnostic(
                    .internalError, path: path, message: "the edited settings read differently",
                    notes: ["nothing written"]))
        }
    }
}
