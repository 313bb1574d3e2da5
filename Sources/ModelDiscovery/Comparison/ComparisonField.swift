/// One row of a comparison: what it shows and which value is best.
public enum ComparisonField: String, CaseIterable, Sendable {
    case name
    /// Input price, in USD per million tokens.
    case inputPrice = "input_price"
    /// Output price, in USD per million tokens.
    case outputPrice = "output_price"
    /// Price of cached input read, in USD per million tokens.
    case cacheReadPrice = "cache_read_price"
    /// Price of writing input to the cache, in USD per million tokens.
    case cacheWritePrice = "cache_write_price"
    /// Context window, in tokens.
    case context
    /// Most input tokens, in tokens (listed only where it differs from the context window).
    case inputLimit = "input_limit"
    /// Most output tokens, in tokens.
    case outputLimit = "output_limit"
    /// The derived capabilities (docs/provider-files.md#capabilities).
    case capabilities
    case inputModalities = "input_modalities"
    case outputModalities = "output_modalities"
    /// Knowledge cut-off date.
    case knowledge
    case releaseDate = "release_date"
    case lastUpdated = "last_updated"
    /// `alpha`, `beta` or `deprecated`; none for a generally available model.
    case status
    case openWeights = "open_weights"

    /// Which value of a row is best.
    public enum Preference: String, Sendable {
        /// The smallest number (prices).
        case lowest
        /// The largest number (limits).
        case highest
        /// The latest date.
        case newest
    }

    /// How the best value is chosen; `nil`: no value is better than another.
    public var preference: Preference? {
        switch self {
        case .inputPrice, .outputPrice, .cacheReadPrice, .cacheWritePrice: return .lowest
        case .context, .inputLimit, .outputLimit: return .highest
        case .knowledge, .releaseDate, .lastUpdated: return .newest
        case .name, .capabilities, .inputModalities, .outputModalities, .status, .openWeights: return nil
        }
    }

    /// The unit of the row's numbers, for JSON: `usd_per_million_tokens`, `tokens`, or `nil`.
    public var unit: String? {
        switch preference {
        case .lowest: return "usd_per_million_tokens"
        case .highest: return "tokens"
        default: return nil
        }
    }

    /// The row label in a table, such as `input price`.
    public var label: String {
        rawValue.replacingUnderscores()
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
