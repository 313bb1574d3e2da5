import ModelDiscovery
import ModelsDevCatalog

/// What `compare` prints: the models side by side, as a table fitted to the terminal or as JSON.
struct CompareReport {
    let loaded: LoadedCatalog
    let comparison: ModelComparison

    /// The table, then the legend of its marks.
    func text(console: Console) -> String {
        comparison.table.render(maximumWidth: console.outputWidth) + "\n" + ModelComparison.legend
    }

    /// `{source, models, rows}`; see ``ModelComparison/json``.
    var json: JSONValue {
        var object: JSONObject = ["source": loaded.provenance.json]
        object.members += comparison.json.members
        return .object(object)
    }
}
