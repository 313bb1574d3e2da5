/// A command-line option or setting named symbolically inside a message, such as the catalog source.
///
/// Libraries name options by these references and never spell a flag: the program that shows the message decides
/// how (the command line writes `--source FILE`, a service may name a query parameter or a setting). The raw value
/// is the option's long name without dashes, such as `allow-shrink`.
public struct OptionReference: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
