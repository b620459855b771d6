/* nplus1.c: kernel and C-only variants of the `nplus1` scenario.
 *
 * The database is built from the seed with the generator of
 * pyref/nplus1.py, draw for draw, so a C worker and a Python worker read the
 * same rows whichever of them built the file.  The C variants keep their
 * prepared statements for the life of the worker (reset and rebound on
 * every call): the fastest way a C program talks to SQLite.
 */
#define _POSIX_C_SOURCE 200809L /* clock_nanosleep */

#include "nplus1.h"

#include "gb_cache.h"
#include "gb_kernel.h"
#include "gb_prng.h"
#include "gb_sqlite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* These must stay equal to the constants of pyref/nplus1.py. */
#define NPLUS1_DB_FORMAT 1
#define NPLUS1_ITEMS_PER_ORDER 5
#define NPLUS1_CUSTOMERS 10000
#define NPLUS1_PICK_SALT 0x6f726465725f6964ULL

static const char *const schema_sql =
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER NOT NULL);"
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL,"
    " product INTEGER NOT NULL, quantity INTEGER NOT NULL,"
    " price_cents INTEGER NOT NULL);";
static const char *const index_sql =
    "CREATE INDEX order_items_by_order ON order_items(order_id)";
static const char *const one_order_sql =
    "SELECT quantity, price_cents FROM order_items WHERE order_id = ?";

/* --- the database --------------------------------------------------------- */

int gb_nplus1_db_path(char *buf, size_t len, int64_t orders, uint64_t seed, int index)
{
    int n = snprintf(buf, len, "%s/gluebench-nplus1-v%d-o%lld-s%llu-idx%d.sqlite",
                     gb_cache_dir(), NPLUS1_DB_FORMAT, (long long)orders,
                     (unsigned long long)seed, index ? 1 : 0);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int step_insert(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Inserts every row.  The draws come in the order pyref/nplus1.py makes
 * them: one per order (its customer), then one per item. */
typedef struct build_args {
    int64_t orders;
    uint64_t seed;
} build_args;

static int insert_rows(sqlite3 *db, void *ctx, char *err, size_t errlen)
{
    int64_t orders = ((const build_args *)ctx)->orders;
    uint64_t seed = ((const build_args *)ctx)->seed;
    sqlite3_stmt *ord = NULL, *item = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "INSERT INTO orders VALUES (?, ?)", -1, &ord, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO order_items VALUES (?, ?, ?, ?, ?)", -1, &item,
                           NULL) != SQLITE_OK) {
        gb_sqlite_fail(db, "prepare insert", err, errlen);
        goto done;
    }
    gb_rng rng = gb_rng_new(seed);
    for (int64_t id = 1; id <= orders; id++) {
        sqlite3_bind_int64(ord, 1, id);
        sqlite3_bind_int64(ord, 2, gb_rng_below(&rng, NPLUS1_CUSTOMERS));
        if (step_insert(ord) < 0) {
            gb_sqlite_fail(db, "insert order", err, errlen);
            goto done;
        }
    }
    for (int64_t id = 1; id <= NPLUS1_ITEMS_PER_ORDER * orders; id++) {
        uint64_t z = gb_rng_next(&rng);
        sqlite3_bind_int64(item, 1, id);
        sqlite3_bind_int64(item, 2, 1 + (int64_t)(((z >> 32) * (uint64_t)orders) >> 32));
        sqlite3_bind_int64(item, 3, (int64_t)((z >> 19) & 0x1fff));
        sqlite3_bind_int64(item, 4, (int64_t)(1 + (z & 7)));
        sqlite3_bind_int64(item, 5, (int64_t)(99 + ((z >> 3) & 0xffff)));
        if (step_insert(item) < 0) {
            gb_sqlite_fail(db, "insert item", err, errlen);
            goto done;
        }
    }
    rc = 0;
done:
    sqlite3_finalize(ord);
    sqlite3_finalize(item);
    return rc;
}

int gb_nplus1_build(const char *path, int64_t orders, uint64_t seed, int index,
                    char *err, size_t errlen)
{
    build_args args = {orders, seed};
    return gb_sqlite_build(path, schema_sql, index ? index_sql : NULL, insert_rows, &args, err,
                           errlen);
}

