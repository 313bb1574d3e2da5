import CatalogHistory
import Foundation
import ModelsDevCatalog

/// Removes the observations last seen longer ago than a duration, keeping each source's newest: what
/// `modelsync history vacuum --keep DURATION` does.
public struct HistoryVacuum: Sendable {
    /// What was removed, and the file's size before and after.
    public let result: VacuumResult
    /// Observations last seen before this time were removed.
    public let before: Date

    /// Vacuums the configuration's history, keeping what was seen within `keep` (`365d`, `12w`, `48h`) of the
    /// environment's clock.
    ///
    /// - Throws: ``RunFailure``: usage for a duration that cannot be read; exit 2 when there is no history or the
    ///   store fails.
    public init(keep: String, configuration: RunConfiguration) throws(RunFailure) {
        let seconds = try HistoryQuery.duration(keep, for: HistoryQuery.Option.keep)
        let store = try HistoryQuery.open(configuration, create: false)
        let before = configuration.environment.now().addingTimeInterval(-seconds)
        self.before = before
        result = try HistoryQuery.reading { () throws(HistoryError) in try store.vacuum(before: before) }
    }

    /// `removed 3 observations and 120 changes last seen before 2025-07-02T00:00:00Z; 2.4 MB → 1.1 MB`.
    public var text: String {
        var text =
            "removed \(result.observationsRemoved) observation\(result.observationsRemoved == 1 ? "" : "s") and "
            + "\(result.changesRemoved) change\(result.changesRemoved == 1 ? "" : "s") last seen before "
            + Timestamp.format(before)
        if let bytesBefore = result.bytesBefore, let bytesAfter = result.bytesAfter {
            text += "; \(ByteCount.format(bytesBefore)) → \(ByteCount.format(bytesAfter))"
        }
        return text
    }

    /// `{before, observations_removed, changes_removed, bytes_before, bytes_after}`.
    public var json: JSONValue {
        .object([
            "before": .string(Timestamp.format(before)),
            "observations_removed": .optional(result.observationsRemoved),
            "changes_removed": .optional(result.changesRemoved),
            "bytes_before": .optional(result.bytesBefore),
            "bytes_after": .optional(result.bytesAfter),
        ])
    }
}
