/* meta.h: meta.json, the run's context: machine, versions, profile,
 * scenarios with their durations, start and end.  Written when the run
 * starts and again when it ends, each time whole (a temporary file renamed
 * over the old one), so the file is valid at every moment. */
#ifndef GB_META_H
#define GB_META_H

#include "error.h"
#include "manifest.h"
#include "runner.h"
#include "sysinfo.h"

#include <stddef.h>

typedef struct gb_meta {
    const gb_sysinfo *si;
    const gb_run_config *cfg;
    const gb_manifest *ms;
    int count;
    char start[32];
    char end[32];                   /* "" while running */
    const gb_run_outcome *outcome;  /* NULL while running */
    int complete;                   /* 1 only after a clean end: every measurement ran */
} gb_meta;

int meta_write(const char *dir, const gb_meta *meta, gb_error *err);

/* Current UTC time as 2026-11-23T06:50:00Z (or the compact form for
 * folder names: 20261123T065000Z). */
void meta_utc_now(char *out, size_t cap, int compact);

#endif
