/* resume.c: finishing an interrupted or killed run (resume.h).
 *
 * A run folder keeps the arguments it was started with (args.txt, one per
 * line) and a copy of every manifest.  Resuming replays those arguments
 * and refuses when a manifest changed since.  A point counts as done when
 * summary.csv holds a row for every variant of it: points are the unit of
 * resumption, because a point's rounds are judged together (answers
 * against the baseline, adaptive rounds, paired ratios).  The rows of a
 * point cut mid-way are removed from the three CSVs (each rewritten whole
 * and renamed in), and the point is measured again, so the finished
 * folder has the structure of one never interrupted. */
#include "resume.h"

#include "atomicfile.h"

#include "csv.h"
#include "schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int resume_save_args(const char *dir, int argc, char **argv, gb_error *err)
{
    char path[GB_PATH_LEN + 16];
    schema_path(path, sizeof path, dir, GB_FILE_ARGS_TXT);
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--force") != 0 && !strchr(argv[i], '\n'))
            fprintf(f, "%s\n", argv[i]);
    int bad = ferror(f);
    return fclose(f) != 0 || bad ? gb_fail(err, "%s: cannot write", path) : 0;
}

int resume_load_args(const char *dir, gb_resume_args *out, gb_error *err)
{
    char path[GB_PATH_LEN + 16], line[GB_PATH_LEN];
    schema_path(path, sizeof path, dir, GB_FILE_ARGS_TXT);
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (!f)
        return gb_fail(err, "%s: cannot read it: is %s a run folder of this gluebench?", path, dir);
    while (out->argc < GB_RESUME_MAX_ARGS && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        out->argv[out->argc] = strdup(line);
        if (!out->argv[out->argc++]) {
            fclose(f);
            return gb_fail(err, "out of memory");
        }
    }
    fclose(f);
    return 0;
}

void resume_free_args(gb_resume_args *a)
{
    for (int i = 0; i < a->argc; i++)
        free(a->argv[i]);
    memset(a, 0, sizeof *a);
}

static int check_manifests(const char *dir, const gb_catalog *cat, gb_error *err)
{
    char copy[GB_PATH_LEN + 128];
    for (int i = 0; i < cat->count; i++) {
        snprintf(copy, sizeof copy, "%s/manifests/%s.lua", dir, cat->items[i].name);
        if (!file_same(cat->items[i].path, copy))
            return gb_fail(err, "%s changed since the run in %s started (its copy is %s): "
                           "resume would mix two versions; start a new run", cat->items[i].path,
                           dir, copy);
    }
    return 0;
}

static int manifest_index(const gb_catalog *cat, const char *name)
{
    for (int i = 0; i < cat->count; i++)
        if (strcmp(cat->items[i].name, name) == 0)
            return i;
    return -1;
}

/* The done[] slot of row r: its interpreter's index (by the `python`
 * column; a folder without one has one interpreter) times the manifests,
 * plus its manifest's index; -1 when neither is this run's. */
static int slot_of(const csv_table *t, int r, const gb_catalog *cat, const gb_resume *res)
{
    int m = manifest_index(cat, csv_cell(t, r, csv_column(t, "scenario")));
    int col = csv_column(t, "python"), k = col < 0 ? 0 : -1;
    for (int i = 0; col >= 0 && i < res->python_count; i++)
        if (strcmp(csv_cell(t, r, col), res->pythons[i].name) == 0)
            k = i;
    return m >= 0 && k >= 0 ? runner_slot(k, cat->count, m) : -1;
}

static int64_t slot_points(const gb_catalog *cat, int slot, gb_profile_id profile)
{
    return manifest_point_count(&cat->items[runner_slot_manifest(slot, cat->count)], profile);
}

/* The rows resume keeps are appended to: the file must have today's
 * columns, and every interpreter in it must be one this run still uses
 * (rows of one skipped now would be dropped). */
static int check_summary(const char *dir, const csv_table *summary, const gb_resume *res,
                         gb_error *err)
{
    int same = summary->columns == schema_count(schema_summary);
    for (int c = 0; same && c < summary->columns; c++)
        same = strcmp(summary->cells[c], schema_summary[c]) == 0;
    if (!same)
        return gb_fail(err, "%s: its summary.csv has the columns of another gluebench version: "
                       "resume cannot add to it; start a new run", dir);
    int col = csv_column(summary, "python");
    for (int r = 0; r < summary->rows; r++) {
        const char *name = csv_cell(summary, r, col);
        int known = 0;
        for (int k = 0; k < res->python_count; k++)
            known |= strcmp(name, res->pythons[k].name) == 0;
        if (!known)
            return gb_fail(err, "%s holds rows of Python %s, which this resume does not run "
                           "(skipped above?): make it usable again, or start a new run", dir, name);
    }
    return 0;
}

