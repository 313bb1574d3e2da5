import ModelsyncApp

extension RunOptions {
    /// The options a command's flags write.
    init(
        _ directories: DirectoryOptions, _ catalog: CatalogOptions, sync: SyncOptions? = nil,
        lock: LockOptions? = nil, dryRun: Bool = false
    ) {
        self.init()
        directories.apply(to: &self)
        catalog.apply(to: &self)
        sync?.apply(to: &self)
        lock?.apply(to: &self)
        self.dryRun = dryRun
    }
}
