/// Whether a model interleaves reasoning with its output (`interleaved`): a boolean, or an object with details.
public enum Interleaved: Equatable, Sendable {
    /// `interleaved: true` or `false`.
    case flag(Bool)
    /// `interleaved: {"field": "reasoning_content"}` and the like: interleaved, with details kept as given.
    case details(JSONObject)

    /// Whether the model interleaves reasoning: `true`, or any object.
    public var isEnabled: Bool {
        switch self {
        case .flag(let flag): return flag
        case .details: return true
        }
    }
}
