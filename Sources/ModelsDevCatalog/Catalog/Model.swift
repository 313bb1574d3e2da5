/// One model of a provider, with every field modelsync maps (docs/provider-files.md#managed-keys-of-a-model); other fields are kept in
/// ``otherFields``.
///
/// The id is an opaque key: it may hold `/`, `:`, `@`, `~` and upper case, and never becomes a path. Fields the
/// catalog leaves out (or sets to `null`) are `nil`.
public struct Model: Equatable, Sendable {
    /// The model id, the key of the model in its provider's `models` object.
    public var id: String
    public var name: String?
    public var family: String?
    public var limit: ModelLimit?
    public var cost: ModelCost?
    public var modalities: Modalities?
    /// The knowledge cut-off as written, such as `2025-07-31` or `2024-10`.
    public var knowledge: String?
    /// The release date as written, such as `2025-09-29`.
    public var releaseDate: String?
    /// The date of the last update as written, such as `2025-09-29`.
    public var lastUpdated: String?
    public var openWeights: Bool?
    /// `alpha`, `beta` or `deprecated`; `nil` for a generally available model.
    public var status: String?
    public var toolCall: Bool?
    public var reasoning: Bool?
    public var structuredOutput: Bool?
    public var attachment: Bool?
    public var temperature: Bool?
    public var interleaved: Interleaved?
    /// Fields modelsync does not mirror (`reasoning_options`, `experimental`, `provider`, future fields), in
    /// catalog order, kept for display.
    public var otherFields: JSONObject

    public init(id: String, otherFields: JSONObject = JSONObject()) {
        self.id = id
        self.otherFields = otherFields
    }

    /// Whether the catalog marks the model `deprecated`.
    public var isDeprecated: Bool { status == "deprecated" }
}
