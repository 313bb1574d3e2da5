import Diagnostics

/// A plain-text table whose columns are aligned and fitted to a terminal width.
///
/// Widths are in terminal columns, counted as one per `Character` (the catalog's ids and names are Latin text).
/// When the table is wider than the limit, columns that allow it are truncated with `…`, the widest first, never
/// below their minimum width; columns that do not allow it (ids) are never cut, so a table may stay wider than the
/// limit rather than lose an id.
public struct TextTable: Sendable {
    /// One column: its header, alignment and whether its cells may be shortened.
    public struct Column: Sendable {
        /// How cells sit in the column.
        public enum Alignment: Sendable {
            case left
            case right
        }

        public var title: String
        public var alignment: Alignment
        /// Whether cells may be cut with `…` to fit the width; ids set `false`.
        public var isTruncatable: Bool
        /// The narrowest a truncatable column becomes, in columns (the title may be cut too).
        public var minimumWidth: Int

        public init(_ title: String, alignment: Alignment = .left, truncatable: Bool = false, minimumWidth: Int = 8) {
            self.title = title
            self.alignment = alignment
            self.isTruncatable = truncatable
            self.minimumWidth = minimumWidth
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []
    /// The text between two columns.
    public var separator = "  "

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Appends a row; missing cells are empty and extra cells are dropped.
    ///
    /// Control characters in a cell (ids come from the catalog) are shown escaped (``TerminalText``), so that no cell
    /// acts on the terminal or breaks a line.
    public mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(columns.count)).map(TerminalText.escape)
        while row.count < columns.count { row.append("") }
        rows.append(row)
    }

    /// The column widths that fit `maximumWidth` columns as well as the rules allow (`nil`: no limit).
    public func widths(fitting maximumWidth: Int?) -> [Int] {
        widths(fitting: maximumWidth, cellWidths: cellWidths())
    }

    /// The width of every cell, row by row, counted once for both fitting and rendering.
    private func cellWidths() -> [[Int]] {
        rows.map { row in row.map(\.count) }
    }

    private func widths(fitting maximumWidth: Int?, cellWidths: [[Int]]) -> [Int] {
        var widths = columns.map { $0.title.count }
        for row in cellWidths {
            for (index, width) in row.enumerated() where width > widths[index] { widths[index] = width }
        }
        guard let maximumWidth else { return widths }
        let separators = separator.count * max(columns.count - 1, 0)
        var excess = widths.reduce(separators, +) - maximumWidth
        while excess > 0 {
            let candidates = columns.indices.filter {
                columns[$0].isTruncatable && widths[$0] > columns[$0].minimumWidth
            }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            let others = candidates.filter { $0 != widest }.map { widths[$0] }.max() ?? columns[widest].minimumWidth
            let target = max(others, columns[widest].minimumWidth, widths[widest] - excess)
            let cut = max(widths[widest] - target, 1)
            widths[widest] -= cut
            excess -= cut
        }
        return widths
    }

