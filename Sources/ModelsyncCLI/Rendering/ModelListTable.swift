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
    /// One column of the table: its layout, its cell for an entry, and whether a query refers to it.
    private struct ColumnSpec: Sendable {
        var column: TextTable.Column
        var cell: @Sendable (ModelEntry) -> String
        /// Whether a filter or the sort of the query is about this column's value, so that it stays when columns
        /// must leave (see ``dropOrder``).
        var isReferred: @Sendable (ModelQuery) -> Bool = { _ in false }
    }

    /// The table's columns, in order: MODEL (the `provider/model` reference, never cut), NAME (cut with `…` to
    /// fit), CONTEXT and OUTPUT (tokens, shortened with K and M), IN $/M and OUT $/M (USD per million tokens,
    /// exact); `-` where the catalog has no value.
    ///
    /// A column is referred to by the query when a filter or the sort is about its value: CONTEXT by a minimum
    /// context or the context sort; OUTPUT by a minimum output; IN $/M by an input price bound, `priced` or the
    /// price sort (which is by input price); OUT $/M by an output price bound or `priced`. NAME never is, since a
    /// name sort is readable from the MODEL column's order and NAME is the first to be cut.
    private static let columnSpecs: [ColumnSpec] = [
        ColumnSpec(column: .init("MODEL")) { $0.reference },
        ColumnSpec(column: .init("NAME", truncatable: true, minimumWidth: 10)) { $0.model.name ?? "-" },
        ColumnSpec(
            column: .init("CONTEXT", alignment: .right), cell: { tokens($0.model.limit?.context) },
            isReferred: { $0.minContext != nil || $0.sort == .context }),
        ColumnSpec(
            column: .init("OUTPUT", alignment: .right), cell: { tokens($0.model.limit?.output) },
            isReferred: { $0.minOutput != nil }),
        ColumnSpec(
            column: .init("IN $/M", alignment: .right), cell: { price($0.model.cost?.input) },
            isReferred: { $0.maxInputPrice != nil || $0.minInputPrice != nil || $0.priced || $0.sort == .price }),
        ColumnSpec(
            column: .init("OUT $/M", alignment: .right), cell: { price($0.model.cost?.output) },
            isReferred: { $0.maxOutputPrice != nil || $0.minOutputPrice != nil || $0.priced }),
    ]

    /// The columns (indexes into ``columnSpecs``) that leave, in this order, while the table is too wide.
    ///
    /// The table is too wide when it is wider than the terminal with NAME as narrow as it goes. The order is
    /// OUTPUT, NAME, CONTEXT, OUT $/M, IN $/M, but the columns the query refers to (see ``columnSpecs``) stay while
    /// the others leave; then each column that left and fits in the room after all comes back, the last to leave
    /// first. MODEL always stays.
    ///
    /// When MODEL and the referred columns alone are still too wide (models.dev's float noise makes prices such as
    /// `0.049999999999999996`), the long prices of the price columns are cut with `…`, down to
    /// ``cutPriceWidth`` columns; only when that is not enough do referred columns leave too, in the order above.
    /// Columns then come back as before, except that one the query does not refer to comes back only when it fits
    /// beside whole prices. So a line is wider than the terminal only when its reference alone is.
    private static let dropOrder = [3, 1, 2, 5, 4]

    /// The indexes of the price columns (IN $/M, OUT $/M) in ``columnSpecs``.
    private static let priceColumns: Set = [4, 5]

    /// The narrowest a price column is cut to, in terminal columns, when the referred columns do not fit
    /// otherwise: `0.04999…`.
    private static let cutPriceWidth = 8

    /// The table fitted to the terminal width (see ``columnSpecs`` and ``dropOrder``); the header is bold on a
    /// colour terminal.
    ///
    /// A line is wider than the terminal only when its reference alone is.
    func table(console: Console) -> String {
        let cells = result.entries.map { entry in Self.columnSpecs.map { $0.cell(entry) } }
        let referred = Set(Self.columnSpecs.indices.filter { Self.columnSpecs[$0].isReferred(query) })
        let fitting = Self.fittingColumns(cells: cells, maximumWidth: console.outputWidth, keeping: referred)
        var table = TextTable(columns: fitting.kept.map { Self.column($0, cuttingPrices: fitting.cutsPrices) })
        for row in cells { table.append(fitting.kept.map { row[$0] }) }
        let text = table.render(maximumWidth: console.outputWidth)
        guard console.colorsOutput, let newline = text.firstIndex(of: "\n") else { return text }
        return console.style(String(text[..<newline]), .bold, colored: true) + text[newline...]
    }

    /// The column at `index` of ``columnSpecs``; with `cuttingPrices`, a price column may be cut with `…` down to
    /// ``cutPriceWidth``.
    private static func column(_ index: Int, cuttingPrices: Bool) -> TextTable.Column {
        var column = columnSpecs[index].column
        if cuttingPrices, priceColumns.contains(index) {
            column.isTruncatable = true
            column.minimumWidth = cutPriceWidth
        }
        return column
    }

    /// The indexes of the columns that fit `maximumWidth` with NAME at its narrowest, and whether prices must be
    /// cut for them to fit: columns leave in ``dropOrder``, those in `referred` only after prices are cut, and
    /// those that fit after all come back.
    private static func fittingColumns(
        cells: [[String]], maximumWidth: Int?, keeping referred: Set<Int>
    ) -> (kept: [Int], cutsPrices: Bool) {
        var kept = Array(columnSpecs.indices)
        guard let maximumWidth else { return (kept, false) }
        let natural = columnSpecs.indices.map { index in
            cells.reduce(columnSpecs[index].column.title.count) { max($0, $1[index].count) }
        }
        func narrowest(_ index: Int, _ cuttingPrices: Bool) -> Int {
            let column = column(index, cuttingPrices: cuttingPrices)
            return column.isTruncatable ? min(natural[index], column.minimumWidth) : natural[index]
        }
        func fits(_ columns: [Int], cuttingPrices: Bool) -> Bool {
            columns.reduce(2 * (columns.count - 1)) { $0 + narrowest($1, cuttingPrices) } <= maximumWidth
        }
        var dropped: [Int] = []
        for index in dropOrder where !referred.contains(index) && !fits(kept, cuttingPrices: false) {
            kept.removeAll { $0 == index }
            dropped.append(index)
        }
        let cutsPrices = !fits(kept, cuttingPrices: false)
        for index in dropOrder where referred.contains(index) && !fits(kept, cuttingPrices: true) {
            kept.removeAll { $0 == index }
            dropped.append(index)
        }
        // A column dropped early may fit again beside the room a wider one left: take back, last dropped first,
        // each that fits; one the query does not refer to only beside whole prices.
        for index in dropped.reversed()
        where fits(kept + [index], cuttingPrices: cutsPrices && referred.contains(index)) {
            kept = (kept + [index]).sorted()
        }
        return (kept, cutsPrices)
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
