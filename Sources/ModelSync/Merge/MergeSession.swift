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
    var held: [HeldChange] = []
    var pinnedDrift: [PinnedDrift] = []
    /// Changes the cooldown could not date (the history is younger than the cooldown): applied.
    var cooldownUnknown = 0

    /// Anchor names that some alias in the file refers to: nodes carrying them are shared.
    let referencedAnchors: Set<String>
    /// For each alias node, the anchored node it stands for (the nearest one before it with that anchor).
    let aliasedNodes: [YAMLNodeID: YAMLNodeID]
    /// Per key name, how the file writes lists under that key; computed on demand.
    var listStyles: [String: YAMLCollectionStyle] = [:]

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
    mutating func edit<Result>(_ body: (inout YAMLEditor) throws -> Result) rethrows -> Result {
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

    /// Merges the desired data into the document: the provider-level keys, then the models.
    ///
    /// An empty file (or one with only comments) gets the whole content of a new file.
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
}
