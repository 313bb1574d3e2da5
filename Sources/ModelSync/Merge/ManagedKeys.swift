import LosslessYAML
import ModelsDevCatalog

/// The managed vocabulary of provider files (docs/provider-files.md).
///
/// Which keys modelsync owns, and in which order new ones are written. Every other key is the user's.
public enum ManagedKeys {
    /// Provider-level managed keys, in order; `provider` is written only when absent and is not among them.
    public static let providerKeys = ["name", "env", "npm", "api", "doc"]

    /// Managed keys of a model, in the order new keys are written.
    public static let modelKeys = [
        "name", "family", "context_window", "max_input_tokens", "max_output_tokens", "pricing", "capabilities",
        "modalities", "knowledge", "release_date", "last_updated", "open_weights", "status", "available",
        "deprecated", "source",
    ]

    /// Price keys of `pricing`, `pricing.context_over_200k` and each tier, in order.
    public static let priceKeys = [
        "input", "output", "cache_read", "cache_write", "reasoning", "input_audio", "output_audio",
    ]

    /// Keys of `pricing`, in order.
    public static let pricingKeys = priceKeys + ["context_over_200k", "tiers"]

    /// Keys of `modalities`, in order.
    public static let modalityKeys = ["input", "output"]

    /// The managed capability vocabulary, in canonical order; other items of `capabilities` are the user's.
    public static let capabilities = ModelCapability.allCases.map(\.rawValue)

    /// Keys whose string values are always written quoted (`'2024-10-22'` is a date in YAML 1.1).
    public static let alwaysQuoted: Set<String> = ["knowledge", "release_date", "last_updated"]

    /// The value of `source` on models modelsync syncs.
    public static let sourceValue = "models.dev"

    /// Whether a `source` value reads as the string `models.dev`.
    ///
    /// Untagged (or tagged `!!str` or `!`), whatever its quoting. A value with another tag (`!<tag:x> "models.dev"`,
    /// `!!int`) is the user's own, even if its text is the same.
    public static func isUpstreamSource(_ node: YAMLNodeID, in document: YAMLDocument) -> Bool {
        if let tag = document.tag(of: node), tag != "tag:yaml.org,2002:str", tag != "!" { return false }
        return document.value(of: node) == .string(sourceValue)
    }
}
