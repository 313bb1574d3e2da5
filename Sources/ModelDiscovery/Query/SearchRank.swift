/// How well a model matches search text, best first; `list` and `search` order by it unless `--sort` is given.
///
/// The fields looked at, all case-insensitively: the model id, its last `/` segment (`gpt-4o` in
/// `openai/gpt-4o`), the reference `provider/model`, the name, and the family.
public enum SearchRank: Int, Comparable, CaseIterable, Sendable {
    /// The text is the whole id, last id segment, reference or name.
    case exact
    /// The id, last id segment, reference, name or family starts with the text (a whole family counts here).
    case prefix
    /// The text occurs inside the id, reference, name or family.
    case substring
    /// Text of two or more words: each word occurs in some field, in any order (`claude 4.5`).
    case words

    /// The name `--json` prints: `exact`, `prefix`, `substring`, `words`.
    public var name: String {
        switch self {
        case .exact: return "exact"
        case .prefix: return "prefix"
        case .substring: return "substring"
        case .words: return "words"
        }
    }

    public static func < (lhs: SearchRank, rhs: SearchRank) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
