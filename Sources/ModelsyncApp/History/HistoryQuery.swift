import CatalogHistory
import Diagnostics
import Foundation
import ModelsDevCatalog

/// Opens the catalog history for the `history` and `changes` commands, and reads the dates and durations they take
/// (docs/commands.md#history).
public enum HistoryQuery {
    /// The options messages name.
    public enum Option {
        public static let since = OptionReference("since")
        public static let until = OptionReference("until")
        public static let asOf = OptionReference("as-of")
        public static let keep = OptionReference("keep")
    }

    /// The store of `configuration`: created (with the default place's directory) when `create`, else it must
    /// exist.
    ///
    /// - Throws: ``RunFailure`` (exit 2) when no history is kept, when a query finds no store yet, or when the store
    ///   cannot be opened.
    public static func open(_ configuration: RunConfiguration, create: Bool) throws(RunFailure) -> SQLiteHistoryStore {
        let location = try location(configuration)
        do {
            if create, location.createsDirectory {
                try FileManager.default.createDirectory(
                    atPath: location.path.parent.absolute, withIntermediateDirectories: true)
            }
            return try SQLiteHistoryStore(
                path: location.path.absolute, create: create,
                busyTimeoutMilliseconds: CatalogHistoryRecorder.busyTimeoutMilliseconds)
        } catch let error as HistoryError {
            throw failure(HistoryError(location: location.path.shown, reason: error.reason))
        } catch {
            throw RunFailure(
                FileSystemProblem.directory(location.path.parent.shown, reason: FileSystemProblem.reason(error))
                    .diagnostic)
        }
    }

    /// Where the configuration keeps its history.
    ///
    /// - Throws: ``RunFailure`` (exit 2) when it keeps none, saying how to turn it on.
    public static func location(_ configuration: RunConfiguration) throws(RunFailure) -> HistoryLocation {
        guard let location = configuration.history else {
            throw RunFailure(
                Diagnostic(
                    message: "no catalog history is kept in this configuration",
                    notes: [
                        "it is off through \(option: HistoryLocation.offOption), MODELSYNC_HISTORY=off or the "
                            + "settings' history: off",
                        "to keep one, drop those, or name its file with \(option: HistoryLocation.option, "FILE")",
                    ]))
        }
        return location
    }

    /// A store's error as a run failure; a missing store says how to start one.
    static func failure(_ error: HistoryError) -> RunFailure {
        guard error.reason == .missing else {
            return RunFailure(Diagnostic(message: DiagnosticText(error.description)))
        }
        return RunFailure(
            Diagnostic(
                path: error.location, message: "no catalog history recorded yet",
                notes: ["a sync records each catalog it reads; 'modelsync history import FILE…' loads past snapshots"]))
    }

    /// Runs `body`, turning a store's error into a run failure.
    static func reading<T>(_ body: () throws(HistoryError) -> T) throws(RunFailure) -> T {
        do {
            return try body()
        } catch {
            throw failure(error)
        }
    }

    /// A date as `YYYY-MM-DD` (its midnight, UTC) or `YYYY-MM-DDTHH:MM:SSZ`; `nil` for anything else.
    public static func date(_ text: String) -> Date? {
        if let date = Timestamp.parse(text) { return date }
        guard text.utf8.count == 10 else { return nil }
        return Timestamp.parse(text + "T00:00:00Z")
    }

    /// The date of `text` for `option`, as ``date(_:)`` reads it.
    ///
    /// - Throws: ``RunFailure`` (usage) naming the option and the forms accepted.
    static func date(_ text: String, for option: OptionReference) throws(RunFailure) -> Date {
        guard let date = date(text) else {
            throw RunFailure(
                Diagnostic(
                    message: "\(option: option) takes a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), not "
                        + "'\(text)'"),
                status: .usage)
        }
        return date
    }

    /// A duration such as `365d`, `12w` or `48h`, in seconds; `nil` for anything else (or 0).
    public static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0, count <= 1_000_000 else { return nil }
        switch unit {
        case "h": return TimeInterval(count) * 3_600
        case "d": return TimeInterval(count) * 86_400
        case "w": return TimeInterval(count) * 7 * 86_400
        default: return nil
        }
    }

    /// The duration of `text` for `option`.
    ///
    /// - Throws: ``RunFailure`` (usage) naming the option and the forms accepted.
    static func duration(_ text: String, for option: OptionReference) throws(RunFailure) -> TimeInterval {
        guard let seconds = duration(text) else {
            throw RunFailure(
                Diagnostic(
                    message: "\(option: option) takes a duration in hours, days or weeks (48h, 7d, 12w), not "
                        + "'\(text)'"),
                status: .usage)
        }
        return seconds
    }

    /// `YYYY-MM-DD` of `date`, in UTC.
    static func day(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(10))
    }

    /// `provider/model`, or `provider` for the provider's own values.
    static func reference(provider: String, model: String) -> String {
        model.isEmpty ? provider : provider + "/" + model
    }

    /// The JSON value of a stored value's text (valid JSON, canonical, written by the history); a text that does
    /// not parse, which a damaged store could hold, is kept as a JSON string rather than failing the command.
    static func json(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONValue(parsing: text)) ?? .string(text)
    }

    /// A stored value for people: strings without quotes, lists as `[a, b]`, objects as compact JSON, an absent
    /// value as `(none)`; not escaped (callers escape for their medium).
    static func text(_ stored: String?) -> String {
        guard let stored else { return "(none)" }
        // Most stored values are numbers, or strings without escapes: read without parsing.
        let utf8 = stored.utf8
        if let first = utf8.first,
            first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        {
            return stored
        }
        if utf8.count >= 2, utf8.first == UInt8(ascii: "\""), utf8.last == UInt8(ascii: "\""),
            !utf8.dropFirst().dropLast().contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") })
        {
            return String(stored.dropFirst().dropLast())
        }
        return text(json(stored))
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .array(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        default: return value.serialized()
        }
    }
}
