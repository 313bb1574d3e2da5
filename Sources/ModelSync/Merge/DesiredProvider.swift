import LosslessYAML

/// The managed data one provider file should hold, derived from the catalog (see ``CatalogMapping``).
///
/// Values are ``YAMLValue``s; `nil` means the catalog lacks the field, so the key is removed (unless pinned).
public struct DesiredProvider: Sendable, Equatable {
    /// The models.dev provider id this file tracks (it may differ from the file's own id).
    public var upstreamID: String
    /// Provider-level managed keys in ``ManagedKeys/providerKeys`` order.
    public var keys: [ManagedEntry]
    /// Every model the catalog lists for the provider that a file can hold.
    public var models: [DesiredModel]
    /// Models the catalog lists that a file cannot hold faithfully, with the reason (see
    /// ``CatalogMapping/refusal(of:)``): never inserted, and left as they are when a file has them.
    public var refused: [RefusedModel]

    public init(upstreamID: String, keys: [ManagedEntry], models: [DesiredModel], refused: [RefusedModel] = []) {
        self.upstreamID = upstreamID
        self.keys = keys
        self.models = models
        self.refused = refused
    }
}

/// A catalog model that is not synced, and why (an id too long for a YAML key, a number a YAML file cannot hold
/// exactly, a negative price).
public struct RefusedModel: Sendable, Equatable {
    public var id: String
    public var reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}

/// One model's managed keys, in ``ManagedKeys/modelKeys`` order.
public struct DesiredModel: Sendable, Equatable {
    /// The model id: an opaque key that never becomes a path.
    public var id: String
    public var entries: [ManagedEntry]

    public init(id: String, entries: [ManagedEntry]) {
        self.id = id
        self.entries = entries
    }

    /// The desired value of a managed key, `nil` when absent upstream.
    public subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value ?? nil
    }

    /// The model as a mapping of its present managed keys, in order: the text a new model entry gets.
    public var mappingValue: YAMLValue {
        .mapping(entries.compactMap { entry in entry.value.map { YAMLMappingEntry(entry.key, $0) } })
    }
}

/// A managed key and its desired value (`nil`: absent upstream, so removed locally).
public struct ManagedEntry: Sendable, Equatable {
    public var key: String
    public var value: YAMLValue?

    public init(_ key: String, _ value: YAMLValue?) {
        self.key = key
        self.value = value
    }
}