int gb_nplus1_pick(int64_t *ids, int64_t m, int64_t orders, uint64_t seed)
{
    unsigned char *seen = calloc((size_t)orders + 1, 1);
    if (!seen)
        return -1;
    gb_rng rng = gb_rng_new(seed ^ NPLUS1_PICK_SALT);
    int64_t want = m < orders ? m : orders;
    for (int64_t got = 0; got < want;) {
        int64_t id = 1 + gb_rng_below(&rng, (uint32_t)orders);
        if (!seen[id]) {
            seen[id] = 1;
            ids[got++] = id;
        }
    }
    free(seen);
    return 0;
}

/* --- the handler's input -------------------------------------------------- */

typedef struct nplus1_input {
    sqlite3 *db;
    sqlite3_stmt *one;  /* the items of one order */
    sqlite3_stmt *many; /* the items of all m orders, an IN list */
    int64_t *ids;
    int64_t m, orders;
    int64_t latency_us;
    int64_t *totals;      /* the cache: each order's total, by order id */
    unsigned char *known; /* whether totals[id] is filled */
} nplus1_input;

/* The simulated network wait of one query round trip, asleep as in
 * pyref/nplus1.py: the CPU idles until the deadline, as it does while a
 * database server across a network answers.  An absolute deadline, so a
 * signal that interrupts the sleep does not shorten the wait. */
static void round_trip(const nplus1_input *in)
{
    if (in->latency_us <= 0)
        return;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    int64_t ns = deadline.tv_nsec + in->latency_us * 1000;
    deadline.tv_sec += (time_t)(ns / 1000000000);
    deadline.tv_nsec = (long)(ns % 1000000000);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
        ;
}

/* "SELECT ... WHERE order_id IN (?,?,...)" with `count` placeholders. */
static sqlite3_stmt *prepare_in_list(sqlite3 *db, int64_t count)
{
    static const char head[] =
        "SELECT order_id, quantity, price_cents FROM order_items WHERE order_id IN (";
    size_t len = sizeof head + 2 * (size_t)count + 2;
    char *sql = malloc(len);
    if (!sql)
        return NULL;
    char *p = sql + sizeof head - 1;
    memcpy(sql, head, sizeof head - 1);
    for (int64_t i = 0; i < count; i++) {
        *p++ = i ? ',' : '?';
        if (i)
            *p++ = '?';
    }
    strcpy(p, ")");
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    free(sql);
    return st;
}

static void input_free(nplus1_input *in)
{
    if (!in)
        return;
    sqlite3_finalize(in->one);
    sqlite3_finalize(in->many);
    sqlite3_close(in->db);
    free(in->ids);
    free(in->totals);
    free(in->known);
    free(in);
}

