import Diagnostics
import LosslessYAML
import ModelDiscovery
import ModelSync
import ModelsyncApp

extension ModelInfo {
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
}
