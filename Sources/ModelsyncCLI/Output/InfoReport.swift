import LosslessYAML
import ModelDiscovery
import ModelSync
import ModelsDevCatalog

/// What `info` prints: the catalog's every fact about one model, then each local file that tracks its provider.
struct InfoReport {
    /// One tracking file: its entry for the model, or why it could not be read.
    struct Local {
        var file: TrackingFile
        var entry: LocalModelEntry?
        var error: String?
    }

    let loaded: LoadedCatalog
    let details: ModelDetails
    let modelsDirectory: String
    let locals: [Local]

    /// Reads every file that tracks the model's provider; a file that cannot be read keeps its error.
    init(loaded: LoadedCatalog, resolved: ResolvedModel, configuration: ModelsyncConfiguration) {
        self.loaded = loaded
        details = ModelDetails(resolved)
        modelsDirectory = configuration.modelsDirectory
        locals = configuration.files(tracking: resolved.provider.id.rawValue).map { file in
            do {
                return Local(file: file, entry: try LocalModelEntry.read(file, model: resolved.model))
            } catch {
                return Local(file: file, error: "\(error)")
            }
        }
    }

    /// The messages of files that could not be read, for stderr.
    var failures: [String] { locals.compactMap(\.error) }

    static let differsMark = "≠"

    // MARK: Text

    /// Two key/value tables (provider, model) and, per tracking file, a table of its keys beside upstream.
    func text(console: Console) -> String {
        let width = console.outputWidth
        func bold(_ text: String) -> String { console.style(text, .bold, colored: console.colorsOutput) }
        var blocks = [bold(details.resolved.reference.description)]
        blocks.append(Self.keyValueTable("PROVIDER", details.providerRows).render(maximumWidth: width))
        blocks.append(
            Self.keyValueTable("MODEL", details.modelRows).render(maximumWidth: width)
                + "\nPrices in USD per million tokens; limits in tokens.")
        if locals.isEmpty {
            blocks.append(
                "No file in \(modelsDirectory) tracks provider '\(details.resolved.provider.id.rawValue)'.")
        }
        for local in locals { blocks.append(localText(local, width: width, bold: bold)) }
        return blocks.joined(separator: "\n\n")
    }

    private static func keyValueTable(_ title: String, _ rows: [(key: String, value: String)]) -> TextTable {
        var table = TextTable(columns: [.init(title), .init("VALUE", truncatable: true, minimumWidth: 20)])
        for row in rows { table.append([row.key, row.value]) }
        return table
    }

    private func localText(_ local: Local, width: Int?, bold: (String) -> String) -> String {
        let path = local.file.path
        guard let entry = local.entry else { return bold(path) + ": not read (the error is on standard error)" }
        guard entry.exists else { return bold(path) + ": no such file yet (sync creates it)" }
        guard entry.listed else {
            let why =
                local.file.selectedModelsOnly
                ? "its settings say models: selected, so sync adds no model it does not list"
                : "sync adds it"
            return bold(path) + ": does not list this model (\(why))"
        }
        var heading = bold(path) + ": models: " + details.resolved.model.id
        if let source = entry.source { heading += " (source: \(source))" }
        if !entry.isSynced { heading += "\nIts source is not models.dev: sync never changes this entry." }
        var table = TextTable(columns: [
            .init(""), .init("KEY"), .init("LOCAL", truncatable: true, minimumWidth: 20),
            .init("UPSTREAM", truncatable: true, minimumWidth: 20), .init("NOTE"),
        ])
        for row in entry.rows {
            table.append([
                row.differs ? Self.differsMark : "", row.key, Self.text(row.local),
                row.differs ? Self.text(row.upstream) : "=", row.pinned ? "pinned" : "",
            ])
        }
        for user in entry.userKeys {
            table.append(["", user.key, Self.text(user.value), "", "user-owned"])
        }
        return heading + "\n" + table.render(maximumWidth: width) + "\n"
            + "\(Self.differsMark) differs from upstream: sync changes it unless pinned; = same as upstream; "
            + "user-owned keys are never changed."
    }

    private static func text(_ value: YAMLValue?) -> String {
        guard let value else { return "(absent)" }
        return ModelDetails.text(LocalModelEntry.json(value))
    }

    // MARK: JSON

    /// `{source, reference, provider, model, local}`; see docs/info-and-compare.md for every field.
    var json: JSONValue {
        .object([
            "source": loaded.provenance.json,
            "reference": .string(details.resolved.reference.description),
            "provider": details.providerJSON,
            "model": details.modelJSON,
            "local": .array(locals.map(Self.json)),
        ])
    }

    private static func json(_ local: Local) -> JSONValue {
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
            "error": .optional(local.error),
        ])
    }
}
