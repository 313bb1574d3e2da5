import ModelDiscovery
import ModelsyncApp

extension ComparisonReport {
    /// The table fitted to the terminal, then the legend of its marks.
    ///
    /// Wider than the terminal even with its values cut to their references' width, the table is split into
    /// several, one after the other with a blank line between, each with the row labels and as many model columns
    /// as fit (``TextTable/split(fitting:repeating:)``: as few tables as fit, then as few values cut as can be).
    /// The legend is wrapped between words to the terminal width. Without a width (a pipe, a file) it is one table
    /// and the legend on one line.
    func text(console: Console) -> String {
        let width = console.outputWidth
        let tables = comparison.table.split(fitting: width).map { $0.render(maximumWidth: width) }
        return tables.joined(separator: "\n\n") + "\n" + Self.wrapped(ModelComparison.legend, width: width)
    }

    /// `text` broken into lines of at most `width` terminal columns between words (a word wider than that keeps a
    /// line of its own); `text` as it is without a width.
    static func wrapped(_ text: String, width: Int?) -> String {
        guard let width else { return text }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
