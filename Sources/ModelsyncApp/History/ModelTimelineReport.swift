import CatalogHistory
import Diagnostics
import Foundation
import ModelsDevCatalog

/// The dated life of one model in the history of one source: what `modelsync history PROVIDER/MODEL` prints.
public struct ModelTimelineReport: Sendable {
    /// The history's key for the catalog source (``RunConfiguration/historySource``).
    public let source: String
    public let timeline: ModelTimeline
    /// The number of observations of the source.
    public let observationCount: Int
    /// The key the timeline is restricted to, if any.
    public let key: String?

    /// The timeline of `reference` (`PROVIDER/MODEL`, split at the first `/`; without one, the provider's own
    /// values) in the history of the configuration's source, restricted to `key` and the keys under it.
    ///
    /// - Throws: ``RunFailure``: exit 2 when there is no history, or the history never saw the model (naming the
    ///   closest ones it lists).
    public init(reference: String, key: String?, configuration: RunConfiguration) throws(RunFailure) {
        let store = try HistoryQuery.open(configuration, create: false)
        let (provider, model) = Self.split(reference)
        source = configuration.historySource
        self.key = key
        let source = self.source
        let observations = try HistoryQuery.reading { () throws(HistoryError) in
            try store.observations(source: source)
        }
        guard !observations.isEmpty else {
            throw RunFailure(
                Diagnostic(
                    path: configuration.history?.path.shown,
                    message: "the catalog history holds no observation of \(source)",
                    notes: [
                        "a sync records each catalog it reads; 'modelsync history import FILE…' loads past "
                            + "snapshots"
                    ]))
        }
        observationCount = observations.count
        timeline = try HistoryQuery.reading { () throws(HistoryError) in
            try store.timeline(source: source, provider: provider, model: model, key: key)
        }
        guard timeline.firstSeen != nil else {
            let listed = (try? store.modelIDs(source: source, provider: nil)) ?? []
            throw RunFailure(Self.unknown(provider: provider, model: model, listed: listed, source: source))
        }
    }

    /// `PROVIDER/MODEL` split at the first `/`: model ids hold `/` themselves.
    static func split(_ reference: String) -> (provider: String, model: String) {
        guard let slash = reference.firstIndex(of: "/") else { return (reference, "") }
        return (String(reference[..<slash]), String(reference[reference.index(after: slash)...]))
    }

    /// The error for a model the history never saw, with the closest references of the newest observation: the
    /// named provider's models first, else any.
    private static func unknown(provider: String, model: String, listed: [ListedModel], source: String) -> Diagnostic {
        let reference = HistoryQuery.reference(provider: provider, model: model)
        let own = listed.filter { $0.provider == provider && !$0.model.isEmpty }
        var suggestions = IDSuggestions.closest(to: model, among: own.map(\.model), limit: 5).map {
            HistoryQuery.reference(provider: provider, model: $0)
        }
        if suggestions.isEmpty {
            let all = listed.map { HistoryQuery.reference(provider: $0.provider, model: $0.model) }
            suggestions = IDSuggestions.closest(to: reference, among: all, limit: 5)
        }
        var message: DiagnosticText = "the catalog history of \(source) never saw '\(reference)'"
        if !suggestions.isEmpty {
            message =
                message + "; did you mean:"
                + DiagnosticText(
                    suggestions.map { "\n  " + TerminalText.escape($0) }.joined())
        }
        return Diagnostic(message: message, suggestions: suggestions)
    }

    /// The model's reference, `provider/model` (the provider alone for its own values).
    public var reference: String { HistoryQuery.reference(provider: timeline.provider, model: timeline.model) }

    // MARK: Text

    /// A header line, then one dated line per event: first seen, each change, listed again, last seen, vanished.
    public var text: String {
        var lines = [
            "\(TerminalText.escape(reference)) in the catalog history of \(TerminalText.escape(source)) "
                + "(\(observationCount) observation\(observationCount == 1 ? "" : "s"))"
                + (key.map { ", key \(TerminalText.escape($0))" } ?? "")
        ]
        var events: [(date: Date, rank: Int, text: String)] = []
        if let firstSeen = timeline.firstSeen { events.append((firstSeen, 0, "first seen")) }
        for recorded in timeline.changes {
            let change = recorded.change
            if let key = change.key {
                events.append(
                    (
                        recorded.observedAt, 1,
                        "\(TerminalText.escape(key))  \(Self.value(change.old)) → \(Self.value(change.new))"
                    ))
            } else if change.new == nil {
                events.append((recorded.observedAt, 1, "vanished"))
            } else if recorded.observedAt != timeline.firstSeen {
                events.append((recorded.observedAt, 1, "listed again"))
            }
        }
        if let lastSeen = timeline.lastSeen { events.append((lastSeen, 2, "last seen")) }
        let sorted = events.enumerated().sorted { lhs, rhs in
            (lhs.element.date, lhs.element.rank, lhs.offset) < (rhs.element.date, rhs.element.rank, rhs.offset)
        }
        for (_, event) in sorted { lines.append(HistoryQuery.day(event.date) + "  " + event.text) }
        return lines.joined(separator: "\n")
    }

    private static func value(_ stored: String?) -> String {
        TerminalText.escape(HistoryQuery.text(stored))
    }

    // MARK: JSON

    /// `{source, provider, model, first_seen, last_seen, vanished, changes: [{observed_at, key, kind, old, new}]}`;
    /// `old` and `new` are the values as JSON (`null` when absent).
    public var json: JSONValue {
        .object([
            "source": .string(source),
            "provider": .string(timeline.provider),
            "model": .string(timeline.model),
            "first_seen": .optional(timeline.firstSeen.map(Timestamp.format)),
            "last_seen": .optional(timeline.lastSeen.map(Timestamp.format)),
            "vanished": .optional(timeline.vanished.map(Timestamp.format)),
            "changes": .array(
                timeline.changes.map { recorded in
                    .object([
                        "observed_at": .string(Timestamp.format(recorded.observedAt)),
                        "key": .optional(recorded.change.key),
                        "kind": .string(recorded.change.kind.rawValue),
                        "old": HistoryQuery.json(recorded.change.old),
                        "new": HistoryQuery.json(recorded.change.new),
                    ])
                }),
        ])
    }
}
