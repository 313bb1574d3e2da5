import Foundation

extension ModelPicker {
    /// Whether standard input and standard output are both terminals: the only case in which `add` prompts.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Runs the picker on the terminal and returns the chosen model ids (possibly none), or `nil` when cancelled.
    ///
    /// Prints the list, the help and the prompt on stdout and reads lines from stdin until done or cancelled.
    mutating func run(title: String, console: Console) -> [String]? {
        var note: String?
        while true {
            var screen = "\n" + title + "\n" + table(width: console.outputWidth) + "\n"
            if let note { screen += note + "\n" }
            screen += Self.help + "\n" + prompt
            FileHandle.standardOutput.write(Data(screen.utf8))
            switch handle(readLine(strippingNewline: true)) {
            case .show(let next):
                note = next
            case .done(let ids):
                return ids
            case .cancel:
                FileHandle.standardOutput.write(Data("\n".utf8))
                return nil
            }
        }
    }
}
