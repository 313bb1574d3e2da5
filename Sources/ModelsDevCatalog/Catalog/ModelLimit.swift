/// The token limits of a model (`limit`), in tokens.
public struct ModelLimit: Equatable, Sendable {
    /// The context window (`limit.context`), in tokens.
    public var context: Int?
    /// The most input tokens (`limit.input`), when it differs from the context window.
    public var input: Int?
    /// The most output tokens (`limit.output`).
    public var output: Int?

    public init(context: Int? = nil, input: Int? = nil, output: Int? = nil) {
        self.context = context
        self.input = input
        self.output = output
    }
}
