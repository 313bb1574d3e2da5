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

        init(provider: String, model: String, writer: BodyWriter) {
            self.provider = provider
            self.model = model
            let bytes = writer.sortedBytes()
            self.body = String(decoding: bytes, as: UTF8.self)
            var digest = StateDigest()
            digest.add(bytes)
            self.digest = digest.hex
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
        var writer = BodyWriter()
        for provider in catalog.providers {
            let id = provider.id.rawValue
            writer.reset()
            Self.write(provider, to: &writer)
            entries.append(Entry(provider: id, model: "", writer: writer))
            for model in provider.models {
                writer.reset()
                Self.write(model, to: &writer)
                entries.append(Entry(provider: id, model: model.id, writer: writer))
            }
        }
        self.init(entries: entries, providerCount: catalog.providers.count)
    }

    init(entries: [Entry], providerCount: Int) {
        // The catalog's providers and models usually come sorted already.
        let sorted = CatalogDelta.inEntryOrder(entries)
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

    /// Entry order: by provider id, then model id (the provider's own entry, model `""`, first).
    static func precedes(_ left: some CatalogEntryIdentity, _ right: some CatalogEntryIdentity) -> Bool {
        left.provider == right.provider ? left.model < right.model : left.provider < right.provider
    }

    /// The tracked values of a provider: what a provider file keeps at its top, written in the order of the keys'
    /// names (so that the body needs no sorting).
    static func write(_ provider: Provider, to writer: inout BodyWriter) {
        writer.string(.api, provider.api)
        writer.string(.doc, provider.doc)
        writer.strings(.env, provider.env)
        writer.string(.name, provider.name)
        writer.string(.npm, provider.npm)
    }

    /// The tracked values of a model, under the keys a provider file uses for the same data
    /// (docs/provider-files.md#managed-keys-of-a-model), written in the order of the keys' names; `status` is the
    /// catalog's own (`alpha`, `beta`, `deprecated`), absent for a generally available model.
    static func write(_ model: Model, to writer: inout BodyWriter) {
        writer.capabilities(model.capabilities)
        writer.integer(.contextWindow, model.limit?.context)
        writer.string(.family, model.family)
        writer.string(.knowledge, model.knowledge)
        writer.string(.lastUpdated, model.lastUpdated)
        writer.integer(.maxInputTokens, model.limit?.input)
        writer.integer(.maxOutputTokens, model.limit?.output)
        writer.strings(.modalitiesInput, model.modalities?.input)
        writer.strings(.modalitiesOutput, model.modalities?.output)
        writer.string(.name, model.name)
        if let openWeights = model.openWeights { writer.raw(.openWeights, openWeights ? "true" : "false") }
        if let cost = model.cost {
            // pricing.cache_read, pricing.cache_write, pricing.context_over_200k.*, pricing.input, …
            writer.price(.pricingCacheRead, cost.prices.cacheRead)
            writer.price(.pricingCacheWrite, cost.prices.cacheWrite)
            if let over = cost.contextOver200k {
                writer.price(.pricingOver200kCacheRead, over.cacheRead)
                writer.price(.pricingOver200kCacheWrite, over.cacheWrite)
                writer.price(.pricingOver200kInput, over.input)
                writer.price(.pricingOver200kInputAudio, over.inputAudio)
                writer.price(.pricingOver200kOutput, over.output)
                writer.price(.pricingOver200kOutputAudio, over.outputAudio)
                writer.price(.pricingOver200kReasoning, over.reasoning)
            }
            writer.price(.pricingInput, cost.prices.input)
            writer.price(.pricingInputAudio, cost.prices.inputAudio)
            writer.price(.pricingOutput, cost.prices.output)
            writer.price(.pricingOutputAudio, cost.prices.outputAudio)
            writer.price(.pricingReasoning, cost.prices.reasoning)
            if let tiers = cost.tiers, !tiers.isEmpty {
                writer.json(.pricingTiers, .array(tiers.map(tierValue)))
            }
        }
        writer.string(.releaseDate, model.releaseDate)
        writer.string(.status, model.status)
    }

    private static func tierValue(_ tier: CostTier) -> JSONValue {
        var object = JSONObject()
        if let kind = tier.kind { object.members.append(.init(key: "kind", value: .string(kind))) }
        if let size = tier.size { object.members.append(.init(key: "min_context", value: .number(ExactDecimal(size)))) }
        for (key, price) in tier.prices.entries { object.members.append(.init(key: key, value: .number(price))) }
        return .object(object)
    }
}

/// Writes an entry's body: `code<TAB>JSON<NEWLINE>` lines, in the order of the keys' names, into one buffer that is
/// reused from entry to entry.
struct BodyWriter {
    private var buffer: [UInt8] = []
    /// Each line's key and byte range, in the order written.
    private var lines: [(key: StoredKey, start: Int, end: Int)] = []

    init() {
        buffer.reserveCapacity(1_024)
        lines.reserveCapacity(32)
    }

    mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// A line whose value is `json`, already JSON text.
    mutating func raw(_ key: StoredKey, _ json: String) {
        let start = buffer.count
        buffer.append(StoredKeys.codeBytes[key.rawValue])
        buffer.append(UInt8(ascii: "\t"))
        var json = json
        json.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\n"))
        lines.append((key, start, buffer.count))
    }

    mutating func string(_ key: StoredKey, _ text: String?) {
        guard let text else { return }
        let start = buffer.count
        buffer.append(StoredKeys.codeBytes[key.rawValue])
        buffer.append(UInt8(ascii: "\t"))
        appendQuoted(text)
        buffer.append(UInt8(ascii: "\n"))
        lines.append((key, start, buffer.count))
    }

    mutating func strings(_ key: StoredKey, _ items: [String]?) {
        guard let items else { return }
        let start = buffer.count
        buffer.append(StoredKeys.codeBytes[key.rawValue])
        buffer.append(UInt8(ascii: "\t"))
        buffer.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendQuoted(item)
        }
        buffer.append(UInt8(ascii: "]"))
        buffer.append(UInt8(ascii: "\n"))
        lines.append((key, start, buffer.count))
    }

    /// Each capability's name as a JSON string.
    private static let capabilityNames = ModelCapability.allCases.map { capability in
        (capability: capability, quoted: Array("\"\(capability.rawValue)\"".utf8))
    }

    /// The capabilities line: the list of their names.
    mutating func capabilities(_ capabilities: [ModelCapability]) {
        let start = buffer.count
        buffer.append(StoredKeys.codeBytes[StoredKey.capabilities.rawValue])
        buffer.append(UInt8(ascii: "\t"))
        buffer.append(UInt8(ascii: "["))
        var first = true
        for capability in capabilities {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            if let name = Self.capabilityNames.first(where: { $0.capability == capability }) {
                buffer.append(contentsOf: name.quoted)
            } else {
                appendQuoted(capability.rawValue)
            }
        }
        buffer.append(UInt8(ascii: "]"))
        buffer.append(UInt8(ascii: "\n"))
        lines.append((.capabilities, start, buffer.count))
    }

    mutating func integer(_ key: StoredKey, _ value: Int?) {
        if let value { raw(key, String(value)) }
    }

    mutating func json(_ key: StoredKey, _ value: JSONValue) {
        raw(key, value.serialized())
    }

    mutating func price(_ key: StoredKey, _ value: ExactDecimal?) {
        if let value { raw(key, value.description) }
    }

    /// A JSON string: written as it is unless it holds a character JSON escapes.
    private mutating func appendQuoted(_ text: String) {
        var text = text
        let plain = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            buffer.append(UInt8(ascii: "\""))
            buffer.append(contentsOf: bytes)
            buffer.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { buffer.append(contentsOf: JSONValue.string(text).serialized().utf8) }
    }

    /// The lines in the order of their keys' names.
    func sortedBytes() -> [UInt8] {
        let ranks = StoredKeys.ranks
        if zip(lines, lines.dropFirst()).allSatisfy({ ranks[$0.key.rawValue] < ranks[$1.key.rawValue] }) {
            return buffer
        }
        var sorted: [UInt8] = []
        sorted.reserveCapacity(buffer.count)
        for line in lines.sorted(by: { ranks[$0.key.rawValue] < ranks[$1.key.rawValue] }) {
            sorted.append(contentsOf: buffer[line.start..<line.end])
        }
        return sorted
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

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
    }

    var hex: String {
        String(unsafeUninitializedCapacity: 16) { bytes in
            for index in 0..<16 {
                let nibble = UInt8((hash >> UInt64(60 - 4 * index)) & 0xf)
                bytes[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
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
    /// Each key's code as its one byte, by ``StoredKey`` raw value.
    static let codeBytes = Array(codes.joined().utf8)
    /// The code index of each byte that is a code, by byte value.
    static let codeIndex: [Int?] = {
        var table = [Int?](repeating: nil, count: 256)
        for (index, byte) in codeBytes.enumerated() { table[Int(byte)] = index }
        return table
    }()
    /// Each key's place among the names in sorted order, by ``StoredKey`` raw value: bodies list lines so.
    static let ranks: [Int] = {
        let sorted = names.sorted()
        return names.map { name in sorted.firstIndex(of: name) ?? 0 }
    }()
    private static let nameByCode = Dictionary(uniqueKeysWithValues: zip(codes, names))

    static func name(for stored: Substring) -> String { nameByCode[String(stored)] ?? String(stored) }
}

/// The keys of ``StoredKeys/names``, by their index there (their code).
enum StoredKey: Int {
    case name, family, contextWindow, maxInputTokens, maxOutputTokens
    case pricingInput, pricingOutput, pricingCacheRead, pricingCacheWrite, pricingReasoning, pricingInputAudio
    case pricingOutputAudio
    case pricingOver200kInput, pricingOver200kOutput, pricingOver200kCacheRead, pricingOver200kCacheWrite
    case pricingOver200kReasoning, pricingOver200kInputAudio, pricingOver200kOutputAudio
    case pricingTiers, capabilities, modalitiesInput, modalitiesOutput, knowledge, releaseDate, lastUpdated
    case openWeights, status, env, npm, api, doc
}
