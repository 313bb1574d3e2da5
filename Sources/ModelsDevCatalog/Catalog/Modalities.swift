/// What a model reads and writes (`modalities`), such as input `[text, image, pdf]` and output `[text]`.
public struct Modalities: Equatable, Sendable {
    /// The input modalities, in catalog order; `nil` when the catalog lists none.
    public var input: [String]?
    /// The output modalities, in catalog order; `nil` when the catalog lists none.
    public var output: [String]?

    public init(input: [String]? = nil, output: [String]? = nil) {
        self.input = input
        self.output = output
    }
}
