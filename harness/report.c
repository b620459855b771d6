/* report.c: `gluebench report DIR`: summary.md, the decision questions
 * answered from the run folder's CSVs.
 *
 * For each scenario: its question, its findings (how many times faster
 * one variant is than another, with a 95% interval from samples paired by
 * round), every failure, and a table of every point.  The findings and
 * failures are also printed. */
#include "export.h"
#include "report_fit.h"
#include "rundir.h"
#include "stats.h"
#include "verbs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_RESAMPLES 2000
#define REPORT_MAX_PAIRS 1024

static const char report_usage[] =
    "usage: gluebench report DIR\n"
    "Writes DIR/summary.md from DIR/summary.csv and DIR/samples.csv: each scenario's\n"
    "question, its findings with 95% intervals, every failure, and a table of\n"
    "every point.  Prints the findings and failures.\n";

/* ns_per_call (or GC ns per call when on_gc) of scenario/variant/point
 * from samples.csv, indexed by round * 64 + sample; returns how many slots
 * it used (0 if none). */
static int load_samples(const gb_rundir *rd, const char *scen, const char *var, int point,
                        int on_gc, double *out)
{
    const csv_table *t = &rd->samples;
    int cs = csv_column(t, "scenario"), cv = csv_column(t, "variant");
    int cp = csv_column(t, "point"), cr = csv_column(t, "round"), ci = csv_column(t, "sample");
    int cn = csv_column(t, on_gc ? "gc_ns" : "ns_per_call"), cl = csv_column(t, "loops");
    int used = 0;
    for (int i = 0; i < REPORT_MAX_PAIRS; i++)
        out[i] = NAN;
    for (int r = 0; r < t->rows; r++) {
        if (strcmp(csv_cell(t, r, cs), scen) || strcmp(csv_cell(t, r, cv), var) ||
            atoi(csv_cell(t, r, cp)) != point)
            continue;
        int slot = atoi(csv_cell(t, r, cr)) * 64 + atoi(csv_cell(t, r, ci));
        if (slot >= 0 && slot < REPORT_MAX_PAIRS) {
            out[slot] = strtod(csv_cell(t, r, cn), NULL) /
                        (on_gc ? strtod(csv_cell(t, r, cl), NULL) : 1.0);
            used = slot + 1 > used ? slot + 1 : used;
        }
    }
    return used;
}

/* ratio = time(slow) / time(fast), paired by round and sample. */
static int paired_ratio(const gb_rundir *rd, const char *scen, const gb_finding *f, int point,
                        double v[3])
{
    double a[REPORT_MAX_PAIRS], b[REPORT_MAX_PAIRS], base[REPORT_MAX_PAIRS], var[REPORT_MAX_PAIRS];
    int na = load_samples(rd, scen, f->than, point, f->on_gc, a);
    int nb = load_samples(rd, scen, f->faster, point, f->on_gc, b);
    int n = 0;
    for (int i = 0; i < na && i < nb; i++)
        if (!isnan(a[i]) && !isnan(b[i]) && a[i] > 0 && b[i] > 0) {
            base[n] = a[i];
            var[n++] = b[i];
        }
    return n > 0 && stats_ratio_paired(base, var, n, REPORT_RESAMPLES, 1, &v[0], &v[1], &v[2]) == 0;
}

static void write_finding(FILE *md, const gb_rundir *rd, const gb_manifest *m,
                          const gb_finding *f)
{
    int point = f->at_last ? rundir_last_point(rd, m->name) : rundir_point_at(rd, m->name, &f->at);
    int rf = rundir_find(rd, m->name, f->faster, point), rs = rundir_find(rd, m->name, f->than, point);
    const char *lf = manifest_variant(m, f->faster)->label, *ls = manifest_variant(m, f->than)->label;
    double v[3];
    if (rf < 0 || rs < 0 || strcmp(rundir_get(rd, rf, "status"), "ok") ||
        strcmp(rundir_get(rd, rs, "status"), "ok") || !paired_ratio(rd, m->name, f, point, v)) {
        fprintf(md, "- %s against %s: no answer, one of them has no valid measurement.\n", lf, ls);
        return;
    }
    const char *params = rundir_get(rd, rf, "params");
    const char *what = f->on_gc ? "GC time per call" : "time per call";
    if (v[0] >= 1)
        fprintf(md, "- At %s, **%s** is **%.3gx faster** than %s in %s (95%% CI %.3g-%.3gx).",
                params, lf, v[0], ls, what, v[1], v[2]);
    else
        fprintf(md, "- At %s, **%s** is **%.3gx slower** than %s in %s (95%% CI %.3g-%.3gx).",
                params, lf, 1 / v[0], ls, what, 1 / v[2], 1 / v[1]);
    fprintf(md, "%s%s\n", f->why[0] ? " Expected: " : "", f->why);
}