static int open_db(nplus1_input *in, uint64_t seed, int index, char err[GB_ERR_LEN])
{
    char path[4096];
    if (gb_nplus1_db_path(path, sizeof path, in->orders, seed, index) < 0) {
        snprintf(err, GB_ERR_LEN, "database path too long");
        return -1;
    }
    /* A missing cache folder is made; any other failure shows in the build. */
    if (access(path, F_OK) != 0)
        mkdir(gb_cache_dir(), 0777);
    if (access(path, F_OK) != 0 && gb_nplus1_build(path, in->orders, seed, index, err, GB_ERR_LEN) < 0)
        return -1;
    if (sqlite3_open_v2(path, &in->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return gb_sqlite_fail(in->db, "open database", err, GB_ERR_LEN);
    return 0;
}

static nplus1_input *setup_db(const gb_params *params, uint64_t seed, int index,
                              char err[GB_ERR_LEN])
{
    nplus1_input *in = calloc(1, sizeof *in);
    if (!in) {
        snprintf(err, GB_ERR_LEN, "out of memory");
        return NULL;
    }
    in->orders = gb_param(params, "orders", -1);
    in->m = gb_param(params, "m", -1);
    in->latency_us = gb_param(params, "latency_us", 0);
    if (in->orders < 1 || in->orders >= (1LL << 32) || in->m < 1) {
        snprintf(err, GB_ERR_LEN, "parameters orders and m must be set and positive");
        goto fail;
    }
    if (in->m > in->orders)
        in->m = in->orders;
    in->ids = malloc((size_t)in->m * sizeof *in->ids);
    if (!in->ids || gb_nplus1_pick(in->ids, in->m, in->orders, seed) < 0) {
        snprintf(err, GB_ERR_LEN, "out of memory");
        goto fail;
    }
    if (open_db(in, seed, index, err) < 0)
        goto fail;
    if (sqlite3_prepare_v2(in->db, one_order_sql, -1, &in->one, NULL) != SQLITE_OK ||
        !(in->many = prepare_in_list(in->db, in->m))) {
        gb_sqlite_fail(in->db, "prepare", err, GB_ERR_LEN);
        goto fail;
    }
    return in;
fail:
    input_free(in);
    return NULL;
}

static void *setup_indexed(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    return setup_db(params, seed, 1, err);
}

static void *setup_noindex(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    return setup_db(params, seed, 0, err);
}

/* --- the variants --------------------------------------------------------- */

/* run() has no error channel: a failed query answers None, which the
 * harness reports as a wrong answer. */
#define QUERY_FAILED INT64_MIN

static int64_t sum_rows(sqlite3_stmt *st, int first_col)
{
    int64_t total = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        total += sqlite3_column_int64(st, first_col) * sqlite3_column_int64(st, first_col + 1);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? total : QUERY_FAILED;
}

static gb_answer answer_of(int64_t total)
{
    return total == QUERY_FAILED ? gb_answer_none() : gb_answer_int(total);
}

/* N+1 queries: one round trip per order. */
static gb_answer run_nplus1(void *input)
{
    nplus1_input *in = input;
    int64_t total = 0;
    for (int64_t i = 0; i < in->m; i++) {
        round_trip(in);
        sqlite3_bind_int64(in->one, 1, in->ids[i]);
        int64_t part = sum_rows(in->one, 0);
        if (part == QUERY_FAILED)
            return gb_answer_none();
        total += part;
    }
    return gb_answer_int(total);
}

/* One batched query: every order in one IN list, one round trip. */
static gb_answer run_batched(void *input)
{
    nplus1_input *in = input;
    round_trip(in);
    for (int64_t i = 0; i < in->m; i++)
        sqlite3_bind_int64(in->many, (int)i + 1, in->ids[i]);
    return answer_of(sum_rows(in->many, 1));
}

/* Fetches the orders not yet in the cache in one query (the cold path). */
static int fill_cache(nplus1_input *in)
{
    int64_t misses = 0;
    for (int64_t i = 0; i < in->m; i++)
        misses += !in->known[in->ids[i]];
    if (!misses)
        return 0;
    sqlite3_stmt *st = prepare_in_list(in->db, misses);
    if (!st)
        return -1;
    round_trip(in);
    for (int64_t i = 0, k = 0; i < in->m; i++) {
        int64_t id = in->ids[i];
        if (in->known[id])
            continue;
        sqlite3_bind_int64(st, (int)++k, id);
        in->known[id] = 1;
        in->totals[id] = 0;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        in->totals[sqlite3_column_int64(st, 0)] +=
            sqlite3_column_int64(st, 1) * sqlite3_column_int64(st, 2);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Read-through cache of each order's total: once warm, no query at all. */
static gb_answer run_cached(void *input)
{
    nplus1_input *in = input;
    if (fill_cache(in) < 0)
        return gb_answer_none();
    int64_t total = 0;
    for (int64_t i = 0; i < in->m; i++)
        total += in->totals[in->ids[i]];
    return gb_answer_int(total);
}

/* The indexed database and a cache warmed by one call: the hit path. */
static void *setup_cached(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    nplus1_input *in = setup_db(params, seed, 1, err);
    if (!in)
        return NULL;
    in->totals = calloc((size_t)in->orders + 1, sizeof *in->totals);
    in->known = calloc((size_t)in->orders + 1, 1);
    if (!in->totals || !in->known || fill_cache(in) < 0) {
        snprintf(err, GB_ERR_LEN, "cannot fill the cache: %s", sqlite3_errmsg(in->db));
        input_free(in);
        return NULL;
    }
    return in;
}

static void teardown(void *input)
{
    input_free(input);
}

static const gb_cvariant variants[] = {
    {"nplus1", setup_indexed, run_nplus1, teardown},
    {"nplus1_noindex", setup_noindex, run_nplus1, teardown},
    {"batched", setup_indexed, run_batched, teardown},
    {"batched_noindex", setup_noindex, run_batched, teardown},
    {"cached", setup_cached, run_cached, teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
