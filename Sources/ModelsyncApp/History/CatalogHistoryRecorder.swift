import CatalogHistory
import Diagnostics
import Foundation
import ModelSync
import ModelsDevCatalog

/// Records each catalog a run accepts in the history, and reads the cooldowns of the providers it syncs.
///
/// See docs/history.md. Never fails a run: a store that cannot be opened, read or written becomes one warning that
/// names it, and the run goes on without history.
public struct CatalogHistoryRecorder {
    /// How long a run waits for another process's lock on the store, in milliseconds.
    public static let busyTimeoutMilliseconds = 2_000

    public let location: HistoryLocation
    /// The store, once opened; `nil` after a failure (reported once).
    public private(set) var store: SQLiteHistoryStore?
    /// The warning of the failure, if any.
    public private(set) var warning: Diagnostic?

    /// Opens the store at `location`, creating it (and, for the default place, its directory) when missing.
    public init(_ location: HistoryLocation) {
        self.location = location
        do {
            if location.createsDirectory {
                try FileManager.default.createDirectory(
                    atPath: location.path.parent.absolute, withIntermediateDirectories: true)
            }
            store = try SQLiteHistoryStore(
                path: location.path.absolute, create: true, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        } catch let error as HistoryError {
            warning = Self.warning(HistoryError(location: location.path.shown, reason: error.reason))
        } catch {
            warning = Self.warning(
                HistoryError(
                    location: location.path.shown,
                    reason: .failed(
                        SystemErrorText.lowercasingFirstWord(
                            (error as NSError).localizedDescription))))
        }
    }

    /// Records `loaded`, observed from `source` (``RunConfiguration/historySource``), unless it is a cached read
    /// of the newest observation; a failure becomes ``warning``.
    public mutating func record(_ loaded: LoadedCatalog, source: String, now: Date) {
        guard let store else { return }
        let provenance = loaded.provenance
        do {
            if provenance.fromCache, let fetched = provenance.fetchedAt,
                let latest = try store.latestObservation(source: source), latest.etag == provenance.etag,
                latest.lastSeenAt >= fetched.addingTimeInterval(-1)
            {
                return
            }
            // A catalog read from the cache is dated when it was downloaded (or last confirmed): a stale cached
            // catalog is not recorded as today's. One downloaded or confirmed in this run, a file, standard input
            // and `bundled` are seen now, to the millisecond (the cache keeps whole seconds: two downloads within a
            // second would share a time).
            let confirmedNow = provenance.origin == .downloaded || provenance.origin == .revalidated
            let date = provenance.source.cacheableURL != nil && !confirmedNow ? (provenance.fetchedAt ?? now) : now
            _ = try store.record(CatalogState(loaded.catalog), source: source, at: date, etag: provenance.etag)
        } catch {
            fail(error)
        }
    }

    /// The cooldown of `upstream`'s models for a sync at `now`, `hours` long; `nil` with a warning when the history
    /// cannot be read.
    public mutating func cooldown(hours: Double, upstream: String, source: String, now: Date) -> Cooldown? {
        guard let store else { return nil }
        do {
            let ages = try store.valueAges(source: source, provider: upstream)
            return Cooldown(
                hours: hours, now: now, firstObservation: ages.firstObservation, lastChange: ages.lastChange,
                listed: ages.listed)
        } catch {
            fail(error)
            return nil
        }
    }

    /// A recording running on a thread of its own (the store blocks while another process holds its lock), beside
    /// the work of the run; ``finish()`` waits for it and gives its warning.
    public final class Recording: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var warning: Diagnostic?

        /// Starts recording `loaded` in the history at `location`.
        public init(_ location: HistoryLocation, loaded: LoadedCatalog, source: String, now: Date) {
            Thread.detachNewThread { [self] in
                warning = Self.record(location, loaded: loaded, source: source, now: now)
                done.signal()
            }
        }

        /// Records, and closes the store before returning: its file holds the whole history (the log folded in)
        /// before the run may end.
        private static func record(_ location: HistoryLocation, loaded: LoadedCatalog, source: String, now: Date)
            -> Diagnostic?
        {
            var recorder = CatalogHistoryRecorder(location)
            recorder.record(loaded, source: source, now: now)
            return recorder.warning
        }

        /// Waits for the recording to end, off the cooperative pool; its warning, if any.
        public func finish() async -> Diagnostic? {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { [self] in
                    done.wait()
                    continuation.resume(returning: warning)
                }
            }
        }
    }

    private mutating func fail(_ error: HistoryError) {
        store = nil
        if warning == nil { warning = Self.warning(HistoryError(location: location.path.shown, reason: error.reason)) }
    }

    private static func warning(_ error: HistoryError) -> Diagnostic {
        Diagnostic(.warning, message: "catalog history not recorded: \(error)")
    }
}
