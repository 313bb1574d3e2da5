import Foundation

/// Decodes api.json bytes straight into ``Catalog`` values with ``JSONScanner``, without an intermediate tree.
///
/// Foundation's `JSONDecoder` needs 115-135 ms and `JSONSerialization` 200-270 ms for the 2.4 MB catalog on the
/// project's 2-core machines; this decoder compares keys as bytes and builds each value once (see
/// docs/catalog.md for measurements). The object key is the id of a provider or model; an `id` field inside is
/// not consulted. `null` counts as absent for every optional field.
enum CatalogDecoder {
    static func decode(_ bytes: some ContiguousBytes, sourceName: String) throws(CatalogError) -> Catalog {
        let result: Result<Catalog, JSONScanner.Failure> = bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var scanner = JSONScanner(buffer)
            do throws(JSONScanner.Failure) {
                return .success(try decodeCatalog(&scanner))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let catalog):
            return catalog
        case .failure(let failure):
            let (line, column) = bytes.withUnsafeBytes { lineAndColumn(of: failure.offset, in: $0) }
            if failure.isSyntax {
                throw .invalidJSON(
                    source: sourceName, line: line, column: column, offset: failure.offset, reason: failure.reason)
            }
            throw .notACatalog(
                source: sourceName, line: line, column: column, offset: failure.offset, reason: failure.reason)
        }
    }

    /// The 1-based line and column (in Unicode scalars) of byte `offset`.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    // MARK: Catalog and providers

    private static func decodeCatalog(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> Catalog {
        guard scanner.peek() != nil else { throw scanner.syntaxError("empty input, expected a JSON object") }
        try scanner.beginObject("the catalog")
        var providers: [Provider] = []
        var rejected: [RejectedProvider] = []
        var seen = Set<String>()
        var lists = StringListCache()
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let keyOffset = scanner.offset
            let id = try scanner.readKey().string
            guard seen.insert(id).inserted else {
                throw scanner.shapeError("duplicate provider id \(quoted(id))", at: keyOffset)
            }
            let provider = try decodeProvider(&scanner, id: id, lists: &lists)
            if let providerID = ProviderID(id) {
                providers.append(
                    Provider(
                        id: providerID, name: provider.name, env: provider.env, npm: provider.npm, api: provider.api,
                        doc: provider.doc, models: provider.models, modelIndex: provider.modelIndex,
                        otherFields: provider.otherFields))
            } else {
                rejected.append(RejectedProvider(id: id, modelCount: provider.models.count))
            }
        }
        try scanner.expectEnd()
        return Catalog(providers: providers, rejectedProviders: rejected)
    }

    /// A provider's fields before its id is checked.
    private struct ProviderFields {
        var name: String?
        var env: [String]?
        var npm: String?
        var api: String?
        var doc: String?
        var models: [Model] = []
        var modelIndex: [String: Int] = [:]
        var otherFields = JSONObject()
    }

    private static func decodeProvider(
        _ scanner: inout JSONScanner, id: String, lists: inout StringListCache
    ) throws(JSONScanner.Failure) -> ProviderFields {
        let start = scanner.offset
        try scanner.beginObject("provider \(quoted(id))")
        var fields = ProviderFields()
        var hasModels = false
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if key.equals("models") {
                hasModels = true
                try decodeModels(&scanner, providerID: id, into: &fields, lists: &lists)
            } else if key.equals("name") {
                fields.name = try optionalString(&scanner, "\"name\" of provider \(quoted(id))")
            } else if key.equals("env") {
                fields.env = try optionalStrings(&scanner, "\"env\" of provider \(quoted(id))")
            } else if key.equals("npm") {
                fields.npm = try optionalString(&scanner, "\"npm\" of provider \(quoted(id))")
            } else if key.equals("api") {
                fields.api = try optionalString(&scanner, "\"api\" of provider \(quoted(id))")
            } else if key.equals("doc") {
                fields.doc = try optionalString(&scanner, "\"doc\" of provider \(quoted(id))")
            } else if key.equals("id") {
                _ = try optionalString(&scanner, "\"id\" of provider \(quoted(id))")
            } else {
                fields.otherFields.members.append(JSONObject.Member(key: key.string, value: try scanner.readValue()))
            }
        }
        guard hasModels else {
            throw scanner.shapeError("provider \(quoted(id)) has no \"models\" object", at: start)
        }
        return fields
    }

    private static func decodeModels(
        _ scanner: inout JSONScanner, providerID: String, into fields: inout ProviderFields,
        lists: inout StringListCache
    ) throws(JSONScanner.Failure) {
        try scanner.beginObject("\"models\" of provider \(quoted(providerID))")
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let keyOffset = scanner.offset
            let id = try scanner.readKey().string
            let model = try decodeModel(&scanner, id: id, providerID: providerID, lists: &lists)
            guard fields.modelIndex.updateValue(fields.models.count, forKey: id) == nil else {
                throw scanner.shapeError(
                    "duplicate model id \(quoted(id)) in provider \(quoted(providerID))", at: keyOffset)
            }
            fields.models.append(model)
        }
    }

    // MARK: Models

    private static func decodeModel(
        _ scanner: inout JSONScanner, id: String, providerID: String, lists: inout StringListCache
    ) throws(JSONScanner.Failure) -> Model {
        let owner = Owner(modelID: id, providerID: providerID)
        try scanner.beginObject("model \(quoted(id)) of provider \(quoted(providerID))")
        var model = Model(id: id)
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            switch key.byteCount {
            case 2 where key.equals("id"):
                _ = try optionalString(&scanner, "\"id\" \(owner)")
            case 4 where key.equals("name"):
                model.name = try optionalString(&scanner, "\"name\" \(owner)")
            case 4 where key.equals("cost"):
                model.cost = try decodeCost(&scanner, owner: owner)
            case 5 where key.equals("limit"):
                model.limit = try decodeLimit(&scanner, owner: owner)
            case 6 where key.equals("family"):
                model.family = try optionalString(&scanner, "\"family\" \(owner)")
            case 6 where key.equals("status"):
                model.status = try optionalString(&scanner, "\"status\" \(owner)")
            case 9 where key.equals("knowledge"):
                model.knowledge = try optionalString(&scanner, "\"knowledge\" \(owner)")
            case 9 where key.equals("reasoning"):
                model.reasoning = try optionalBool(&scanner, "\"reasoning\" \(owner)")
            case 9 where key.equals("tool_call"):
                model.toolCall = try optionalBool(&scanner, "\"tool_call\" \(owner)")
            case 10 where key.equals("attachment"):
                model.attachment = try optionalBool(&scanner, "\"attachment\" \(owner)")
            case 10 where key.equals("modalities"):
                model.modalities = try decodeModalities(&scanner, owner: owner, lists: &lists)
            case 11 where key.equals("temperature"):
                model.temperature = try optionalBool(&scanner, "\"temperature\" \(owner)")
            case 11 where key.equals("interleaved"):
                model.interleaved = try decodeInterleaved(&scanner, owner: owner)
            case 12 where key.equals("release_date"):
                model.releaseDate = try optionalString(&scanner, "\"release_date\" \(owner)")
            case 12 where key.equals("last_updated"):
                model.lastUpdated = try optionalString(&scanner, "\"last_updated\" \(owner)")
            case 12 where key.equals("open_weights"):
                model.openWeights = try optionalBool(&scanner, "\"open_weights\" \(owner)")
            case 17 where key.equals("structured_output"):
                model.structuredOutput = try optionalBool(&scanner, "\"structured_output\" \(owner)")
            default:
                model.otherFields.members.append(JSONObject.Member(key: key.string, value: try scanner.readValue()))
            }
        }
        return model
    }

    private static func decodeLimit(
        _ scanner: inout JSONScanner, owner: Owner
    ) throws(JSONScanner.Failure) -> ModelLimit? {
        if try scanner.readNull() { return nil }
        try scanner.beginObject("\"limit\" \(owner)")
        var limit = ModelLimit()
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if key.equals("context") {
                limit.context = try optionalInt(&scanner, "\"limit.context\" \(owner)")
            } else if key.equals("output") {
                limit.output = try optionalInt(&scanner, "\"limit.output\" \(owner)")
            } else if key.equals("input") {
                limit.input = try optionalInt(&scanner, "\"limit.input\" \(owner)")
            } else {
                _ = try scanner.readValue()
            }
        }
        return limit
    }

    private static func decodeModalities(
        _ scanner: inout JSONScanner, owner: Owner, lists: inout StringListCache
    ) throws(JSONScanner.Failure) -> Modalities? {
        if try scanner.readNull() { return nil }
        try scanner.beginObject("\"modalities\" \(owner)")
        var modalities = Modalities()
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if key.equals("input") {
                modalities.input = try lists.read(&scanner, "\"modalities.input\" \(owner)")
            } else if key.equals("output") {
                modalities.output = try lists.read(&scanner, "\"modalities.output\" \(owner)")
            } else {
                _ = try scanner.readValue()
            }
        }
        return modalities
    }

    private static func decodeInterleaved(
        _ scanner: inout JSONScanner, owner: Owner
    ) throws(JSONScanner.Failure) -> Interleaved? {
        switch scanner.peek() {
        case UInt8(ascii: "n"):
            _ = try scanner.readNull()
            return nil
        case UInt8(ascii: "{"):
            guard case .object(let details) = try scanner.readValue() else { return nil }
            return .details(details)
        default:
            return .flag(try scanner.readBool("\"interleaved\" \(owner) (true, false or an object)"))
        }
    }

    // MARK: Cost

    private static func decodeCost(
        _ scanner: inout JSONScanner, owner: Owner
    ) throws(JSONScanner.Failure) -> ModelCost? {
        if try scanner.readNull() { return nil }
        try scanner.beginObject("\"cost\" \(owner)")
        var cost = ModelCost()
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if PriceSet.isPriceKey(key) {
                if let price = try optionalDecimal(&scanner, "\"cost.\(key.string)\" \(owner)") {
                    _ = cost.prices.set(key, to: price)
                }
            } else if key.equals("context_over_200k") {
                if try scanner.readNull() { continue }
                cost.contextOver200k = try decodePrices(&scanner, what: "\"cost.context_over_200k\" \(owner)")
            } else if key.equals("tiers") {
                if try scanner.readNull() { continue }
                cost.tiers = try decodeTiers(&scanner, owner: owner)
            } else {
                _ = try scanner.readValue()
            }
        }
        return cost
    }

    private static func decodePrices(
        _ scanner: inout JSONScanner, what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> PriceSet {
        try scanner.beginObject(what())
        var prices = PriceSet()
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if PriceSet.isPriceKey(key) {
                if let price = try optionalDecimal(&scanner, "\"\(key.string)\" of \(what())") {
                    _ = prices.set(key, to: price)
                }
            } else {
                _ = try scanner.readValue()
            }
        }
        return prices
    }

    private static func decodeTiers(
        _ scanner: inout JSONScanner, owner: Owner
    ) throws(JSONScanner.Failure) -> [CostTier] {
        try scanner.beginArray("\"cost.tiers\" \(owner)")
        var tiers: [CostTier] = []
        var isFirst = true
        while try scanner.nextElement(isFirst: &isFirst) {
            let what = "\"cost.tiers[\(tiers.count)]\" \(owner)"
            try scanner.beginObject(what)
            var tier = CostTier()
            var isFirstMember = true
            while try scanner.nextMember(isFirst: &isFirstMember) {
                let key = try scanner.readKey()
                if PriceSet.isPriceKey(key) {
                    if let price = try optionalDecimal(&scanner, "\"\(key.string)\" of \(what)") {
                        _ = tier.prices.set(key, to: price)
                    }
                } else if key.equals("tier") {
                    if try scanner.readNull() { continue }
                    try decodeTierBounds(&scanner, into: &tier, what: what)
                } else {
                    _ = try scanner.readValue()
                }
            }
            tiers.append(tier)
        }
        return tiers
    }

    private static func decodeTierBounds(
        _ scanner: inout JSONScanner, into tier: inout CostTier, what: String
    ) throws(JSONScanner.Failure) {
        try scanner.beginObject("\"tier\" of \(what)")
        var isFirst = true
        while try scanner.nextMember(isFirst: &isFirst) {
            let key = try scanner.readKey()
            if key.equals("type") {
                tier.kind = try optionalString(&scanner, "\"tier.type\" of \(what)")
            } else if key.equals("size") {
                tier.size = try optionalInt(&scanner, "\"tier.size\" of \(what)")
            } else {
                _ = try scanner.readValue()
            }
        }
    }

    // MARK: Optional scalars

    @inline(__always)
    private static func optionalString(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> String? {
        if try scanner.readNull() { return nil }
        return try scanner.readString(what())
    }

    @inline(__always)
    private static func optionalBool(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> Bool? {
        if try scanner.readNull() { return nil }
        return try scanner.readBool(what())
    }

    @inline(__always)
    private static func optionalInt(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> Int? {
        if try scanner.readNull() { return nil }
        return try scanner.readInt(what())
    }

    @inline(__always)
    private static func optionalDecimal(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> ExactDecimal? {
        if try scanner.readNull() { return nil }
        return try scanner.readDecimal(what())
    }

    static func optionalStrings(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> [String]? {
        if try scanner.readNull() { return nil }
        try scanner.beginArray(what())
        var strings: [String] = []
        var isFirst = true
        while try scanner.nextElement(isFirst: &isFirst) {
            strings.append(try scanner.readString("an element of \(what())"))
        }
        return strings
    }

    /// Names the model a field belongs to, built only when an error message needs it.
    private struct Owner: CustomStringConvertible {
        let modelID: String
        let providerID: String

        var description: String { "of model \(quoted(modelID)) of provider \(quoted(providerID))" }
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
