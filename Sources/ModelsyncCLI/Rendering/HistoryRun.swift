import ModelsyncApp

/// The configuration of a command that reads or maintains the catalog history (`history`, `changes`): resolved for
/// a run that writes no provider file, its warnings (a missing home directory, say) shown on the console.
struct HistoryRun {
    let console: Console

    func configuration(_ directories: DirectoryOptions, _ catalog: CatalogOptions) throws(RunFailure)
        -> RunConfiguration
    {
        let configuration = try RunConfiguration.resolve(
            RunOptions(directories, catalog), writes: false, in: console.environment)
        for warning in configuration.warnings { console.show(warning) }
        return configuration
    }
}
