/* rundir.c: reading a run folder back (rundir.h). */
#include "rundir.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Resolves every column of a schema in table t, or fails naming it. */
static int resolve(const csv_table *t, const char *const *schema, int *cols, const char *path,
                   gb_error *err)
{
    for (int c = 0; schema[c]; c++)
        if ((cols[c] = csv_column(t, schema[c])) < 0 && !schema_optional(schema[c]))
            return gb_fail(err, "%s: no column '%s' (a run folder of an older gluebench? run it "
                           "again)", path, schema[c]);
    return 0;
}

static int open_csv(gb_rundir *rd, gb_run_file file, csv_table *t, const char *const *schema,
                    int *cols, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    if (schema_path(path, sizeof path, rd->dir, file) != 0)
        return gb_fail(err, "%s: path too long", rd->dir);
    if (csv_read(path, t, err) != 0)
        return -1;
    return resolve(t, schema, cols, path, err);
}

static const gb_rundir *sort_rd;   /* qsort has no context argument */

static int sample_key_cmp(int a, int b)
{
    const gb_rundir *rd = sort_rd;
    int c = strcmp(rundir_sample(rd, a, GB_SAMPLES_SCENARIO), rundir_sample(rd, b, GB_SAMPLES_SCENARIO));
    if (c == 0)
        c = strcmp(rundir_sample(rd, a, GB_SAMPLES_VARIANT), rundir_sample(rd, b, GB_SAMPLES_VARIANT));
    if (c == 0)
        c = atoi(rundir_sample(rd, a, GB_SAMPLES_POINT)) - atoi(rundir_sample(rd, b, GB_SAMPLES_POINT));
    return c != 0 ? c : a - b;   /* stable: file order within a key */
}

static int cmp_rows(const void *pa, const void *pb)
{
    return sample_key_cmp(*(const int *)pa, *(const int *)pb);
}

static int index_samples(gb_rundir *rd, gb_error *err)
{
    rd->sample_order = malloc(sizeof(int) * (size_t)(rd->samples.rows + 1));
    if (!rd->sample_order)
        return gb_fail(err, "out of memory indexing samples.csv");
    for (int i = 0; i < rd->samples.rows; i++)
        rd->sample_order[i] = i;
    sort_rd = rd;
    qsort(rd->sample_order, (size_t)rd->samples.rows, sizeof(int), cmp_rows);
    return 0;
}

/* The string after the first `key` (which ends in its opening quote). */
static void meta_string(const char *text, const char *key, char *out, size_t cap)
{
    const char *p = strstr(text, key);
    size_t len = p ? strcspn(p + strlen(key), "\"") : 0;
    snprintf(out, cap, "%.*s", (int)len, p ? p + strlen(key) : "");
}

/* meta.json's "profile", "git_commit", "complete", "measurements" and "planned" (gluebench wrote it,
 * one key per line, so a scan for the key is enough). */
static void read_meta(gb_rundir *rd)
{
    char path[GB_PATH_LEN + 32], text[65536];
    rd->complete = 0;
    rd->done = rd->planned = -1;
    if (schema_path(path, sizeof path, rd->dir, GB_FILE_META_JSON) != 0)
        return;
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    meta_string(text, "\"profile\": \"", rd->profile, sizeof rd->profile);
    meta_string(text, "\"git_commit\": \"", rd->git_commit, sizeof rd->git_commit);
    const char *p = strstr(text, "\"complete\": ");
    rd->complete = p && strncmp(p + 12, "true", 4) == 0;
    if ((p = strstr(text, "\"measurements\": ")))
        rd->done = atoll(p + 16);
    if ((p = strstr(text, "\"planned\": ")))
        rd->planned = atoll(p + 11);
}

/* Index of (machine, python) in rd's contexts, or -1. */
static int context_index(const gb_rundir *rd, const char *machine, const char *python)
{
    for (int k = 0; k < rd->context_count; k++)
        if (strcmp(rd->contexts[k].machine, machine) == 0 && strcmp(rd->contexts[k].python, python) == 0)
            return k;
    return -1;
}

