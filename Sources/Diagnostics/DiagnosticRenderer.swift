/// Renders diagnostics as text the way compilers print them.
///
/// ```
/// config/models/openai.yml:12:5: error: duplicate key 'gpt-4o'
///     gpt-4o:
///     ^
/// note: …
/// ```
///
/// The location comes first when there is one (`path:line:column: `, or `path: ` without a position), then the
/// severity's label and the message; the source line and a caret under the column follow when the diagnostic has a
/// source line; each note is a line of its own after `note: `. Options named in the text are spelled by
/// ``spellOption``. With ``colored``, the label and its colon are wrapped in the ANSI colour of its severity.
public struct DiagnosticRenderer: Sendable {
    /// Spells an option named in a message, given its value placeholder (such as `FILE`).
    public var spellOption: @Sendable (OptionReference, String?) -> String
    /// Whether the severity label is coloured with ANSI escapes.
    public var colored: Bool

    public init(colored: Bool = false, spellOption: @escaping @Sendable (OptionReference, String?) -> String) {
        self.colored = colored
        self.spellOption = spellOption
    }

    /// `text` with its options spelled.
    public func render(_ text: DiagnosticText) -> String {
        text.rendered(spellingOptionsWith: spellOption)
    }

    /// The diagnostic as lines of text, without a final line break.
    public func render(_ diagnostic: Diagnostic) -> String {
        var text = ""
        if let path = diagnostic.path {
            text += path
            if let position = diagnostic.position { text += ":\(position.line):\(position.column)" }
            text += ": "
        }
        text += label(diagnostic.severity) + render(diagnostic.message)
        if let sourceLine = diagnostic.sourceLine, let position = diagnostic.position {
            var caretPrefix = ""
            for (index, scalar) in sourceLine.unicodeScalars.enumerated() where index < position.column - 1 {
                caretPrefix.append(scalar == "\t" ? "\t" : " ")
            }
            text += "\n\(sourceLine)\n\(caretPrefix)^"
        }
        for note in diagnostic.notes {
            text += "\n" + label(.note) + render(note)
        }
        return text
    }

    /// `error: `, coloured when ``colored``.
    private func label(_ severity: Diagnostic.Severity) -> String {
        guard colored else { return severity.label + ": " }
        let code: String
        switch severity {
        case .error, .internalError: code = "31"
        case .warning: code = "33"
        case .note: code = "2"
        }
        return "\u{1B}[\(code)m\(severity.label): \u{1B}[0m"
    }
}
