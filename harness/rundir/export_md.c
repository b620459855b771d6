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
    fprintf(f, "| `%s` | %s | %s |", rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_get(rd, r, GB_SUMMARY_PARAMS),
            rundir_get(rd, r, GB_SUMMARY_STATUS));
    md_number(f, rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL), 1, 4, "");
    md_interval(f, rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL_LO), rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL_HI));
    md_number(f, rundir_number(rd, r, GB_SUMMARY_NS_PER_ITEM), 1, 4, "");
    md_number(f, rundir_number(rd, r, GB_SUMMARY_CV), 100, 2, "%");
    md_number(f, rundir_number(rd, r, GB_SUMMARY_SPEEDUP), 1, 3, "x");
    fputc('\n', f);
}

/* 1 when row r is the first row of its scenario. */
static int first_of_scenario(const gb_rundir *rd, int r)
{
    for (int i = 0; i < r; i++)
        if (strcmp(rundir_get(rd, i, GB_SUMMARY_SCENARIO), rundir_get(rd, r, GB_SUMMARY_SCENARIO)) == 0)
            return 0;
    return 1;
}

static void md_scenario(FILE *f, const gb_rundir *rd, const char *scenario)
{
    fprintf(f, "## %s\n\n| Variant | Params | Status | Median [ns/call] | 95%% CI [ns] | "
               "Per item [ns] | CV | Speedup |\n|:---|:---|:---|---:|---:|---:|---:|---:|\n",
            scenario);
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario) == 0)
            md_row(f, rd, r);
    fputc('\n', f);
}

int export_markdown(const gb_judged_context *cs, int contexts, const char *path, gb_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: %s", path, strerror(errno));
    for (int k = 0; k < contexts; k++) {
        const gb_rundir *rd = &cs[k].view;
        if (contexts > 1)
            fprintf(f, "# %s\n\n", cs[k].words);
        for (int r = 0; r < rd->summary.rows; r++)
            if (first_of_scenario(rd, r))
                md_scenario(f, rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO));
    }
    int failed = ferror(f);
    if (fclose(f) != 0 || failed)
        return gb_fail(err, "%s: write failed", path);
    return 0;
}
