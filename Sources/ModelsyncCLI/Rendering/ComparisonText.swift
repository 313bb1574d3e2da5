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
        return tables.joined(separator: "\n\n") + "\n" + WrappedText.wrap(ModelComparison.legend, width: width)
    }
}
