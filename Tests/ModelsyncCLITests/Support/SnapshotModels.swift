import Foundation
import TestSupport

/// One model of a models.dev snapshot as Foundation's `JSONSerialization` reads it, independently of modelsync's
/// own decoder: what the tests compute their expectations from.
struct SnapshotModel: Sendable {
    var provider: String
    var id: String
    var name: String?
    var family: String?
    var context: Int?
    var output: Int?
    /// USD per million tokens, exact (`JSONSerialization` reads numbers as `NSDecimalNumber`).
    var inputPrice: Decimal?
    /// USD per million tokens, exact.
    var outputPrice: Decimal?
    var status: String?
    var openWeights: Bool?
    var inputModalities: [String]
    var outputModalities: [String]
    var releaseDate: String?
    var toolCall: Bool
    var reasoning: Bool

    var reference: String { provider + "/" + id }

    /// The models of the 2026-07-02 snapshot, in file order; read once, on first use.
    static let latest: [SnapshotModel] = {
        guard let data = try? Fixtures.modelsDevData("api-2026-07-02.json"),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        var models: [SnapshotModel] = []
        for (provider, value) in root {
            guard let entries = (value as? [String: Any])?["models"] as? [String: Any] else { continue }
            for (id, entry) in entries {
                guard let model = entry as? [String: Any] else { continue }
                let limit = model["limit"] as? [String: Any]
                let cost = model["cost"] as? [String: Any]
                let modalities = model["modalities"] as? [String: Any]
                models.append(
                    SnapshotModel(
                        provider: provider, id: id, name: model["name"] as? String,
                        family: model["family"] as? String, context: (limit?["context"] as? NSNumber)?.intValue,
                        output: (limit?["output"] as? NSNumber)?.intValue,
                        inputPrice: (cost?["input"] as? NSNumber)?.decimalValue,
                        outputPrice: (cost?["output"] as? NSNumber)?.decimalValue, status: model["status"] as? String,
                        openWeights: model["open_weights"] as? Bool,
                        inputModalities: modalities?["input"] as? [String] ?? [],
                        outputModalities: modalities?["output"] as? [String] ?? [],
                        releaseDate: model["release_date"] as? String, toolCall: model["tool_call"] as? Bool == true,
                        reasoning: model["reasoning"] as? Bool == true))
            }
        }
        return models
    }()

    /// ``latest``, read off the cooperative pool.
    static func loadLatest() async throws -> [SnapshotModel] {
        let models = try await offPool { latest }
        guard !models.isEmpty else { throw OffPoolError(description: "cannot read api-2026-07-02.json") }
        return models
    }

    /// Whether `left` comes before `right` by provider id, then model id, byte by byte.
    static func referenceOrder(_ left: SnapshotModel, _ right: SnapshotModel) -> Bool {
        if left.provider != right.provider { return left.provider.utf8.lexicographicallyPrecedes(right.provider.utf8) }
        return left.id.utf8.lexicographicallyPrecedes(right.id.utf8)
    }

    /// `models` ordered by `key` (ascending, or descending when `descending`), models without the key last, ties
    /// by reference.
    static func sorted<Key: Comparable>(
        _ models: [SnapshotModel], by key: (SnapshotModel) -> Key?, descending: Bool = false
    ) -> [SnapshotModel] {
        models.sorted { left, right in
            switch (key(left), key(right)) {
            case (let leftKey?, let rightKey?) where leftKey != rightKey:
                return descending ? leftKey > rightKey : leftKey < rightKey
            case (.some, nil): return true
            case (nil, .some): return false
            default: return referenceOrder(left, right)
            }
        }
    }
}

/// What `list --json` and `search --json` printed, read with `JSONSerialization`.
struct ListOutput {
    var catalogModels: Int
    var matched: Int
    var models: [[String: Any]]

    var references: [String] { models.compactMap { $0["reference"] as? String } }

    init(_ text: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        guard let object, let catalogModels = object["catalog_models"] as? Int, let matched = object["matched"] as? Int,
            let models = object["models"] as? [[String: Any]]
        else { throw OffPoolError(description: "not list output: \(text.prefix(200))") }
        self.catalogModels = catalogModels
        self.matched = matched
        self.models = models
    }
}
