import Foundation

/// The history in one SQLite file, through the system's libsqlite3 (docs/history.md#storage).
///
/// The file is in WAL mode, so a reader never waits for a writer; writers take the lock at the start of their
/// transaction and wait for each other up to the busy timeout. A file that is not a modelsync history (another
/// SQLite database, another file, a damaged one, or one of a newer schema) is refused and never written.
public final class SQLiteHistoryStore: HistoryStore {
    /// The schema this version writes; `PRAGMA user_version` of the file.
    public static let schemaVersion = HistorySchema.latest
    /// `PRAGMA application_id` of every modelsync history: "MSYH".
    static let applicationID = 0x4D53_5948

    public let location: String
    let database: SQLiteDatabase

    /// Opens the store at `path`.
    ///
    /// `create` makes the file (not its directory) when it is missing; otherwise a missing file is
    /// ``HistoryError/Reason/missing``. Waits up to `busyTimeoutMilliseconds` for another process's
    /// lock at each step.
    public init(path: String, create: Bool, busyTimeoutMilliseconds: Int = 2_000) throws(HistoryError) {
        location = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw HistoryError(location: path, reason: .missing) }
        if exists { try Self.checkHeader(path) }
        do {
            database = try SQLiteDatabase(
                path: path, create: create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch {
            throw Self.error(error, location: path)
        }
        do {
            try prepareSchema()
        } catch let error as HistoryError {
            throw error
        } catch let error as SQLiteError {
            throw Self.error(error, location: path)
        } catch {
            throw HistoryError(location: path, reason: .failed("\(error)"))
        }
    }

    /// Refuses a non-empty file that does not start with SQLite's header, before SQLite opens it.
    private static func checkHeader(_ path: String) throws(HistoryError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HistoryError(location: path, reason: .failed("cannot be read"))
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw HistoryError(location: path, reason: .corrupt("the file is not an SQLite database"))
        }
    }

    /// Checks the file is a modelsync history of a known schema, sets WAL mode, and creates or migrates the schema
    /// in one transaction (so two processes starting at once migrate once).
    private func prepareSchema() throws {
        let application = try database.integer("PRAGMA application_id") ?? 0
        let tables = try database.integer("SELECT count(*) FROM sqlite_master") ?? 0
        if application != Self.applicationID && (application != 0 || tables > 0) {
            throw HistoryError(location: location, reason: .foreign)
        }
        let version = try database.integer("PRAGMA user_version") ?? 0
        // Another program's database, even one without tables, has no modelsync id: only an empty one is taken.
        if application != Self.applicationID && version != 0 {
            throw HistoryError(location: location, reason: .foreign)
        }
        if version > Self.schemaVersion {
            throw HistoryError(location: location, reason: .newerSchema(version))
        }
        if try database.text("PRAGMA journal_mode") != "wal" {
            _ = try database.text("PRAGMA journal_mode=WAL")
        }
        try database.execute("PRAGMA synchronous=NORMAL")
        // The entries of an observation are a JSON array (SQLite 3.38 and later have the JSON functions built in).
        do {
            _ = try database.text("SELECT json_array(1)")
        } catch {
            throw HistoryError(
                location: location,
                reason: .failed("this system's SQLite has no JSON functions (SQLite 3.38 or later has them built in)"))
        }
        guard version < Self.schemaVersion else { return }
        try database.immediateTransaction { () throws(SQLiteError) in
            let current = try database.integer("PRAGMA user_version") ?? 0
            // Another process may have migrated the file since it was first read.
            guard current < Self.schemaVersion else { return }
            for version in current..<Self.schemaVersion {
                try HistorySchema.migrate(from: version, database)
            }
            try database.execute(
                "PRAGMA application_id=\(Self.applicationID); PRAGMA user_version=\(Self.schemaVersion)")
        }
    }

    // MARK: Reading

    public func latestObservation(source: String) throws(HistoryError) -> Observation? {
        try guarded { () throws(SQLiteError) in
            try observation(of: source, where: "1 ORDER BY observed_at DESC, id DESC", nil)
        }
    }

    public func observations(source: String) throws(HistoryError) -> [Observation] {
        try guarded { () throws(SQLiteError) in try allObservations(of: source) }
    }

