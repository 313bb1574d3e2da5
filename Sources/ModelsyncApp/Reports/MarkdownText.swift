import Diagnostics

/// Text from outside (ids, paths, reasons) placed in Markdown so that it shows as written: no control character,
/// no backtick that ends a code span early, no `|` that splits a table cell, no `*` or `_` that starts emphasis.
enum MarkdownText {
    /// `text` as an inline code span: fenced with more backticks than any run inside it (and padded with spaces when
    /// it starts or ends with one), control characters escaped; `|` escaped for table cells.
    static func code(_ text: String) -> String {
        let escaped = TerminalText.escape(text).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0
        var run = 0
        for character in escaped {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = escaped.hasPrefix("`") || escaped.hasSuffix("`") ? " " : ""
        return fence + padding + escaped + padding + fence
    }

    /// `text` as plain Markdown text: control characters escaped, and each character Markdown reads as syntax
    /// preceded by a backslash.
    static func plain(_ text: String) -> String {
        var result = ""
        for character in TerminalText.escape(text) {
            if "\\`*_{}[]<>()#+-!|~".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `text` as a fenced code block: a fence longer than any run of backticks inside it.
    static func block(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "\n" + text + "\n" + fence
    }
}
