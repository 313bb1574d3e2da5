import Foundation

/// A cooldown (docs/history.md#cooldown): a changed managed value is applied only once the new upstream value has
/// stood for ``hours``, as the history of the catalog shows; younger changes are held with reason
/// ``HoldReason/cooldown(standingHours:)``.
///
/// Built by the caller from the history (``lastChange``, ``listed``, ``firstObservation``); the merge reads no
/// store. Without history for a model the change is applied and counted in ``ProviderReport/cooldownUnknown``.
public struct Cooldown: Sendable, Equatable {
    /// How long a new value must have stood, in hours.
    public var hours: Double
    /// The time the run compares against.
    public var now: Date
    /// The first observation of the source: every value seen then has stood at least since then.
    public var firstObservation: Date?
    /// The time of the last change of each model's key (`""`: the model's addition or removal), by model.
    public var lastChange: [String: [String: Date]]
    /// The models the newest observation lists.
    public var listed: Set<String>

    public init(
        hours: Double, now: Date, firstObservation: Date?, lastChange: [String: [String: Date]], listed: Set<String>
    ) {
        self.hours = hours
        self.now = now
        self.firstObservation = firstObservation
        self.lastChange = lastChange
        self.listed = listed
    }

    /// Since when the upstream value of `model`'s `key` has stood.
    ///
    /// The last change of the key or of a key inside it (`pricing` covers `pricing.input`), else the model's
    /// addition, else the first observation. For a model the
    /// newest observation no longer lists, since its removal. `nil` when the history has never seen the model.
    ///
    /// `available` and `deprecated`, which a provider file derives from the catalog's `status`, follow `status`.
    public func standingSince(model: String, key: String) -> Date? {
        let keys = lastChange[model] ?? [:]
        guard listed.contains(model) else { return keys[""] }
        guard let first = firstObservation else { return nil }
        let tracked = key == "available" || key == "deprecated" ? "status" : key
        var latest = keys[""] ?? first
        for (name, date) in keys where name == tracked || name.hasPrefix(tracked + ".") {
            latest = max(latest, date)
        }
        return latest
    }

    /// What the cooldown says of a change of `model`'s `key`.
    ///
    /// A value that has not changed since the history's first observation has stood at least since then; when that
    /// is shorter than the cooldown its age is unknown (it may be years old: a history started today knows nothing
    /// older), and the change is applied and counted rather than held.
    public func decision(model: String, key: String) -> Decision {
        guard let since = standingSince(model: model, key: key) else { return .unknown }
        let standing = now.timeIntervalSince(since) / 3_600
        if standing >= hours { return .apply }
        if since == firstObservation { return .unknown }
        return .hold(standingHours: max(0, standing))
    }

    /// What the cooldown says of one change.
    public enum Decision: Sendable, Equatable {
        /// The new value has stood long enough.
        case apply
        /// The new value is younger than the cooldown; it has stood this many hours.
        case hold(standingHours: Double)
        /// The history does not know the model: applied, and counted.
        case unknown
    }
}
