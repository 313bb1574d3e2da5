import ArgumentParser
import Foundation
import ModelSync
import ModelsDevCatalog

/// Writes results to stdout and everything else to stderr, in colour only where colour is welcome.
///
/// Colour needs a terminal and is off with `--no-color`, a non-empty `NO_COLOR`, or `TERM=dumb`, judged for each
/// stream separately. `--quiet` silences notes and progress; warnings and errors always show.
final class Console: Sendable {
    let quiet: Bool
    let verbose: Bool
    let json: Bool
    let colorsOutput: Bool
    let colorsErrors: Bool
    /// Whether stderr is a terminal, where a progress line may be redrawn.
    let errorsOnTerminal: Bool
    let environment: [String: String]

    init(_ options: OutputOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        quiet = options.quiet
        verbose = options.verbose
        json = options.json
        self.environment = environment
        errorsOnTerminal = isatty(STDERR_FILENO) == 1
        colorsOutput = Self.colorEnabled(
            isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment, noColorFlag: options.noColor)
        colorsErrors = Self.colorEnabled(
            isTerminal: errorsOnTerminal, environment: environment, noColorFlag: options.noColor)
    }

    /// Whether to colour a stream: a terminal, no `--no-color`, `NO_COLOR` unset or empty, `TERM` not `dumb`.
    static func colorEnabled(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The width tables fit, in terminal columns: `COLUMNS` when it is a positive number, else the terminal's width
    /// when stdout is a terminal, else `nil` (no limit: a pipe or file gets whole lines).
    var outputWidth: Int? {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    // MARK: Standard output

    /// Prints a result line (or block) on stdout.
    func result(_ text: String) {
        write(text + "\n", to: FileHandle.standardOutput)
    }

    /// Prints a JSON value, indented, on stdout.
    func result(_ value: JSONValue) {
        result(value.serialized(pretty: true))
    }

    // MARK: Standard error

    /// A note such as the catalog's provenance; silent with `--quiet`.
    func note(_ text: String) {
        guard !quiet else { return }
        write(text + "\n", to: FileHandle.standardError)
    }

    /// A detail shown only with `--verbose`.
    func detail(_ text: String) {
        guard verbose else { return }
        write(style("note: ", .dim, colored: colorsErrors) + text + "\n", to: FileHandle.standardError)
    }

    /// A warning, always shown: after `warning: `, unless it already reads like a compiler's
    /// (`path:line:column: warning: …`), which is printed as it is.
    func warning(_ text: String) {
        if text.contains(": warning: ") {
            write(text + "\n", to: FileHandle.standardError)
        } else {
            write(style("warning: ", .yellow, colored: colorsErrors) + text + "\n", to: FileHandle.standardError)
        }
    }

    /// An error, always shown.
    func error(_ text: String) {
        write(style("error: ", .red, colored: colorsErrors) + text + "\n", to: FileHandle.standardError)
    }

    /// A message that may already read like a compiler's (`path:line:column: error: …`): printed as it is then,
    /// else after `error: `.
    func diagnostic(_ text: String) {
        if text.contains(": error: ") || text.contains(": internal error: ") {
            write(text + "\n", to: FileHandle.standardError)
        } else {
            error(text)
        }
    }

    /// Prints the provenance of a loaded catalog and its warnings; the bundled snapshot's date shows even with
    /// `--quiet`.
    func report(_ loaded: LoadedCatalog) {
        report(loaded.provenance)
        if let file = loaded.provenance.cacheFile { detail("cache file \(file)") }
        for warning in loaded.warnings { self.warning(warning) }
    }

    /// Prints where the catalog came from, as a note; the bundled snapshot's date shows even with `--quiet`.
    func report(_ provenance: Provenance) {
        if provenance.origin == .bundled, quiet {
            write(provenance.summary + "\n", to: FileHandle.standardError)
        } else {
            note(provenance.summary)
        }
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

    /// Runs `body`, turning a thrown error into `error: <message>` on stderr and exit code 2; exit codes and
    /// usage errors pass through.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CatalogError {
            self.error(error.description)
            throw ExitCode(2)
        } catch let error as SyncError {
            self.diagnostic(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as AddError {
            self.diagnostic(error.description)
            throw ExitCode(2)
        } catch let error as CommandError {
            self.error(error.description)
            throw ExitCode(2)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            self.error("\(error)")
            throw ExitCode(2)
        }
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
