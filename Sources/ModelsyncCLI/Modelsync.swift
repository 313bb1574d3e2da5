import ArgumentParser
import Foundation
import ModelsDevCatalog

/// The `modelsync` command: lists its subcommands, and runs the command line through ``CommandLineEntry``.
@main
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
            HistoryCommand.self, ChangesCommand.self,
        ]
    )

    static func main() async {
        Foundation.exit(await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst()), context: .process()))
    }
}
