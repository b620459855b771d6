/* export_json.c: DIR/results.json, the summary with its samples, typed. */
#include "export.h"

#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Summary columns that stay strings even when a cell looks like a number
 * (a params or answer text can be all digits). */
static const char *const json_text_columns[] = {
    "scenario", "variant", "label", "kind", "style", "params", "status", "message", "answer", 0,
};

static int is_text_column(const char *name)
{
    for (int i = 0; json_text_columns[i]; i++)
        if (strcmp(json_text_columns[i], name) == 0)
            return 1;
    return 0;
}

/* 15 significant digits give back the CSV's decimal text unchanged. */
static void json_number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.15g", v);
    else
        fputs("null", f);
}

/* A cell as JSON: null when empty, a number when all of it parses as a
 * finite one (outside the text columns), else a string. */
static void json_cell(FILE *f, const char *column, const char *cell)
{
    char *end;
    double v = strtod(cell, &end);
    if (*cell == '\0')
        fputs("null", f);
    else if (!is_text_column(column) && *end == '\0' && isfinite(v))
        json_number(f, v);
    else
        json_string(f, cell);
}

/* "n=10;batch=2" as {"n": 10, "batch": 2}. */
static void json_params(FILE *f, const char *params)
{
    char name[128];
    fputc('{', f);
    for (const char *p = params; *p;) {
        size_t len = strcspn(p, "="), item = strcspn(p, ";");
        snprintf(name, sizeof name, "%.*s", (int)(len < item ? len : item), p);
        fprintf(f, "%s", p == params ? "" : ", ");
        json_string(f, name);
        fprintf(f, ": %lld", len < item ? strtoll(p + len + 1, NULL, 10) : 0LL);
        p += item + (p[item] == ';');
    }
    fputc('}', f);
}

/* ns_per_call of every samples.csv row of summary row r, in file order. */
static void json_samples(FILE *f, const gb_rundir *rd, int r)
{
    int first, count;
    rundir_samples_of(rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO),
                      rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_point(rd, r), &first, &count);
    fputc('[', f);
    for (int k = 0; k < count; k++) {
        fputs(k ? ", " : "", f);
        json_number(f, rundir_sample_number(rd, rd->sample_order[first + k], GB_SAMPLES_NS_PER_CALL));
    }
    fputc(']', f);
}

static void json_row(FILE *f, const gb_rundir *rd, int r)
{
    const csv_table *t = &rd->summary;
    fputs("    {", f);
    for (int c = 0; c < t->columns; c++) {
        const char *column = t->cells[c];
        fputs(c ? ", " : "", f);
        json_string(f, column);
        fputs(": ", f);
        json_cell(f, column, csv_cell(t, r, c));
    }
    fputs(", \"parameters\": ", f);
    json_params(f, rundir_get(rd, r, GB_SUMMARY_PARAMS));
    fputs(", \"samples_ns\": ", f);
    json_samples(f, rd, r);
    fputc('}', f);
}

int export_json(const gb_judged_context *cs, int contexts, const char *path, gb_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: %s", path, strerror(errno));
    fputs("{\n  \"results\": [", f);
    int first = 1;
    for (int k = 0; k < contexts; k++)
        for (int r = 0; r < cs[k].view.summary.rows; r++) {
            fputs(first ? "\n" : ",\n", f);
            first = 0;
            json_row(f, &cs[k].view, r);
        }
    fputs("\n  ]\n}\n", f);
    int failed = ferror(f);
    if (fclose(f) != 0 || failed)
        return gb_fail(err, "%s: write failed", path);
    return 0;
}
