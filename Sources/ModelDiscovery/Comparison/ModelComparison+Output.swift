import ModelsDevCatalog

extension ModelComparison {
    /// The mark after a best value in a table.
    public static let bestMark = " *"

    /// The line printed under a comparison table.
    public static let legend =
        "* best in its row (lowest price, highest limit, newest date); prices in USD per million tokens, limits in "
        + "tokens"

    /// The comparison as a table: a label column, then one column per model headed by its `PROVIDER/MODEL`.
    ///
    /// Best values end in ``bestMark``; a missing value is `-`. The capabilities row becomes one row per capability
    /// that any of the models has (`yes`/`no`), in canonical order. Model columns may be cut with `…` to fit a
    /// width, but never narrower than their reference, so ids stay whole.
    public var table: TextTable {
        var columns = [TextTable.Column("")]
        for model in models {
            let title = model.reference.description
            columns.append(TextTable.Column(title, truncatable: true, minimumWidth: max(title.count, 8)))
        }
        var table = TextTable(columns: columns)
        for row in rows {
            if row.field == .capabilities {
                let lists = row.values.map { value -> [String] in
                    if case .list(let items) = value { return items }
                    return []
                }
                for capability in ModelCapability.allCases
                where lists.contains(where: { $0.contains(capability.rawValue) }) {
                    table.append(
                        [capability.rawValue] + lists.map { $0.contains(capability.rawValue) ? "yes" : "no" })
                }
                continue
            }
            let cells = zip(row.values, row.best).map { value, best in
                (value?.text ?? "-") + (best ? Self.bestMark : "")
            }
            table.append([row.field.label] + cells)
        }
        return table
    }

    /// `{"models": [{reference, provider, id, name}], "rows": [{field, unit, prefer, values, best}]}`.
    ///
    /// `field` is a ``ComparisonField`` raw value (`input_price`); `unit` is `usd_per_million_tokens`, `tokens` or
    /// null; `prefer` is `lowest`, `highest`, `newest` or null; `values` holds one value per model (prices and
    /// limits as numbers, dates and text as strings, capabilities and modalities as arrays, open weights as a
    /// boolean, null where the catalog has none); `best` one boolean per model.
    public var json: JSONObject {
        [
            "models": .array(
                models.map { model in
                    .object([
                        "reference": .string(model.reference.description),
                        "provider": .string(model.provider.id.rawValue),
                        "id": .string(model.model.id),
                        "name": .optional(model.model.name),
                    ])
                }),
            "rows": .array(
                rows.map { row in
                    .object([
                        "field": .string(row.field.rawValue),
                        "unit": .optional(row.field.unit),
                        "prefer": .optional(row.field.preference?.rawValue),
                        "values": .array(row.values.map { $0?.json ?? .null }),
                        "best": .array(row.best.map(JSONValue.bool)),
                    ])
                }),
        ]
    }
}
