import ModelDiscovery
import ModelsyncApp

extension ComparisonReport {
    /// The table fitted to the terminal, then the legend of its marks.
    func text(console: Console) -> String {
        comparison.table.render(maximumWidth: console.outputWidth) + "\n" + ModelComparison.legend
    }
}
