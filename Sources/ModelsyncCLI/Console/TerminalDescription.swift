import Foundation

/// Which of a command's streams are terminals, and how wide the output terminal is.
struct TerminalDescription: Sendable {
    /// Whether standard output is a terminal.
    var outputIsTerminal: Bool
    /// Whether standard error is a terminal (a progress line may be redrawn there).
    var errorsAreTerminal: Bool
    /// Whether standard input is a terminal (the picker may ask there).
    var inputIsTerminal: Bool
    /// The output terminal's width in columns, when it is a terminal that reports one.
    var outputWidth: Int?

    /// No terminal at all: a command run by a script, with pipes or files for its streams.
    static let none = TerminalDescription(
        outputIsTerminal: false, errorsAreTerminal: false, inputIsTerminal: false, outputWidth: nil)

    /// The running process's streams.
    static func process() -> TerminalDescription {
        let output = isatty(STDOUT_FILENO) == 1
        var width: Int?
        if output {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
        }
        return TerminalDescription(
            outputIsTerminal: output, errorsAreTerminal: isatty(STDERR_FILENO) == 1,
            inputIsTerminal: isatty(STDIN_FILENO) == 1, outputWidth: width)
    }
}