    public func timeline(source: String, provider: String, model: String, key: String?) throws(HistoryError)
        -> ModelTimeline
    {
        try guarded { () throws(SQLiteError) in
            let all = try allObservations(of: source)
            var changes: [RecordedChange] = []
            try providerChanges(source: source, provider: provider) { recorded in
                // Byte for byte, as SQLite keys the ids.
                if recorded.change.model.utf8.elementsEqual(model.utf8) { changes.append(recorded) }
            }
            let presence = Self.presence(
                of: changes, in: all, listedAtFirst: try isListed(provider, model, in: all.first))
            let shown = key.map { key in
                changes.filter { change in change.change.key.map { $0 == key || $0.hasPrefix(key + ".") } ?? true }
            }
            return ModelTimeline(
                provider: provider, model: model, firstSeen: presence.firstSeen, lastSeen: presence.lastSeen,
                vanished: presence.vanished, changes: shown ?? changes)
        }
    }

    public func changes(_ query: ChangeQuery) throws(HistoryError) -> [RecordedChange] {
        var result: [RecordedChange] = []
        for group in try changesByObservation(query) {
            for provider in group.providers {
                provider.forEachChange { fields in
                    result.append(
                        RecordedChange(
                            change: fields.change, observedAt: group.observedAt, observationID: group.observationID))
                }
            }
        }
        return result
    }

    public func changesByObservation(_ query: ChangeQuery) throws(HistoryError) -> [ObservationChanges] {
        try guarded { () throws(SQLiteError) in
            var conditions = ["o.source = ?1"]
            var values: [SQLiteValue] = [.text(query.source)]
            if let since = query.since {
                values.append(.integer(Self.milliseconds(since)))
                conditions.append("o.observed_at >= ?\(values.count)")
            }
            if let until = query.until {
                values.append(.integer(Self.milliseconds(until)))
                conditions.append("o.observed_at <= ?\(values.count)")
            }
            if let provider = query.provider {
                values.append(.text(provider))
                conditions.append("p.provider = ?\(values.count)")
            }
            let statement = try database.prepare(
                """
                SELECT p.provider, p.changes, o.observed_at, o.id FROM provider_changes p
                JOIN observations o ON o.id = p.observation_id WHERE \(conditions.joined(separator: " AND "))
                ORDER BY o.observed_at, o.id, p.provider
                """
            ).bind(values)
            var groups: [ObservationChanges] = []
            while try statement.step() {
                let provider = StoredProviderChanges(
                    provider: statement.text(0) ?? "", lines: statement.bytes(1), kinds: query.kinds)
                // With kinds to select, a provider's row may hold none of them.
                if !query.kinds.isEmpty {
                    var selected = false
                    provider.forEachChange { _ in selected = true }
                    guard selected else { continue }
                }
                let id = statement.int(3)
                if groups.last?.observationID == id {
                    groups[groups.count - 1].providers.append(provider)
                } else {
                    groups.append(
                        ObservationChanges(
                            observationID: id, observedAt: Self.date(statement.int(2)), providers: [provider]))
                }
            }
            return groups
        }
    }

    public func valueAges(source: String, provider: String) throws(HistoryError) -> ValueAges {
        try guarded { () throws(SQLiteError) in
            guard let first = try observation(of: source, where: "1 ORDER BY observed_at, id", nil),
                let latest = try observation(of: source, where: "1 ORDER BY observed_at DESC, id DESC", nil)
            else { return ValueAges(firstObservation: nil, lastChange: [:], listed: []) }
            var lastChange: [String: [String: Date]] = [:]
            try providerChanges(source: source, provider: provider) { recorded in
                // Oldest first: the last one seen of each key is its last change.
                lastChange[recorded.change.model, default: [:]][recorded.change.key ?? ""] = recorded.observedAt
            }
            let listedStatement = try database.prepare(
                "SELECT v.model \(Self.entriesOfObservation) AND v.provider = ?2"
            ).bind(.integer(latest.id), .text(provider))
            var listed = Set<String>()
            while try listedStatement.step() { listed.insert(listedStatement.text(0) ?? "") }
            return ValueAges(firstObservation: first.observedAt, lastChange: lastChange, listed: listed)
        }
    }

