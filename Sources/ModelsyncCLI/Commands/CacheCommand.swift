import ArgumentParser

/// `modelsync cache`: inspect and manage the catalog cache.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and manage the catalog cache.",
        discussion: """
            The cache lives in MODELSYNC_CACHE_DIR, else $XDG_CACHE_HOME/modelsync, else ~/.cache/modelsync: \
            one body and one metadata file per source URL.
            """,
        subcommands: [CacheStatusCommand.self, CacheRefreshCommand.self, CacheClearCommand.self, CachePathCommand.self]
    )
}