/* Adds the contexts of table t's rows not yet known; 0 or -1 with err. */
static int add_contexts(gb_rundir *rd, const csv_table *t, int machine_col, int python_col,
                        gb_error *err)
{
    for (int r = 0; r < t->rows; r++) {
        const char *machine = csv_cell(t, r, machine_col), *python = csv_cell(t, r, python_col);
        if (context_index(rd, machine, python) >= 0)
            continue;
        if (rd->context_count == GB_MAX_CONTEXTS)
            return gb_fail(err, "%s: more than %d machine and interpreter contexts", rd->dir,
                           GB_MAX_CONTEXTS);
        gb_context *k = &rd->contexts[rd->context_count++];
        snprintf(k->machine, sizeof k->machine, "%s", machine);
        snprintf(k->python, sizeof k->python, "%s", python);
    }
    return 0;
}

/* The contexts, in the order summary.csv first shows them, then any that
 * only samples.csv or metrics.csv holds (a point cut before its summary). */
static int find_contexts(gb_rundir *rd, gb_error *err)
{
    if (add_contexts(rd, &rd->summary, rd->summary_col[GB_SUMMARY_MACHINE],
                     rd->summary_col[GB_SUMMARY_PYTHON], err) ||
        add_contexts(rd, &rd->samples, rd->samples_col[GB_SAMPLES_MACHINE],
                     rd->samples_col[GB_SAMPLES_PYTHON], err) ||
        add_contexts(rd, &rd->metrics, rd->metrics_col[GB_METRICS_MACHINE],
                     rd->metrics_col[GB_METRICS_PYTHON], err))
        return -1;
    if (rd->context_count == 0)
        rd->context_count = 1;   /* no rows yet: one unnamed context */
    return 0;
}

int rundir_open(gb_rundir *rd, const char *dir, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    memset(rd, 0, sizeof *rd);
    snprintf(rd->dir, sizeof rd->dir, "%s", dir);
    if (open_csv(rd, GB_FILE_SUMMARY_CSV, &rd->summary, schema_summary, rd->summary_col, err) ||
        open_csv(rd, GB_FILE_SAMPLES_CSV, &rd->samples, schema_samples, rd->samples_col, err) ||
        open_csv(rd, GB_FILE_METRICS_CSV, &rd->metrics, schema_metrics, rd->metrics_col, err) ||
        index_samples(rd, err) || find_contexts(rd, err))
        goto fail;
    rd->context = -1;
    /* code.csv came later: a folder without one reads as no counts. */
    schema_path(path, sizeof path, dir, GB_FILE_CODE_CSV);
    if (access(path, R_OK) == 0 &&
        open_csv(rd, GB_FILE_CODE_CSV, &rd->code, schema_code, rd->code_col, err) != 0)
        goto fail;
    schema_path(path, sizeof path, dir, GB_FILE_MANIFESTS);
    if (catalog_load(&rd->manifests, path, NULL, 0, NULL, err) != 0)
        goto fail;
    read_meta(rd);
    return 0;
fail:
    rundir_close(rd);
    return -1;
}

void rundir_close(gb_rundir *rd)
{
    if (rd->borrowed) {
        free(rd->summary.cells);
        free(rd->samples.cells);
        free(rd->metrics.cells);
        free(rd->sample_order);
        memset(rd, 0, sizeof *rd);
        return;
    }
    csv_table_free(&rd->summary);
    csv_table_free(&rd->samples);
    csv_table_free(&rd->metrics);
    csv_table_free(&rd->code);
    free(rd->sample_order);
    rd->sample_order = NULL;
    catalog_free(&rd->manifests);
}

/* t's header and the rows whose context columns hold context k's names,
 * into view (pointers into t's cells). */
static int filter(const csv_table *t, int machine_col, int python_col, const gb_context *k,
                  csv_table *view, gb_error *err)
{
    view->columns = t->columns;
    view->rows = 0;
    view->cells = malloc(sizeof(char *) * (size_t)(t->rows + 1) * (size_t)(t->columns ? t->columns : 1));
    if (!view->cells)
        return gb_fail(err, "out of memory for a view of a run folder");
    memcpy(view->cells, t->cells, sizeof(char *) * (size_t)t->columns);
    for (int r = 0; r < t->rows; r++) {
        if (strcmp(csv_cell(t, r, machine_col), k->machine) || strcmp(csv_cell(t, r, python_col), k->python))
            continue;
        view->rows++;
        memcpy(view->cells + (size_t)view->rows * (size_t)t->columns,
               t->cells + (size_t)(r + 1) * (size_t)t->columns, sizeof(char *) * (size_t)t->columns);
    }
    return 0;
}

