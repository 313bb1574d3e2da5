/// One provider of the catalog with its models, in catalog order.
public struct Provider: Equatable, Sendable {
    /// The provider id, checked to be safe as a file name.
    public let id: ProviderID
    /// The display name (`name`).
    public var name: String?
    /// The environment variables that hold its credentials (`env`), such as `[ANTHROPIC_API_KEY]`.
    public var env: [String]?
    /// The AI SDK package (`npm`), such as `@ai-sdk/anthropic`.
    public var npm: String?
    /// The API base URL (`api`), when the provider lists one.
    public var api: String?
    /// The documentation URL (`doc`).
    public var doc: String?
    /// The models, in catalog order.
    public let models: [Model]
    /// Provider fields modelsync does not mirror, in catalog order.
    public var otherFields: JSONObject

    private let modelIndex: [String: Int]

    /// Creates a provider; a later model with the id of an earlier one replaces it in lookups.
    public init(
        id: ProviderID, name: String? = nil, env: [String]? = nil, npm: String? = nil, api: String? = nil,
        doc: String? = nil, models: [Model], otherFields: JSONObject = JSONObject()
    ) {
        var index: [String: Int] = [:]
        index.reserveCapacity(models.count)
        for (position, model) in models.enumerated() { index[model.id] = position }
        self.init(
            id: id, name: name, env: env, npm: npm, api: api, doc: doc, models: models, modelIndex: index,
            otherFields: otherFields)
    }

    init(
        id: ProviderID, name: String?, env: [String]?, npm: String?, api: String?, doc: String?, models: [Model],
        modelIndex: [String: Int], otherFields: JSONObject
    ) {
        self.id = id
        self.name = name
        self.env = env
        self.npm = npm
        self.api = api
        self.doc = doc
        self.models = models
        self.modelIndex = modelIndex
        self.otherFields = otherFields
    }

    /// The model with exactly this id (ids are case-sensitive, opaque keys).
    public func model(_ id: String) -> Model? {
        modelIndex[id].map { models[$0] }
    }
}
