import ArgumentParser
import Diagnostics
import ModelsDevCatalog
import ModelsyncApp

extension ProvidersOverview {
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
}

/// What `providers` says about providers the catalog lists under ids that cannot be file names.
enum ProvidersTable {
    /// Each such provider as an error on standard error; exit 2 when there is one.
    static func reportRejected(_ loaded: LoadedCatalog, on console: Console) throws {
        for rejected in loaded.catalog.rejectedProviders { console.show(.init(message: "\(rejected.description)")) }
        if !loaded.catalog.rejectedProviders.isEmpty { throw ExitCode(2) }
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String {
        isEmpty ? replacement : self
    }
}
