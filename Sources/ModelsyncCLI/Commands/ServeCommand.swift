import ArgumentParser
import Diagnostics
import Foundation
import ModelsyncApp

/// `modelsync serve`: the catalog over HTTP, as JSON (docs/service.md).
///
/// The HTTP server lives in the `modelsync-serve` binary, so that every other command starts without loading it;
/// in `modelsync`, this command runs that binary, found beside its own, with the same arguments.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the catalog over HTTP as a JSON API (docs/service.md).",
        discussion: """
            Listens on 127.0.0.1 (this machine only) unless --host says otherwise, and prints the address it \
            listens on. SIGTERM or SIGINT stops it: it takes no new connection and lets the requests in flight \
            finish. The catalog is loaded as for list (the cache, --source, --offline …). The server is the \
            modelsync-serve binary installed beside modelsync.
            """
    )

    @Option(help: ArgumentHelp("The address to listen on; 0.0.0.0 for every interface.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The TCP port; 0 for any free one (printed).", valueName: "port"))
    var port = 8080

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            guard let server = CommandContext.current.server else {
                throw ServeBinary.execute(arguments: Array(CommandLine.arguments.dropFirst()))
            }
            let (configuration, loaded) = try await CatalogRead(console: console).load(RunOptions(directories, catalog))
            do {
                try await server(configuration, loaded, host, port) { [host] port in
                    console.note("listening on http://\(host):\(port)")
                }
            } catch let failure as RunFailure {
                throw failure
            } catch {
                throw RunFailure(Diagnostic(message: "the server stopped: \(error)"))
            }
        }
    }
}

/// `modelsync-serve`, beside the running `modelsync`.
enum ServeBinary {
    /// Replaces this process with `modelsync-serve` and `arguments`; returns only the failure when it cannot.
    static func execute(arguments: [String]) -> RunFailure {
        let directory = (executablePath() as NSString).deletingLastPathComponent
        let path = (directory as NSString).appendingPathComponent("modelsync-serve")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return RunFailure(
                Diagnostic(
                    path: path,
                    message: "no modelsync-serve beside this modelsync: serving needs it (scripts/install.sh installs "
                        + "both, and swift build builds both)"))
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        return RunFailure(Diagnostic(path: path, message: "cannot run modelsync-serve: \(reason)"))
    }

    /// The running executable's own path, symbolic links resolved.
    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
