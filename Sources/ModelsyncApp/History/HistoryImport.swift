import CatalogHistory
import Diagnostics
import Foundation
import ModelsDevCatalog

/// Loads saved catalogs into the history as observations of the configuration's source, in date order: what
/// `modelsync history import FILE… [--as-of DATE]…` does (docs/commands.md#history-import).
public struct HistoryImport: Sendable {
    /// One file's outcome.
    public struct Item: Sendable {
        public enum Outcome: Sendable {
            /// A new observation, with its changes against the one before; `first` when it is the source's first.
            case recorded(changes: Int, first: Bool)
            /// This catalog at this date was recorded before.
            case alreadyRecorded
            /// The same catalog as the observation before it: its last-seen time moved.
            case seenAgain
            /// Refused: the history saw other values from `from` until `until`, after this file's date.
            case contradicts(from: Date, until: Date)
            /// The file could not be read or decoded (the error is in ``HistoryImport/failures``).
            case failed
        }

        /// The file as given.
        public var file: String
        public var date: Date
        public var outcome: Outcome
    }

    /// The history's key for the catalog source.
    public let source: String
    /// The files in date order.
    public let items: [Item]
    /// The files that could not be read, decoded or recorded.
    public let failures: [Diagnostic]

    /// Records each file at its date, in date order, decoding it with ``Catalog/decode(_:sourceName:)``.
    ///
    /// A file's date is `asOf[i]` for `files[i]`, or when `asOf` is empty the `YYYY-MM-DD` date in the file's name
    /// (midnight UTC). A file that fails is reported and the others are still recorded.
    ///
    /// - Throws: ``RunFailure``: usage for a date that cannot be read, a file name without a date, or dates that do
    ///   not pair with the files; exit 2 when there is no history or the store cannot be opened.
    public init(files: [String], asOf: [String], configuration: RunConfiguration) throws(RunFailure) {
        guard asOf.isEmpty || asOf.count == files.count else {
            throw RunFailure(
                Diagnostic(
                    message: "give \(option: HistoryQuery.Option.asOf, "DATE") once per file, in the files' order "
                        + "(\(files.count) files, \(asOf.count) dates), or not at all to read the dates from the "
                        + "file names"),
                status: .usage)
        }
        _ = try HistoryQuery.location(configuration)
        var dated: [(file: String, date: Date)] = []
        for (index, file) in files.enumerated() {
            if asOf.isEmpty {
                guard let date = Self.date(inName: file) else {
                    throw RunFailure(
                        Diagnostic(
                            path: file,
                            message: "the file name holds no date YYYY-MM-DD; give the catalog's date with "
                                + "\(option: HistoryQuery.Option.asOf, "DATE")"),
                        status: .usage)
                }
                dated.append((file, date))
            } else {
                dated.append((file, try HistoryQuery.date(asOf[index], for: HistoryQuery.Option.asOf)))
            }
        }
        let store = try HistoryQuery.open(configuration, create: true)
        let source = configuration.historySource
        self.source = source
        let environment = configuration.environment
        var items: [Item] = []
        var failures: [Diagnostic] = []
        let ordered = dated.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
        for (_, entry) in ordered {
            let path = environment.path(entry.file)
            var outcome = Item.Outcome.failed
            do {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path.absolute))
                let catalog = try Catalog.decode(bytes, sourceName: path.shown)
                let result = try store.record(CatalogState(catalog), source: source, at: entry.date, etag: nil)
                switch result {
                case .recorded(let observation, let changes):
                    outcome = .recorded(changes: changes, first: Self.isEarliest(observation, in: store))
                case .alreadyRecorded: outcome = .alreadyRecorded
                case .seenAgain: outcome = .seenAgain
                case .contradicts(let observation):
                    outcome = .contradicts(from: observation.observedAt, until: observation.lastSeenAt)
                }
            } catch let error as CatalogError {
                failures.append(error.diagnostic)
            } catch let error as HistoryError {
                failures.append(
                    Diagnostic(
                        message: DiagnosticText(
                            HistoryError(location: configuration.history?.path.shown ?? "", reason: error.reason)
                                .description)))
            } catch {
                failures.append(Diagnostic(path: path.shown, message: DiagnosticText(FileSystemProblem.reason(error))))
            }
            items.append(Item(file: entry.file, date: entry.date, outcome: outcome))
        }
        self.items = items
        self.failures = failures
    }

    /// Whether `observation` is its source's earliest: it has no observation before it to change from.
    private static func isEarliest(_ observation: Observation, in store: SQLiteHistoryStore) -> Bool {
        (try? store.observations(source: observation.source).first?.id == observation.id) ?? false
    }

    /// The first `YYYY-MM-DD` in the file's name (not its directories), as its midnight UTC.
    static func date(inName file: String) -> Date? {
        let name = Array((file.split(separator: "/").last.map(String.init) ?? file).utf8)
        guard name.count >= 10 else { return nil }
        for start in 0...(name.count - 10) {
            let slice = name[start..<start + 10]
            guard slice[start + 4] == UInt8(ascii: "-"), slice[start + 7] == UInt8(ascii: "-") else { continue }
            if let date = HistoryQuery.date(String(decoding: slice, as: UTF8.self)) { return date }
        }
        return nil
    }

    // MARK: Output

    /// One line per file: `2026-01-05  api-2026-01-05.json  recorded: 12 changes`.
    public var text: String {
        items.map { item in
            let date = Timestamp.format(item.date)
            let shown = date.hasSuffix("T00:00:00Z") ? String(date.prefix(10)) : date
            return shown + "  " + TerminalText.escape(item.file) + "  " + Self.text(item.outcome)
        }.joined(separator: "\n")
    }

    private static func text(_ outcome: Item.Outcome) -> String {
        switch outcome {
        case .recorded(_, first: true): return "recorded: first observation"
        case .recorded(let changes, _): return "recorded: \(changes) change\(changes == 1 ? "" : "s")"
        case .alreadyRecorded: return "already recorded"
        case .seenAgain: return "seen again"
        case .contradicts(let from, let until):
            return "not recorded: the history saw other values from \(Timestamp.format(from)) until "
                + "\(Timestamp.format(until))"
        case .failed: return "not recorded (error)"
        }
    }

    /// `{source, files: [{file, as_of, result, changes}]}`; `result` is `recorded`, `already_recorded`,
    /// `seen_again` or `error`.
    public var json: JSONValue {
        .object([
            "source": .string(source),
            "files": .array(
                items.map { item in
                    let (result, changes): (String, Int?) =
                        switch item.outcome {
                        case .recorded(let changes, _): ("recorded", changes)
                        case .alreadyRecorded: ("already_recorded", nil)
                        case .seenAgain: ("seen_again", nil)
                        case .contradicts: ("contradicts", nil)
                        case .failed: ("error", nil)
                        }
                    return .object([
                        "file": .string(item.file),
                        "as_of": .string(Timestamp.format(item.date)),
                        "result": .string(result),
                        "changes": .optional(changes),
                    ])
                }),
        ])
    }
}
