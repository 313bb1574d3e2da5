import Foundation
import ModelsDevCatalog

/// What `providers` prints: one row per provider, as a table or as JSON.
struct ProvidersReport {
    struct Row {
        var provider: Provider
        var file: String
        var tracked: Bool
    }

    let loaded: LoadedCatalog
    let modelsDirectory: String
    let rows: [Row]

    init(loaded: LoadedCatalog, modelsDirectory: String) {
        self.loaded = loaded
        self.modelsDirectory = modelsDirectory
        let directory = URL(fileURLWithPath: modelsDirectory, isDirectory: true)
        rows = loaded.catalog.providers.map { provider in
            let name = provider.id.rawValue + ".yml"
            let file = modelsDirectory.hasSuffix("/") ? modelsDirectory + name : modelsDirectory + "/" + name
            let tracked = FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
            return Row(provider: provider, file: file, tracked: tracked)
        }
    }

    /// Columns ID, NAME, MODELS, ENV, TRACKED; the header bold and `yes` green on a colour terminal.
    func table(console: Console) -> String {
        let header = ["ID", "NAME", "MODELS", "ENV", "TRACKED"]
        let cells = rows.map { row in
            [
                row.provider.id.rawValue, row.provider.name ?? "-", String(row.provider.models.count),
                (row.provider.env ?? []).joined(separator: ",").ifEmpty("-"), row.tracked ? "yes" : "no",
            ]
        }
        let widths = header.indices.map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String], header: Bool) -> String {
            let padded = cells.enumerated().map { column, cell -> String in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let text = column == 2 ? padding + cell : cell + (column == cells.count - 1 ? "" : padding)
                if header { return console.style(text, .bold, colored: console.colorsOutput) }
                if column == 4, cell == "yes" { return console.style(text, .green, colored: console.colorsOutput) }
                return text
            }
            return padded.joined(separator: "  ")
        }
        return ([line(header, header: true)] + cells.map { line($0, header: false) }).joined(separator: "\n")
    }

    /// `{"source": {…}, "models_dir": …, "providers": [{id, name, models, env, npm, api, doc, file, tracked}],
    /// "rejected": [{id, models, error}]}`.
    var json: JSONValue {
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

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String {
        isEmpty ? replacement : self
    }
}
