import Diagnostics
import ModelDiscovery
import ModelsDevCatalog

/// The filters, sort and limit of `list` and `search` as the user wrote them: text, parsed once into a
/// ``ModelQuery`` by ``query(search:)``.
public struct ModelQueryOptions: Sendable, Equatable {
    public var providers: [String] = []
    public var capabilities: [String] = []
    public var maxInputPrice: String?
    public var maxOutputPrice: String?
    public var minInputPrice: String?
    public var minOutputPrice: String?
    /// Only models whose input and output prices are both known and above 0.
    public var priced = false
    public var minContext: String?
    public var minOutput: String?
    public var statuses: [String] = []
    public var openWeights: Bool?
    public var modalities: [String] = []
    public var releasedAfter: String?
    public var sort: String?
    public var descending = false
    public var limit: Int?

    public init() {}

    /// The options as a query, with `search` as its search text.
    ///
    /// - Throws: ``RunFailure`` with status ``ExitStatus/usage`` naming the option whose value cannot be
    ///   understood, and what it accepts.
    public func query(search: SearchText?) throws(RunFailure) -> ModelQuery {
        do {
            return try modelQuery(search: search)
        } catch {
            throw RunFailure(error, status: .usage)
        }
    }

    /// The options as a query, with `search` as its search text; the error names the option as a
    /// ``QueryError/Option`` reference, for a command line or a service to spell.
    public func modelQuery(search: SearchText?) throws(QueryError) -> ModelQuery {
        typealias Option = QueryError.Option
        var query = ModelQuery()
        query.providers = providers
        query.capabilities = try capabilities.map { (name) throws(QueryError) in try ModelCapability(parsing: name) }
        query.maxInputPrice = try maxInputPrice.map { (text) throws(QueryError) in
            try ExactDecimal(parsingPrice: text, option: Option.maxInputPrice)
        }
        query.maxOutputPrice = try maxOutputPrice.map { (text) throws(QueryError) in
            try ExactDecimal(parsingPrice: text, option: Option.maxOutputPrice)
        }
        query.minInputPrice = try minInputPrice.map { (text) throws(QueryError) in
            try ExactDecimal(parsingPrice: text, option: Option.minInputPrice)
        }
        query.minOutputPrice = try minOutputPrice.map { (text) throws(QueryError) in
            try ExactDecimal(parsingPrice: text, option: Option.minOutputPrice)
        }
        query.priced = priced
        query.minContext = try minContext.map { (text) throws(QueryError) in
            try TokenCount.parse(text, option: Option.minContext)
        }
        query.minOutput = try minOutput.map { (text) throws(QueryError) in
            try TokenCount.parse(text, option: Option.minOutput)
        }
        query.statuses = try statuses.map { (text) throws(QueryError) in try ModelStatusFilter(parsing: text) }
        query.openWeights = openWeights
        query.modalities = try modalities.map { (text) throws(QueryError) in try ModalityFilter(parsing: text) }
        query.releasedAfter = try releasedAfter.map { (text) throws(QueryError) in
            try ReleaseDateBound(parsing: text)
        }
        query.sort = try sort.map { (text) throws(QueryError) in try ModelSortKey(parsing: text) }
        query.descending = descending
        query.limit = limit
        query.search = search
        if let limit, limit < 1 {
            throw .outOfRange(option: Option.limit, requirement: "must be 1 or more")
        }
        if descending, sort == nil {
            throw .descendingWithoutSort
        }
        if let minimum = query.minInputPrice, let maximum = query.maxInputPrice, minimum > maximum,
            let minimumText = minInputPrice, let maximumText = maxInputPrice
        {
            throw .emptyRange(
                minimum: Option.minInputPrice, minimumValue: minimumText, maximum: Option.maxInputPrice,
                maximumValue: maximumText)
        }
        if let minimum = query.minOutputPrice, let maximum = query.maxOutputPrice, minimum > maximum,
            let minimumText = minOutputPrice, let maximumText = maxOutputPrice
        {
            throw .emptyRange(
                minimum: Option.minOutputPrice, minimumValue: minimumText, maximum: Option.maxOutputPrice,
                maximumValue: maximumText)
        }
        return query
    }
}
