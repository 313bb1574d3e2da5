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
        String(decoding: fileBytes(for: value), as: UTF8.self)
    }

    /// ``fileText(for:)`` as UTF-8 bytes, written straight into one buffer (a whole provider file is megabytes).
    public func fileBytes(for value: YAMLValue) -> [UInt8] {
        var output: [UInt8] = []
        if isBlock(value) {
            output.reserveCapacity(1 << 16)
            writeBlock(value, indent: 0, step: formatting.indentation, into: &output)
        } else {
            writeInline(value, into: &output)
            output.append(contentsOf: formatting.lineBreak.utf8)
        }
        if !formatting.endsWithLineBreak, !output.isEmpty {
            output.removeLast(min(output.count, formatting.lineBreak.utf8.count))
        }
        return output
    }

    /// Single-line text for a value: a scalar, or a flow collection.
    public func inlineText(_ value: YAMLValue) -> String {
        var output: [UInt8] = []
        writeInline(value, into: &output)
        return String(decoding: output, as: UTF8.self)
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
        case .string(let text): return text.utf8.contains(0x0A) && literalBlock(text, indent: 0) != nil
        default: return false
        }
    }

    /// A string quoted with the file's quote character (double quotes when single quotes cannot hold it).
    public func quotedText(_ text: String) -> String {
        var output: [UInt8] = []
        ScalarEmitter.writeQuoted(text, quote: formatting.quote, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Text for a mapping key (always one line).
    func keyText(_ key: YAMLValue) -> String {
        inlineText(key)
    }

    /// Lines of a block collection's entries or items at column `indent` (each line starts with its indentation).
    func blockLines(_ value: YAMLValue, indent: Int, step: Int) -> [String] {
        var output: [UInt8] = []
        writeBlock(value, indent: indent, step: step, into: &output)
        return lines(of: output)
    }

    /// Lines for one `key: value` entry at column `indent`; nested content `step` spaces deeper.
    public func entryLines(key: YAMLValue, value: YAMLValue, indent: Int, step: Int) -> [String] {
        var output: [UInt8] = []
        writeEntry(key: key, value: value, indent: indent, step: step, into: &output)
        return lines(of: output)
    }

    /// Lines for one `- item` at dash column `indent`; a block collection item is written compactly
    /// (`- key: value` with further entries aligned under the first).
    public func itemLines(_ value: YAMLValue, indent: Int, step: Int) -> [String] {
        var output: [UInt8] = []
        writeItem(value, indent: indent, step: step, into: &output)
        return lines(of: output)
    }

    private func lines(of output: [UInt8]) -> [String] {
        var lines = String(decoding: output, as: UTF8.self).components(separatedByLineBreak: formatting.lineBreak)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    // MARK: - Writing block text

    /// Appends a block collection's entries or items at column `indent`, each line ended by the line break; the
    /// first line is indented by `firstIndent` spaces instead when given (after a `- ` already written).
    func writeBlock(_ value: YAMLValue, indent: Int, step: Int, firstIndent: Int? = nil, into output: inout [UInt8]) {
        switch value {
        case .mapping(let entries, _):
            for (index, entry) in entries.enumerated() {
                writeEntry(
                    key: entry.key, value: entry.value, indent: indent, step: step,
                    firstIndent: index == 0 ? firstIndent : nil, into: &output)
            }
        case .sequence(let items, _):
            for (index, item) in items.enumerated() {
                writeItem(item, indent: indent, step: step, firstIndent: index == 0 ? firstIndent : nil, into: &output)
            }
        default:
            appendSpaces(firstIndent ?? indent, to: &output)
            writeInline(value, into: &output)
            output += formatting.lineBreak
        }
    }

    /// Appends one `key: value` entry at column `indent`.
    func writeEntry(
        key: YAMLValue, value: YAMLValue, indent: Int, step: Int, firstIndent: Int? = nil, into output: inout [UInt8]
    ) {
        appendSpaces(firstIndent ?? indent, to: &output)
        writeInline(key, into: &output)
        output += ":"
        if case .string(let text) = value, case .string(let name) = key, formatting.alwaysQuotedKeys.contains(name),
            !text.utf8.contains(0x0A)
        {
            output += " "
            ScalarEmitter.writeQuoted(text, quote: formatting.quote, into: &output)
            output += formatting.lineBreak
            return
        }
        switch value {
        case .mapping where isBlock(value):
            output += formatting.lineBreak
            writeBlock(value, indent: indent + step, step: step, into: &output)
        case .sequence where isBlock(value):
            output += formatting.lineBreak
            writeBlock(value, indent: indent + (formatting.indentsSequences ? step : 0), step: step, into: &output)
        default:
            output += " "
            writeScalarLines(value, blockIndent: indent + step, into: &output)
        }
    }

    /// Appends one `- item` at dash column `indent`.
    func writeItem(_ value: YAMLValue, indent: Int, step: Int, firstIndent: Int? = nil, into output: inout [UInt8]) {
        appendSpaces(firstIndent ?? indent, to: &output)
        output += "- "
        switch value {
        case .mapping where isBlock(value), .sequence where isBlock(value):
            writeBlock(value, indent: indent + 2, step: step, firstIndent: 0, into: &output)
        default:
            writeScalarLines(value, blockIndent: indent + 2, into: &output)
        }
    }

    /// Appends a value written after `key: ` or `- `: a literal block scalar (header, then its lines at column
    /// `blockIndent`) for a multi-line string that allows one, else its single-line text; each line ends with the
    /// line break.
    private func writeScalarLines(_ value: YAMLValue, blockIndent: Int, into output: inout [UInt8]) {
        if case .string(let text) = value, let block = literalBlock(text, indent: blockIndent) {
            output += block.header
            output += formatting.lineBreak
            for line in block.lines {
                output += line
                output += formatting.lineBreak
            }
        } else {
            writeInline(value, into: &output)
            output += formatting.lineBreak
        }
    }

    private func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(0x20, count: count))
    }

    /// Appends the single-line text of a value (``inlineText(_:)``) without building the text of its parts first.
    func writeInline(_ value: YAMLValue, into output: inout [UInt8]) {
        switch value {
        case .sequence(let items, _):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                writeInline(item, into: &output)
            }
            output += "]"
        case .mapping(let entries, _):
            let padded = formatting.padsFlowMappings && !entries.isEmpty
            output += padded ? "{ " : "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += ", " }
                writeInline(entry.key, into: &output)
                output += ": "
                if case .string(let name) = entry.key, formatting.alwaysQuotedKeys.contains(name),
                    case .string(let text) = entry.value
                {
                    ScalarEmitter.writeQuoted(text, quote: formatting.quote, into: &output)
                } else {
                    writeInline(entry.value, into: &output)
                }
            }
            output += padded ? " }" : "}"
        case .string(let text):
            ScalarEmitter.writeString(text, quote: formatting.quote, into: &output)
        default:
            output += ScalarEmitter.inlineText(for: value, quote: formatting.quote) ?? ""
        }
    }

    /// A literal block scalar for a multi-line string: its header (`|`, `|-`, `|+`) and content lines at `indent`;
    /// `nil` when the string is single-line or cannot be written literally (carriage returns, non-printable
    /// characters, a first line that starts with a space, nothing but line breaks).
    func literalBlock(_ text: String, indent: Int) -> (header: String, lines: [String])? {
        guard allowsBlockScalars, text.utf8.contains(0x0A) else { return nil }
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

/// Appends `text` as UTF-8: the renderer writes bytes, and most of what it writes is literal text.
private func += (output: inout [UInt8], text: String) {
    output.append(contentsOf: text.utf8)
}

extension String {
    /// The text split at every `lineBreak` (`\n`, or `\r\n`, which is one `Character`).
    func components(separatedByLineBreak lineBreak: String) -> [String] {
        guard let separator = lineBreak.first else { return [self] }
        return split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
