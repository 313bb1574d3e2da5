import ArgumentParser
import ModelsDevCatalog

/// The `modelsync` command: lists its subcommands, nothing more.
@main
struct Modelsync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modelsync",
        abstract: "Keep per-provider YAML model configs in sync with the models.dev catalog.",
        discussion: """
            Exit codes: 0 success, 2 an error (such as no catalog: no network and no cache), 64 bad usage.
            Results go to standard output; warnings, progress and where the catalog came from to standard error.
            """,
        version: ModelsyncVersion.current,
        subcommands: [ProvidersCommand.self, CacheCommand.self]
    )
}
