/* eta_history.h: the cost history, a small file in the cache folder kept
 * between runs (as CTest keeps CTestCostData.txt): for each measured cell
 * -- settings, scenario, variant, point -- the wall seconds one
 * measurement took and the measurements the point ran, each a running
 * mean over the last ETA_HISTORY_RUNS runs.  The ETA (eta.h) predicts a
 * cell from it, scaled by how this run compares so far.
 *
 * The file is advisory: missing, unreadable or partly garbled, it gives
 * what it can (lines that do not parse are dropped) and the ETA falls back
 * to its model.  It is rewritten whole (core/atomicfile.h) under a lock
 * (flock on PATH.lock), re-read inside the lock, so two runs that share a
 * cache folder merge their cells instead of losing one run's. */
#ifndef GB_ETA_HISTORY_H
#define GB_ETA_HISTORY_H

#include "error.h"
#include "manifest.h"

#define ETA_HISTORY_FILE "eta-history.tsv"
#define ETA_HISTORY_RUNS 4

typedef struct eta_hist_entry {
    char *key;       /* settings \t scenario \t variant \t params */
    gb_kind kind;    /* the variant's (python, c, process in the file) */
    double sec;      /* seconds per measurement */
    double count;    /* measurements in the cell */
    int runs;        /* runs averaged (capped at ETA_HISTORY_RUNS) */
} eta_hist_entry;

typedef struct eta_history {
    eta_hist_entry *items;
    int count, cap;
} eta_history;

/* Reads path into *h (empty when there is no file).  Returns 0, or -1 when
 * out of memory (*h then holds what was read so far). */
int eta_history_load(eta_history *h, const char *path);

/* The entry of key, or NULL. */
const eta_hist_entry *eta_history_find(const eta_history *h, const char *key);

/* 1 when the entry's key starts with these settings (eta_history_key). */
int eta_history_has_settings(const eta_hist_entry *e, const char *settings);

/* Folds one run's figures for key into h: a new entry, or the running mean
 * of an existing one.  Returns 0, or -1 when out of memory. */
int eta_history_merge(eta_history *h, const char *key, gb_kind kind, double sec, double count);

/* Writes h to path whole, sorted.  Returns 0, or -1 with err. */
int eta_history_save(const eta_history *h, const char *path, gb_error *err);

/* Under path's lock: reads the file, merges every entry of `run` (one
 * run's raw figures) into it, writes it back.  Returns 0, or -1 with err. */
int eta_history_commit(const char *path, const eta_history *run, gb_error *err);

/* The key of a cell, with tabs and newlines in its parts made spaces;
 * returns a malloc'd string or NULL. */
char *eta_history_key(const char *settings, const char *scenario, const char *variant,
                      const char *params);

void eta_history_free(eta_history *h);

#endif
