/// A position in a YAML source, in the three units callers need.
///
/// - `offset`: UTF-8 byte offset from the first byte of the file (a byte-order mark counts 3).
/// - `line`: 1-based line number; a line ends at LF, CRLF or a lone CR.
/// - `column`: 1-based column counted in Unicode scalars from the start of the line (a tab counts 1).
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// UTF-8 byte offset from the start of the file.
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line:column`, the way compilers print it.
    public var description: String { "\(line):\(column)" }
}