/* done[slot][p] = every variant of point p has its summary row. */
static int find_done(const csv_table *summary, const gb_catalog *cat, gb_profile_id profile,
                     gb_resume *out, gb_error *err)
{
    int cp = csv_column(summary, "point");
    if (csv_column(summary, "scenario") < 0 || cp < 0)
        return gb_fail(err, "summary.csv has no scenario or point column");
    out->count = cat->count * out->python_count;
    out->done = calloc((size_t)out->count + 1, sizeof *out->done);
    int **rows = calloc((size_t)out->count + 1, sizeof *rows);
    for (int m = 0; out->done && rows && m < out->count; m++) {
        int64_t points = slot_points(cat, m, profile);
        out->done[m] = calloc((size_t)points + 1, 1);
        rows[m] = calloc((size_t)points + 1, sizeof **rows);
        if (!out->done[m] || !rows[m])
            break;
    }
    for (int r = 0; rows && r < summary->rows; r++) {
        int m = slot_of(summary, r, cat, out);
        long p = strtol(csv_cell(summary, r, cp), NULL, 10);
        if (m >= 0 && rows[m] && p >= 0 && p < slot_points(cat, m, profile))
            rows[m][p]++;
    }
    for (int m = 0; m < out->count; m++)
        for (int64_t p = 0; rows && rows[m] && out->done[m] && p < slot_points(cat, m, profile); p++)
            out->done[m][p] = rows[m][p] == cat->items[runner_slot_manifest(m, cat->count)].variant_count;
    for (int m = 0; rows && m < out->count; m++)
        free(rows[m]);
    free(rows);
    return out->done && rows ? 0 : gb_fail(err, "out of memory reading summary.csv");
}

static int row_done(const csv_table *t, int r, const gb_catalog *cat, const gb_resume *res)
{
    int m = slot_of(t, r, cat, res);
    long p = strtol(csv_cell(t, r, csv_column(t, "point")), NULL, 10);
    return m >= 0 && p >= 0 && res->done[m] && res->done[m][p];
}

/* Rewrites one CSV keeping only the rows of done points. */
static int keep_done_rows(const char *dir, gb_run_file file, const gb_catalog *cat,
                          const gb_resume *res, gb_error *err)
{
    char path[GB_PATH_LEN + 32], tmp[GB_PATH_LEN + 40];
    csv_table t;
    schema_path(path, sizeof path, dir, file);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (csv_read(path, &t, err) != 0)
        return -1;
    const char **header = calloc((size_t)t.columns + 1, sizeof *header);
    for (int c = 0; header && c < t.columns; c++)
        header[c] = t.cells[c];
    int fd = header ? csv_create(tmp, header, err) : -1, rc = fd < 0 ? -1 : 0;
    csv_row row = {0};
    for (int r = 0; rc == 0 && r < t.rows; r++) {
        if (!row_done(&t, r, cat, res))
            continue;
        csv_row_reset(&row);
        for (int c = 0; c < t.columns; c++)
            csv_add_str(&row, csv_cell(&t, r, c));
        rc = csv_write_row(fd, &row, t.columns, err);
    }
    csv_row_free(&row);
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = gb_fail(err, "%s: cannot write: %s", tmp, strerror(errno));
    if (rc == 0 && rename(tmp, path) != 0)
        rc = gb_fail(err, "%s: cannot replace: %s", path, strerror(errno));
    free(header);
    csv_table_free(&t);
    return rc;
}

int resume_prepare(const char *dir, const gb_catalog *cat, gb_profile_id profile,
                   const gb_run_python *pythons, int python_count, gb_resume *out, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    csv_table summary;
    memset(out, 0, sizeof *out);
    out->pythons = pythons;
    out->python_count = python_count;
    if (check_manifests(dir, cat, err) != 0)
        return -1;
    schema_path(path, sizeof path, dir, GB_FILE_SUMMARY_CSV);
    if (csv_read(path, &summary, err) != 0)
        return -1;
    int rc = check_summary(dir, &summary, out, err);
    if (rc == 0)
        rc = find_done(&summary, cat, profile, out, err);
    csv_table_free(&summary);
    static const gb_run_file files[] = {GB_FILE_SUMMARY_CSV, GB_FILE_SAMPLES_CSV,
                                        GB_FILE_METRICS_CSV};
    for (int i = 0; rc == 0 && i < 3; i++)
        rc = keep_done_rows(dir, files[i], cat, out, err);
    for (int m = 0; rc == 0 && m < out->count; m++)
        for (int64_t p = 0; p < slot_points(cat, m, profile); p++)
            out->points_done += out->done[m][p];
    return rc;
}

void resume_free(gb_resume *r)
{
    for (int m = 0; r->done && m < r->count; m++)
        free(r->done[m]);
    free(r->done);
    memset(r, 0, sizeof *r);
}
