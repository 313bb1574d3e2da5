import ArgumentParser

/// How results and messages are shown: `--json`, `--quiet`, `--verbose`, `--no-color`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print no progress or provenance on standard error; warnings and errors still.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print retries, redirects and cache files on standard error.")
    var verbose = false

    @Flag(help: "Never colour output (also off when NO_COLOR is set, TERM=dumb, or not on a terminal).")
    var noColor = false

    func validate() throws {
        guard !(quiet && verbose) else { throw ValidationError("--quiet and --verbose cannot be combined.") }
    }
}
