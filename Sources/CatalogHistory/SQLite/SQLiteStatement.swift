internal import CSQLite

/// Owns one prepared statement (`sqlite3_stmt *`) and finalizes it in `deinit`; keeps its connection alive.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase

    init(_ handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to the parameters `?1`, `?2`, … after resetting the statement.
    @discardableResult
    func bind(_ values: SQLiteValue...) throws(SQLiteError) -> SQLiteStatement {
        try bind(values)
    }

    /// Binds `values` to the parameters `?1`, `?2`, … after resetting the statement.
    @discardableResult
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) -> SQLiteStatement {
        sqlite3_reset(handle)
        // Every parameter is bound below; clearing them first would touch each one of a statement of many rows.
        if values.count < Int(sqlite3_bind_parameter_count(handle)) { sqlite3_clear_bindings(handle) }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, Int64(number))
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .utf8(let bytes):
                code = bytes.withUnsafeBufferPointer { buffer in
                    guard !buffer.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, SQLiteStatement.transient)
                    }
                    return buffer.withMemoryRebound(to: CChar.self) { text in
                        sqlite3_bind_text(handle, index, text.baseAddress, Int32(text.count), SQLiteStatement.transient)
                    }
                }
            case .text(var text):
                // With its length: SQLite need not look for the end, and Swift need not copy the text to end it.
                code = text.withUTF8 { bytes in
                    guard let start = bytes.baseAddress else {
                        return sqlite3_bind_text(handle, index, "", 0, SQLiteStatement.transient)
                    }
                    return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                        sqlite3_bind_text(handle, index, text, Int32(bytes.count), SQLiteStatement.transient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, message: database.lastErrorMessage) }
        }
        return self
    }

    /// Steps once: `true` with a row to read, `false` when done.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: code, message: database.lastErrorMessage)
        }
    }

    /// Steps to the end, for a statement that returns no rows.
    func run() throws(SQLiteError) {
        while try step() {}
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as text; `nil` when it is NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column's bytes (text as UTF-8, unchecked); empty when it is NULL.
    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let start = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A value bound to a statement's parameter.
enum SQLiteValue {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
    /// Text given as UTF-8 bytes.
    case utf8([UInt8])

    static func optional(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }
}
