import Diagnostics
import ModelsDevCatalog

extension ExactDecimal {
    /// Reads a price limit in USD per million tokens as a user types it: a number 0 or more, such as `2`, `0.15`
    /// or `1e-1`; a leading `$` is allowed.
    ///
    /// - Throws: ``QueryError/invalidPrice(option:value:)`` naming `option`.
    public init(parsingPrice text: String, option: OptionReference) throws(QueryError) {
        var trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("$") { trimmed.removeFirst() }
        guard let value = ExactDecimal(trimmed), !trimmed.hasPrefix("-") else {
            throw .invalidPrice(option: option, value: text)
        }
        self = value
    }
}
