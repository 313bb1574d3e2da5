import Foundation
import TestSupport

/// The managed data a provider file must hold, computed from a models.dev snapshot by the rules of docs/provider-files.md,
/// written out here again so that the tests do not trust the mapping they test.
enum ExpectedConfig {
    /// Provider-level managed keys, in order.
    static let providerKeys = ["name", "env", "npm", "api", "doc"]
    /// Model-level managed keys, in canonical order.
    static let modelKeys = [
        "name", "family", "context_window", "max_input_tokens", "max_output_tokens", "pricing", "capabilities",
        "modalities", "knowledge", "release_date", "last_updated", "open_weights", "status", "available",
        "deprecated", "source",
    ]
    /// Price keys of `pricing`, `context_over_200k` and each tier, in order.
    static let priceKeys = [
        "input", "output", "cache_read", "cache_write", "reasoning", "input_audio", "output_audio",
    ]
    /// The managed capability vocabulary, in canonical order.
    static let capabilities = [
        "streaming", "function_calling", "reasoning", "structured_output", "vision", "audio_input", "video_input",
        "pdf_input", "attachments", "image_generation", "audio_output", "prompt_caching", "temperature",
        "interleaved_reasoning",
    ]

    /// The provider-level managed members of a catalog provider, present ones only, in order.
    static func provider(_ provider: PlainValue) -> [PlainMember] {
        providerKeys.compactMap { key in
            guard let value = provider[key], value != .null else { return nil }
            return PlainMember(key, value)
        }
    }

    /// The managed members of a catalog model, present ones only, in canonical order.
    static func model(_ model: PlainValue) -> [PlainMember] {
        var members: [PlainMember] = []
        func add(_ key: String, _ value: PlainValue?) {
            if let value, value != .null { members.append(PlainMember(key, value)) }
        }
        let status = model["status"]?.stringValue
        add("name", model["name"])
        add("family", model["family"])
        add("context_window", model["limit"]?["context"])
        add("max_input_tokens", model["limit"]?["input"])
        add("max_output_tokens", model["limit"]?["output"])
        add("pricing", model["cost"].flatMap(pricing))
        add("capabilities", .array(derivedCapabilities(model).map { .string($0) }))
        add("modalities", model["modalities"].flatMap(modalities))
        add("knowledge", model["knowledge"])
        add("release_date", model["release_date"])
        add("last_updated", model["last_updated"])
        add("open_weights", model["open_weights"])
        add("status", status == "alpha" || status == "beta" ? model["status"] : nil)
        add("available", .bool(status != "deprecated"))
        add("deprecated", .bool(status == "deprecated"))
        add("source", .string("models.dev"))
        return members
    }

    /// The capabilities derived for a catalog model (docs/provider-files.md#capabilities), in canonical order.
    static func derivedCapabilities(_ model: PlainValue) -> [String] {
        let input = Set((model["modalities"]?["input"]?.arrayValue ?? []).compactMap(\.stringValue))
        let output = Set((model["modalities"]?["output"]?.arrayValue ?? []).compactMap(\.stringValue))
        let interleaved = model["interleaved"]
        var derived: Set<String> = []
        if output.contains("text") { derived.insert("streaming") }
        if model["tool_call"]?.isTrue == true { derived.insert("function_calling") }
        if model["reasoning"]?.isTrue == true { derived.insert("reasoning") }
        if model["structured_output"]?.isTrue == true { derived.insert("structured_output") }
        if input.contains("image") { derived.insert("vision") }
        if input.contains("audio") { derived.insert("audio_input") }
        if input.contains("video") { derived.insert("video_input") }
        if input.contains("pdf") { derived.insert("pdf_input") }
        if model["attachment"]?.isTrue == true { derived.insert("attachments") }
        if output.contains("image") { derived.insert("image_generation") }
        if output.contains("audio") { derived.insert("audio_output") }
        if let cacheRead = model["cost"]?["cache_read"]?.doubleValue, cacheRead > 0 {
            derived.insert("prompt_caching")
        }
        if model["temperature"]?.isTrue == true { derived.insert("temperature") }
        if interleaved?.isTrue == true { derived.insert("interleaved_reasoning") }
        if case .object? = interleaved { derived.insert("interleaved_reasoning") }
        return capabilities.filter(derived.contains)
    }

    private static func prices(_ cost: PlainValue) -> [PlainMember] {
        priceKeys.compactMap { key in cost[key].flatMap { $0 == .null ? nil : PlainMember(key, $0) } }
    }

    private static func pricing(_ cost: PlainValue) -> PlainValue? {
        var members = prices(cost)
        if let over = cost["context_over_200k"], !prices(over).isEmpty {
            members.append(PlainMember("context_over_200k", .object(prices(over))))
        }
        if let tiers = cost["tiers"]?.arrayValue, !tiers.isEmpty {
            let items = tiers.map { tier -> PlainValue in
                var tierMembers: [PlainMember] = []
                if let size = tier["tier"]?["size"] { tierMembers.append(PlainMember("min_context", size)) }
                return .object(tierMembers + prices(tier))
            }
            members.append(PlainMember("tiers", .array(items)))
        }
        return members.isEmpty ? nil : .object(members)
    }

    private static func modalities(_ modalities: PlainValue) -> PlainValue? {
        let members = ["input", "output"].compactMap { key in modalities[key].map { PlainMember(key, $0) } }
        return members.isEmpty ? nil : .object(members)
    }
}

/// A models.dev snapshot from `Tests/Fixtures/models-dev`, read with ``PlainJSON``.
struct Snapshot: Sendable {
    /// The file name, such as `api-2026-07-02.json`.
    let name: String
    /// The catalog's providers in file order.
    let providers: [PlainMember]

    /// The snapshot's path.
    var path: String { Fixtures.modelsDev(name).path }

    /// Reads a snapshot.
    init(_ name: String) throws {
        self.name = name
        providers = try PlainJSON.read(Fixtures.modelsDev(name)).members
    }

    /// A snapshot read once per test run, off the cooperative pool.
    static func load(_ name: String) async throws -> Snapshot {
        try await SnapshotCache.shared.snapshot(name)
    }

    /// The provider `id`, `nil` when the snapshot lacks it.
    func provider(_ id: String) -> PlainValue? {
        providers.first { $0.key == id }?.value
    }

    /// The models of provider `id` by model id, in file order.
    func models(of id: String) -> [PlainMember] {
        provider(id)?["models"]?.members ?? []
    }

    /// Every model of every provider.
    var modelCount: Int { providers.reduce(0) { $0 + ($1.value["models"]?.members.count ?? 0) } }
}

/// The snapshots read so far, shared by every test.
private actor SnapshotCache {
    static let shared = SnapshotCache()

    private var loading: [String: Task<Snapshot, Error>] = [:]

    func snapshot(_ name: String) async throws -> Snapshot {
        if let task = loading[name] { return try await task.value }
        let task = Task { try await offPool { try Snapshot(name) } }
        loading[name] = task
        return try await task.value
    }
}
