import Diagnostics
import LosslessYAML

/// Options of one merge.
public struct MergeOptions: Sendable, Equatable {
    /// Remove vanished models that hold no user-owned key, instead of marking them `available: false`.
    public var prune: Bool
    /// The provider is in `models: selected` mode: listed models are updated, new ones never inserted.
    public var selectedModelsOnly: Bool
    /// Models inserted even in `selected` mode, as `add PROVIDER MODEL…` asks; the others stay out.
    ///
    /// They are inserted exactly as a sync inserts a model (sorted position, the file's conventions); without
    /// `selectedModelsOnly` every model is inserted anyway and this set changes nothing.
    public var insertedModels: Set<String>
    /// Models the settings exclude (`exclude:`): never inserted, and left exactly as they are when the file has them
    /// (neither updated nor marked unavailable nor pruned).
    public var excluded: [ModelIDPattern]
    /// Which changes of values the file has are held for a person (docs/guards.md); off unless given.
    public var guards: UpdateGuards
    /// Held changes applied anyway (`--accept-held`, `--accept REF:KEY`).
    public var accepted: AcceptedChanges
    /// Provider-level keys whose value names models of the file (`default_model`): reported when such a model is
    /// missing, unavailable or deprecated after the merge.
    public var references: [String]
    /// Changes younger than the cooldown are held (docs/history.md#cooldown); `nil`: no cooldown.
    public var cooldown: Cooldown?

    public init(
        prune: Bool = false, selectedModelsOnly: Bool = false, insertedModels: Set<String> = [],
        excluded: [ModelIDPattern] = [], guards: UpdateGuards = .off, accepted: AcceptedChanges = .none,
        references: [String] = [], cooldown: Cooldown? = nil
    ) {
        self.prune = prune
        self.selectedModelsOnly = selectedModelsOnly
        self.insertedModels = insertedModels
        self.excluded = excluded
        self.guards = guards
        self.accepted = accepted
        self.references = references
        self.cooldown = cooldown
    }

    /// Whether a model that the file lacks is inserted.
    func inserts(_ id: String) -> Bool {
        !excludes(id) && (!selectedModelsOnly || insertedModels.contains(id))
    }

    /// Whether the settings exclude the model.
    func excludes(_ id: String) -> Bool {
        excluded.firstMatch(id) != nil
    }
}

/// Merges one provider's desired managed data into its YAML file (docs/provider-files.md, docs/merge-rules.md), as minimal text edits.
///
/// Managed keys are set only when their value differs semantically (`3 == 3.0`, `'x' == x`, lists as lists);
/// missing ones are inserted in canonical order next to their siblings; every other key is the user's and is never
/// touched. `pinned` keys are never set, removed or inserted. A managed value behind an alias, or inside an anchored
/// node that an alias uses, is reported as a conflict and left alone.
public struct ConfigMerger: Sendable {
    /// The file's id: its name without `.yml`.
    public let fileID: String
    public let desired: DesiredProvider
    public let options: MergeOptions

    public init(fileID: String, desired: DesiredProvider, options: MergeOptions = MergeOptions()) {
        self.fileID = fileID
        self.desired = desired
        self.options = options
    }

    /// The formatting of new files: 2-space indentation, indented sequences, dates always quoted.
    public static var newFileFormatting: YAMLFormatting {
        var formatting = YAMLFormatting.standard
        formatting.alwaysQuotedKeys = ManagedKeys.alwaysQuoted
        return formatting
    }

    /// The text of a new file for this provider: `provider`, the managed provider keys, and every model sorted by id
    /// (in `selected` mode only the ``MergeOptions/insertedModels``).
    ///
    /// Like every write, the text is verified: parsed again, it must read as exactly the intended data.
    ///
    /// - Throws: ``LosslessYAML/YAMLError/verificationFailed(path:detail:)`` when it does not.
    public func newFile(report: inout ProviderReport) throws -> [UInt8] {
        var entries = [YAMLMappingEntry("provider", .string(fileID))]
        for entry in desired.keys {
            guard let value = entry.value else { continue }
            entries.append(YAMLMappingEntry(entry.key, value))
            report.changed.append(Change(model: nil, key: entry.key, old: nil, new: value))
        }
        let models = desired.models.filter { options.inserts($0.id) }
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        entries.append(YAMLMappingEntry("models", .mapping(models.map { YAMLMappingEntry($0.id, $0.mappingValue) })))
        report.added = models.map(\.id)
        for refused in desired.refused where options.inserts(refused.id) {
            report.conflicts.append(Conflict(model: refused.id, key: "", reason: refused.reason))
        }
        let renderer = YAMLRenderer(formatting: Self.newFileFormatting)
        let intended = YAMLValue.mapping(entries)
        let bytes = renderer.fileBytes(for: intended)
        let path = fileID + ".yml"
        let reread: YAMLDocument
        do {
            reread = try YAMLDocument(bytes: bytes, path: path)
        } catch {
            throw YAMLError.verificationFailed(path: path, detail: "the new text does not parse: \(error)")
        }
        guard let root = reread.root, reread.isEqual(root, to: intended) else {
            throw YAMLError.verificationFailed(path: path, detail: "the new text reads differently")
        }
        return bytes
    }

    /// Merges into an existing file and returns the new bytes, or `nil` when nothing changes; fills `report`.
    ///
    /// - Throws: ``MergeError`` when the file's root is not a mapping, ``YAMLError`` when the edited text cannot be
    ///   written or does not verify.
    ///
    /// A file with aliases can take more than one pass: a value under an anchor is not edited while an alias uses
    /// it, and the pass that replaces the last such alias (a managed value written `*name`) frees it. The merge then
    /// goes over its own text again, at most ``maximumAliasPasses`` times in all, so one sync reaches the fixed
    /// point; the report adds up the passes and keeps the conflicts of the last one (what the file still holds).
    public func merge(into document: YAMLDocument, report: inout ProviderReport) throws -> [UInt8]? {
        var current = document
        var conflicts: [Conflict] = []
        var held: [HeldChange] = []
        var drift: [PinnedDrift] = []
        var cooldownUnknown = 0
        for pass in 1...Self.maximumAliasPasses {
            var session = try MergeSession(document: current, merger: self)
            try session.run()
            report.added += session.added
            report.removed += session.removed
            report.unavailable += session.unavailable
            report.changed += session.changes
            conflicts = session.conflicts
            held = session.held
            drift = session.pinnedDrift
            cooldownUnknown = session.cooldownUnknown
            guard let editor = session.editor, editor.hasEdits else { break }
            let bytes = try editor.apply()
            guard bytes != current.bytes else { break }
            current = try YAMLDocument(bytes: bytes, path: document.path)
            // Only a pass that left an anchor without aliases can have more to do (never so in a file without any).
            if pass == Self.maximumAliasPasses || current.aliasTargets == session.referencedAnchors { break }
        }
        report.conflicts += conflicts
        report.held += held
        report.pinnedDrift += drift
        report.cooldownUnknown += cooldownUnknown
        if !options.references.isEmpty {
            report.references += ReferenceCheck(keys: options.references).problems(in: current)
        }
        return current.bytes == document.bytes ? nil : current.bytes
    }

    /// How many passes a file with aliases gets (each one after the first frees at least one anchor).
    static let maximumAliasPasses = 4
}

/// A file the merge cannot work on.
public enum MergeError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// The root of the file is not a mapping.
    case rootNotAMapping(Diagnostic)

    public var description: String { diagnostic.description }

    public var diagnostic: Diagnostic {
        switch self {
        case .rootNotAMapping(let diagnostic): return diagnostic
        }
    }
}
