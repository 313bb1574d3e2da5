import Diagnostics

/// Held changes a run applies anyway: all of them (`--accept-held`), or those that patterns name
/// (`--accept openai/gpt-5:pricing.input`).
public struct AcceptedChanges: Sendable, Equatable {
    /// One `REF:KEY` pattern: `REF` is `FILE-ID/MODEL-ID`, `KEY` a dotted key path; both may hold globs.
    public struct Pattern: Sendable, Equatable {
        public var reference: ModelIDPattern
        public var key: ModelIDPattern
        /// As written.
        public var text: String
    }

    /// Every held change is applied.
    public var all: Bool
    public var patterns: [Pattern]

    public init(all: Bool = false, patterns: [Pattern] = []) {
        self.all = all
        self.patterns = patterns
    }

    /// Nothing accepted: every change a guard matches is held.
    public static let none = AcceptedChanges()

    /// The option that accepts some held changes, and the one that accepts them all.
    public static let acceptOption = OptionReference("accept")
    public static let acceptHeldOption = OptionReference("accept-held")

    /// `texts` as patterns, each `REF:KEY` split at its last `:` (model ids may hold `:`, key paths never do).
    ///
    /// - Throws: ``AcceptancePatternError`` for a pattern without a `:`, without a `/` in its reference, or with an
    ///   empty part.
    public init(all: Bool, parsing texts: [String]) throws(AcceptancePatternError) {
        var patterns: [Pattern] = []
        for text in texts {
            guard let colon = text.lastIndex(of: ":") else { throw AcceptancePatternError(text: text) }
            let reference = String(text[..<colon])
            let key = String(text[text.index(after: colon)...])
            guard let slash = reference.firstIndex(of: "/"), slash != reference.startIndex,
                reference.index(after: slash) != reference.endIndex, !key.isEmpty
            else { throw AcceptancePatternError(text: text) }
            patterns.append(Pattern(reference: ModelIDPattern(reference), key: ModelIDPattern(key), text: text))
        }
        self.init(all: all, patterns: patterns)
    }

    /// Whether the change of `key` of model `model` in the file `fileID` is applied although a guard matches it.
    public func accepts(fileID: String, model: String, key: String) -> Bool {
        if all { return true }
        let reference = fileID + "/" + model
        return patterns.contains { $0.reference.matches(reference) && $0.key.matches(key) }
    }
}

/// An `--accept` pattern that is not `FILE-ID/MODEL-ID:KEY`.
public struct AcceptancePatternError: Error, Sendable, Equatable, DiagnosticConvertible {
    public var text: String

    public var diagnostic: Diagnostic {
        Diagnostic(
            message: "\(option: AcceptedChanges.acceptOption, "PATTERN") '\(text)' is not FILE-ID/MODEL-ID:KEY",
            notes: ["for example 'openai/gpt-5:pricing.input' or 'openrouter/*:pricing.*'"])
    }
}
