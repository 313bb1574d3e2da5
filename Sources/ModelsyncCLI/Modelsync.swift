import ArgumentParser
import Foundation
import ModelsDevCatalog
import ModelsyncApp

/// The `modelsync` command: lists its subcommands, and runs the command line through ``CommandLineEntry``.
struct Modelsync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modelsync",
        abstract: "Keep per-provider YAML model configs in sync with the models.dev catalog.",
        discussion: """
            Exit codes: 0 success or in sync; 1 check found a file that is not current; 2 an error (such as no \
            catalog: no network and no cache; files that could be synced still are); 64 bad usage; 75 another sync \
            holds the lock on the models directory.
            Results go to standard output; warnings, progress and where the catalog came from to standard error.
            """,
        version: ModelsyncVersion.current,
        subcommands: [
            SyncCommand.self, CheckCommand.self, InitCommand.self, ProvidersCommand.self, ListCommand.self,
            SearchCommand.self, InfoCommand.self, CompareCommand.self, AddCommand.self, CacheCommand.self,
            HistoryCommand.self, ChangesCommand.self, ServeCommand.self,
        ]
    )

}

/// The entry point of the two executables: `modelsync`, and `modelsync-serve`, which carries the HTTP server.
public enum ModelsyncEntry {
    /// Serves `loaded` with `configuration` on `host`:`port` until a shutdown signal; `onListening` receives the
    /// bound port.
    public typealias Server =
        @Sendable (
            _ configuration: RunConfiguration, _ loaded: LoadedCatalog, _ host: String, _ port: Int,
            _ onListening: @escaping @Sendable (Int) async -> Void
        ) async throws -> Void

    /// Runs the process's command line and exits with its status; `server` is the HTTP server `serve` runs, `nil`
    /// for the `modelsync` binary, whose `serve` runs `modelsync-serve`.
    public static func main(server: Server? = nil) async -> Never {
        Foundation.exit(
            await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst()), context: .process(server: server)))
    }
}
