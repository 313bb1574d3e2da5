import Diagnostics
import Foundation
import ModelsDevCatalog
import ModelsyncApp
import Synchronization

/// Refreshes the catalog a ``CatalogAPI`` serves: every cache TTL in the background (``run()``), and on request
/// (``refreshNow()``, `POST /api/v1/refresh`).
///
/// A refresh goes through the same loader as every command (the cache's ETag, retries, timeouts), then the safety
/// stop against the catalog served now, then the cache write. The new catalog is swapped in whole and recorded in
/// the history (when the history is on). A refresh that fails leaves the served catalog as it is; its age then
/// shows in `X-Catalog-Age`. Refreshes never overlap: asking for one while one runs waits for that one.
public final class CatalogRefresher: Sendable {
    public let configuration: RunConfiguration
    public let api: CatalogAPI
    /// Seconds between two scheduled refreshes: the cache TTL.
    public let intervalSeconds: Double
    private let sleep: @Sendable (Double) async throws -> Void
    private let state = Mutex<(status: RefreshStatus, running: Task<RefreshStatus, Never>?)>((RefreshStatus(), nil))
    private let onRefresh: @Sendable (RefreshStatus, _ changed: Bool) -> Void

    /// A refresher of `api`'s catalog as `configuration` loads it; `sleep` waits a number of seconds (tests give a
    /// scripted one), `onRefresh` hears of every refresh and whether it changed the catalog.
    public init(
        _ configuration: RunConfiguration, api: CatalogAPI,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        onRefresh: @escaping @Sendable (RefreshStatus, _ changed: Bool) -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.api = api
        self.intervalSeconds = Double(max(1, configuration.load.maxAgeMinutes) * 60)
        self.sleep = sleep
        self.onRefresh = onRefresh
    }

    /// The last refresh's status.
    public var status: RefreshStatus {
        state.withLock { $0.status }
    }

    /// Whether the source can change while served: a URL or a file, not standard input or the bundled snapshot.
    public var refreshes: Bool {
        switch configuration.source {
        case .url, .file: return true
        case .standardInput, .bundled: return false
        }
    }

    /// Refreshes every ``intervalSeconds`` until the task is cancelled.
    public func run() async {
        guard refreshes else { return }
        while !Task.isCancelled {
            let next = configuration.environment.now().addingTimeInterval(intervalSeconds)
            state.withLock { $0.status.nextRefresh = next }
            do {
                try await sleep(intervalSeconds)
            } catch {
                return
            }
            _ = await refreshNow(revalidate: false)
        }
    }

    /// Refreshes now, or waits for the refresh that runs; `revalidate` asks the server even when the cache is fresh.
    @discardableResult
    public func refreshNow(revalidate: Bool = true) async -> RefreshStatus {
        let task: Task<RefreshStatus, Never> = state.withLock { state in
            if let running = state.running { return running }
            let task = Task { await self.perform(revalidate: revalidate) }
            state.running = task
            return task
        }
        return await task.value
    }

    private func perform(revalidate: Bool) async -> RefreshStatus {
        let environment = configuration.environment
        let started = environment.now()
        let clock = ContinuousClock()
        let start = clock.now
        var status = state.withLock { $0.status }
        status.lastAttempt = started
        status.attempts += 1
        var changed = false
        do throws(RunFailure) {
            let catalogs = CatalogAcceptance(configuration)
            var options = configuration.load
            options.refresh = revalidate && !options.offline
            var loaded = try await catalogs.load(configuration.source, options: options)
            let stop = SafetyStop(lastAcceptedModelCount: api.catalog?.catalog.modelCount)
            if let refusal = stop.refusal(of: loaded.catalog, from: configuration.source) {
                throw RunFailure(refusal)
            }
            catalogs.commitCache(&loaded)
            let served = ServedCatalog(
                loaded, servedSince: environment.now(), providerAliases: configuration.locations.providerAliases)
            changed = served.version != api.catalog?.version
            api.serve(served)
            status.result = changed ? .updated : .unchanged
            status.message = loaded.warnings.isEmpty ? nil : loaded.warnings.joined(separator: "; ")
            if let location = configuration.history {
                let recording = CatalogHistoryRecorder.Recording(
                    location, loaded: loaded, source: configuration.historySource, now: environment.now())
                if let warning = await recording.finish() {
                    status.message = warning.message.rendered(spellingOptionsWith: QueryParameters.spelling)
                }
            }
        } catch {
            status.result = .failed
            status.failures += 1
            status.message = error.diagnostics.map {
                $0.message.rendered(spellingOptionsWith: QueryParameters.spelling)
            }
            .joined(separator: "; ")
        }
        let elapsed = clock.now - start
        status.durationMilliseconds =
            Int(elapsed.components.seconds * 1_000)
            + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        let final = status
        state.withLock {
            $0.status = final
            $0.running = nil
        }
        onRefresh(final, changed)
        return final
    }
}