static void write_failures(FILE *md, const gb_rundir *rd, const char *scenario)
{
    int count = 0;
    for (int r = 0; r < rd->summary.rows; r++) {
        const char *status = rundir_get(rd, r, "status");
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) || !strcmp(status, "ok") ||
            !strcmp(status, "skipped"))
            continue;
        fprintf(md, "- **%s** at %s: **%s**: %s\n", rundir_get(rd, r, "variant"),
                rundir_get(rd, r, "params"), status, rundir_get(rd, r, "message"));
        count++;
    }
    if (count == 0)
        fprintf(md, "None: every variant that ran agreed with the baseline.\n");
}

static void format_number(char *out, size_t cap, double v)
{
    if (isnan(v))
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%.4g", v);
}

static void write_table(FILE *md, const gb_rundir *rd, const char *scenario)
{
    fprintf(md, "\n| params | variant | status | ns/call | 95%% CI | ns/item | speedup | "
                "95%% CI | peak RSS MB | GC ms/call |\n|---|---|---|---:|---|---:|---:|---|---:|---:|\n");
    for (int r = 0; r < rd->summary.rows; r++) {
        if (strcmp(rundir_get(rd, r, "scenario"), scenario))
            continue;
        char c[7][32];
        format_number(c[0], 32, rundir_number(rd, r, "ns_per_call"));
        format_number(c[1], 32, rundir_number(rd, r, "ns_per_item"));
        format_number(c[2], 32, rundir_number(rd, r, "speedup"));
        format_number(c[3], 32, rundir_number(rd, r, "rss_kb") / 1024);
        format_number(c[4], 32, rundir_number(rd, r, "gc_ns_per_call") / 1e6);
        format_number(c[5], 32, rundir_number(rd, r, "ns_per_call_lo"));
        format_number(c[6], 32, rundir_number(rd, r, "speedup_lo"));
        fprintf(md, "| %s | %s | %s | %s | %s-%.4g | %s | %s | %s-%.4g | %s | %s |\n",
                rundir_get(rd, r, "params"), rundir_get(rd, r, "variant"),
                rundir_get(rd, r, "status"), c[0], c[5], rundir_number(rd, r, "ns_per_call_hi"),
                c[1], c[2], c[6], rundir_number(rd, r, "speedup_hi"), c[3], c[4]);
    }
}

static void write_scenario(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    fprintf(md, "\n## %s (`%s`)\n\n**Question (talk %s):** %s\n\n%s\n\n### Findings\n\n",
            m->title, m->name, m->talk, m->question, m->about);
    for (int i = 0; i < m->finding_count; i++)
        write_finding(md, rd, m, &m->findings[i]);
    if (m->finding_count == 0)
        fprintf(md, "- (the manifest states no findings; see the table)\n");
    fprintf(md, "\n### Failures\n\n");
    write_failures(md, rd, m->name);
    write_table(md, rd, m->name);
    report_fit_write(md, rd, m);
}

/* Prints the Findings and Failures lines of summary.md to stdout. */
static void echo_findings(const char *path)
{
    char line[4096];
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
        if (line[0] == '#' && line[1] == '#' && line[2] == ' ')
            printf("\n%s", line + 3);
        else if (line[0] == '-' && line[1] == ' ')
            fputs(line, stdout);
    if (f)
        fclose(f);
}

int verb_report(int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-') {
        int help = argc == 1 && strcmp(argv[0], "--help") == 0;
        fputs(report_usage, help ? stdout : stderr);
        return help ? GB_EXIT_OK : GB_EXIT_USAGE;
    }
    gb_rundir rd;
    gb_error err;
    char path[1200];
    if (rundir_open(&rd, argv[0], &err) != 0) {
        fprintf(stderr, "gluebench: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/summary.md", argv[0]);
    FILE *md = fopen(path, "w");
    if (!md) {
        fprintf(stderr, "gluebench: %s: cannot write\n", path);
        rundir_close(&rd);
        return GB_EXIT_USAGE;
    }
    fprintf(md, "# gluebench report\n\nEvery figure below comes from `summary.csv` and "
                "`samples.csv` in this folder; intervals are 95%% bootstrap intervals. "
                "Machine and versions: `meta.json`.\n");
    for (int s = 0; s < rd.manifests.count; s++)
        write_scenario(md, &rd, &rd.manifests.items[s]);
    fclose(md);
    echo_findings(path);
    printf("\ngluebench: report in %s\n", path);
    snprintf(path, sizeof path, "%s/results.json", argv[0]);
    int rc = export_json(&rd, path, &err);
    snprintf(path, sizeof path, "%s/results.md", argv[0]);
    rc = rc == 0 ? export_markdown(&rd, path, &err) : rc;
    if (rc != 0)
        fprintf(stderr, "gluebench: %s\n", err.msg);
    rundir_close(&rd);
    return rc == 0 ? GB_EXIT_OK : GB_EXIT_USAGE;
}
