import Foundation

extension ModelPicker {
    /// Runs the picker on the console's terminal and returns the chosen model ids (possibly none), or `nil` when
    /// cancelled.
    ///
    /// Prints the list, the help and the prompt on standard output and reads lines from standard input until done
    /// or cancelled.
    mutating func run(title: String, console: Console) -> [String]? {
        var note: String?
        while true {
            var screen = "\n" + title + "\n" + table(width: console.outputWidth) + "\n"
            if let note { screen += note + "\n" }
            screen += Self.help + "\n" + prompt
            console.prompt(screen)
            switch handle(console.context.readLine()) {
            case .show(let next):
                note = next
            case .done(let ids):
                return ids
            case .cancel:
                console.prompt("\n")
                return nil
            }
        }
    }
}
