/// Why a history store cannot be opened, read or written; ``description`` names the store and the reason.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// No store exists at the location yet (a query before any recording).
        case missing
        /// Another process held the store past the wait.
        case busy
        /// The file is not an SQLite database, or is damaged.
        case corrupt(String)
        /// An SQLite database, but not one modelsync made.
        case foreign
        /// Made by a newer modelsync: its schema version is above the one this version knows.
        case newerSchema(Int)
        /// The file or its directory cannot be written.
        case readOnly(String)
        /// Any other failure, in SQLite's or the system's words.
        case failed(String)
    }

    /// The store's file path or database URL.
    public var location: String
    public var reason: Reason

    public init(location: String, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .missing: return "\(location): no history recorded yet"
        case .busy: return "\(location): the history is in use by another process; gave up waiting"
        case .corrupt(let detail): return "\(location): not a usable history database (\(detail)); left as it is"
        case .foreign:
            return "\(location): an SQLite database that modelsync did not make; left as it is"
        case .newerSchema(let version):
            return
                "\(location): written by a newer modelsync (history schema \(version), this version knows up to "
                + "\(SQLiteHistoryStore.schemaVersion)); left as it is"
        case .readOnly(let detail): return "\(location): cannot be written (\(detail))"
        case .failed(let detail): return "\(location): \(detail)"
        }
    }
}
