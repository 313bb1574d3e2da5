import Foundation
import ModelsDevCatalog

/// The catalog's providers and whether a file in the models directory tracks each: what `providers` shows.
public struct ProvidersOverview: Sendable {
    /// One provider.
    public struct Row: Sendable {
        public var provider: Provider
        /// `<models dir>/<id>.yml`, as shown.
        public var file: String
        /// Whether that file exists.
        public var tracked: Bool
    }

    public let loaded: LoadedCatalog
    /// The models directory, as shown.
    public let modelsDirectory: String
    public let rows: [Row]

    public init(loaded: LoadedCatalog, locations: ModelsyncConfiguration) {
        self.loaded = loaded
        self.modelsDirectory = locations.modelsDirectory.shown
        let shownDirectory = locations.modelsDirectory.shown
        rows = loaded.catalog.providers.map { provider in
            let name = provider.id.rawValue + ".yml"
            let file = shownDirectory.hasSuffix("/") ? shownDirectory + name : shownDirectory + "/" + name
            let tracked = FileManager.default.fileExists(atPath: locations.file(fileID: provider.id.rawValue).absolute)
            return Row(provider: provider, file: file, tracked: tracked)
        }
    }

    /// `{"source": {…}, "models_dir": …, "providers": [{id, name, models, env, npm, api, doc, file, tracked}],
    /// "rejected": [{id, models, error}]}`.
    public var json: JSONValue {
        .object([
            "source": loaded.provenance.json,
            "models_dir": .string(modelsDirectory),
            "providers": .array(
                rows.map { row in
                    .object([
                        "id": .string(row.provider.id.rawValue),
                        "name": .optional(row.provider.name),
                        "models": .optional(row.provider.models.count),
                        "env": row.provider.env.map { .array($0.map(JSONValue.string)) } ?? .null,
                        "npm": .optional(row.provider.npm),
                        "api": .optional(row.provider.api),
                        "doc": .optional(row.provider.doc),
                        "file": .string(row.file),
                        "tracked": .bool(row.tracked),
                    ])
                }),
            "rejected": .array(
                loaded.catalog.rejectedProviders.map { rejected in
                    .object([
                        "id": .string(rejected.id),
                        "models": .optional(rejected.modelCount),
                        "error": .string(rejected.description),
                    ])
                }),
        ])
    }
}
