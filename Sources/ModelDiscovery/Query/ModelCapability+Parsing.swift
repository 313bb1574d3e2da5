import ModelsDevCatalog

extension ModelCapability {
    /// The capability names in canonical order (docs/provider-files.md#capabilities), as `--capability` accepts them.
    public static var allNames: [String] { allCases.map(\.rawValue) }

    /// Reads a capability name as a user types it: case does not matter, and `-` or a space stands for `_`
    /// (`function-calling` is `function_calling`).
    ///
    /// - Throws: ``QueryError/unknownCapability(_:)`` naming the text as given, whose message lists the valid names.
    public init(parsing text: String) throws(QueryError) {
        let normalized = String(
            text.trimmingWhitespace().lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        guard let capability = ModelCapability(rawValue: normalized) else {
            throw .unknownCapability(text)
        }
        self = capability
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
