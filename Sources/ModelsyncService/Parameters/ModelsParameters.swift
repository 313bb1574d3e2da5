import Diagnostics
import ModelDiscovery
import ModelsyncApp

/// The query parameters of `GET /api/v1/models` (and of a provider's models): `list`'s and `search`'s filters,
/// with the names a URL writes (docs/service.md#get-apiv1models), and the page.
///
/// They go through the same ``ModelQueryOptions`` as the command line's flags, so a filter means the same in both.
public struct ModelsParameters: Sendable {
    /// The default number of models a page holds.
    public static let defaultLimit = 50
    /// The most models a page may hold.
    public static let maximumLimit = 1_000

    /// Every parameter the endpoint takes, and those that may be repeated or hold commas.
    public static let names: Set<String> = [
        "provider", "capability", "modality", "status", "max_input_price", "max_output_price", "min_input_price",
        "min_output_price", "priced", "min_context", "min_output", "open_weights", "released_after", "q", "sort",
        "desc", "offset", "limit",
    ]
    public static let listNames: Set<String> = ["provider", "capability", "modality", "status"]

    public let parameters: QueryParameters
    public let query: ModelQuery
    /// The first model of the page, counted from 0.
    public let offset: Int
    public let limit: Int

    /// Reads the parameters of `request`; `provider`, when set, is the provider of the path
    /// (`/api/v1/providers/{id}/models`), and the `provider` parameter is not taken.
    ///
    /// - Throws: ``APIError`` 400 naming the parameter whose value cannot be understood.
    public init(_ request: APIRequest, endpoint: String, provider: String? = nil) throws(APIError) {
        var allowed = Self.names
        if provider != nil { allowed.remove("provider") }
        let parameters = try QueryParameters(request.query, allowed: allowed, lists: Self.listNames, endpoint: endpoint)
        var options = ModelQueryOptions()
        options.providers = provider.map { [$0] } ?? parameters.list("provider")
        options.capabilities = parameters.list("capability")
        options.modalities = parameters.list("modality")
        options.statuses = parameters.list("status")
        options.maxInputPrice = parameters.value("max_input_price")
        options.maxOutputPrice = parameters.value("max_output_price")
        options.minInputPrice = parameters.value("min_input_price")
        options.minOutputPrice = parameters.value("min_output_price")
        options.priced = try parameters.flag("priced") ?? false
        options.minContext = parameters.value("min_context")
        options.minOutput = parameters.value("min_output")
        options.openWeights = try parameters.flag("open_weights")
        options.releasedAfter = parameters.value("released_after")
        options.sort = parameters.value("sort")
        options.descending = try parameters.flag("desc") ?? false
        let search: SearchText?
        if let text = parameters.value("q") {
            guard let parsed = SearchText(text) else {
                throw APIError(status: 400, message: "q is empty; give the text to search for, or leave q out")
            }
            search = parsed
        } else {
            search = nil
        }
        do {
            query = try options.modelQuery(search: search)
        } catch {
            throw APIError(status: 400, error.diagnostic)
        }
        offset = try parameters.integer("offset", in: 0...Int(Int32.max)) ?? 0
        limit = try parameters.integer("limit", in: 1...Self.maximumLimit) ?? Self.defaultLimit
        self.parameters = parameters
    }
}
