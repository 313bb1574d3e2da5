/// One set of prices of a model, in USD per million tokens, as models.dev lists them under `cost`.
///
/// Every price is optional: models.dev leaves out what does not apply. Values keep their exact decimal text.
public struct PriceSet: Equatable, Sendable {
    /// The price keys in the order modelsync writes them (docs/provider-files.md#pricing).
    public static let keyOrder = [
        "input", "output", "cache_read", "cache_write", "reasoning", "input_audio", "output_audio",
    ]

    public var input: ExactDecimal?
    public var output: ExactDecimal?
    public var cacheRead: ExactDecimal?
    public var cacheWrite: ExactDecimal?
    public var reasoning: ExactDecimal?
    public var inputAudio: ExactDecimal?
    public var outputAudio: ExactDecimal?

    public init(
        input: ExactDecimal? = nil, output: ExactDecimal? = nil, cacheRead: ExactDecimal? = nil,
        cacheWrite: ExactDecimal? = nil, reasoning: ExactDecimal? = nil, inputAudio: ExactDecimal? = nil,
        outputAudio: ExactDecimal? = nil
    ) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
        self.inputAudio = inputAudio
        self.outputAudio = outputAudio
    }

    /// The prices that are present, keyed by their models.dev name, in ``keyOrder``.
    public var entries: [(key: String, value: ExactDecimal)] {
        let values = [input, output, cacheRead, cacheWrite, reasoning, inputAudio, outputAudio]
        return zip(Self.keyOrder, values).compactMap { key, value in value.map { (key, $0) } }
    }

    /// Whether no price is present.
    public var isEmpty: Bool { entries.isEmpty }

    /// Sets the price named `key` (a models.dev name such as `cache_read`); returns `false` for another key.
    mutating func set(_ key: JSONKey, to value: ExactDecimal) -> Bool {
        if key.equals("input") {
            input = value
        } else if key.equals("output") {
            output = value
        } else if key.equals("cache_read") {
            cacheRead = value
        } else if key.equals("cache_write") {
            cacheWrite = value
        } else if key.equals("reasoning") {
            reasoning = value
        } else if key.equals("input_audio") {
            inputAudio = value
        } else if key.equals("output_audio") {
            outputAudio = value
        } else {
            return false
        }
        return true
    }

    /// Whether `key` names a price.
    static func isPriceKey(_ key: JSONKey) -> Bool {
        key.equals("input") || key.equals("output") || key.equals("cache_read") || key.equals("cache_write")
            || key.equals("reasoning") || key.equals("input_audio") || key.equals("output_audio")
    }
}
