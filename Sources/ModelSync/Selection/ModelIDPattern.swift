/// A model id, or a glob of model ids, as a settings file's `exclude:` lists them.
///
/// `*` stands for any run of characters (`/` and `:` included: model ids are not paths) and `?` for exactly one;
/// every other character stands for itself, case included. `gpt-3.5-*` matches `gpt-3.5-turbo`; `*:free` matches
/// `meta-llama/llama-3-8b:free`.
public struct ModelIDPattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    private let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    /// Whether the pattern has a wildcard (`*` or `?`): without one it names a single id.
    public var isGlob: Bool { scalars.contains("*") || scalars.contains("?") }

    /// Whether `id` matches the pattern.
    public func matches(_ id: String) -> Bool {
        let subject = Array(id.unicodeScalars)
        // Iterative glob matching with backtracking to the last `*`: linear in practice, no recursion.
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        while s < subject.count {
            if p < scalars.count, scalars[p] == "?" || (scalars[p] != "*" && scalars[p] == subject[s]) {
                p += 1
                s += 1
            } else if p < scalars.count, scalars[p] == "*" {
                starP = p
                starS = s
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starS += 1
                s = starS
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    public var description: String { text }
}

extension Array where Element == ModelIDPattern {
    /// The first pattern that matches `id`.
    public func firstMatch(_ id: String) -> ModelIDPattern? {
        first { $0.matches(id) }
    }
}