int rundir_view(const gb_rundir *rd, int k, gb_rundir *view, gb_error *err)
{
    *view = *rd;
    view->borrowed = 1;
    view->context = k;
    view->summary.cells = view->samples.cells = view->metrics.cells = NULL;
    view->sample_order = NULL;
    const gb_context *c = &rd->contexts[k];
    if (rd->context_count > 1) {
        char slug[100];
        rundir_context_slug(rd, k, slug, sizeof slug);
        snprintf(view->chart_suffix, sizeof view->chart_suffix, "@%s", slug);
    }
    if (filter(&rd->summary, rd->summary_col[GB_SUMMARY_MACHINE], rd->summary_col[GB_SUMMARY_PYTHON],
               c, &view->summary, err) ||
        filter(&rd->samples, rd->samples_col[GB_SAMPLES_MACHINE], rd->samples_col[GB_SAMPLES_PYTHON],
               c, &view->samples, err) ||
        filter(&rd->metrics, rd->metrics_col[GB_METRICS_MACHINE], rd->metrics_col[GB_METRICS_PYTHON],
               c, &view->metrics, err) ||
        index_samples(view, err)) {
        rundir_close(view);
        return -1;
    }
    return 0;
}

void rundir_context_words(const gb_rundir *rd, int k, char *out, size_t cap)
{
    const gb_context *c = &rd->contexts[k < 0 ? 0 : k];
    snprintf(out, cap, "%s%s%s%s", c->machine, c->machine[0] && c->python[0] ? ", " : "",
             c->python[0] ? "Python " : "", c->python);
}

void rundir_context_slug(const gb_rundir *rd, int k, char *out, size_t cap)
{
    const gb_context *c = &rd->contexts[k < 0 ? 0 : k];
    snprintf(out, cap, "%s%s%s", c->machine, c->machine[0] && c->python[0] ? "-py" : "",
             c->python);
}

void rundir_incomplete_text(const gb_rundir *rd, char *out, size_t cap)
{
    out[0] = '\0';
    if (rd->complete)
        return;
    if (rd->done >= 0 && rd->planned >= 0)
        snprintf(out, cap, "incomplete run: %lld of %lld measurements (interrupted)", rd->done,
                 rd->planned);
    else
        snprintf(out, cap, "incomplete run: it never ended cleanly (killed, or still running); "
                 "%d summary rows were written", rd->summary.rows);
}

const char *rundir_get(const gb_rundir *rd, int r, gb_summary_column c)
{
    return csv_cell(&rd->summary, r, rd->summary_col[c]);
}

double rundir_number(const gb_rundir *rd, int r, gb_summary_column c)
{
    const char *cell = rundir_get(rd, r, c);
    return *cell ? strtod(cell, NULL) : NAN;
}

int rundir_point(const gb_rundir *rd, int r)
{
    return atoi(rundir_get(rd, r, GB_SUMMARY_POINT));
}

int rundir_is_ok(const gb_rundir *rd, int r)
{
    return strcmp(rundir_get(rd, r, GB_SUMMARY_STATUS), "ok") == 0;
}

const char *rundir_sample(const gb_rundir *rd, int i, gb_samples_column c)
{
    return csv_cell(&rd->samples, i, rd->samples_col[c]);
}

double rundir_sample_number(const gb_rundir *rd, int i, gb_samples_column c)
{
    const char *cell = rundir_sample(rd, i, c);
    return *cell ? strtod(cell, NULL) : NAN;
}

int rundir_param(const gb_rundir *rd, int r, const char *name, long long *value)
{
    const char *p = rundir_get(rd, r, GB_SUMMARY_PARAMS);
    size_t len = strlen(name);
    while (*p) {
        if (strncmp(p, name, len) == 0 && p[len] == '=') {
            *value = strtoll(p + len + 1, NULL, 10);
            return 1;
        }
        p += strcspn(p, ";");
        p += *p == ';';
    }
    return 0;
}

