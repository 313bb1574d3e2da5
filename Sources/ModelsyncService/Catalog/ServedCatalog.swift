import Foundation
import ModelDiscovery
import ModelsDevCatalog

/// One catalog as the service answers from it: the loaded catalog, its version, and a resolver over it.
///
/// Immutable: a refresh builds a new one and swaps it in whole (``CatalogAPI/serve(_:)``), so a request sees one
/// catalog from start to end.
public final class ServedCatalog: Sendable {
    public let loaded: LoadedCatalog
    /// When the service took this catalog.
    public let servedSince: Date
    /// A hash of every value the API can show of this catalog (and of the API's own version), in 16 hexadecimal
    /// digits: the first half of every ETag, so that ETags change exactly when a response can.
    public let version: String
    public let resolver: ModelResolver

    /// Serves `loaded` from `servedSince`; `providerAliases` are the settings' file ids of providers.
    public init(_ loaded: LoadedCatalog, servedSince: Date, providerAliases: [String: String] = [:]) {
        self.loaded = loaded
        self.servedSince = servedSince
        self.resolver = ModelResolver(catalog: loaded.catalog, providerAliases: providerAliases)
        self.version = Self.version(of: loaded.catalog, aliases: providerAliases)
    }

    public var catalog: Catalog { loaded.catalog }

    /// The catalog's age at `now`, in seconds: for a downloaded catalog, its age when loaded (how long ago it was
    /// downloaded or confirmed) plus the time served since; for a file, standard input or the bundled snapshot, the
    /// time served (a file's own age says when it was written, not how stale the service's copy is).
    public func ageSeconds(at now: Date) -> Int {
        let served = max(0, Int(now.timeIntervalSince(servedSince)))
        guard loaded.provenance.source.cacheableURL != nil else { return served }
        return (loaded.provenance.ageSeconds ?? 0) + served
    }

    /// FNV-1a (64 bits) over the API version and each provider's and model's every field, as the model endpoint
    /// writes them.
    private static func version(of catalog: Catalog, aliases: [String: String]) -> String {
        var hash = EntityTagHash()
        hash.add(APIVersion.current)
        for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) {
            hash.add(alias)
            hash.add(target)
        }
        for provider in catalog.providers {
            let first = ModelDetails(ResolvedModel(provider: provider, model: provider.models.first ?? Model(id: "")))
            hash.add(first.providerJSON.serialized())
            for model in provider.models {
                hash.add(ModelDetails(ResolvedModel(provider: provider, model: model)).modelJSON.serialized())
            }
        }
        return hash.hex
    }
}

/// The version of the API's responses: it changes when a response's shape does, and with it every ETag.
public enum APIVersion {
    public static let current = "modelsync-api-1 " + ModelsyncVersion.current
}
