internal import CLibYAML

/// Owns one libyaml parser handle over a byte buffer and frees it in `deinit`.
///
/// The buffer must outlive the parser; ``YAMLDocument`` guarantees this by parsing inside
/// `withUnsafeBufferPointer`. Not thread-safe; one parse per instance.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The current event, always valid to delete: zeroed at first, then the last event libyaml produced.
    private let event: UnsafeMutablePointer<yaml_event_t>

    init(buffer: UnsafeBufferPointer<UInt8>) {
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(parser, base, buffer.count)
        } else {
            var empty: UInt8 = 0
            withUnsafePointer(to: &empty) { yaml_parser_set_input_string(parser, $0, 0) }
        }
    }

    deinit {
        yaml_event_delete(event)
        event.deallocate()
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Parses the next event into ``current``, freeing the previous one; returns `false` on a syntax error (see
    /// ``failure``).
    func next() -> Bool {
        yaml_event_delete(event)
        return yaml_parser_parse(parser, event) == 1
    }

    /// The event produced by the last successful ``next()``; valid until the next call.
    var current: UnsafePointer<yaml_event_t> { UnsafePointer(event) }

    /// libyaml's description of the last error: problem, its character index and line/column (0-based), and context.
    var failure: (problem: String, index: Int, line: Int, column: Int, context: String?, contextLine: Int) {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.pointee.context.map { String(cString: $0) }
        let mark = parser.pointee.problem_mark
        return (
            problem, Int(mark.index), Int(mark.line), Int(mark.column), context,
            Int(parser.pointee.context_mark.line)
        )
    }
}

extension yaml_event_type_t {
    static let streamStart = YAML_STREAM_START_EVENT
    static let documentStart = YAML_DOCUMENT_START_EVENT
    static let documentEnd = YAML_DOCUMENT_END_EVENT
    static let alias = YAML_ALIAS_EVENT
    static let scalar = YAML_SCALAR_EVENT
    static let sequenceStart = YAML_SEQUENCE_START_EVENT
    static let sequenceEnd = YAML_SEQUENCE_END_EVENT
    static let mappingStart = YAML_MAPPING_START_EVENT
    static let mappingEnd = YAML_MAPPING_END_EVENT
    static let streamEnd = YAML_STREAM_END_EVENT
}
