import Diagnostics
import Foundation
import LosslessYAML
import ModelDiscovery
import ModelSync
import ModelsDevCatalog

/// Everything the catalog knows about one model, and its entry in each local file that tracks its provider: what
/// `info` shows.
public struct ModelInfo: Sendable {
    /// One tracking file: its entry for the model, or why it could not be read.
    public struct Local: Sendable {
        public var file: TrackingFile
        public var entry: LocalModelEntry?
        public var error: Diagnostic?
    }

    public let loaded: LoadedCatalog
    public let details: ModelDetails
    /// The models directory, as shown.
    public let modelsDirectory: String
    public let locals: [Local]

    /// Reads every file that tracks the model's provider; a file that cannot be read keeps its error.
    public init(loaded: LoadedCatalog, resolved: ResolvedModel, locations: ModelsyncConfiguration) {
        self.loaded = loaded
        details = ModelDetails(resolved)
        modelsDirectory = locations.modelsDirectory.shown
        locals = locations.files(tracking: resolved.provider.id.rawValue).map { file in
            let path = locations.file(fileID: file.fileID)
            guard FileManager.default.fileExists(atPath: path.absolute) else {
                return Local(file: file, entry: .missing(file))
            }
            do {
                let bytes = try Workspace.readProviderFile(path)
                let document = try YAMLDocument(bytes: bytes, path: path.shown)
                return Local(
                    file: file, entry: try LocalModelEntry.compare(document, file: file, model: resolved.model))
            } catch {
                let diagnostic =
                    (error as? DiagnosticConvertible)?.diagnostic ?? Diagnostic(path: path.shown, message: "\(error)")
                return Local(file: file, error: diagnostic)
            }
        }
    }

    /// Looks up `reference` (with `provider`, the model id taken whole) and reads the files that track it.
    ///
    /// - Throws: ``RunFailure`` naming the closest references when no model matches.
    public init(
        lookingUp reference: String, provider: String?, on loaded: LoadedCatalog, locations: ModelsyncConfiguration
    ) throws(RunFailure) {
        let resolver = ModelResolver(catalog: loaded.catalog, providerAliases: locations.providerAliases)
        let resolved: ResolvedModel
        do throws(ModelReferenceError) {
            if let provider {
                resolved = try resolver.resolve(provider: provider, model: reference)
            } else {
                resolved = try resolver.resolve(reference)
            }
        } catch {
            throw RunFailure(error)
        }
        self.init(loaded: loaded, resolved: resolved, locations: locations)
    }

    /// Why files could not be read.
    public var failures: [Diagnostic] { locals.compactMap(\.error) }

    // MARK: JSON

    /// The JSON document `{source, reference, provider, model, local}`; see docs/info-and-compare.md for every field.
    ///
    /// A file's `error` is rendered by `render`.
    public func json(render: (Diagnostic) -> String) -> JSONValue {
        .object([
            "source": loaded.provenance.json,
            "reference": .string(details.resolved.reference.description),
            "provider": details.providerJSON,
            "model": details.modelJSON,
            "local": .array(locals.map { Self.json($0, render: render) }),
        ])
    }

    private static func json(_ local: Local, render: (Diagnostic) -> String) -> JSONValue {
        let entry = local.entry
        return .object([
            "file": .string(local.file.path),
            "file_id": .string(local.file.fileID),
            "selected_models_only": .bool(local.file.selectedModelsOnly),
            "exists": entry.map { .bool($0.exists) } ?? .null,
            "listed": entry.map { .bool($0.listed) } ?? .null,
            "source": .optional(entry?.source),
            "synced": entry.map { .bool($0.listed && $0.isSynced) } ?? .null,
            "differs": entry.map { .bool($0.hasDifferences) } ?? .null,
            "keys": .array(
                (entry?.rows ?? []).map { row in
                    .object([
                        "key": .string(row.key),
                        "local": row.local.map(LocalModelEntry.json) ?? .null,
                        "upstream": row.upstream.map(LocalModelEntry.json) ?? .null,
                        "differs": .bool(row.differs),
                        "pinned": .bool(row.pinned),
                    ])
                }),
            "user_keys": .array(
                (entry?.userKeys ?? []).map { user in
                    .object(["key": .string(user.key), "value": LocalModelEntry.json(user.value)])
                }),
            "error": .optional(local.error.map(render)),
        ])
    }
}
