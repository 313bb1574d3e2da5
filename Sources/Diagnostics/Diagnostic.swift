/// One message for a person: how serious it is, where (a file, a URL, a place in a file), what, and notes.
///
/// Libraries describe what went wrong with diagnostics and never render them; the program that shows them does,
/// once each, with ``DiagnosticRenderer`` (a compiler-style line with the source line and a caret under the column):
///
/// ```
/// config/models/openai.yml:12:5: error: duplicate key 'gpt-4o'
///     gpt-4o:
///     ^
/// ```
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable {
        /// The work it is about failed.
        case error
        /// Worth knowing; the work went on.
        case warning
        /// Additional information.
        case note
        /// A broken promise of modelsync itself (such as an edit that did not read back as intended).
        case internalError = "internal error"

        /// The word a rendered diagnostic shows before its message.
        public var label: String { rawValue }
    }

    public var severity: Severity
    /// The file (as the user gave it, or relative to the working directory), the URL, or the stream the diagnostic
    /// is about; `nil` when it is about the run as a whole.
    public var path: String?
    /// The place in ``path``, when known.
    public var position: SourcePosition?
    /// The full text of the source line at ``position``, without its line break, for the excerpt under the message.
    public var sourceLine: String?
    /// What is wrong or worth knowing, without position or severity, such as `duplicate key 'gpt-4o'`.
    public var message: DiagnosticText
    /// Further lines, each shown after the message (such as what to do next).
    public var notes: [DiagnosticText]
    /// Values the user may have meant (ids, names), for programs that list them apart from the message; the message
    /// already names them when it should.
    public var suggestions: [String]

    public init(
        _ severity: Severity = .error, path: String? = nil, position: SourcePosition? = nil, sourceLine: String? = nil,
        message: DiagnosticText, notes: [DiagnosticText] = [], suggestions: [String] = []
    ) {
        self.severity = severity
        self.path = path
        self.position = position
        self.sourceLine = sourceLine
        self.message = message
        self.notes = notes
        self.suggestions = suggestions
    }

    /// A positioned diagnostic in a source file: `path:line:column` and the source line.
    public init(path: String, position: SourcePosition, message: DiagnosticText, sourceLine: String) {
        self.init(.error, path: path, position: position, sourceLine: sourceLine, message: message)
    }

    /// `path:line:column: message`, for logs and debugging.
    ///
    /// Without severity, excerpt or notes: people see diagnostics through ``DiagnosticRenderer``.
    public var description: String {
        var text = ""
        if let path {
            text += path
            if let position { text += ":\(position.line):\(position.column)" }
            text += ": "
        }
        return text + message.description
    }

    /// This diagnostic with `note` appended to its notes.
    public func adding(note: DiagnosticText) -> Diagnostic {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}

/// An error that can describe itself as diagnostics for a person.
public protocol DiagnosticConvertible: Error {
    /// What went wrong, as one diagnostic.
    var diagnostic: Diagnostic { get }
}
