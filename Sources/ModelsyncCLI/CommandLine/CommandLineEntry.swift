import ArgumentParser

/// Runs the `modelsync` command line: parses the arguments, runs the command, and turns whatever ends it into an
/// exit status and text, as the argument parser's own `main` does, but into the context's streams.
///
/// The binary's `main` and the in-process tests go through this one function, so both see the same output.
enum CommandLineEntry {
    /// Runs `arguments` (without the program name) in `context`; returns the exit status.
    static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        await CommandContext.$current.withValue(context) {
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
}
