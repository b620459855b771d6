/* gb_sqlite.c: building a SQLite file atomically. */
#include "gb_sqlite.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int gb_sqlite_fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

static int exec_sql(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return gb_sqlite_fail(db, sql, err, errlen);
    return 0;
}

/* Everything between open and close; the journal is off because a half
 * built file is thrown away anyway. */
static int create(sqlite3 *db, const char *schema, const char *after, gb_sqlite_fill fill,
                  void *ctx, char *err, size_t errlen)
{
    if (exec_sql(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", err, errlen) < 0 ||
        exec_sql(db, schema, err, errlen) < 0 || exec_sql(db, "BEGIN", err, errlen) < 0 ||
        fill(db, ctx, err, errlen) < 0 || (after && exec_sql(db, after, err, errlen) < 0) ||
        exec_sql(db, "COMMIT", err, errlen) < 0)
        return -1;
    return 0;
}

int gb_sqlite_build(const char *path, const char *schema, const char *after,
                    gb_sqlite_fill fill, void *ctx, char *err, size_t errlen)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    sqlite3 *db = NULL;
    int rc = -1;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        gb_sqlite_fail(db, "create database", err, errlen);
    else if (create(db, schema, after, fill, ctx, err, errlen) == 0) {
        if (sqlite3_close(db) != SQLITE_OK)
            gb_sqlite_fail(db, "close database", err, errlen);
        else if ((db = NULL, rename(tmp, path)) != 0)
            snprintf(err, errlen, "rename %s: %s", tmp, strerror(errno));
        else
            rc = 0;
    }
    if (db)
        sqlite3_close(db);
    if (rc < 0)
        unlink(tmp);
    return rc;
}
