#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

/// Keeps the write-ahead log when the last connection closes: `sqlite3_db_config` is variadic, which Swift cannot
/// call.
static inline int modelsync_sqlite3_keep_wal_on_close(sqlite3 *database) {
    return sqlite3_db_config(database, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
#endif
