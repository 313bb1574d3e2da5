import ModelsDevCatalog

/// Models side by side: one row per ``ComparisonField``, one value per model, the best values marked.
///
/// The best value of a row is the lowest price, the highest limit or the newest date. A row marks nothing when
/// fewer than two models have a value or every present value is the same; ties for best are all marked. Rows
/// without a preference (name, capabilities, modalities, status, open weights) mark nothing.
public struct ModelComparison: Sendable {
    /// One row: a field, each model's value (`nil`: the catalog has none), and which of them are best.
    public struct Row: Sendable {
        public var field: ComparisonField
        /// One value per model, in the order of ``ModelComparison/models``.
        public var values: [ComparisonValue?]
        /// One flag per model: whether its value is the best of the row.
        public var best: [Bool]
    }

    /// The models compared, in the order given.
    public let models: [ResolvedModel]
    /// One row per field, in ``ComparisonField/allCases`` order.
    public let rows: [Row]

    public init(_ models: [ResolvedModel]) {
        self.models = models
        rows = ComparisonField.allCases.map { field in
            let values = models.map { Self.value(of: field, for: $0.model) }
            return Row(field: field, values: values, best: Self.best(values, by: field.preference))
        }
    }

    /// The row of `field`.
    public func row(_ field: ComparisonField) -> Row? {
        rows.first { $0.field == field }
    }

    static func value(of field: ComparisonField, for model: Model) -> ComparisonValue? {
        switch field {
        case .name: return model.name.map(ComparisonValue.text)
        case .inputPrice: return model.cost?.input.map(ComparisonValue.price)
        case .outputPrice: return model.cost?.output.map(ComparisonValue.price)
        case .cacheReadPrice: return model.cost?.cacheRead.map(ComparisonValue.price)
        case .cacheWritePrice: return model.cost?.cacheWrite.map(ComparisonValue.price)
        case .context: return model.limit?.context.map(ComparisonValue.tokens)
        case .inputLimit: return model.limit?.input.map(ComparisonValue.tokens)
        case .outputLimit: return model.limit?.output.map(ComparisonValue.tokens)
        case .capabilities: return .list(model.capabilities.map(\.rawValue))
        case .inputModalities: return model.modalities?.input.map(ComparisonValue.list)
        case .outputModalities: return model.modalities?.output.map(ComparisonValue.list)
        case .knowledge: return model.knowledge.map(ComparisonValue.date)
        case .releaseDate: return model.releaseDate.map(ComparisonValue.date)
        case .lastUpdated: return model.lastUpdated.map(ComparisonValue.date)
        case .status: return model.status.map(ComparisonValue.text)
        case .openWeights: return model.openWeights.map(ComparisonValue.flag)
        }
    }

    /// Flags the values no other value beats, when at least two differ.
    static func best(_ values: [ComparisonValue?], by preference: ComparisonField.Preference?) -> [Bool] {
        let none = [Bool](repeating: false, count: values.count)
        guard let preference else { return none }
        let present = values.compactMap { $0 }
        guard present.count >= 2, present.contains(where: { $0 != present[0] }) else { return none }
        return values.map { value in
            guard let value else { return false }
            return !present.contains { $0.isBetter(than: value, by: preference) }
        }
    }
}
