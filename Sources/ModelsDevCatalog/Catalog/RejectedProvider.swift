/// A provider left out of a ``Catalog`` because its id could not safely become a file name (docs/selection.md#untrusted-ids).
public struct RejectedProvider: Equatable, Sendable, CustomStringConvertible {
    /// The id exactly as the catalog spelled it.
    public let id: String
    /// How many models the catalog listed for it.
    public let modelCount: Int

    public init(id: String, modelCount: Int) {
        self.id = id
        self.modelCount = modelCount
    }

    /// The message naming the provider: `provider id "../x" cannot be used as a file name: …`.
    public var description: String {
        "provider id \(Self.quoted(id)) cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$"
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
