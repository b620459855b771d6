/* runfolder.h: making a run folder ready before a run writes into it (the
 * verbs that run: run, check, exercise): creating it, refusing one that
 * already holds a run unless told to empty it, copying the manifests in,
 * and removing a temporary one. */
#ifndef GB_RUNFOLDER_H
#define GB_RUNFOLDER_H

#include "catalog.h"

/* Creates path and its parents.  Returns 0, or -1 with err. */
int runfolder_make(const char *path, gb_error *err);

/* A folder that already holds a run (its meta.json) is refused, or with
 * force emptied first, so one folder never mixes two runs. */
int runfolder_prepare(const char *dir, int force, gb_error *err);

/* Copies a file whole.  Returns 0, or -1 with err naming both. */
int runfolder_copy_file(const char *from, const char *to, gb_error *err);

/* Copies each manifest into DIR/manifests/, so the folder stands alone. */
int runfolder_copy_manifests(const char *dir, const gb_manifest *ms, int count, gb_error *err);

/* Removes dir and everything in it. */
void runfolder_remove(const char *dir);

#endif