static int is_scenario(const gb_rundir *rd, int r, const char *scenario)
{
    return strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario) == 0;
}

int rundir_find(const gb_rundir *rd, const char *scenario, const char *variant, int point)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (is_scenario(rd, r, scenario) &&
            strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), variant) == 0 &&
            rundir_point(rd, r) == point)
            return r;
    return -1;
}

int rundir_last_point(const gb_rundir *rd, const char *scenario)
{
    int last = -1;
    for (int r = 0; r < rd->summary.rows; r++)
        if (is_scenario(rd, r, scenario) && rundir_point(rd, r) > last)
            last = rundir_point(rd, r);
    return last;
}

static int row_matches(const gb_rundir *rd, int r, const gb_bindings *at)
{
    for (int i = 0; i < at->count; i++) {
        long long v;
        if (!rundir_param(rd, r, at->names[i], &v) || v != at->values[i])
            return 0;
    }
    return 1;
}

int rundir_point_at(const gb_rundir *rd, const char *scenario, const gb_bindings *at)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (is_scenario(rd, r, scenario) && row_matches(rd, r, at))
            return rundir_point(rd, r);
    return -1;
}

/* Compares sample row i with the key. */
static int key_cmp(const gb_rundir *rd, int i, const char *scenario, const char *variant,
                   int point)
{
    int c = strcmp(rundir_sample(rd, i, GB_SAMPLES_SCENARIO), scenario);
    if (c == 0)
        c = strcmp(rundir_sample(rd, i, GB_SAMPLES_VARIANT), variant);
    if (c == 0)
        c = atoi(rundir_sample(rd, i, GB_SAMPLES_POINT)) - point;
    return c;
}

void rundir_samples_of(const gb_rundir *rd, const char *scenario, const char *variant, int point,
                       int *first, int *count)
{
    int lo = 0, hi = rd->samples.rows;
    while (lo < hi) {   /* the first row not below the key */
        int mid = lo + (hi - lo) / 2;
        if (key_cmp(rd, rd->sample_order[mid], scenario, variant, point) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int end = lo;
    while (end < rd->samples.rows && key_cmp(rd, rd->sample_order[end], scenario, variant, point) == 0)
        end++;
    *first = lo;
    *count = end - lo;
}

int rundir_metric(const gb_rundir *rd, const char *scenario, const char *variant, int point,
                  const char *metric, double v[3])
{
    const csv_table *t = &rd->metrics;
    const int *c = rd->metrics_col;
    for (int i = 0; i < t->rows; i++) {
        if (strcmp(csv_cell(t, i, c[GB_METRICS_SCENARIO]), scenario) ||
            strcmp(csv_cell(t, i, c[GB_METRICS_VARIANT]), variant) ||
            atoi(csv_cell(t, i, c[GB_METRICS_POINT])) != point ||
            strcmp(csv_cell(t, i, c[GB_METRICS_METRIC]), metric))
            continue;
        v[0] = strtod(csv_cell(t, i, c[GB_METRICS_VALUE]), NULL);
        v[1] = strtod(csv_cell(t, i, c[GB_METRICS_LO]), NULL);
        v[2] = strtod(csv_cell(t, i, c[GB_METRICS_HI]), NULL);
        return 1;
    }
    return 0;
}

double rundir_sample_metric(const gb_rundir *rd, int i, const char *key)
{
    const char *p = rundir_sample(rd, i, GB_SAMPLES_METRICS);
    size_t len = strlen(key);
    while (*p) {
        if (strncmp(p, key, len) == 0 && p[len] == '=')
            return strtod(p + len + 1, NULL);
        p += strcspn(p, ";");
        p += *p == ';';
    }
    return NAN;
}

int rundir_code_row(const gb_rundir *rd, const char *scenario, const char *variant)
{
    for (int i = 0; i < rd->code.rows; i++)
        if (strcmp(rundir_code(rd, i, GB_CODE_SCENARIO), scenario) == 0 &&
            strcmp(rundir_code(rd, i, GB_CODE_VARIANT), variant) == 0)
            return i;
    return -1;
}

const char *rundir_code(const gb_rundir *rd, int i, gb_code_column c)
{
    return rd->code.rows ? csv_cell(&rd->code, i, rd->code_col[c]) : "";
}
