/* eta_history.c: the cost history file (eta_history.h).
 *
 * One line per cell, entries kept sorted by key:
 *   settings \t scenario \t variant \t params \t kind \t sec \t count \t runs
 * after a first line naming the format. */
#include "eta_history.h"

#include "atomicfile.h"
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define ETA_HISTORY_HEADER "# gluebench cost history v2"
#define ETA_KEY_FIELDS 4

/* The first index whose key is >= key (the insertion point). */
static int lower_bound(const eta_history *h, const char *key)
{
    int lo = 0, hi = h->count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(h->items[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const eta_hist_entry *eta_history_find(const eta_history *h, const char *key)
{
    int i = lower_bound(h, key);
    return i < h->count && strcmp(h->items[i].key, key) == 0 ? &h->items[i] : NULL;
}

int eta_history_has_settings(const eta_hist_entry *e, const char *settings)
{
    size_t n = strlen(settings);
    return strncmp(e->key, settings, n) == 0 && e->key[n] == '\t';
}

/* Inserts a new entry at its place; returns it, or NULL when out of memory. */
static eta_hist_entry *insert(eta_history *h, const char *key)
{
    if (h->count == h->cap) {
        int cap = h->cap ? 2 * h->cap : 64;
        eta_hist_entry *items = realloc(h->items, (size_t)cap * sizeof *items);
        if (!items)
            return NULL;
        h->items = items;
        h->cap = cap;
    }
    char *copy = strdup(key);
    if (!copy)
        return NULL;
    int i = lower_bound(h, key);
    memmove(&h->items[i + 1], &h->items[i], (size_t)(h->count - i) * sizeof *h->items);
    h->items[i] = (eta_hist_entry){copy, 0, 0, 0, 0};
    h->count++;
    return &h->items[i];
}

/* Folds `runs` runs' figures into e: a running mean over the last
 * ETA_HISTORY_RUNS runs (older runs weigh less as the code changes). */
static void fold(eta_hist_entry *e, double sec, double count, int runs)
{
    int n = e->runs + runs;
    n = n < ETA_HISTORY_RUNS ? n : ETA_HISTORY_RUNS;
    double w = (double)runs / n;
    w = w < 1 ? w : 1;
    e->sec += w * (sec - e->sec);
    e->count += w * (count - e->count);
    e->runs = n;
}

int eta_history_merge(eta_history *h, const char *key, gb_kind kind, double sec, double count)
{
    if (!(sec > 0) || !(count > 0))
        return 0;
    eta_hist_entry *e = (eta_hist_entry *)eta_history_find(h, key);
    if (!e && !(e = insert(h, key)))
        return -1;
    e->kind = kind;
    fold(e, sec, count, 1);
    return 0;
}

/* The kind named by text[0..end); 0 or -1. */
static int parse_kind(const char *text, const char *end, gb_kind *kind)
{
    for (int k = 0; k < GB_KIND_COUNT; k++) {
        const char *name = manifest_kind_name((gb_kind)k);
        if (strlen(name) == (size_t)(end - text) && strncmp(text, name, (size_t)(end - text)) == 0) {
            *kind = (gb_kind)k;
            return 0;
        }
    }
    return -1;
}

/* Splits a line into its key (tabs kept) and its four figures; 0 or -1. */
static int parse_line(char *line, char **key, gb_kind *kind, double *sec, double *count, int *runs)
{
    char *tab = line;
    for (int k = 0; k < ETA_KEY_FIELDS; k++) {
        tab = strchr(tab, '\t');
        if (!tab)
            return -1;
        tab++;
    }
    tab[-1] = '\0';
    *key = line;
    char *end = strchr(tab, '\t');
    if (!end || parse_kind(tab, end, kind) != 0)
        return -1;
    *sec = strtod(end + 1, &end);
    if (*end != '\t')
        return -1;
    *count = strtod(end + 1, &end);
    if (*end != '\t')
        return -1;
    long r = strtol(end + 1, &end, 10);
    *runs = (int)(r < 1 ? 1 : r > ETA_HISTORY_RUNS ? ETA_HISTORY_RUNS : r);
    return (*end == '\n' || *end == '\0') && *sec > 0 && *count > 0 ? 0 : -1;
}

int eta_history_load(eta_history *h, const char *path)
{
    char line[4096];
    memset(h, 0, sizeof *h);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int rc = 0, first = 1, whole = 1;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        char *key;
        double sec, count;
        gb_kind kind;
        int runs, was_whole = whole;
        whole = strchr(line, '\n') != NULL;   /* else the rest of an overlong line follows */
        if (first && strncmp(line, ETA_HISTORY_HEADER, strlen(ETA_HISTORY_HEADER)) != 0)
            break;   /* another format: start afresh */
        if (!first && was_whole && whole && parse_line(line, &key, &kind, &sec, &count, &runs) == 0) {
            eta_hist_entry *e = (eta_hist_entry *)eta_history_find(h, key);
            if (!e && !(e = insert(h, key)))
                rc = -1;
            else
                *e = (eta_hist_entry){e->key, kind, sec, count, runs};
        }
        first = 0;
    }
    fclose(f);
    return rc;
}

int eta_history_save(const eta_history *h, const char *path, gb_error *err)
{
    gb_atomic a;
    FILE *f = atomic_open(&a, path, err);
    if (!f)
        return -1;
    fprintf(f, "%s\n", ETA_HISTORY_HEADER);
    for (int i = 0; i < h->count; i++)
        fprintf(f, "%s\t%s\t%.6g\t%.4g\t%d\n", h->items[i].key,
                manifest_kind_name(h->items[i].kind), h->items[i].sec, h->items[i].count,
                h->items[i].runs);
    return atomic_close(&a, err);
}

int eta_history_commit(const char *path, const eta_history *run, gb_error *err)
{
    char lock_path[1100];
    eta_history h;
    snprintf(lock_path, sizeof lock_path, "%s.lock", path);
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        gb_fail(err, "%s: cannot lock: %s", lock_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc = eta_history_load(&h, path);
    for (int i = 0; rc == 0 && i < run->count; i++)
        rc = eta_history_merge(&h, run->items[i].key, run->items[i].kind, run->items[i].sec,
                               run->items[i].count);
    if (rc != 0)
        gb_fail(err, "%s: out of memory", path);
    else
        rc = eta_history_save(&h, path, err);
    eta_history_free(&h);
    close(fd);   /* releases the lock */
    return rc;
}

/* Appends part to out at *len, its tabs and line ends made spaces. */
static void put_part(char *out, size_t *len, const char *part, int sep)
{
    if (sep)
        out[(*len)++] = '\t';
    for (; *part; part++)
        out[(*len)++] = *part == '\t' || *part == '\n' || *part == '\r' ? ' ' : *part;
    out[*len] = '\0';
}

char *eta_history_key(const char *settings, const char *scenario, const char *variant,
                      const char *params)
{
    const char *parts[ETA_KEY_FIELDS] = {settings, scenario, variant, params};
    size_t cap = ETA_KEY_FIELDS, len = 0;
    for (int k = 0; k < ETA_KEY_FIELDS; k++)
        cap += strlen(parts[k]);
    char *key = malloc(cap);
    for (int k = 0; key && k < ETA_KEY_FIELDS; k++)
        put_part(key, &len, parts[k], k > 0);
    return key;
}

void eta_history_free(eta_history *h)
{
    for (int i = 0; i < h->count; i++)
        free(h->items[i].key);
    free(h->items);
    memset(h, 0, sizeof *h);
}
