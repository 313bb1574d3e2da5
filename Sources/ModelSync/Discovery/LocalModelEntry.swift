import LosslessYAML
import ModelsDevCatalog

/// One model as a provider file holds it, beside the managed values a sync would write (docs/provider-files.md#managed-keys-of-a-model).
///
/// Read-only: the file is parsed with ``LosslessYAML`` and never written. Each managed key is a ``Row`` holding the
/// local value, the value modelsync would write (``CatalogMapping/desired(for:)-(Model)``), whether the two differ
/// and whether the key is pinned. `pricing`, `pricing.context_over_200k` and `modalities` are compared key by key
/// (`pricing.input`); `pricing.tiers` and the other keys as whole values. Values compare as the merge does:
/// semantically (`3 == 3.0`, `'x' == x`, lists as lists; a date left unquoted is a YAML 1.1 timestamp and differs
/// from the string sync writes); `capabilities` compares only its managed items, as a set, since sync keeps the
/// user's items and the order of existing ones. Aliases are not read through: a managed value written as an alias
/// differs (sync reports it as a conflict).
public struct LocalModelEntry: Sendable {
    /// One managed key: the local value and the upstream one (`nil`: absent).
    public struct Row: Sendable, Equatable {
        /// The key as a dotted path, such as `context_window` or `pricing.cache_read`.
        public var key: String
        public var local: YAMLValue?
        /// What sync would write; `nil` when it would remove the key (absent upstream).
        public var upstream: YAMLValue?
        /// Whether the local value differs from the upstream one (sync changes it unless pinned).
        public var differs: Bool
        /// Whether the model's `pinned` names the key or a parent of it (sync never changes it).
        public var pinned: Bool

        public init(key: String, local: YAMLValue?, upstream: YAMLValue?, differs: Bool, pinned: Bool) {
            self.key = key
            self.local = local
            self.upstream = upstream
            self.differs = differs
            self.pinned = pinned
        }
    }

    /// The file as given.
    public let file: TrackingFile
    /// Whether the file exists.
    public let exists: Bool
    /// Whether the file lists the model under `models`.
    public let listed: Bool
    /// The model's `source` as written (`models.dev`, `manual`, …), or `nil` when it has none.
    public let source: String?
    /// The managed keys that either side has, in the order of ``ManagedKeys/modelKeys``.
    public let rows: [Row]
    /// The user-owned keys of the entry (`notes`, `pinned`, `pricing.discount`, …) in file order.
    public let userKeys: [(key: String, value: YAMLValue)]

    /// Whether sync updates the entry: its `source` is `models.dev`, or it has none (it is adopted).
    public var isSynced: Bool { source == nil || source == ManagedKeys.sourceValue }

    /// Whether any managed value differs from upstream.
    public var hasDifferences: Bool { rows.contains(where: \.differs) }

    /// The entry of a provider file that does not exist: it lists no model.
    public static func missing(_ file: TrackingFile) -> LocalModelEntry {
        LocalModelEntry(file: file, exists: false, listed: false, source: nil, rows: [], userKeys: [])
    }

    /// Compares the entry for `model` in a parsed provider file with the catalog's values; a `models` key that is
    /// not a mapping reads as not listing the model.
    ///
    /// - Throws: ``MergeError/rootNotAMapping(_:)`` when the root is not a mapping.
    public static func compare(_ document: YAMLDocument, file: TrackingFile, model: Model) throws -> LocalModelEntry {
        guard let root = document.root else {
            return LocalModelEntry(file: file, exists: true, listed: false, source: nil, rows: [], userKeys: [])
        }
        guard document.kind(of: root) == .mapping else {
            throw MergeError.rootNotAMapping(
                document.diagnostic(at: root, "the file's root must be a mapping of provider keys and 'models'"))
        }
        guard let models = document.value(forKey: "models", in: root), document.kind(of: models) == .mapping,
            let node = document.entries(of: models).first(where: {
                document.value(of: $0.key) == .string(model.id)
            })?.value
        else {
            return LocalModelEntry(file: file, exists: true, listed: false, source: nil, rows: [], userKeys: [])
        }
        var reader = EntryReader(document: document, entry: document.kind(of: node) == .mapping ? node : nil)
        reader.compare(CatalogMapping.desired(for: model))
        return LocalModelEntry(
            file: file, exists: true, listed: true, source: reader.source, rows: reader.rows, userKeys: reader.userKeys)
    }

    /// A YAML value as JSON: mappings with string keys become objects; aliases become `"*name"`; dates strings.
    public static func json(_ value: YAMLValue) -> JSONValue {
        value.json
    }
}