    /// The table as lines, header first, each without trailing spaces, fitted to `maximumWidth` columns.
    public func render(maximumWidth: Int?) -> String {
        let cellWidths = cellWidths()
        let widths = widths(fitting: maximumWidth, cellWidths: cellWidths)
        // Written as UTF-8 bytes: thousands of rows of short cells, where String appends cost more than the rest.
        var text: [UInt8] = []
        text.reserveCapacity((widths.reduce(0, +) + separator.utf8.count * columns.count + 1) * (rows.count + 1))
        var pending: [UInt8] = []
        appendLine(
            columns.map(\.title), cellWidths: columns.map(\.title.count), widths: widths, to: &text, pending: &pending)
        for (row, rowWidths) in zip(rows, cellWidths) {
            text.append(UInt8(ascii: "\n"))
            appendLine(row, cellWidths: rowWidths, widths: widths, to: &text, pending: &pending)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends one line, without trailing spaces; `pending` is scratch space for padding and separators not
    /// written yet (what follows the last text is dropped).
    private func appendLine(
        _ cells: [String], cellWidths: [Int], widths: [Int], to text: inout [UInt8], pending: inout [UInt8]
    ) {
        pending.removeAll(keepingCapacity: true)
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            let fitted = cellWidths[index] > width ? Self.truncate(cell, to: width) : cell
            let padding = repeatElement(UInt8(ascii: " "), count: width - min(cellWidths[index], width))
            if index > 0 { pending.append(contentsOf: separator.utf8) }
            if columns[index].alignment == .right { pending.append(contentsOf: padding) }
            if !fitted.isEmpty {
                text.append(contentsOf: pending)
                text.append(contentsOf: fitted.utf8)
                pending.removeAll(keepingCapacity: true)
            }
            if columns[index].alignment == .left { pending.append(contentsOf: padding) }
        }
        while pending.last == UInt8(ascii: " ") { pending.removeLast() }
        text.append(contentsOf: pending)
        while text.last == UInt8(ascii: " ") { text.removeLast() }
    }

    /// The table as one table or several, each fitting `maximumWidth` columns: every one holds the first `repeated`
    /// columns (the row labels) and every row, and the other columns are spread over them in order; `[self]` when
    /// there is no limit or the table fits as ``render(maximumWidth:)`` fits it (truncatable columns cut with `…`).
    ///
    /// The rule, for a table wider than the limit even with its truncatable columns at their narrowest:
    ///
    /// 1. As few tables as can each fit with their columns at their narrowest: a truncatable column at its minimum
    ///    width (or its widest cell, when narrower), any other at its widest cell.
    /// 2. Of the ways to spread the columns over that many tables, the one that cuts the fewest characters: the sum,
    ///    over the tables, of how much wider than the limit each is with every column at its widest cell.
    /// 3. Of those, the one whose first table holds the most columns, then the second, and so on.
    ///
    /// A column that does not fit beside the repeated ones even alone gets a table of its own, wider than the
    /// limit, since no column that cannot be cut ever is. Widths are in terminal columns.
    public func split(fitting maximumWidth: Int?, repeating repeated: Int = 1) -> [TextTable] {
        guard let maximumWidth, repeated < columns.count else { return [self] }
        let natural = widths(fitting: nil)
        let narrowest = columns.indices.map { index in
            columns[index].isTruncatable ? min(natural[index], columns[index].minimumWidth) : natural[index]
        }
        let others = Array(repeated..<columns.count)
        /// The width of a table of the repeated columns and `others[range]`, from `widths`.
        func width(_ range: Range<Int>, _ widths: [Int]) -> Int {
            let kept = Array(0..<repeated) + others[range]
            return kept.reduce(separator.count * (kept.count - 1)) { $0 + widths[$1] }
        }
        guard width(0..<others.count, narrowest) > maximumWidth else { return [self] }
        // best[start]: the fewest tables for others[start...], the characters they cut, and where the first ends.
        var best = [(tables: Int, cut: Int, end: Int)](repeating: (0, 0, others.count), count: others.count + 1)
        for start in stride(from: others.count - 1, through: 0, by: -1) {
            var choice: (tables: Int, cut: Int, end: Int)?
            for end in stride(from: others.count, to: start, by: -1) {
                guard end == start + 1 || width(start..<end, narrowest) <= maximumWidth else { continue }
                let rest = best[end]
                let candidate = (
                    tables: rest.tables + 1, cut: rest.cut + max(width(start..<end, natural) - maximumWidth, 0),
                    end: end
                )
                if let current = choice, (current.tables, current.cut) <= (candidate.tables, candidate.cut) {
                    continue
                }
                choice = candidate
            }
            if let choice { best[start] = choice }
        }
        var tables: [TextTable] = []
        var start = 0
        while start < others.count {
            let end = best[start].end
            let kept = Array(0..<repeated) + others[start..<end]
            var table = TextTable(columns: kept.map { columns[$0] })
            table.separator = separator
            for row in rows { table.append(kept.map { row[$0] }) }
            tables.append(table)
            start = end
        }
        return tables
    }

    /// `text` cut to `width` columns, ending in `…` when anything was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }
}
