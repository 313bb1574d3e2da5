import CatalogHistory
import Foundation
import ModelsDevCatalog

extension ChangesReport {
    /// A change log: a heading per observation date, a table per kind under it, and the summary; ids, keys and
    /// values in code spans (``MarkdownText``), so that nothing from the catalog reads as Markdown.
    public var markdown: String {
        var lines = [
            "## Catalog changes", "",
            "Source: \(MarkdownText.code(source)). \(summary.prefix(1).uppercased())"
                + summary.dropFirst() + ".",
        ]
        var days: [(day: String, changes: [CatalogChange])] = []
        for group in groups {
            let day = HistoryQuery.day(group.observation.observedAt)
            if days.last?.day == day {
                days[days.count - 1].changes += group.changes
            } else {
                days.append((day, group.changes))
            }
        }
        for (day, changes) in days {
            lines += ["", "### \(day)"]
            for kind in ChangeKind.allCases {
                let ofKind = changes.filter { $0.kind == kind }
                guard !ofKind.isEmpty else { continue }
                lines += ["", "#### \(Self.title(kind)) (\(ofKind.count))", ""]
                if kind == .added || kind == .removed {
                    lines += ["| model |", "| --- |"]
                    lines += ofKind.map { "| \(Self.reference($0)) |" }
                } else {
                    lines += ["| model | key | old | new |", "| --- | --- | --- | --- |"]
                    lines += ofKind.map { change in
                        "| \(Self.reference(change)) | \(MarkdownText.code(change.key ?? "")) | "
                            + "\(Self.value(change.old)) | \(Self.value(change.new)) |"
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func title(_ kind: ChangeKind) -> String {
        switch kind {
        case .added: return "Added"
        case .removed: return "Removed"
        case .price: return "Prices"
        case .limit: return "Limits"
        case .capability: return "Capabilities"
        case .other: return "Other values"
        }
    }

    private static func reference(_ change: CatalogChange) -> String {
        MarkdownText.code(HistoryQuery.reference(provider: change.provider, model: change.model))
    }

    private static func value(_ stored: String?) -> String {
        stored == nil ? "(none)" : MarkdownText.code(HistoryQuery.text(stored))
    }
}
