import Diagnostics

/// Everything that can go wrong while reading or editing YAML.
///
/// Every error describes itself as a ``Diagnostic`` (positioned at `path:line:column` with the source line where
/// the error is about a place in the file); ``DiagnosticRenderer`` shows it the way compilers print errors.
public enum YAMLError: Error, Hashable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    /// libyaml rejected the text (the message is libyaml's, with its context when it gives one).
    case syntax(Diagnostic)
    /// A mapping has the same key twice (libyaml itself accepts this silently).
    case duplicateKey(Diagnostic)
    /// The stream holds more than one document where exactly one is expected.
    case multipleDocuments(Diagnostic)
    /// A tab character is used for indentation.
    case tabIndentation(Diagnostic)
    /// Collections are nested deeper than ``YAMLLimits/maximumDepth``.
    case nestingTooDeep(Diagnostic)
    /// A mapping key is longer than ``YAMLLimits/maximumKeyLength`` Unicode scalars.
    case keyTooLong(Diagnostic)
    /// An alias names an anchor that no node before it in the document has.
    case undefinedAlias(Diagnostic)
    /// The input is larger than ``YAMLLimits/maximumInputBytes``; sizes in bytes.
    case inputTooLarge(path: String, size: Int, limit: Int)
    /// The input is not UTF-8 (UTF-16 and UTF-32 are refused).
    case unsupportedEncoding(path: String, encoding: String)
    /// An edit cannot be applied to this document as written (the message says why).
    case invalidEdit(path: String, message: String)
    /// Edited text did not read back as the intended data; the original bytes are kept.
    case verificationFailed(path: String, detail: String)

    /// `path:line:column: message` (see ``Diagnostic/description``).
    public var description: String { diagnostic.description }

    /// The error as a diagnostic: positioned for errors about a place in the file, else naming the file.
    public var diagnostic: Diagnostic {
        switch self {
        case .syntax(let diagnostic), .duplicateKey(let diagnostic), .multipleDocuments(let diagnostic),
            .tabIndentation(let diagnostic), .nestingTooDeep(let diagnostic), .keyTooLong(let diagnostic),
            .undefinedAlias(let diagnostic):
            return diagnostic
        case .inputTooLarge(let path, let size, let limit):
            return Diagnostic(path: path, message: "file is \(size) bytes, larger than the limit of \(limit) bytes")
        case .unsupportedEncoding(let path, let encoding):
            return Diagnostic(
                path: path,
                message: "file is \(encoding); only UTF-8 (with or without a byte-order mark) is supported")
        case .invalidEdit(let path, let message):
            return Diagnostic(path: path, message: "cannot edit: \(message)")
        case .verificationFailed(let path, let detail):
            return Diagnostic(
                .internalError, path: path,
                message: "edited text does not read back as intended (\(detail)); file not written")
        }
    }
}

/// Bounds on untrusted input.
///
/// Aliases are never expanded, so their count needs no bound.
public enum YAMLLimits {
    /// Deepest nesting of collections accepted (the root collection is depth 1).
    public static let maximumDepth = 256
    /// Longest mapping key accepted, in Unicode scalars.
    public static let maximumKeyLength = 1024
    /// Largest input accepted, in bytes (64 MiB).
    public static let maximumInputBytes = 64 * 1024 * 1024
}
