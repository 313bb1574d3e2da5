import ModelsDevCatalog

/// Finds the model a user means by `PROVIDER/MODEL`, or by `--provider PROVIDER MODEL`.
///
/// Resolution of `PROVIDER/MODEL`, first that matches:
/// 1. Split at a `/`, trying the longest prefix first: the prefix names a provider (its models.dev id, or a file id
///    that the settings map to one through `upstream:`) **and** that provider lists the rest as a model id. Provider
///    ids cannot contain `/`, so in practice this is the split at the first `/`; trying every `/` keeps aliases
///    honest.
/// 2. The whole text as a model id: when exactly one provider lists it, that model (so `amazon.nova-lite-v1:0` alone
///    works); when several do, ``ModelReferenceError/ambiguous(reference:matches:)`` lists them.
/// 3. Otherwise an error with the closest references (see ``suggestions(for:limit:)``).
///
/// Ids are case-sensitive: a reference that differs only in case is not a match, but it is the first suggestion.
public struct ModelResolver: Sendable {
    public let catalog: Catalog
    /// File ids of the settings file's `providers` mapped to the models.dev providers they track
    /// (`gemini` → `google`); used only for names that are not models.dev provider ids.
    public var providerAliases: [String: String]

    public init(catalog: Catalog, providerAliases: [String: String] = [:]) {
        self.catalog = catalog
        self.providerAliases = providerAliases
    }

    /// The provider a name means: the models.dev provider of that id, else the one an alias names.
    public func provider(named name: String) -> Provider? {
        catalog.provider(name) ?? providerAliases[name].flatMap { catalog.provider($0) }
    }

    /// Resolves `PROVIDER/MODEL`, or a model id that only one provider lists.
    ///
    /// - Throws: ``ModelReferenceError`` naming the closest references when nothing matches, or every match when
    ///   a bare model id is ambiguous.
    public func resolve(_ text: String) throws(ModelReferenceError) -> ResolvedModel {
        let slashes = text.indices.filter { text[$0] == "/" }
        var namedProvider: Provider?
        for slash in slashes.reversed() {
            guard let provider = provider(named: String(text[..<slash])) else { continue }
            let modelID = String(text[text.index(after: slash)...])
            if let model = provider.model(modelID) { return ResolvedModel(provider: provider, model: model) }
            if namedProvider == nil { namedProvider = provider }
        }
        let matches = catalog.providers.compactMap { provider in
            provider.model(text).map { ResolvedModel(provider: provider, model: $0) }
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw .ambiguous(reference: text, matches: matches.map(\.reference)) }
        let suggestions = self.suggestions(for: text)
        if let namedProvider, let slash = slashes.first(where: { provider(named: String(text[..<$0])) != nil }) {
            throw .unknownModelOfProvider(
                provider: namedProvider.id.rawValue, model: String(text[text.index(after: slash)...]),
                suggestions: suggestions)
        }
        throw .unknownModel(reference: text, suggestions: suggestions)
    }

    /// Resolves `--provider PROVIDER MODEL`: the model id exactly as given, in that provider only.
    ///
    /// - Throws: ``ModelReferenceError/unknownProvider(provider:suggestions:)`` or
    ///   ``ModelReferenceError/unknownModelOfProvider(provider:model:suggestions:)``.
    public func resolve(provider name: String, model modelID: String) throws(ModelReferenceError) -> ResolvedModel {
        guard let provider = provider(named: name) else {
            throw .unknownProvider(provider: name, suggestions: providerSuggestions(for: name))
        }
        guard let model = provider.model(modelID) else {
            throw .unknownModelOfProvider(
                provider: provider.id.rawValue, model: modelID,
                suggestions: suggestions(for: modelID, inProvider: provider.id.rawValue))
        }
        return ResolvedModel(provider: provider, model: model)
    }
}
