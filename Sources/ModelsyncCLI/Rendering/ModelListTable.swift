import Diagnostics
import ModelDiscovery
import ModelsDevCatalog
import ModelsyncApp

/// How `list` and `search` run and print: the models a query found, as a table fitted to the terminal or as JSON.
enum ModelListRun {
    /// Loads the catalog, runs the query the flags describe and prints the result.
    static func run(
        _ filters: ModelFilterOptions, search: SearchText?, options: RunOptions, console: Console
    ) async throws(RunFailure) {
        let query = try filters.written.query(search: search)
        let (_, loaded) = try await CatalogRead(console: console).load(options)
        for rejected in loaded.catalog.rejectedProviders { console.warning(rejected.description) }
        let listing = try ModelListing(query: query, on: loaded)
        if console.json {
            console.result(listing.json)
        } else {
            if !listing.result.entries.isEmpty { console.result(listing.table(console: console)) }
            console.note(listing.summary)
        }
    }
}

extension ModelListing {
    /// One column of the table: its layout and its cell for an entry.
    private struct ColumnSpec: Sendable {
        var column: TextTable.Column
        var cell: @Sendable (ModelEntry) -> String
    }

    /// The table's columns, in order: MODEL (the `provider/model` reference, never cut), NAME (cut with `…` to
    /// fit), CONTEXT and OUTPUT (tokens, shortened with K and M), IN $/M and OUT $/M (USD per million tokens,
    /// exact); `-` where the catalog has no value.
    private static let columnSpecs: [ColumnSpec] = [
        ColumnSpec(column: .init("MODEL")) { $0.reference },
        ColumnSpec(column: .init("NAME", truncatable: true, minimumWidth: 10)) { $0.model.name ?? "-" },
        ColumnSpec(column: .init("CONTEXT", alignment: .right)) { tokens($0.model.limit?.context) },
        ColumnSpec(column: .init("OUTPUT", alignment: .right)) { tokens($0.model.limit?.output) },
        ColumnSpec(column: .init("IN $/M", alignment: .right)) { price($0.model.cost?.input) },
        ColumnSpec(column: .init("OUT $/M", alignment: .right)) { price($0.model.cost?.output) },
    ]

    /// The columns (indexes into ``columnSpecs``) that leave, in this order, while the table is too wide.
    ///
    /// The table is too wide when it is wider than the terminal with NAME as narrow as it goes. The order is
    /// OUTPUT, NAME, CONTEXT, OUT $/M, IN $/M; MODEL always stays. Then each column that left and fits in the room
    /// after all comes back, the last to leave first.
    private static let dropOrder = [3, 1, 2, 5, 4]

    /// The table fitted to the terminal width (see ``columnSpecs`` and ``dropOrder``); the header is bold on a
    /// colour terminal.
    ///
    /// A line is wider than the terminal only when its reference alone is.
    func table(console: Console) -> String {
        let cells = result.entries.map { entry in Self.columnSpecs.map { $0.cell(entry) } }
        let kept = Self.fittingColumns(cells: cells, maximumWidth: console.outputWidth)
        var table = TextTable(columns: kept.map { Self.columnSpecs[$0].column })
        for row in cells { table.append(kept.map { row[$0] }) }
        let text = table.render(maximumWidth: console.outputWidth)
        guard console.colorsOutput, let newline = text.firstIndex(of: "\n") else { return text }
        return console.style(String(text[..<newline]), .bold, colored: true) + text[newline...]
    }

    /// The indexes of the columns that fit `maximumWidth` with NAME at its narrowest, dropping columns in
    /// ``dropOrder`` and taking back those that fit after all.
    private static func fittingColumns(cells: [[String]], maximumWidth: Int?) -> [Int] {
        var kept = Array(columnSpecs.indices)
        guard let maximumWidth else { return kept }
        let natural = columnSpecs.indices.map { index in
            cells.reduce(columnSpecs[index].column.title.count) { max($0, $1[index].count) }
        }
        func narrowest(_ index: Int) -> Int {
            let column = columnSpecs[index].column
            return column.isTruncatable ? min(natural[index], column.minimumWidth) : natural[index]
        }
        func width(_ columns: [Int]) -> Int { columns.reduce(2 * (columns.count - 1)) { $0 + narrowest($1) } }
        var dropped: [Int] = []
        var drops = dropOrder[...]
        while width(kept) > maximumWidth, let next = drops.popFirst() {
            kept.removeAll { $0 == next }
            dropped.append(next)
        }
        // A column dropped early may fit again beside the room a wider one left: take back, last dropped first,
        // each that fits.
        for index in dropped.reversed() where width(kept + [index]) <= maximumWidth {
            kept = (kept + [index]).sorted()
        }
        return kept
    }

    /// A price for the table: the exact decimal in positional notation (`0.075`, never `7.5e-2`), `-` when absent.
    static func price(_ price: ExactDecimal?) -> String {
        price?.description ?? "-"
    }

    /// A token count for the table: exact below 1,000, else three significant digits with K (thousand) or M
    /// (million): `4.1K`, `131K`, `1.05M`, `2M`; `-` when absent.
    static func tokens(_ count: Int?) -> String {
        guard let count else { return "-" }
        guard count >= 1_000 else { return String(count) }
        // Integer arithmetic throughout: this runs for every row, and formatting through Foundation costs more
        // than the rest of the row.
        let (unit, suffix) = count >= 999_500 ? (1_000_000, "M") : (1_000, "K")
        let decimals = count * 1_000 < 9_995 * unit ? 2 : count * 1_000 < 99_950 * unit ? 1 : 0
        let scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1
        let rounded = (count * scale + unit / 2) / unit
        var whole = String(rounded / scale)
        var fraction = String(rounded % scale)
        if decimals > 0 {
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            if !fraction.isEmpty { whole += "." + fraction }
        }
        return whole + suffix
    }
}
