/* resume.h: `gluebench run --resume DIR`: finishing an interrupted or
 * killed run in its own folder, with the arguments and manifests it
 * started with. */
#ifndef GB_RESUME_H
#define GB_RESUME_H

#include "catalog.h"
#include "runner.h"

#define GB_RESUME_MAX_ARGS 256

typedef struct gb_resume_args {
    int argc;
    char *argv[GB_RESUME_MAX_ARGS];
} gb_resume_args;

typedef struct gb_resume {
    unsigned char **done;   /* done[python * manifests + manifest][point] */
    int count;              /* slots: interpreters x manifests */
    const gb_run_python *pythons;
    int python_count;
    long long points_done;
} gb_resume;

/* Keeps the run's arguments in DIR/args.txt (one per line). */
int resume_save_args(const char *dir, int argc, char **argv, gb_error *err);

/* Reads them back; the caller frees with resume_free_args. */
int resume_load_args(const char *dir, gb_resume_args *out, gb_error *err);
void resume_free_args(gb_resume_args *a);

/* Refuses (-1 with err) when a manifest of cat differs from DIR's copy;
 * else marks the points already measured under each of the run's
 * interpreters and removes the rows of the
 * points that were cut mid-way from the CSVs.  Returns 0 or -1 with err. */
int resume_prepare(const char *dir, const gb_catalog *cat, gb_profile_id profile,
                   const gb_run_python *pythons, int python_count, gb_resume *out, gb_error *err);
void resume_free(gb_resume *r);

#endif
