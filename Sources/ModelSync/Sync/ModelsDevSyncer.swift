import Foundation
import LosslessYAML
import ModelsDevCatalog
import SafeFiles

/// What one `sync` or `check` run should do, as flags, settings and environment say it.
///
/// Precedence for every setting: the flag (a non-`nil` field here), then the settings file, then the default.
public struct SyncRequest: Sendable {
    /// `sync` writes files; `check` only tells whether they are current.
    public enum Mode: Sendable, Equatable {
        case sync
        case check
    }

    public var mode: Mode
    /// `sync --dry-run`: do everything but write (no lock, nothing recorded).
    public var dryRun = false
    /// `--config-dir`, the directory of `modelsync.yml` and `models/` (default `config`).
    public var configDirectory = "config"
    /// `--settings`, the settings file (default `<config dir>/modelsync.yml`).
    public var settingsPath: String?
    /// `--models-dir` (default: settings `models_dir`, else `<config dir>/models`).
    public var modelsDirectory: String?
    /// `--source` (then `MODELSYNC_SOURCE`, settings `source`, `https://models.dev/api.json`).
    public var source: String?
    /// The process environment, for `MODELSYNC_SOURCE`.
    public var environment: [String: String] = [:]
    /// `--max-age` in minutes (then settings `cache_ttl_minutes`, then 60).
    public var maxAgeMinutes: Int?
    public var offline = false
    public var refresh = false
    public var requireFresh = false
    /// `--timeout` in seconds (default 30).
    public var timeoutSeconds: Double = 30
    /// `--provider`, repeatable.
    public var providers: [String] = []
    /// `--all`.
    public var all = false
    /// `--prune`.
    public var prune = false
    /// `--allow-shrink`.
    public var allowShrink = false
    /// `--wait`, seconds to wait for another sync's lock.
    public var lockWaitSeconds: Double = 0

    public init(mode: Mode) {
        self.mode = mode
    }

    /// Whether this run writes files (and so takes the lock and records the accepted catalog).
    public var writes: Bool { mode == .sync && !dryRun }
}

/// The old and new content of a file a run changes (or would change), for `--diff`.
///
/// Kept as bytes: only `--diff` reads the text, and decoding every file of a run as a `String` would cost each run.
public struct FileChange: Sendable {
    public var path: String
    /// The file's bytes before the run (empty for a new file).
    public var oldBytes: [UInt8]
    /// The file's bytes after the run.
    public var newBytes: [UInt8]

    public var oldText: String { String(decoding: oldBytes, as: UTF8.self) }
    public var newText: String { String(decoding: newBytes, as: UTF8.self) }
}

/// What a `sync` or `check` run did.
public struct SyncOutcome: Sendable {
    public var mode: SyncRequest.Mode
    public var provenance: Provenance
    public var reports: [ProviderReport]
    /// Files that change, in report order.
    public var changes: [FileChange]
    /// Lines for stderr (catalog fallbacks, settings warnings, stale temporary files removed).
    public var warnings: [String]

    /// The exit code (SPEC §7): 2 when any file had an error (errors win), 1 when `check` found a file that is
    /// not current, else 0.
    public var exitCode: Int32 {
        if reports.contains(where: { $0.status == .error }) { return 2 }
        if mode == .check && reports.contains(where: \.changesFile) { return 1 }
        return 0
    }
}

/// A run that could not start, or was refused as a whole.
public enum SyncError: Error, CustomStringConvertible {
    /// The settings file does not parse or has a value of the wrong kind.
    case settings(String)
    /// The catalog could not be had (network without cache, corrupt file, bad source).
    case catalog(String)
    /// The safety stop refused the catalog (SPEC §4 rule 5).
    case catalogShrank(String)
    /// Another `sync` holds the models directory's lock (exit 75).
    case locked(DirectoryLockError)
    /// The models directory cannot be created or read.
    case modelsDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .settings(let message), .catalog(let message), .catalogShrank(let message): return message
        case .locked(let error): return error.description
        case .modelsDirectory(let path, let reason): return "\(path): error: \(reason)"
        }
    }

    /// The exit code for this error: 75 for a held lock, 2 otherwise.
    public var exitCode: Int32 {
        if case .locked(.held) = self { return 75 }
        return 2
    }
}

/// Keeps a directory of provider files in sync with the models.dev catalog: fetches api.json (through the cache),
/// groups it by provider, merges each provider into its file and writes what changed, safely.
public struct ModelsDevSyncer: Sendable {
    public let loader: CatalogLoader
    public let acceptedCatalogs: AcceptedCatalogStore

