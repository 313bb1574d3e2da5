/// Renders new YAML text for values, in the conventions of a file (``YAMLFormatting``).
///
/// Block collections are written one entry per line; a collection whose style is `.flow`, and every empty
/// collection, is written inline (`[a, b]`, `{}`). Multi-line strings in block context become literal block scalars
/// (`|`, `|-`, `|+`), never escaped or folded. Columns are counted in spaces.
public struct YAMLRenderer: Sendable {
    public var formatting: YAMLFormatting
    /// Whether multi-line strings may be written as literal block scalars (else they are double-quoted).
    public var allowsBlockScalars: Bool

    public init(formatting: YAMLFormatting = .standard, allowsBlockScalars: Bool = true) {
        self.formatting = formatting
        self.allowsBlockScalars = allowsBlockScalars
    }

    /// A whole new file holding `value` at its root, in block style where allowed, with the file's line break and a
    /// final newline when the formatting asks for one.
    public func fileText(for value: YAMLValue) -> String {
        let lines: [String]
        if isBlock(value) {
            lines = blockLines(value, indent: 0, step: formatting.indentation)
        } else {
            lines = [inlineText(value)]
        }
        let body = lines.joined(separator: formatting.lineBreak)
        return formatting.endsWithLineBreak ? body + formatting.lineBreak : body
    }

    /// Single-line text for a value: a scalar, or a flow collection.
    public func inlineText(_ value: YAMLValue) -> String {
        switch value {
        case .sequence(let items, _):
            return "[" + items.map(inlineText).joined(separator: ", ") + "]"
        case .mapping(let entries, _):
            return "{" + entries.map { keyText($0.key) + ": " + entryValueText($0) }.joined(separator: ", ") + "}"
        default:
            return ScalarEmitter.inlineText(for: value, quote: formatting.quote) ?? ""
        }
    }

    /// The inline text of an entry's value, quoted when its key is one of ``YAMLFormatting/alwaysQuotedKeys``.
    func entryValueText(_ entry: YAMLMappingEntry) -> String {
        if case .string(let name) = entry.key, formatting.alwaysQuotedKeys.contains(name),
            case .string(let text) = entry.value
        {
            return quotedText(text)
        }
        return inlineText(entry.value)
    }

    /// Whether `value` is written over several lines in block context.
    public func isBlock(_ value: YAMLValue) -> Bool {
        switch value {
        case .sequence(let items, let style): return style != .flow && !items.isEmpty
        case .mapping(let entries, let style): return style != .flow && !entries.isEmpty
        case .string(let text): return literalBlock(text, indent: 0) != nil
        default: return false
        }
    }

    /// A string quoted with the file's quote character (double quotes when single quotes cannot hold it).
    public func quotedText(_ text: String) -> String {
        if formatting.quote == .single, let single = ScalarEmitter.singleQuotedIfPossible(text) { return single }
        return ScalarEmitter.doubleQuoted(text)
    }

    /// Text for a mapping key (always one line).
    func keyText(_ key: YAMLValue) -> String {
        inlineText(key)
    }

    /// Lines of a block collection's entries or items at column `indent` (each line starts with its indentation).
    func blockLines(_ value: YAMLValue, indent: Int, step: Int) -> [String] {
        switch value {
        case .mapping(let entries, _):
            return entries.flatMap { entryLines(key: $0.key, value: $0.value, indent: indent, step: step) }
        case .sequence(let items, _):
            return items.flatMap { itemLines($0, indent: indent, step: step) }
        default:
            return [String(repeating: " ", count: indent) + inlineText(value)]
        }
    }

    /// Lines for one `key: value` entry at column `indent`; nested content `step` spaces deeper.
    public func entryLines(key: YAMLValue, value: YAMLValue, indent: Int, step: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let head = pad + keyText(key) + ":"
        if case .string(let name) = key, formatting.alwaysQuotedKeys.contains(name), case .string(let text) = value,
            !text.contains("\n")
        {
            return [head + " " + quotedText(text)]
        }
        switch value {
        case .mapping where isBlock(value):
            return [head] + blockLines(value, indent: indent + step, step: step)
        case .sequence where isBlock(value):
            return [head] + blockLines(value, indent: indent + (formatting.indentsSequences ? step : 0), step: step)
        case .string(let text):
            if let block = literalBlock(text, indent: indent + step) {
                return [head + " " + block.header] + block.lines
            }
            return [head + " " + inlineText(value)]
        default:
            return [head + " " + inlineText(value)]
        }
    }

    /// Lines for one `- item` at dash column `indent`; a block collection item is written compactly
    /// (`- key: value` with further entries aligned under the first).
    public func itemLines(_ value: YAMLValue, indent: Int, step: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping where isBlock(value), .sequence where isBlock(value):
            var lines = blockLines(value, indent: indent + 2, step: step)
            lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
            return lines
        case .string(let text):
            if let block = literalBlock(text, indent: indent + 2) { return [pad + "- " + block.header] + block.lines }
            return [pad + "- " + inlineText(value)]
        default:
            return [pad + "- " + inlineText(value)]
        }
    }

    /// A literal block scalar for a multi-line string: its header (`|`, `|-`, `|+`) and content lines at `indent`;
    /// `nil` when the string is single-line or cannot be written literally (carriage returns, non-printable
    /// characters, a first line that starts with a space, nothing but line breaks).
    func literalBlock(_ text: String, indent: Int) -> (header: String, lines: [String])? {
        guard allowsBlockScalars, text.contains("\n") else { return nil }
        for scalar in text.unicodeScalars {
            if scalar == "\n" { continue }
            if scalar == "\t" { continue }
            if !ScalarEmitter.isPrintable(scalar) || ScalarEmitter.isLineBreak(scalar) || scalar == "\u{FEFF}" {
                return nil
            }
        }
        var body = Substring(text)
        var trailingBreaks = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingBreaks += 1
        }
        guard let first = body.first, first != " ", first != "\t" else { return nil }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let pad = String(repeating: " ", count: indent)
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
        if trailingBreaks > 1 { lines += Array(repeating: "", count: trailingBreaks - 1) }
        return ("|" + chomping, lines)
    }
}
