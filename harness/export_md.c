/* export_md.c: DIR/results.md, the summary as plain Markdown tables, one
 * per scenario, as hyperfine's markdown export. */
#include "export.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A number for a table cell; "-" for an empty one. */
static void md_number(FILE *f, double v, double scale, int digits, const char *suffix)
{
    if (isnan(v))
        fputs(" - |", f);
    else
        fprintf(f, " %.*g%s |", digits, v * scale, suffix);
}

static void md_interval(FILE *f, double lo, double hi)
{
    if (isnan(lo) || isnan(hi))
        fputs(" - |", f);
    else
        fprintf(f, " %.4g - %.4g |", lo, hi);
}

static void md_row(FILE *f, const gb_rundir *rd, int r)
{
    fprintf(f, "| `%s` | %s | %s |", rundir_get(rd, r, "variant"), rundir_get(rd, r, "params"),
            rundir_get(rd, r, "status"));
    md_number(f, rundir_number(rd, r, "ns_per_call"), 1, 4, "");
    md_interval(f, rundir_number(rd, r, "ns_per_call_lo"), rundir_number(rd, r, "ns_per_call_hi"));
    md_number(f, rundir_number(rd, r, "ns_per_item"), 1, 4, "");
    md_number(f, rundir_number(rd, r, "cv"), 100, 2, "%");
    md_number(f, rundir_number(rd, r, "speedup"), 1, 3, "x");
    fputc('\n', f);
}

/* 1 when row r is the first row of its scenario. */
static int first_of_scenario(const gb_rundir *rd, int r)
{
    for (int i = 0; i < r; i++)
        if (strcmp(rundir_get(rd, i, "scenario"), rundir_get(rd, r, "scenario")) == 0)
            return 0;
    return 1;
}

static void md_scenario(FILE *f, const gb_rundir *rd, const char *scenario)
{
    fprintf(f, "## %s\n\n| Variant | Params | Status | Median [ns/call] | 95%% CI [ns] | "
               "Per item [ns] | CV | Speedup |\n|:---|:---|:---|---:|---:|---:|---:|---:|\n",
            scenario);
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) == 0)
            md_row(f, rd, r);
    fputc('\n', f);
}

int export_markdown(const gb_rundir *rd, const char *path, gb_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: %s", path, strerror(errno));
    for (int r = 0; r < rd->summary.rows; r++)
        if (first_of_scenario(rd, r))
            md_scenario(f, rd, rundir_get(rd, r, "scenario"));
    int failed = ferror(f);
    if (fclose(f) != 0 || failed)
        return gb_fail(err, "%s: write failed", path);
    return 0;
}
