import Diagnostics
import ModelDiscovery
import ModelsDevCatalog

/// Models side by side: what `compare` shows.
public struct ComparisonReport: Sendable {
    public let loaded: LoadedCatalog
    public let comparison: ModelComparison

    /// Resolves every reference and compares the models.
    ///
    /// - Throws: ``RunFailure`` with one diagnostic per reference that names no model.
    public init(references: [String], on loaded: LoadedCatalog, locations: ModelsyncConfiguration) throws(RunFailure) {
        let resolver = ModelResolver(catalog: loaded.catalog, providerAliases: locations.providerAliases)
        var models: [ResolvedModel] = []
        var failures: [Diagnostic] = []
        for reference in references {
            do {
                models.append(try resolver.resolve(reference))
            } catch {
                failures.append(error.diagnostic)
            }
        }
        guard failures.isEmpty else { throw RunFailure(failures) }
        self.loaded = loaded
        self.comparison = ModelComparison(models)
    }

    /// `{source, models, rows}`; see ``ModelComparison/json``.
    public var json: JSONValue {
        var object: JSONObject = ["source": loaded.provenance.json]
        object.members += comparison.json.members
        return .object(object)
    }
}
