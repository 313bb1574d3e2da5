import ArgumentParser
import Diagnostics

/// Runs the `modelsync` command line: parses the arguments, runs the command, and turns whatever ends it into an
/// exit status and text, as the argument parser's own `main` does, but into the context's streams.
///
/// The binary's `main` and the in-process tests go through this one function, so both see the same output.
enum CommandLineEntry {
    /// Runs `arguments` (without the program name) in `context`; returns the exit status.
    static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        if let unknown = unknownCommand(arguments) {
            context.errors.write(unknown)
            return ExitCode.validationFailure.rawValue
        }
        return await CommandContext.$current.withValue(context) {
            do {
                var command = try Modelsync.parseAsRoot(arguments)
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch {
                let code = Modelsync.exitCode(for: error)
                let text = Modelsync.fullMessage(for: error, columns: context.helpWidth)
                if !text.isEmpty {
                    let stream = code == .success ? context.output : context.errors
                    stream.write(text + "\n")
                }
                return code.rawValue
            }
        }
    }

    /// The usage error for a first argument that names no command (`snyc`), with the closest command names; `nil`
    /// when the first argument is a command or an option.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        var names = ["help"]
        for command in Modelsync.configuration.subcommands {
            if let name = command.configuration.commandName { names.append(name) }
        }
        guard !names.contains(first) else { return nil }
        let suggestions = IDSuggestions.closest(to: first, among: names, limit: 3)
        let hint = suggestions.isEmpty ? "." : DidYouMean.phrase(suggestions, parenthesized: false)
        return "Error: unknown command '\(first)'\(hint)\n"
            + "Usage: modelsync <subcommand>\n"
            + "  See 'modelsync --help' for more information.\n"
    }
}
