/// The history's SQLite schema, as the migrations that build it.
///
/// Migration `n` takes a file from version `n` to `n + 1`. Never edit a migration that has shipped; add one, and a test that opens a file of the old version
/// (`Tests/Fixtures/history/`).
enum HistorySchema {
    static let migrations = [
        // 1: observations of each source; each provider's and model's tracked values, stored once per distinct
        // state (`versions`) and linked to every observation that saw them; the changes between consecutive
        // observations of a source. Times are milliseconds since 1970, UTC.
        """
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
    ]
}
