import ModelsDevCatalog

/// Search text, ready to rank models by how well they match it (``SearchRank``).
///
/// Matching is case-insensitive and literal: `/`, `:`, `@`, `.` and `~` are ordinary characters, so any model id
/// or `provider/model` reference can be searched for as written.
public struct SearchText: Equatable, Sendable {
    /// The text as given, without surrounding spaces.
    public let text: String
    private let lowered: String
    private let words: [String]

    /// Prepares `text`; `nil` when it is empty or only spaces.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        self.text = trimmed
        lowered = trimmed.lowercased()
        words = lowered.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// How `model` of `provider` matches, or `nil` when it does not.
    public func rank(_ model: Model, of provider: Provider) -> SearchRank? {
        let id = model.id.lowercased()
        let reference = provider.id.rawValue + "/" + id
        let name = model.name?.lowercased() ?? ""
        let family = model.family?.lowercased() ?? ""
        let lastSegment = id.split(separator: "/").last.map(String.init) ?? id
        if id == lowered || lastSegment == lowered || reference == lowered || name == lowered { return .exact }
        if id.hasPrefix(lowered) || lastSegment.hasPrefix(lowered) || reference.hasPrefix(lowered)
            || name.hasPrefix(lowered) || family.hasPrefix(lowered)
        {
            return .prefix
        }
        if reference.contains(lowered) || name.contains(lowered) || family.contains(lowered) { return .substring }
        if words.count > 1,
            words.allSatisfy({ word in reference.contains(word) || name.contains(word) || family.contains(word) })
        {
            return .words
        }
        return nil
    }
}
