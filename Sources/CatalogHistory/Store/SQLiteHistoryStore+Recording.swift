import Foundation

/// Recording an observation: its versions, its links and its changes against the observation before it.
extension SQLiteHistoryStore {
    public func record(_ state: CatalogState, source: String, at date: Date, etag: String?) throws(HistoryError)
        -> RecordResult
    {
        try guarded { () throws(SQLiteError) in
            try database.immediateTransaction { () throws(SQLiteError) in
                try recordInTransaction(state, source: source, at: Self.milliseconds(date), etag: etag)
            }
        }
    }

    private func recordInTransaction(_ state: CatalogState, source: String, at time: Int, etag: String?)
        throws(SQLiteError) -> RecordResult
    {
        // A time in whole seconds (a cached read is dated by the cache, which keeps seconds) matches the download it
        // came from, recorded to the millisecond within that second.
        let same = try database.prepare(
            """
            SELECT \(Self.observationColumns) FROM observations WHERE source = ?1 AND digest = ?2
            AND observed_at >= ?3 AND observed_at <= ?3 + CASE WHEN ?3 % 1000 = 0 THEN 999 ELSE 0 END
            """
        )
        if try same.bind(.text(source), .text(state.digest), .integer(time)).step() {
            return .alreadyRecorded(Self.observation(same))
        }
        let before = try observation(of: source, where: "observed_at <= ?2 ORDER BY observed_at DESC, id DESC", time)
        if var before, before.digest == state.digest {
            let lastSeen = max(Self.milliseconds(before.lastSeenAt), time)
            try database.prepare("UPDATE observations SET last_seen_at = ?1, etag = coalesce(?2, etag) WHERE id = ?3")
                .bind(.integer(lastSeen), .optional(etag), .integer(before.id)).run()
            before.lastSeenAt = Self.date(lastSeen)
            if let etag { before.etag = etag }
            return .seenAgain(before)
        }
        if let before, Self.milliseconds(before.lastSeenAt) > time { return .contradicts(before) }
        let after = try observation(of: source, where: "observed_at > ?2 ORDER BY observed_at, id", time)

        try database.prepare(
            """
            INSERT INTO observations (source, observed_at, last_seen_at, etag, digest, provider_count, model_count)
            VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)
            """
        ).bind(
            .text(source), .integer(time), .optional(etag), .text(state.digest), .integer(state.providerCount),
            .integer(state.modelCount)
        ).run()
        let id = database.lastInsertedRowID
        let previous = try before.map { observation throws(SQLiteError) in try storedEntries(of: observation.id) }
        let changes = try storeEntries(state.entries, observation: id, comparingWith: previous)
        try insert(changes, observation: id)

        if let after {
            // The later observation's changes were against the one before this; now they are against this one.
            try database.prepare("DELETE FROM provider_changes WHERE observation_id = ?1").bind(.integer(after.id))
                .run()
            let mine = try storedEntries(of: id)
            let later = try entries(of: after.id)
            let oldBody = try bodyReader()
            var laterChanges: [CatalogChange] = []
            try CatalogDelta.walk(from: mine, to: later) { old, new throws(SQLiteError) in
                try CatalogDelta.append(from: old, to: new, oldBody: oldBody, into: &laterChanges)
            }
            try insert(laterChanges, observation: after.id)
        }
        let observation = Observation(
            id: id, source: source, observedAt: Self.date(time),
            lastSeenAt: Self.date(time), etag: etag, digest: state.digest,
            providerCount: state.providerCount, modelCount: state.modelCount)
        return .recorded(observation, changes: changes.count)
    }

    /// Stores each entry's version (reusing the previous observation's where the digest is the same), links it to
    /// the observation, and returns the changes from `previous` (none for a first observation).
    ///
    /// One walk over the two sorted lists finds the new versions and the changes; the versions and links are then
    /// inserted many rows a statement.
    private func storeEntries(
        _ entries: [CatalogState.Entry], observation: Int, comparingWith previous: [StoredEntry]?
    ) throws(SQLiteError) -> [CatalogChange] {
        let oldBody = try bodyReader()
        var changes: [CatalogChange] = []
        // Each entry's version id, in entry order; new versions get the ids after the largest (the transaction is
        // the only writer).
        var links: [Int] = []
        links.reserveCapacity(entries.count)
        var added: [(entry: Int, id: Int)] = []
        var nextID = (try database.integer("SELECT max(id) FROM versions") ?? 0) + 1
        try CatalogDelta.walk(from: previous ?? [], to: entries) { old, new throws(SQLiteError) in
            if let new {
                if let old, old.digest == new.digest {
                    links.append(old.id)
                } else {
                    added.append((links.count, nextID))
                    links.append(nextID)
                    nextID += 1
                }
            }
            if previous != nil { try CatalogDelta.append(from: old, to: new, oldBody: oldBody, into: &changes) }
        }
        try insertVersions(added, of: entries, links: &links)
        try database.prepare("INSERT INTO observation_entries (observation_id, version_ids) VALUES (?1, ?2)")
            .bind(.integer(observation), .text(Self.versionList(links))).run()
        return changes
    }

