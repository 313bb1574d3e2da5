import Diagnostics
import LosslessYAML
import ModelDiscovery
import ModelSync
import ModelsyncApp

extension ModelInfo {
    static let differsMark = "≠"

    // MARK: Text

    /// Two key/value tables (provider, model), the model's last price change when the history knows one, and, per
    /// tracking file, a table of its keys beside upstream.
    func text(console: Console, lastPriceChange: LastPriceChange? = nil) -> String {
        let width = console.outputWidth
        func bold(_ text: String) -> String { console.style(text, .bold, colored: console.colorsOutput) }
        var blocks = [bold(details.resolved.reference.description)]
        blocks.append(Self.keyValueTable("PROVIDER", details.providerRows).render(maximumWidth: width))
        blocks.append(
            Self.keyValueTable("MODEL", details.modelRows).render(maximumWidth: width)
                + "\nPrices in USD per million tokens; limits in tokens."
                + (lastPriceChange.map { "\nlast price change: " + $0.text } ?? ""))
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
        var showsChanges = false
        for row in entry.rows {
            var upstream = row.differs ? Self.text(row.upstream) : "="
            if let changes = row.itemChanges {
                upstream = Self.text(changes)
                showsChanges = true
            }
            table.append([
                row.differs ? Self.differsMark : "", row.key, Self.text(row.local), upstream,
                row.pinned ? "pinned" : "",
            ])
        }
        for user in entry.userKeys {
            table.append(["", user.key, Self.text(user.value), "", "user-owned"])
        }
        return heading + "\n" + table.render(maximumWidth: width) + "\n"
            + "\(Self.differsMark) differs from upstream: sync changes it unless pinned; = same as upstream; "
            + "user-owned keys are never changed."
            + (showsChanges ? "\n" + WrappedText.wrap(Self.changesLegend, width: width) : "")
    }

    /// The line under a table that shows what differs in a list or a mapping, wrapped to the terminal width.
    static let changesLegend =
        "Lists and mappings show what differs: + only upstream has it, - only the local value has it, key: upstream's"
        + " value, order: upstream's order."

    /// What differs in a list or a mapping, such as `+ vision, - reasoning`, `order: text, image`,
    /// `cache_read: 0.02`, `- discount`.
    private static func text(_ changes: [LocalModelEntry.ItemChange]) -> String {
        changes.map { change in
            let value = text(change.value)
            let place = change.key.map { change.path.isEmpty ? $0 : change.path + "." + $0 } ?? change.path
            switch (change.kind, change.key) {
            case (.added, nil): return "+ " + value + (place.isEmpty ? "" : " in " + place)
            case (.removed, nil): return "- " + value + (place.isEmpty ? "" : " in " + place)
            case (.added, _): return "+ " + place + ": " + value
            case (.removed, _): return "- " + place
            case (.changed, _): return place + ": " + value
            case (.reordered, _):
                let order: String
                if case .mapping(let entries, _) = change.value {
                    order = entries.map { $0.key.stringValue ?? text($0.key) }.joined(separator: ", ")
                } else {
                    order = value
                }
                return (place.isEmpty ? "order: " : "order of " + place + ": ") + order
            }
        }
        .joined(separator: ", ")
    }

    private static func text(_ value: YAMLValue?) -> String {
        guard let value else { return "(absent)" }
        return ModelDetails.text(LocalModelEntry.json(value))
    }
}
