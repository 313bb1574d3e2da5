import Diagnostics

/// How the command line spells an option that a message names symbolically: `--source FILE`.
enum OptionSpelling {
    /// `--<name>`, then the value placeholder when the message shows one.
    @Sendable static func spell(_ option: OptionReference, value: String?) -> String {
        "--" + option.rawValue + (value.map { " " + $0 } ?? "")
    }
}
