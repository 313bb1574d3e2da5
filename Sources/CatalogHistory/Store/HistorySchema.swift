/// The history's SQLite schema, as the migrations that build it.
///
/// Migration `n` takes a file from version `n` to `n + 1`, inside the transaction that opens the file. Never edit a
/// migration that has shipped; add one, and a test that opens a file of the old version (`Tests/Fixtures/history/`).
enum HistorySchema {
    /// The version the migrations reach.
    static let latest = 2

    /// Takes the file from `version` to `version + 1`.
    static func migrate(from version: Int, _ database: SQLiteDatabase) throws(SQLiteError) {
        switch version {
        case 0: try database.execute(version1)
        case 1: try migrateToVersion2(database)
        default: break
        }
    }

    /// 1: observations, versions, links and changes.
    ///
    /// The observations of each source; each provider's and model's tracked values, stored once per distinct state
    /// (`versions`) and linked to every observation that saw them; the changes between consecutive observations of
    /// a source, a row each. Times are milliseconds since 1970, UTC.
    static let version1 = """
        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            observed_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            etag TEXT,
            digest TEXT NOT NULL,
            provider_count INTEGER NOT NULL,
            model_count INTEGER NOT NULL
        );
        CREATE INDEX observations_by_source ON observations (source, observed_at);
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            digest TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (provider, model, digest)
        );
        CREATE TABLE observation_versions (
            observation_id INTEGER NOT NULL,
            version_id INTEGER NOT NULL,
            PRIMARY KEY (observation_id, version_id)
        ) WITHOUT ROWID;
        CREATE TABLE changes (
            observation_id INTEGER NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            key TEXT,
            kind TEXT NOT NULL,
            old TEXT,
            new TEXT
        );
        CREATE INDEX changes_by_observation ON changes (observation_id);
        CREATE INDEX changes_by_model ON changes (provider, model);
        """

    /// 2: an observation's entries and its changes of each provider as one row each.
    ///
    /// An observation's entries become one row, the JSON array of their version ids in entry order
    /// (`observation_entries`), and its changes one row per provider (`provider_changes`, ``ChangeLines``), where
    /// the first schema wrote a row per entry and per change: each observation of a catalog of 5,000 models wrote
    /// 5,000 link rows, and half a year of upstream changes 7,000 change rows.
    static func migrateToVersion2(_ database: SQLiteDatabase) throws(SQLiteError) {
        try database.execute(
            """
            CREATE TABLE observation_entries (
                observation_id INTEGER PRIMARY KEY,
                version_ids TEXT NOT NULL
            );
            CREATE TABLE provider_changes (
                id INTEGER PRIMARY KEY,
                observation_id INTEGER NOT NULL,
                provider TEXT NOT NULL,
                changes TEXT NOT NULL
            );
            CREATE INDEX provider_changes_by_observation ON provider_changes (observation_id);
            CREATE INDEX provider_changes_by_provider ON provider_changes (provider);
            """)
        let observations = try database.prepare("SELECT id FROM observations ORDER BY id")
        var ids: [Int] = []
        while try observations.step() { ids.append(observations.int(0)) }
        let links = try database.prepare(
            """
            SELECT v.provider, v.model, v.digest, v.id FROM observation_versions o JOIN versions v ON v.id = o.version_id
            WHERE o.observation_id = ?1 ORDER BY v.provider, v.model
            """)
        let insertEntries = try database.prepare(
            "INSERT INTO observation_entries (observation_id, version_ids) VALUES (?1, ?2)")
        for id in ids {
            try links.bind(.integer(id))
            var entries: [StoredEntry] = []
            while try links.step() {
                entries.append(
                    StoredEntry(
                        provider: links.text(0) ?? "", model: links.text(1) ?? "", digest: links.text(2) ?? "",
                        id: links.int(3)))
            }
            let ordered = CatalogDelta.inEntryOrder(entries).map(\.id)
            try insertEntries.bind(.integer(id), .text(SQLiteHistoryStore.versionList(ordered))).run()
        }

        // In the order the first schema's queries gave them.
        let changes = try database.prepare(
            """
            SELECT observation_id, provider, model, key, old, new FROM changes
            ORDER BY observation_id, provider, model, key
            """)
        var rows: [(observation: Int, provider: String, changes: [UInt8])] = []
        var group: [CatalogChange] = []
        var groupObservation = 0
        func flush() {
            guard let provider = group.first?.provider else { return }
            rows.append((groupObservation, provider, ChangeLines.encode(group[...])))
            group.removeAll(keepingCapacity: true)
        }
        while try changes.step() {
            let observation = changes.int(0)
            let change = CatalogChange(
                provider: changes.text(1) ?? "", model: changes.text(2) ?? "", key: changes.text(3),
                old: changes.text(4), new: changes.text(5))
            if observation != groupObservation || change.provider != group.first?.provider { flush() }
            groupObservation = observation
            group.append(change)
        }
        flush()
        try SQLiteHistoryStore.insertProviderChanges(rows, into: database)
        try database.execute("DROP TABLE observation_versions; DROP TABLE changes;")
    }
}
