import Diagnostics
import ModelsDevCatalog

/// Which provider files a run works on, and which models.dev provider each tracks (docs/selection.md).
///
/// Precedence: the settings file's `providers` list, when present, is exactly the set; otherwise the files already in
/// the models directory; when that holds no provider file, every upstream provider (first run). `--all` adds every
/// upstream provider; `--provider ID` (repeatable) narrows the set to those files, or starts tracking a provider
/// that has no file yet. `--provider` takes file ids, and an upstream id when exactly one file tracks it.
public struct ProviderSelection: Sendable, Equatable {
    /// One file to sync.
    public struct Target: Sendable, Equatable {
        /// The file's id: `<fileID>.yml`.
        public var fileID: String
        /// The models.dev provider id it tracks.
        public var upstream: String
        /// `models: selected` mode.
        public var selectedModelsOnly: Bool
        /// Model ids or globs the settings exclude.
        public var exclude: [ModelIDPattern]

        public init(
            fileID: String, upstream: String, selectedModelsOnly: Bool = false, exclude: [ModelIDPattern] = []
        ) {
            self.fileID = fileID
            self.upstream = upstream
            self.selectedModelsOnly = selectedModelsOnly
            self.exclude = exclude
        }
    }

    /// The files to sync, sorted by file id.
    public var targets: [Target] = []
    /// Files left untouched because models.dev does not know their provider, with the reason.
    public var skipped: [(fileID: String, upstream: String, reason: String)] = []
    /// Provider ids refused (unsafe as file names, or unknown when asked for by `--provider`), with the message.
    public var errors: [(id: String, message: DiagnosticText)] = []

    /// The option that names providers to sync.
    public static let providerOption = OptionReference("provider")
    /// Things the user should know (a settings entry that models.dev lacks).
    public var warnings: [String] = []

    public static func == (lhs: ProviderSelection, rhs: ProviderSelection) -> Bool {
        lhs.targets == rhs.targets && lhs.skipped.map(\.fileID) == rhs.skipped.map(\.fileID)
            && lhs.errors.map(\.id) == rhs.errors.map(\.id) && lhs.warnings == rhs.warnings
    }

    /// Decides the targets.
    ///
    /// - Parameters:
    ///   - settings: the `providers` list of the settings file, or `nil` when it has none.
    ///   - existingFiles: ids of the `*.yml` files in the models directory.
    ///   - upstream: ids of the catalog's providers that are safe as file names.
    ///   - rejectedUpstream: ids of the catalog's providers refused as file names, with the catalog's message.
    ///   - requested: `--provider` values, in order given.
    ///   - all: `--all`.
    public init(
        settings: [SyncSettings.ProviderSetting]?, existingFiles: Set<String>, upstream: Set<String>,
        rejectedUpstream: [(id: String, message: String)] = [], requested: [String] = [], all: Bool = false
    ) {
        var candidates: [String: Target] = [:]
        var firstRun = false
        if let settings {
            for setting in settings {
                candidates[setting.fileID] = Target(
                    fileID: setting.fileID, upstream: setting.upstream, selectedModelsOnly: setting.selectedModelsOnly,
                    exclude: setting.exclude)
            }
        } else if existingFiles.isEmpty {
            firstRun = true
        } else {
            for file in existingFiles { candidates[file] = Target(fileID: file, upstream: file) }
        }
        let wholeCatalog = all || (firstRun && requested.isEmpty)
        if wholeCatalog {
            for id in upstream where candidates[id] == nil && !candidates.values.contains(where: { $0.upstream == id })
            {
                candidates[id] = Target(fileID: id, upstream: id)
            }
            errors += rejectedUpstream.map { ($0.id, DiagnosticText($0.message)) }
        }

        if !requested.isEmpty {
            var narrowed: [String: Target] = [:]
            for id in requested {
                if let target = candidates[id] {
                    narrowed[id] = target
                } else if let tracking = Self.single(candidates.values.filter { $0.upstream == id }) {
                    narrowed[tracking.fileID] = tracking
                } else if candidates.values.contains(where: { $0.upstream == id }) {
                    errors.append(
                        (
                            id,
                            "provider '\(id)' is tracked by several files; name one of them with "
                                + "\(option: Self.providerOption)"
                        ))
                } else if upstream.contains(id) {
                    narrowed[id] = Target(fileID: id, upstream: id)
                } else if let rejected = rejectedUpstream.first(where: { $0.id == id }) {
                    errors.append((rejected.id, DiagnosticText(rejected.message)))
                } else if !ProviderID.isSafeFileName(id) {
                    errors.append(
                        (id, "refused provider id '\(id)': it must match ^[a-z0-9][a-z0-9._-]*$ to become a file name"))
                } else {
                    let known = upstream.union(candidates.keys)
                    let suggestions = IDSuggestions.closest(to: id, among: known, limit: 3)
                    errors.append(
                        (
                            id,
                            "unknown provider '\(id)': models.dev does not list it and no file tracks it"
                                + "\(DidYouMean.phrase(suggestions))"
                        ))
                }
            }
            candidates = narrowed
        }

        for target in candidates.values.sorted(by: { $0.fileID.utf8.lexicographicallyPrecedes($1.fileID.utf8) }) {
            if upstream.contains(target.upstream) {
                targets.append(target)
            } else {
                let reason = "models.dev does not list provider '\(target.upstream)'"
                skipped.append((target.fileID, target.upstream, reason))
                if settings?.contains(where: { $0.fileID == target.fileID }) == true {
                    warnings.append("settings: \(reason) (tracked by \(target.fileID).yml); skipped")
                }
            }
        }
    }

    private static func single(_ targets: [Target]) -> Target? {
        targets.count == 1 ? targets[0] : nil
    }
}
