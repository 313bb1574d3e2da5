import CatalogHistory
import Diagnostics
import Foundation

/// The last change of a model's prices that the catalog history knows, for `info`.
public struct LastPriceChange: Sendable {
    public let observedAt: Date
    /// The price keys and values of that observation, as `(key, old, new)` texts.
    public let changes: [(key: String, old: String, new: String)]

    /// The last price change of `model` of upstream `provider` in the configuration's history.
    ///
    /// `nil` when no history is kept or exists, it cannot be read, or it records no price change of the model.
    /// Never fails: `info` shows the catalog's facts whatever the history's state.
    public init?(provider: String, model: String, configuration: RunConfiguration) {
        guard let location = configuration.history,
            FileManager.default.fileExists(atPath: location.path.absolute),
            let store = try? SQLiteHistoryStore(
                path: location.path.absolute, create: false, busyTimeoutMilliseconds: 200),
            let timeline = try? store.timeline(
                source: configuration.historySource, provider: provider, model: model, key: "pricing")
        else { return nil }
        let prices = timeline.changes.filter { $0.change.kind == .price }
        guard let last = prices.last else { return nil }
        observedAt = last.observedAt
        changes = prices.filter { $0.observationID == last.observationID }.map { recorded in
            (recorded.change.key ?? "", HistoryQuery.text(recorded.change.old), HistoryQuery.text(recorded.change.new))
        }
    }

    /// `2026-01-05 (pricing.input 1.25 → 1.5, pricing.output 10 → 12)`, escaped for a terminal.
    public var text: String {
        let shown = changes.prefix(3).map { "\($0.key) \($0.old) → \($0.new)" }
        let more = changes.count > 3 ? ", and \(changes.count - 3) more" : ""
        return TerminalText.escape(HistoryQuery.day(observedAt) + " (" + shown.joined(separator: ", ") + more + ")")
    }
}
