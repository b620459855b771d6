/* amdahl.c: the compute kernel and the C-only handler of the `amdahl`
 * scenario.  The handler asks SQLite the same fixed question as
 * pyref/amdahl.py (prepared once, reset on every call), then computes. */
#include "amdahl.h"

#include "gb_cache.h"
#include "gb_kernel.h"
#include "gb_prng.h"
#include "gb_sqlite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* These must stay equal to the constants of pyref/amdahl.py. */
#define AMDAHL_DB_FORMAT 1
#define AMDAHL_ROWS 20000
#define AMDAHL_SENSORS 16
#define AMDAHL_ITERS_PER_QUERY 8000
#define AMDAHL_QUERY "SELECT count(*), sum(value) FROM readings WHERE sensor = 3"

int64_t gb_amdahl_iterations(int64_t share)
{
    if (share < 0 || share >= 100)
        return -1;
    return AMDAHL_ITERS_PER_QUERY * share / (100 - share);
}

int64_t gb_amdahl_compute(int64_t value, int64_t iters)
{
    /* Python's % is never negative; value is never negative here either. */
    uint32_t x = (uint32_t)(value % 65537);
    int64_t acc = 0;
    for (int64_t i = 0; i < iters; i++) {
        x = (x * 75 + 74) % 65537;
        acc += x;
    }
    return acc;
}

/* --- the database --------------------------------------------------------- */

int gb_amdahl_db_path(char *buf, size_t len, uint64_t seed)
{
    int n = snprintf(buf, len, "%s/gluebench-amdahl-v%d-r%d-s%llu.sqlite", gb_cache_dir(),
                     AMDAHL_DB_FORMAT, AMDAHL_ROWS, (unsigned long long)seed);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* One draw per row, as pyref/amdahl.py generate_readings() makes them. */
static int insert_rows(sqlite3 *db, void *ctx, char *err, size_t errlen)
{
    uint64_t seed = *(const uint64_t *)ctx;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO readings VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
        return gb_sqlite_fail(db, "prepare insert", err, errlen);
    gb_rng rng = gb_rng_new(seed);
    int rc = 0;
    for (int64_t id = 1; id <= AMDAHL_ROWS && rc == 0; id++) {
        uint64_t z = gb_rng_next(&rng);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)(z & (AMDAHL_SENSORS - 1)));
        sqlite3_bind_int64(st, 3, (int64_t)((z >> 32) % 1000));
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = gb_sqlite_fail(db, "insert reading", err, errlen);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int gb_amdahl_build(const char *path, uint64_t seed, char *err, size_t errlen)
{
    static const char schema[] = "CREATE TABLE readings (id INTEGER PRIMARY KEY,"
                                 " sensor INTEGER NOT NULL, value INTEGER NOT NULL)";
    return gb_sqlite_build(path, schema, NULL, insert_rows, &seed, err, errlen);
}

/* --- the C-only handler --------------------------------------------------- */

typedef struct amdahl_input {
    sqlite3 *db;
    sqlite3_stmt *query;
    int64_t iters;
} amdahl_input;

static void input_free(amdahl_input *in)
{
    if (!in)
        return;
    sqlite3_finalize(in->query);
    sqlite3_close(in->db);
    free(in);
}

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    amdahl_input *in = calloc(1, sizeof *in);
    char path[4096];
    if (!in) {
        snprintf(err, GB_ERR_LEN, "out of memory");
        return NULL;
    }
    in->iters = gb_amdahl_iterations(gb_param(params, "share", -1));
    if (in->iters < 0) {
        snprintf(err, GB_ERR_LEN, "parameter share must be set, 0 <= share < 100");
        goto fail;
    }
    if (gb_amdahl_db_path(path, sizeof path, seed) < 0) {
        snprintf(err, GB_ERR_LEN, "database path too long");
        goto fail;
    }
    /* A missing cache folder is made; any other failure shows in the build. */
    if (access(path, F_OK) != 0)
        mkdir(gb_cache_dir(), 0777);
    if (access(path, F_OK) != 0 && gb_amdahl_build(path, seed, err, GB_ERR_LEN) < 0)
        goto fail;
    if (sqlite3_open_v2(path, &in->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(in->db, AMDAHL_QUERY, -1, &in->query, NULL) != SQLITE_OK) {
        gb_sqlite_fail(in->db, "open database", err, GB_ERR_LEN);
        goto fail;
    }
    return in;
fail:
    input_free(in);
    return NULL;
}

/* The handler in C: the query through the C API, then the compute.  A
 * failed query answers None, which the harness reports as a wrong answer. */
static gb_answer c_handler(void *input)
{
    amdahl_input *in = input;
    if (sqlite3_step(in->query) != SQLITE_ROW) {
        sqlite3_reset(in->query);
        return gb_answer_none();
    }
    int64_t value = sqlite3_column_int64(in->query, 0) * 1000 + sqlite3_column_int64(in->query, 1);
    sqlite3_reset(in->query);
    return gb_answer_int(value + gb_amdahl_compute(value, in->iters));
}

static void c_teardown(void *input)
{
    input_free(input);
}

static const gb_cvariant variants[] = {
    {"handler", c_setup, c_handler, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