    /// A syncer with the standard network client and the cache in `cacheDirectory`.
    public init(
        cacheDirectory: URL, log: (@Sendable (String) -> Void)? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.loader = CatalogLoader(cacheDirectory: cacheDirectory, log: log, progress: progress)
        self.acceptedCatalogs = AcceptedCatalogStore(cacheDirectory: cacheDirectory)
    }

    /// The fewest providers a catalog may list before the safety stop refuses it.
    public static let minimumProviderCount = 10

    /// Runs `sync` or `check`.
    ///
    /// - Throws: ``SyncError`` when the run cannot start or the catalog is refused; errors of single files are in
    ///   their reports instead, and the other files still sync.
    public func run(_ request: SyncRequest) async throws(SyncError) -> SyncOutcome {
        let paths = try ModelsyncConfiguration(
            configDirectory: request.configDirectory, settingsPath: request.settingsPath,
            modelsDirectory: request.modelsDirectory)
        var warnings = paths.settings?.warnings ?? []

        let source: CatalogSource
        do {
            source = try CatalogSource.resolve(
                flag: request.source, environment: request.environment, settings: paths.settings?.source)
        } catch {
            throw .catalog(error.description)
        }

        var lock: DirectoryLock?
        if request.writes {
            do {
                try FileManager.default.createDirectory(
                    atPath: paths.modelsDirectory, withIntermediateDirectories: true)
            } catch {
                throw .modelsDirectory(path: paths.modelsDirectory, reason: AtomicFileWriter.describe(error))
            }
            do {
                lock = try DirectoryLock.acquire(directory: paths.modelsDirectory, wait: request.lockWaitSeconds)
            } catch {
                throw .locked(error)
            }
            for name in AtomicFileWriter.removeStaleTemporaryFiles(in: paths.modelsDirectory, forFilesEnding: ".yml") {
                warnings.append("removed \(name), left by an interrupted run")
            }
        }
        defer { lock?.release() }

        // The files already there are what most runs merge: parse them on the second core while the catalog loads.
        // The directory is listed once; an error listing it is reported after the catalog's, as before.
        let listing = Result { () throws(SyncError) in try providerFiles(in: paths.modelsDirectory) }
        let prefetch = ProviderFilePrefetch(
            files: Self.largestFirst(((try? listing.get()) ?? []).map { paths.path(fileID: $0) }))
        defer { prefetch.stop() }
        let loaded = try await loadCatalog(source, request: request, settings: paths.settings)
        prefetch.stop()
        warnings += loaded.warnings

        let existing = try listing.get()
        let selection = ProviderSelection(
            settings: paths.settings?.providers, existingFiles: existing,
            upstream: Set(loaded.catalog.providers.map(\.id.rawValue)),
            rejectedUpstream: loaded.catalog.rejectedProviders.map { ($0.id, $0.description) },
            requested: request.providers, all: request.all)
        warnings += selection.warnings

        // Files are independent: read, parse, merge, verify and write them on every core.
        let catalog = loaded.catalog
        let jobs = selection.targets.compactMap { target -> (ProviderSelection.Target, Provider)? in
            catalog.provider(target.upstream).map { (target, $0) }
        }
        // Each finished file goes to writer threads at once: its fsync never stalls the merging of the others,
        // and every file is still written to a temporary file, flushed and renamed on its own.
        let writer = request.writes ? AtomicWritePool() : nil
        let largestFirst = jobs.indices.sorted { jobs[$0].1.models.count > jobs[$1].1.models.count }
        let results = await Self.concurrently(jobs.count, order: largestFirst) {
            index -> (ProviderReport, FileChange?) in
            let (target, provider) = jobs[index]
            let file = paths.path(fileID: target.fileID)
            var report = ProviderReport(
                provider: target.fileID, upstream: target.upstream, file: file, status: .unchanged)
            let merger = ConfigMerger(
                fileID: target.fileID, desired: CatalogMapping.desired(for: provider),
                options: MergeOptions(prune: request.prune, selectedModelsOnly: target.selectedModelsOnly))
            let path = paths.path(fileID: target.fileID)
            let merged = merge(merger, path: path, display: file, report: &report, prefetched: prefetch.take(path))
            if let merged, let writer { writer.submit(merged.bytes, to: path, index: index) }
            return (report, merged?.change)
        }
        var reports = results.map(\.0)
        var changes = results.map(\.1)
        if let writer {
            let failures = await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: writer.finish()) }
            }
            for (index, error) in failures {
                reports[index].status = .error
                reports[index].error = error.description
                changes[index] = nil
            }
            if changes.contains(where: { $0 != nil }) { AtomicFileWriter.syncDirectory(paths.modelsDirectory) }
        }
        let fileChanges = changes.compactMap { $0 }
        for skipped in selection.skipped {
            var report = ProviderReport(
                provider: skipped.fileID, upstream: skipped.upstream, file: paths.path(fileID: skipped.fileID),
                status: .skipped)
            report.error = skipped.reason
            reports.append(report)
        }
        for refused in selection.errors {
            var report = ProviderReport(
                provider: refused.id, upstream: refused.id,
                file: ProviderID.isSafeFileName(refused.id) ? paths.path(fileID: refused.id) : "", status: .error)
            report.error = refused.message
            reports.append(report)
        }
        reports.sort { $0.provider.utf8.lexicographicallyPrecedes($1.provider.utf8) }

        if request.writes {
            do {
                try acceptedCatalogs.recordAccepted(loaded.catalog, for: source)
            } catch {
                warnings.append("could not remember the accepted catalog: \(error)")
            }
        }
        return SyncOutcome(
            mode: request.mode, provenance: loaded.provenance, reports: reports, changes: fileChanges,
            warnings: warnings)
    }

    /// Loads the catalog as the flags and settings say, through the safety stop (SPEC §4 rule 5).
    ///
    /// - Throws: ``SyncError/catalog(_:)`` when no catalog can be had, ``SyncError/catalogShrank(_:)`` when the
    ///   safety stop refuses it.
    func loadCatalog(_ source: CatalogSource, request: SyncRequest, settings: SyncSettings?) async throws(SyncError)
        -> LoadedCatalog
    {
        let options = CatalogLoadOptions(
            maxAgeMinutes: request.maxAgeMinutes ?? settings?.cacheTTLMinutes ?? 60, offline: request.offline,
            refresh: request.refresh, requireFresh: request.requireFresh, timeoutSeconds: request.timeoutSeconds)
        do {
            return try await loader.load(source, options: options) { catalog in
                try checkShrink(catalog, source: source, allowShrink: request.allowShrink)
            }
        } catch let error as SyncError {
            throw error
        } catch let error as CatalogError {
            throw .catalog(error.description)
        } catch {
            throw .catalog("\(error)")
        }
    }

    /// Runs `work` for `0..<count` on up to as many tasks as the machine has cores, starting them in `order` (every
    /// index once; index order when `nil`); results in index order.
    ///
    /// Starting the biggest jobs first keeps one large file from running alone at the end while the other cores
    /// idle.
    static func concurrently<Result: Sendable>(
        _ count: Int, order: [Int]? = nil, _ work: @escaping @Sendable (Int) -> Result
    ) async -> [Result] {
        guard count > 0 else { return [] }
        let order = order ?? Array(0..<count)
        let width = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        var results = [Result?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            while next < width {
                let index = order[next]
                group.addTask { (index, work(index)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < count {
                    let index = order[next]
                    group.addTask { (index, work(index)) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }

    /// Merges one file and returns its change and new bytes, or `nil` when it stays as it is; errors go into `report`.
    ///
    /// `prefetched` is the file as ``ProviderFilePrefetch`` read and parsed it (its path is `display` then), if it did.
    func merge(
        _ merger: ConfigMerger, path: String, display: String, report: inout ProviderReport,
        prefetched: ProviderFilePrefetch.Outcome? = nil
    ) -> (change: FileChange, bytes: [UInt8])? {
        var oldBytes: [UInt8] = []
        let newBytes: [UInt8]
        let exists = FileManager.default.fileExists(atPath: path)
        // A file that could not be read and is gone now was removed in between: it is new, as without the prefetch.
        var prefetched = prefetched
        if case .failure = prefetched, !exists { prefetched = nil }
        if prefetched != nil || exists {
            do {
                let document: YAMLDocument
                if let prefetched {
                    (oldBytes, document) = try prefetched.get()
                } else {
                    oldBytes = try Self.readProviderFile(path, display: display)
                    document = try YAMLDocument(bytes: oldBytes, path: display)
                }
                guard let merged = try merger.merge(into: document, report: &report) else {
                    report.status = .unchanged
                    return nil
                }
                newBytes = merged
                report.status = .updated
            } catch {
                report.status = .error
                report.error = "\(error)"
                report.added = []
                report.removed = []
                report.unavailable = []
                report.changed = []
                return nil
            }
        } else {
            do {
                newBytes = try merger.newFile(report: &report)
            } catch {
                report.status = .error
                report.error = "\(error)"
                return nil
            }
            report.status = .created
        }
        let change = FileChange(path: display, oldBytes: oldBytes, newBytes: newBytes)
        return (change, newBytes)
    }

    /// `paths` by file size, largest first (the order the merge starts them in, near enough), then by path.
    static func largestFirst(_ paths: [String]) -> [String] {
        let sized = paths.map { path -> (path: String, size: Int) in
            var status = stat()
            return (path, stat(path, &status) == 0 ? Int(status.st_size) : 0)
        }
        return sized.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }.map(\.path)
    }

    /// Reads a provider file, refusing one over the input limit.
    static func readProviderFile(_ path: String, display: String) throws -> [UInt8] {
        var status = stat()
        if stat(path, &status) == 0, Int(status.st_size) > YAMLLimits.maximumInputBytes {
            throw YAMLError.inputTooLarge(path: display, size: Int(status.st_size), limit: YAMLLimits.maximumInputBytes)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The safety stop (SPEC §4 rule 5): too few providers, or fewer than half the models of the last catalog
    /// accepted for the same source.
    private func checkShrink(_ catalog: Catalog, source: CatalogSource, allowShrink: Bool) throws {
        guard !allowShrink else { return }
        if catalog.providerCount < Self.minimumProviderCount {
            throw SyncError.catalogShrank(
                "\(source): error: the catalog lists only \(catalog.providerCount) providers (fewer than "
                    + "\(Self.minimumProviderCount)); refusing it, no file touched. If this is intended, pass --allow-shrink"
            )
        }
        if let last = acceptedCatalogs.lastAcceptedModelCount(for: source), catalog.modelCount * 2 < last {
            throw SyncError.catalogShrank(
                "\(source): error: the catalog lists \(catalog.modelCount) models, fewer than half of the \(last) in "
                    + "the last catalog accepted from this source; refusing it, no file touched. If this is intended, "
                    + "pass --allow-shrink")
        }
    }

    /// Ids of the provider files (`<id>.yml`, not hidden) in `directory`; none when it does not exist.
    func providerFiles(in directory: String) throws(SyncError) -> Set<String> {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .modelsDirectory(path: directory, reason: AtomicFileWriter.describe(error))
        }
        return Set(names.filter { $0.hasSuffix(".yml") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) })
    }
}

/// Where the settings file and the models directory are, resolved from flags and the settings file.
///
/// Precedence: `--models-dir`, then the settings file's `models_dir` (relative to the settings file's directory),
/// then `<config dir>/models`. The settings file is `--settings`, else `<config dir>/modelsync.yml`; it is optional.
public struct ModelsyncConfiguration: Sendable {
    /// The settings file's content, or `nil` when there is none.
    public var settings: SyncSettings?
    /// Where the settings file is (or would be).
    public var settingsPath: String
    /// The models directory, as used for file system calls and shown in reports.
    public var modelsDirectory: String

    /// Resolves the paths and reads the settings file.
    ///
    /// - Throws: ``SyncError/settings(_:)`` when the settings file does not parse or holds a wrong value.
    public init(configDirectory: String = "config", settingsPath: String? = nil, modelsDirectory: String? = nil)
        throws(SyncError)
    {
        self.settingsPath = settingsPath ?? (configDirectory as NSString).appendingPathComponent("modelsync.yml")
        do {
            settings = try SyncSettings.load(path: self.settingsPath)
        } catch {
            throw .settings("\(error)")
        }
        if let modelsDirectory {
            self.modelsDirectory = modelsDirectory
        } else if let configured = settings?.modelsDir {
            self.modelsDirectory =
                configured.hasPrefix("/")
                ? configured
                : ((self.settingsPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                    configured)
        } else {
            self.modelsDirectory = (configDirectory as NSString).appendingPathComponent("models")
        }
    }

    /// The path of a provider file, as used for file system calls and shown in reports (relative to the working
    /// directory when the models directory was given so).
    public func path(fileID: String) -> String {
        (modelsDirectory as NSString).appendingPathComponent(fileID + ".yml")
    }
}