    /// Inserts the versions of `entries` listed in `added` under their new ids.
    ///
    /// A version the store already holds (a value that came back after an observation without it) keeps its id,
    /// which replaces the new one in `links`.
    private func insertVersions(
        _ added: [(entry: Int, id: Int)], of entries: [CatalogState.Entry], links: inout [Int]
    ) throws(SQLiteError) {
        func values(_ index: Int, _ values: inout [SQLiteValue]) {
            let entry = entries[added[index].entry]
            values.append(.integer(added[index].id))
            values.append(.text(entry.provider))
            values.append(.text(entry.model))
            values.append(.text(entry.digest))
            values.append(.text(entry.body))
        }
        do {
            try database.insert(
                "INSERT INTO versions (id, provider, model, digest, body)", columns: 5, rows: added.count,
                values: values)
            return
        } catch let error where error.primaryCode == SQLiteError.constraint {
            // One at a time below: the batches inserted before the failing one are kept and found again.
        }
        let insert = try database.prepare(
            "INSERT OR IGNORE INTO versions (id, provider, model, digest, body) VALUES (?1, ?2, ?3, ?4, ?5)")
        let find = try database.prepare("SELECT id FROM versions WHERE provider = ?1 AND model = ?2 AND digest = ?3")
        var bound: [SQLiteValue] = []
        for (index, version) in added.enumerated() {
            bound.removeAll(keepingCapacity: true)
            values(index, &bound)
            try insert.bind(bound).run()
            guard database.changedRowCount == 0 else { continue }
            let entry = entries[version.entry]
            guard try find.bind(.text(entry.provider), .text(entry.model), .text(entry.digest)).step() else {
                throw SQLiteError(code: 1, message: "a stored version could not be found again")
            }
            links[version.entry] = find.int(0)
        }
    }

    /// Inserts `changes`, in entry order, a row per provider.
    private func insert(_ changes: [CatalogChange], observation: Int) throws(SQLiteError) {
        var rows: [(observation: Int, provider: String, changes: [UInt8])] = []
        var start = 0
        while start < changes.count {
            var end = start + 1
            while end < changes.count && changes[end].provider == changes[start].provider { end += 1 }
            rows.append((observation, changes[start].provider, ChangeLines.encode(changes[start..<end])))
            start = end
        }
        try Self.insertProviderChanges(rows, into: database)
    }

    /// The ids, digest and version id of every entry of an observation, in entry order.
    private func storedEntries(of observation: Int) throws(SQLiteError) -> [StoredEntry] {
        let statement = try database.prepare("SELECT v.provider, v.model, v.digest, v.id \(Self.entriesOfObservation)")
            .bind(.integer(observation))
        var result: [StoredEntry] = []
        while try statement.step() {
            result.append(
                StoredEntry(
                    provider: statement.text(0) ?? "", model: statement.text(1) ?? "", digest: statement.text(2) ?? "",
                    id: statement.int(3)))
        }
        return CatalogDelta.inEntryOrder(result)
    }

    /// Every entry of an observation, with its body, in entry order.
    private func entries(of observation: Int) throws(SQLiteError) -> [CatalogState.Entry] {
        let statement = try database.prepare(
            "SELECT v.provider, v.model, v.body, v.digest \(Self.entriesOfObservation)"
        )
        .bind(.integer(observation))
        var result: [CatalogState.Entry] = []
        while try statement.step() {
            result.append(
                CatalogState.Entry(
                    provider: statement.text(0) ?? "", model: statement.text(1) ?? "", body: statement.text(2) ?? "",
                    digest: statement.text(3) ?? ""))
        }
        return CatalogDelta.inEntryOrder(result)
    }

    /// A reader of stored bodies by version id, with its statement prepared once.
    private func bodyReader() throws(SQLiteError) -> (Int) throws(SQLiteError) -> String {
        let statement = try database.prepare("SELECT body FROM versions WHERE id = ?1")
        return { id throws(SQLiteError) in
            try statement.bind(.integer(id))
            return try statement.step() ? statement.text(0) ?? "" : ""
        }
    }
}
