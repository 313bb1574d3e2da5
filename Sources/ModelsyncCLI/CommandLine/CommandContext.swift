import Foundation
import ModelsyncApp

/// Everything a command takes from outside its arguments: the run environment (working directory, variables,
/// standard input, clock), its two output streams, a line reader for prompts, and which streams are terminals.
///
/// Commands read it from ``current``: the real process's by default; tests run commands in-process with their own
/// (``CommandLineEntry/run(_:context:)``).
struct CommandContext: Sendable {
    var environment: RunEnvironment
    var output: any OutputStream
    var errors: any OutputStream
    /// Reads one line of standard input without its line break; `nil` at the end of input.
    var readLine: @Sendable () -> String?
    var terminal: TerminalDescription
    /// The width help and usage messages wrap at; `nil` lets the argument parser ask the terminal.
    var helpWidth: Int?
    /// The HTTP server `serve` runs, when this process carries one (`modelsync-serve`); `nil` in `modelsync`,
    /// whose `serve` runs `modelsync-serve` instead (docs/service.md#one-binary-for-the-command-line-one-for-the-server).
    var server: ModelsyncEntry.Server?

    /// The running process's.
    static func process(server: ModelsyncEntry.Server? = nil) -> CommandContext {
        CommandContext(
            environment: .process(), output: FileDescriptorStream(descriptor: STDOUT_FILENO),
            errors: FileDescriptorStream(descriptor: STDERR_FILENO),
            readLine: { Swift.readLine(strippingNewline: true) },
            terminal: .process(), helpWidth: nil, server: server)
    }

    /// The context of the command running now.
    @TaskLocal static var current = CommandContext.process()
}