    public func modelIDs(source: String, provider: String?) throws(HistoryError) -> [ListedModel] {
        try guarded { () throws(SQLiteError) in
            guard let latest = try observation(of: source, where: "1 ORDER BY observed_at DESC, id DESC", nil) else {
                return []
            }
            let statement = try database.prepare(
                """
                SELECT v.provider, v.model \(Self.entriesOfObservation) AND (?2 IS NULL OR v.provider = ?2)
                ORDER BY v.provider, v.model
                """
            ).bind(.integer(latest.id), .optional(provider))
            var result: [ListedModel] = []
            while try statement.step() {
                result.append(ListedModel(provider: statement.text(0) ?? "", model: statement.text(1) ?? ""))
            }
            return result
        }
    }

    public func vacuum(before date: Date) throws(HistoryError) -> VacuumResult {
        let bytesBefore = fileSize()
        let removed = try guarded { () throws(SQLiteError) -> (Int, Int) in
            try database.immediateTransaction { () throws(SQLiteError) -> (Int, Int) in
                // Each source's newest observation by time (imports of older snapshots get higher ids).
                let keep = """
                    SELECT (SELECT id FROM observations n WHERE n.source = o.source
                            ORDER BY n.observed_at DESC, n.id DESC LIMIT 1)
                    FROM observations o GROUP BY o.source
                    """
                let old = "SELECT id FROM observations WHERE last_seen_at < ?1 AND id NOT IN (\(keep))"
                // Each row's changes are its lines.
                let lines = try database.prepare(
                    """
                    SELECT coalesce(sum(length(CAST(changes AS BLOB))
                        - length(CAST(replace(changes, char(10), '') AS BLOB))), 0)
                    FROM provider_changes WHERE observation_id IN (\(old))
                    """
                ).bind(.integer(Self.milliseconds(date)))
                let removedChanges = try lines.step() ? lines.int(0) : 0
                try database.prepare("DELETE FROM provider_changes WHERE observation_id IN (\(old))")
                    .bind(.integer(Self.milliseconds(date))).run()
                try database.prepare("DELETE FROM observation_entries WHERE observation_id IN (\(old))")
                    .bind(.integer(Self.milliseconds(date))).run()
                try database.prepare("DELETE FROM observations WHERE id IN (\(old))")
                    .bind(.integer(Self.milliseconds(date))).run()
                let observations = database.changedRowCount
                try database.execute(
                    """
                    DELETE FROM versions WHERE id NOT IN
                    (SELECT j.value FROM observation_entries e, json_each(e.version_ids) j)
                    """)
                return (observations, removedChanges)
            }
        }
        try guarded { () throws(SQLiteError) in
            try database.execute("VACUUM")
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return VacuumResult(
            observationsRemoved: removed.0, changesRemoved: removed.1, bytesBefore: bytesBefore,
            bytesAfter: fileSize())
    }

    // MARK: Helpers

    /// `FROM` and `WHERE` of a query of the versions of observation `?1`'s entries, as `v`, in the order they are
    /// stored (entry order, which the callers that need it check); more conditions follow with `AND`.
    static let entriesOfObservation = """
        FROM observation_entries e, json_each(e.version_ids) j JOIN versions v ON v.id = j.value
        WHERE e.observation_id = ?1
        """

    /// Calls `each` with every change of `provider` in the history of `source`, oldest first.
    func providerChanges(source: String, provider: String, _ each: (RecordedChange) -> Void) throws(SQLiteError) {
        let statement = try database.prepare(
            """
            SELECT p.changes, o.observed_at, o.id FROM provider_changes p JOIN observations o ON o.id = p.observation_id
            WHERE o.source = ?1 AND p.provider = ?2 ORDER BY o.observed_at, o.id
            """
        ).bind(.text(source), .text(provider))
        while try statement.step() {
            let (observedAt, id) = (Self.date(statement.int(1)), statement.int(2))
            ChangeLines.decode(statement.bytes(0), provider: provider) { change in
                each(RecordedChange(change: change, observedAt: observedAt, observationID: id))
            }
        }
    }

    /// The JSON array of version ids that `observation_entries` keeps.
    static func versionList(_ ids: [Int]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(ids.count * 6 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(id).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Inserts one observation's (or several's) changes, a row per provider.
    static func insertProviderChanges(
        _ rows: [(observation: Int, provider: String, changes: [UInt8])], into database: SQLiteDatabase
    ) throws(SQLiteError) {
        try database.insert(
            "INSERT INTO provider_changes (observation_id, provider, changes)", columns: 3, rows: rows.count
        ) { index, values in
            values.append(.integer(rows[index].observation))
            values.append(.text(rows[index].provider))
            values.append(.utf8(rows[index].changes))
        }
    }

    static let observationColumns =
        "id, source, observed_at, last_seen_at, etag, digest, provider_count, model_count"

    func observation(of source: String, where condition: String, _ time: Int?) throws(SQLiteError)
        -> Observation?
    {
        let statement = try database.prepare(
            "SELECT \(Self.observationColumns) FROM observations WHERE source = ?1 AND \(condition) LIMIT 1")
        try statement.bind(time.map { [.text(source), .integer($0)] } ?? [.text(source)])
        return try statement.step() ? Self.observation(statement) : nil
    }

    /// Every observation of `source`, oldest first.
    private func allObservations(of source: String) throws(SQLiteError) -> [Observation] {
        let statement = try database.prepare(
            "SELECT \(Self.observationColumns) FROM observations WHERE source = ?1 ORDER BY observed_at, id"
        ).bind(.text(source))
        var result: [Observation] = []
        while try statement.step() { result.append(Self.observation(statement)) }
        return result
    }

    private func isListed(_ provider: String, _ model: String, in observation: Observation?) throws(SQLiteError)
        -> Bool
    {
        guard let observation else { return false }
        let statement = try database.prepare(
            "SELECT 1 \(Self.entriesOfObservation) AND v.provider = ?2 AND v.model = ?3"
        ).bind(.integer(observation.id), .text(provider), .text(model))
        return try statement.step()
    }

    /// First seen, last seen and vanished, from the model's additions and removals and the observations.
    static func presence(of changes: [RecordedChange], in observations: [Observation], listedAtFirst: Bool)
        -> (firstSeen: Date?, lastSeen: Date?, vanished: Date?)
    {
        guard let first = observations.first else { return (nil, nil, nil) }
        var firstSeen: Date? = listedAtFirst ? first.observedAt : nil
        // The last removal not followed by an addition (a model may come back).
        var vanishedAt: Date?
        for recorded in changes where recorded.change.key == nil {
            if recorded.change.new != nil {
                if firstSeen == nil { firstSeen = recorded.observedAt }
                vanishedAt = nil
            } else {
                vanishedAt = recorded.observedAt
            }
        }
        guard firstSeen != nil else { return (nil, nil, nil) }
        if let vanishedAt {
            let before = observations.last { $0.observedAt < vanishedAt }
            return (firstSeen, before?.lastSeenAt, vanishedAt)
        }
        return (firstSeen, observations.last?.lastSeenAt, nil)
    }

    static func observation(_ statement: SQLiteStatement) -> Observation {
        Observation(
            id: statement.int(0), source: statement.text(1) ?? "",
            observedAt: Self.date(statement.int(2)),
            lastSeenAt: Self.date(statement.int(3)), etag: statement.text(4),
            digest: statement.text(5) ?? "", providerCount: statement.int(6), modelCount: statement.int(7))
    }

    /// Times are stored as whole milliseconds since 1970 (UTC): syncs a second apart stay apart.
    static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1_000).rounded(.down)) }

    static func date(_ milliseconds: Int) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    private func fileSize() -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: location)[.size] as? Int) ?? nil
    }

    /// Runs `body`, turning SQLite's errors into ``HistoryError``s that name the store.
    func guarded<T>(_ body: () throws(SQLiteError) -> T) throws(HistoryError) -> T {
        do {
            return try body()
        } catch {
            throw Self.error(error, location: location)
        }
    }

    static func error(_ error: SQLiteError, location: String) -> HistoryError {
        if error.isBusy { return HistoryError(location: location, reason: .busy) }
        if error.isCorrupt { return HistoryError(location: location, reason: .corrupt(error.message)) }
        if error.isReadOnly { return HistoryError(location: location, reason: .readOnly(error.message)) }
        return HistoryError(location: location, reason: .failed(error.message))
    }
}
