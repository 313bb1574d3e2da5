import ArgumentParser
import Foundation
import ModelDiscovery
import ModelsDevCatalog

/// What `list` and `search` print: the models a query found, as a table fitted to the terminal or as JSON.
struct ModelListReport {
    let loaded: LoadedCatalog
    let query: ModelQuery
    let result: QueryResult

    /// Loads the catalog, runs `query` on it and prints the result; a `--provider` the catalog lacks is a usage
    /// error (exit 64).
    static func run(
        _ query: ModelQuery, directories: DirectoryOptions, catalog: CatalogOptions, console: Console
    ) async throws {
        let (configuration, loaded) = try await CatalogContext.load(catalog, directories: directories, console: console)
        for rejected in loaded.catalog.rejectedProviders { console.warning(rejected.description) }
        let result: QueryResult
        do {
            result = try query.run(on: loaded.catalog)
        } catch {
            console.error(error.description)
            throw ExitCode(64)
        }
        let report = ModelListReport(loaded: loaded, query: query, result: result)
        if console.json {
            console.result(report.json)
        } else {
            if !result.entries.isEmpty { console.result(report.table(console: console)) }
            console.note(report.summary)
        }
    }

    /// One line for stderr: `42 of 5,276 models`, or with `--limit`, `showing 20 of 42 matching models; 5,276 in
    /// the catalog`.
    var summary: String {
        let total = Self.grouped(result.catalogModelCount)
        if result.matchedCount == 0 { return "no model matches; \(total) in the catalog" }
        if result.entries.count < result.matchedCount {
            return "showing \(Self.grouped(result.entries.count)) of \(Self.grouped(result.matchedCount)) matching"
                + " models; \(total) in the catalog"
        }
        return "\(Self.grouped(result.matchedCount)) of \(total) models"
    }

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

    /// The `--json` output: `{"source": {…}, "catalog_models": N, "matched": N, "models": [{…}]}`.
    ///
    /// See ``modelJSON(_:)`` for a model's fields. `matched` counts the models before `--limit`.
    var json: JSONValue {
        .object([
            "source": loaded.provenance.json,
            "catalog_models": .optional(result.catalogModelCount),
            "matched": .optional(result.matchedCount),
            "models": .array(result.entries.map(modelJSON)),
        ])
    }

    /// One model of the `--json` output, with absent values `null`.
    ///
    /// Fields: `reference`, `provider`, `id`, `name`, `family`, `context_window`, `max_input_tokens`,
    /// `max_output_tokens` (tokens), `input_price`, `output_price` (USD per million tokens), `pricing` (every base
    /// price by its models.dev name), `capabilities` (SPEC §3.2 names), `modalities` (`input`, `output`),
    /// `knowledge`, `release_date`, `last_updated`, `status` (`active`, `alpha`, `beta`, `deprecated`, or the
    /// catalog's own word), `open_weights`; and for `search`, `match` (`exact`, `prefix`, `substring`, `words`).
    func modelJSON(_ entry: ModelEntry) -> JSONValue {
        let model = entry.model
        let prices = model.cost?.prices
        var object: JSONObject = [
            "reference": .string(entry.reference),
            "provider": .string(entry.provider.id.rawValue),
            "id": .string(model.id),
            "name": .optional(model.name),
            "family": .optional(model.family),
            "context_window": .optional(model.limit?.context),
            "max_input_tokens": .optional(model.limit?.input),
            "max_output_tokens": .optional(model.limit?.output),
            "input_price": prices?.input.map(JSONValue.number) ?? .null,
            "output_price": prices?.output.map(JSONValue.number) ?? .null,
            "pricing": prices.map { prices in
                .object(JSONObject(members: prices.entries.map { .init(key: $0.key, value: .number($0.value)) }))
            } ?? .null,
            "capabilities": .array(model.capabilities.map { .string($0.rawValue) }),
            "modalities": model.modalities.map(ModelDetails.modalitiesJSON) ?? .null,
            "knowledge": .optional(model.knowledge),
            "release_date": .optional(model.releaseDate),
            "last_updated": .optional(model.lastUpdated),
            "status": .string(model.status ?? ModelStatusFilter.active.rawValue),
            "open_weights": model.openWeights.map(JSONValue.bool) ?? .null,
        ]
        if let match = entry.match { object.members.append(.init(key: "match", value: .string(match.name))) }
        return .object(object)
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

    /// `count` with a comma between groups of three digits: `5,276`.
    static func grouped(_ count: Int) -> String {
        let digits = String(count)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
