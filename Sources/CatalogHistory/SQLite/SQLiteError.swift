internal import CSQLite

/// A failed SQLite call: its extended result code and SQLite's message.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`, …) without the extended bits.
    var primaryCode: Int32 { code & 0xff }

    /// `SQLITE_CONSTRAINT`: a row broke a `UNIQUE` or other constraint.
    static let constraint = SQLITE_CONSTRAINT

    /// Another connection holds the lock past the busy timeout.
    var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// The file is not a database or is damaged.
    var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// The file or its directory cannot be written.
    var isReadOnly: Bool { primaryCode == SQLITE_READONLY || primaryCode == SQLITE_CANTOPEN }

    var description: String { message }
}
