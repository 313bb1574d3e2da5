import Diagnostics
import ModelDiscovery
import ModelsDevCatalog

/// The models a query found in the catalog: what `list` and `search` show.
public struct ModelListing: Sendable {
    public let loaded: LoadedCatalog
    public let query: ModelQuery
    public let result: QueryResult

    /// Runs `query` on the loaded catalog.
    ///
    /// - Throws: ``RunFailure`` with status ``ExitStatus/usage`` when the query names a provider the catalog lacks.
    public init(query: ModelQuery, on loaded: LoadedCatalog) throws(RunFailure) {
        self.loaded = loaded
        self.query = query
        do {
            result = try query.run(on: loaded.catalog)
        } catch {
            throw RunFailure(error, status: .usage).withoutUsage()
        }
    }

    /// One line for people: `42 of 5,276 models`, or with a limit, `showing 20 of 42 matching models; 5,276 in the
    /// catalog`.
    public var summary: String {
        let total = Self.grouped(result.catalogModelCount)
        if result.matchedCount == 0 { return "no model matches; \(total) in the catalog" }
        if result.entries.count < result.matchedCount {
            return "showing \(Self.grouped(result.entries.count)) of \(Self.grouped(result.matchedCount)) matching"
                + " models; \(total) in the catalog"
        }
        return "\(Self.grouped(result.matchedCount)) of \(total) models"
    }

    /// The `--json` output: `{"source": {…}, "catalog_models": N, "matched": N, "models": [{…}]}`.
    ///
    /// See ``modelJSON(_:)`` for a model's fields. `matched` counts the models before `--limit`.
    public var json: JSONValue {
        .object([
            "source": loaded.provenance.json,
            "catalog_models": .optional(result.catalogModelCount),
            "matched": .optional(result.matchedCount),
            "models": .array(result.entries.map(Self.modelJSON)),
        ])
    }

    /// One model of the `--json` output, with absent values `null`.
    ///
    /// Fields: `reference`, `provider`, `id`, `name`, `family`, `context_window`, `max_input_tokens`,
    /// `max_output_tokens` (tokens), `input_price`, `output_price` (USD per million tokens), `pricing` (every base
    /// price by its models.dev name), `capabilities` (names of docs/provider-files.md#capabilities), `modalities` (`input`, `output`),
    /// `knowledge`, `release_date`, `last_updated`, `status` (`active`, `alpha`, `beta`, `deprecated`, or the
    /// catalog's own word), `open_weights`; and for `search`, `match` (`exact`, `prefix`, `substring`, `words`).
    public static func modelJSON(_ entry: ModelEntry) -> JSONValue {
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

    /// `count` with a comma between groups of three digits: `5,276`.
    public static func grouped(_ count: Int) -> String {
        let digits = String(count)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
