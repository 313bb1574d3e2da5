import ModelsDevCatalog

/// What the history keeps of one catalog: for every provider and model, its tracked values under dotted keys, as
/// canonical JSON text (docs/history.md#what-is-recorded).
///
/// Models are keyed by provider and model id; the provider's own values (`name`, `env`, `npm`, `api`, `doc`) are
/// kept under the model id `""`. Two catalogs whose tracked values are the same have the same ``digest``, whatever
/// their bytes: key order, whitespace and fields the history does not track make no difference.
public struct CatalogState: Sendable {
    /// One provider's or model's tracked values.
    public struct Entry: Sendable, Equatable {
        public var provider: String
        /// The model id; `""` for the provider's own values.
        public var model: String
        /// `key\tJSON\n` lines in key order, each key written as its ``StoredKeys`` code: what the store keeps, and
        /// what ``digest`` is computed over.
        public var body: String
        /// A 64-bit FNV-1a hash of ``body``, in hexadecimal.
        public var digest: String

        public init(provider: String, model: String, values: [(key: String, value: JSONValue)]) {
            self.provider = provider
            self.model = model
            var body = ""
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                body += StoredKeys.code(for: key)
                body += "\t"
                body += value.serialized()
                body += "\n"
            }
            self.body = body
            self.digest = StateDigest.hex(of: body)
        }

        init(provider: String, model: String, body: String, digest: String) {
            self.provider = provider
            self.model = model
            self.body = body
            self.digest = digest
        }

        /// The values of ``body``, key to JSON text.
        public var values: [String: String] {
            var values: [String: String] = [:]
            for line in body.split(separator: "\n", omittingEmptySubsequences: true) {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                values[StoredKeys.name(for: line[..<tab])] = String(line[line.index(after: tab)...])
            }
            return values
        }
    }

    /// Every entry, by provider and then model id (the provider's own entry first).
    public let entries: [Entry]
    public let providerCount: Int
    public let modelCount: Int
    /// A hash over every entry's provider, model and digest: equal for catalogs with the same tracked values.
    public let digest: String

    public init(_ catalog: Catalog) {
        var entries: [Entry] = []
        entries.reserveCapacity(catalog.modelCount + catalog.providers.count)
        for provider in catalog.providers {
            let id = provider.id.rawValue
            entries.append(Entry(provider: id, model: "", values: Self.values(of: provider)))
            for model in provider.models {
                entries.append(Entry(provider: id, model: model.id, values: Self.values(of: model)))
            }
        }
        self.init(entries: entries, providerCount: catalog.providers.count)
    }

    init(entries: [Entry], providerCount: Int) {
        let sorted = entries.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
        self.entries = sorted
        self.providerCount = providerCount
        self.modelCount = sorted.count - providerCount
        var whole = StateDigest()
        for entry in sorted {
            whole.add(entry.provider)
            whole.add("\u{1}")
            whole.add(entry.model)
            whole.add("\u{1}")
            whole.add(entry.digest)
            whole.add("\n")
        }
        self.digest = whole.hex
    }

    /// The tracked values of a provider: what a provider file keeps at its top.
    static func values(of provider: Provider) -> [(key: String, value: JSONValue)] {
        var values: [(String, JSONValue)] = []
        if let name = provider.name { values.append(("name", .string(name))) }
        if let env = provider.env { values.append(("env", .array(env.map { .string($0) }))) }
        if let npm = provider.npm { values.append(("npm", .string(npm))) }
        if let api = provider.api { values.append(("api", .string(api))) }
        if let doc = provider.doc { values.append(("doc", .string(doc))) }
        return values
    }

    /// The tracked values of a model, under the keys a provider file uses for the same data
    /// (docs/provider-files.md#managed-keys-of-a-model); `status` is the catalog's own (`alpha`, `beta`,
    /// `deprecated`), absent for a generally available model.
    static func values(of model: Model) -> [(key: String, value: JSONValue)] {
        var values: [(String, JSONValue)] = []
        func add(_ key: String, _ value: JSONValue?) {
            if let value { values.append((key, value)) }
        }
        add("name", model.name.map { .string($0) })
        add("family", model.family.map { .string($0) })
        add("context_window", model.limit?.context.map { .number(ExactDecimal($0)) })
        add("max_input_tokens", model.limit?.input.map { .number(ExactDecimal($0)) })
        add("max_output_tokens", model.limit?.output.map { .number(ExactDecimal($0)) })
        if let cost = model.cost {
            for (key, price) in cost.prices.entries { add("pricing." + key, .number(price)) }
            if let over = cost.contextOver200k {
                for (key, price) in over.entries { add("pricing.context_over_200k." + key, .number(price)) }
            }
            if let tiers = cost.tiers, !tiers.isEmpty {
                add("pricing.tiers", .array(tiers.map(tierValue)))
            }
        }
        add("capabilities", .array(model.capabilities.map { .string($0.rawValue) }))
        add("modalities.input", model.modalities?.input.map { .array($0.map { .string($0) }) })
        add("modalities.output", model.modalities?.output.map { .array($0.map { .string($0) }) })
        add("knowledge", model.knowledge.map { .string($0) })
        add("release_date", model.releaseDate.map { .string($0) })
        add("last_updated", model.lastUpdated.map { .string($0) })
        add("open_weights", model.openWeights.map { .bool($0) })
        add("status", model.status.map { .string($0) })
        return values
    }

    private static func tierValue(_ tier: CostTier) -> JSONValue {
        var object = JSONObject()
        if let kind = tier.kind { object.members.append(.init(key: "kind", value: .string(kind))) }
        if let size = tier.size { object.members.append(.init(key: "min_context", value: .number(ExactDecimal(size)))) }
        for (key, price) in tier.prices.entries { object.members.append(.init(key: key, value: .number(price))) }
        return .object(object)
    }
}

/// 64-bit FNV-1a over UTF-8 text: a fingerprint for telling states apart, not a defence against forgery.
struct StateDigest {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func hex(of text: String) -> String {
        var digest = StateDigest()
        digest.add(text)
        return digest.hex
    }
}

/// The short codes the store writes for the keys every entry has.
///
/// 7,000 stored entries would otherwise spell out `max_output_tokens` 7,000 times (a third of the store for three
/// snapshots). A code is one character; a key
/// without a code (one a later version tracks) is written in full, never one character long. Part of the schema:
/// codes are never reassigned.
enum StoredKeys {
    static let names = [
        "name", "family", "context_window", "max_input_tokens", "max_output_tokens", "pricing.input", "pricing.output",
        "pricing.cache_read", "pricing.cache_write", "pricing.reasoning", "pricing.input_audio", "pricing.output_audio",
        "pricing.context_over_200k.input", "pricing.context_over_200k.output", "pricing.context_over_200k.cache_read",
        "pricing.context_over_200k.cache_write", "pricing.context_over_200k.reasoning",
        "pricing.context_over_200k.input_audio", "pricing.context_over_200k.output_audio", "pricing.tiers",
        "capabilities", "modalities.input", "modalities.output", "knowledge", "release_date", "last_updated",
        "open_weights", "status", "env", "npm", "api", "doc",
    ]
    static let codes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345").map(String.init)
    private static let codeByName = Dictionary(uniqueKeysWithValues: zip(names, codes))
    private static let nameByCode = Dictionary(uniqueKeysWithValues: zip(codes, names))

    static func code(for name: String) -> String { codeByName[name] ?? name }

    static func name(for stored: Substring) -> String { nameByCode[String(stored)] ?? String(stored) }
}
