internal import CSQLite

/// Owns one SQLite connection (`sqlite3 *`) and closes it in `deinit`.
///
/// Not thread-safe: one connection per store, used from one task at a time. Errors carry SQLite's own message and
/// its primary result code, so a caller can tell a busy database from a corrupt one.
final class SQLiteDatabase {
    private let handle: OpaquePointer

    /// Opens the database at `path`.
    ///
    /// `create` makes the file when it does not exist. The connection waits up to `busyTimeoutMilliseconds` for
    /// another connection's lock.
    init(path: String, create: Bool, busyTimeoutMilliseconds: Int) throws(SQLiteError) {
        var flags = SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else { throw SQLiteError(code: code, message: "out of memory") }
        guard code == SQLITE_OK else {
            let error = SQLiteError(code: code, message: String(cString: sqlite3_errmsg(opened)))
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        sqlite3_busy_timeout(handle, Int32(clamping: busyTimeoutMilliseconds))
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that bind nothing and return no rows that matter.
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text)
        }
    }

    /// A prepared statement for `sql`, to bind and step.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, message: lastErrorMessage)
        }
        return SQLiteStatement(statement, database: self)
    }

    /// Runs `insert` (`INSERT INTO name (column, …)`, `columns` of them) for `rows` rows, `values` appending
    /// row `index`'s values: up to 64 rows a statement, so that SQLite runs its insert program once for many rows.
    func insert(
        _ insert: String, columns: Int, rows: Int, values: (_ index: Int, _ values: inout [SQLiteValue]) -> Void
    ) throws(SQLiteError) {
        let batch = 64
        func prepared(rows count: Int) throws(SQLiteError) -> SQLiteStatement {
            let tuples = (0..<count).map { offset in
                "(" + (1...columns).map { "?\(offset * columns + $0)" }.joined(separator: ",") + ")"
            }
            return try prepare(insert + " VALUES " + tuples.joined(separator: ","))
        }
        var full: SQLiteStatement?
        var bound: [SQLiteValue] = []
        bound.reserveCapacity(batch * columns)
        var start = 0
        while start < rows {
            let count = min(batch, rows - start)
            bound.removeAll(keepingCapacity: true)
            for index in start..<(start + count) { values(index, &bound) }
            let statement: SQLiteStatement
            if count < batch {
                statement = try prepared(rows: count)
            } else if let full {
                statement = full
            } else {
                statement = try prepared(rows: batch)
                full = statement
            }
            try statement.bind(bound).run()
            start += count
        }
    }

    /// The first column of the first row of `sql`, as an integer; `nil` when there is no row.
    func integer(_ sql: String) throws(SQLiteError) -> Int? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int(0) : nil
    }

    /// The first column of the first row of `sql`, as text; `nil` when there is no row or the value is NULL.
    func text(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.text(0) : nil
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` (the write lock is taken at the start, so two writers wait for
    /// each other instead of failing half-way); rolls back when it throws.
    func immediateTransaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The row id of the last row inserted through this connection.
    var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    /// The number of rows the last statement changed.
    var changedRowCount: Int { Int(sqlite3_changes(handle)) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }
}
