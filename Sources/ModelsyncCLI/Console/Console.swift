import ArgumentParser
import Diagnostics
import Foundation
import ModelsDevCatalog
import ModelsyncApp

/// Writes results to standard output and everything else to standard error, in colour only where colour is
/// welcome; the only place that renders diagnostics.
///
/// Colour needs a terminal and is off with `--no-color`, a non-empty `NO_COLOR`, or `TERM=dumb`, judged for each
/// stream separately. `--quiet` silences notes and progress; warnings and errors always show. Options named in
/// messages are spelled as flags (``OptionSpelling``).
final class Console: Sendable {
    let context: CommandContext
    let quiet: Bool
    let verbose: Bool
    let json: Bool
    let colorsOutput: Bool
    let colorsErrors: Bool

    init(_ options: OutputOptions, context: CommandContext = .current) {
        self.context = context
        quiet = options.quiet
        verbose = options.verbose
        json = options.json
        let environment = context.environment.variables
        colorsOutput = Self.colorEnabled(
            isTerminal: context.terminal.outputIsTerminal, environment: environment, noColorFlag: options.noColor)
        colorsErrors = Self.colorEnabled(
            isTerminal: context.terminal.errorsAreTerminal, environment: environment, noColorFlag: options.noColor)
    }

    /// The run environment commands resolve their configuration in.
    var environment: RunEnvironment { context.environment }

    /// Whether standard error is a terminal, where a progress line may be redrawn.
    var errorsOnTerminal: Bool { context.terminal.errorsAreTerminal }

    /// Whether standard input and standard output are both terminals: the only case in which a command prompts.
    var isInteractive: Bool { context.terminal.inputIsTerminal && context.terminal.outputIsTerminal }

    /// Whether to colour a stream: a terminal, no `--no-color`, `NO_COLOR` unset or empty, `TERM` not `dumb`.
    static func colorEnabled(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The width tables fit, in terminal columns: `COLUMNS` when it is a positive number, else the terminal's width
    /// when standard output is a terminal, else `nil` (no limit: a pipe or file gets whole lines).
    var outputWidth: Int? {
        if let columns = context.environment.variables["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return context.terminal.outputIsTerminal ? context.terminal.outputWidth : nil
    }

    // MARK: Standard output

    /// Prints a result line (or block) on standard output.
    func result(_ text: String) {
        context.output.write(text + "\n")
    }

    /// Prints UTF-8 text that `pieces` gives piece by piece, and a line break, on standard output.
    func result(pieces: (([UInt8]) -> Void) -> Void) {
        pieces { context.output.write($0) }
        context.output.write([UInt8(ascii: "\n")])
    }

    /// Prints a JSON value, indented, on standard output.
    func result(_ value: JSONValue) {
        result(value.serialized(pretty: true))
    }

    /// Writes `text` on standard output as it is, without a line break (a prompt).
    func prompt(_ text: String) {
        context.output.write(text)
    }

    // MARK: Standard error

    /// A note such as the catalog's provenance; silent with `--quiet`.
    func note(_ text: String) {
        guard !quiet else { return }
        context.errors.write(text + "\n")
    }

    /// A detail shown only with `--verbose`.
    func detail(_ text: String) {
        guard verbose else { return }
        context.errors.write(style("note: ", .dim, colored: colorsErrors) + text + "\n")
    }

    /// A warning, always shown.
    func warning(_ text: String) {
        show(Diagnostic(.warning, message: DiagnosticText(text)))
    }

    /// Renders a diagnostic on standard error, always.
    func show(_ diagnostic: Diagnostic) {
        context.errors.write(renderer(colored: colorsErrors).render(diagnostic) + "\n")
    }

    /// The renderer of diagnostics and option names for this command line, coloured or not.
    func renderer(colored: Bool) -> DiagnosticRenderer {
        DiagnosticRenderer(colored: colored, spellOption: OptionSpelling.spell)
    }

    /// Prints where a loaded catalog came from, and its warnings.
    func report(_ loaded: LoadedCatalog) {
        report(loaded.provenance)
        if let file = loaded.provenance.cacheFile { detail("cache file \(file)") }
        for warning in loaded.warnings { self.warning(warning) }
    }

    /// Prints where the catalog came from, as a note (silent with `--quiet`, the bundled snapshot's date too).
    func report(_ provenance: Provenance) {
        note(renderer(colored: false).render(provenance.summary))
    }

    // MARK: Styling

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    /// `text` wrapped in the ANSI escape for `style` when `colored`.
    func style(_ text: String, _ style: Style, colored: Bool) -> String {
        colored ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    // MARK: Failures

    /// Runs the work of `command`, turning a ``RunFailure`` into its diagnostics and its exit status.
    ///
    /// The diagnostics go to standard error; a failure about how the command was written also shows the command's
    /// usage, as the argument parser does. Exit codes pass through.
    func run(_ command: ParsableCommand.Type, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as RunFailure {
            if failure.showsUsage {
                showUsage(failure, of: command)
            } else {
                for diagnostic in failure.diagnostics { show(diagnostic) }
            }
            throw ExitCode(failure.status.rawValue)
        }
    }

    /// `Error: message.`, the command's usage and where its help is, as the argument parser prints usage errors.
    private func showUsage(_ failure: RunFailure, of command: ParsableCommand.Type) {
        let renderer = renderer(colored: false)
        let path = ([Modelsync.configuration.commandName ?? "modelsync"] + Self.names(of: command)).joined(
            separator: " ")
        var text = ""
        for diagnostic in failure.diagnostics {
            var message = renderer.render(diagnostic.message)
            if !message.hasSuffix(".") { message += "." }
            text += "Error: \(message)\n"
        }
        text += "Usage: \(Modelsync.usageString(for: command))\n"
        text += "  See '\(path) --help' for more information.\n"
        context.errors.write(text)
    }

    /// The names of `command` and its parents below the root, outermost first.
    private static func names(of command: ParsableCommand.Type) -> [String] {
        var names: [String] = []
        var current: ParsableCommand.Type? = command
        while let type = current, type != Modelsync.self {
            names.insert(type.configuration.commandName ?? "", at: 0)
            current = parents[ObjectIdentifier(type)]
        }
        return names
    }

    /// Each subcommand's parent command.
    private static let parents: [ObjectIdentifier: ParsableCommand.Type] = {
        var parents: [ObjectIdentifier: ParsableCommand.Type] = [:]
        func visit(_ command: ParsableCommand.Type) {
            for child in command.configuration.subcommands {
                parents[ObjectIdentifier(child)] = command
                visit(child)
            }
        }
        visit(Modelsync.self)
        return parents
    }()
}
