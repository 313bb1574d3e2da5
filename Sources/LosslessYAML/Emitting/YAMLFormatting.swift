/// The writing conventions of a file, which new text copies.
public struct YAMLFormatting: Hashable, Sendable {
    /// Spaces per nesting level of block mappings.
    public var indentation: Int
    /// Whether a block sequence under a mapping key is indented (`key:\n  - a`) rather than indentless
    /// (`key:\n- a`).
    public var indentsSequences: Bool
    /// The quote character for strings that need quoting: the one the file uses most, single on a tie.
    public var quote: ScalarEmitter.Quote
    /// `"\n"` or `"\r\n"`, from the file's first line break.
    public var lineBreak: String
    /// Whether the file ends with a line break.
    public var endsWithLineBreak: Bool
    /// Whether most of the file's sequences are flow (`[a, b]`); `nil` when it has none.
    public var prefersFlowSequences: Bool?
    /// Mapping keys whose string values are always written quoted, even where plain would read back the same
    /// (dates such as `2024-10`, which a reader might take for something else).
    public var alwaysQuotedKeys: Set<String> = []
    /// Whether a non-empty flow mapping is written with a space inside its braces (`{ a: 1 }` rather than
    /// `{a: 1}`).
    ///
    /// Not detected from the document: a caller that edits a file written that way sets it (the settings file's
    /// `providers` entries, `gemini: { upstream: google }`).
    public var padsFlowMappings = false

    public init(
        indentation: Int = 2, indentsSequences: Bool = true, quote: ScalarEmitter.Quote = .single,
        lineBreak: String = "\n", endsWithLineBreak: Bool = true, prefersFlowSequences: Bool? = nil
    ) {
        self.indentation = indentation
        self.indentsSequences = indentsSequences
        self.quote = quote
        self.lineBreak = lineBreak
        self.endsWithLineBreak = endsWithLineBreak
        self.prefersFlowSequences = prefersFlowSequences
    }

    /// The layout of new files: 2-space indentation, indented sequences, single quotes, LF, final newline.
    public static let standard = YAMLFormatting()
}

extension YAMLFormatting {
    /// Reads the conventions of `document`; each one falls back to ``standard`` when the file has no example.
    public init(detectedIn document: YAMLDocument) {
        self = .standard
        let bytes = document.bytes
        if let firstBreak = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            lineBreak =
                bytes[firstBreak] == 0x0D && firstBreak + 1 < bytes.count && bytes[firstBreak + 1] == 0x0A
                ? "\r\n" : "\n"
        }
        if let last = bytes.last { endsWithLineBreak = last == 0x0A || last == 0x0D }

        var steps: [Int: Int] = [:]
        var sequenceSteps: [Int: Int] = [:]
        var indentless = 0
        var indented = 0
        var singleQuoted = 0
        var doubleQuoted = 0
        var flowSequences = 0
        var blockSequences = 0
        let text = TextLayout(bytes: bytes)
        for index in document.nodes.indices {
            let record = document.nodes[index]
            switch record.kind {
            case .scalar:
                if record.style == YAMLScalarStyle.singleQuoted.rawValue { singleQuoted += 1 }
                if record.style == YAMLScalarStyle.doubleQuoted.rawValue { doubleQuoted += 1 }
            case .sequence, .mapping:
                if record.kind == .sequence {
                    if record.isFlowCollection { flowSequences += 1 } else { blockSequences += 1 }
                }
                guard record.isBlockCollection, record.childCount > 0, record.parent >= 0 else { continue }
                let parent = document.nodes[Int(record.parent)]
                guard parent.kind == .mapping, parent.isBlockCollection, parent.childCount > 0 else { continue }
                let parentColumn = text.column(
                    of: Int(document.nodes[Int(document.children[Int(parent.payload)])].start))
                let firstChild = document.children[Int(record.payload)]
                let childStart = Int(document.nodes[Int(firstChild)].start)
                if record.kind == .mapping {
                    guard text.isFirstOnLine(childStart) else { continue }
                    let step = text.column(of: childStart) - parentColumn
                    if step > 0 { steps[step, default: 0] += 1 }
                } else if let dash = text.dashOffset(beforeItemAt: childStart) {
                    let step = text.column(of: dash) - parentColumn
                    if step == 0 {
                        indentless += 1
                    } else if step > 0 {
                        indented += 1
                        sequenceSteps[step, default: 0] += 1
                    }
                }
            case .alias:
                continue
            }
        }
        if let step = Self.mostCommon(steps) ?? Self.mostCommon(sequenceSteps) { indentation = step }
        indentsSequences = indentless <= indented
        quote = doubleQuoted > singleQuoted ? .double : .single
        if flowSequences + blockSequences > 0 { prefersFlowSequences = flowSequences > blockSequences }
    }

    private static func mostCommon(_ counts: [Int: Int]) -> Int? {
        counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
