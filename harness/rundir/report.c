/* report.c: the report of a run folder: summary.md (verdicts first, then
 * per scenario its question, findings, failures, the points that missed
 * their precision target, a table of every point, complexity and
 * stability), findings.json, report.html, results.json and results.md.  Everything is
 * read from the folder (rundir.h); nothing is measured here. */
#include "report.h"

#include "export.h"
#include "findings.h"
#include "report_contexts.h"
#include "report_fit.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "42.3x faster (95% CI 37.1-46.1x)", or the ratio when no direction. */
static void measured_text(const gb_judged *j, char *out, size_t cap)
{
    if (j->verdict == FINDING_NOT_MEASURED)
        snprintf(out, cap, "not measured");
    else if (strcmp(j->direction, "no measurable difference") == 0)
        snprintf(out, cap, "no measurable difference (ratio %.3g, CI %.3g-%.3g)", j->ratio, j->lo,
                 j->hi);
    else
        snprintf(out, cap, "%.3gx %s (CI %.3g-%.3gx)", j->factor, j->direction, j->factor_lo,
                 j->factor_hi);
}

static void write_verdicts(FILE *md, const gb_judged *js, int n)
{
    int counts[FINDING_NOT_MEASURED + 1] = {0};
    char measured[256];
    fprintf(md, "\n## Verdicts\n\n| scenario | finding | expected | measured (95%% CI) | verdict |\n"
                "|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const gb_judged *j = &js[i];
        measured_text(j, measured, sizeof measured);
        counts[j->verdict]++;
        fprintf(md, "| %s | %s vs %s, %s | %s | %s | **%s** |\n", j->m->name, j->f->variant,
                j->f->than, j->params_words, j->claim[0] ? j->claim : "-", measured,
                findings_verdict_name(j->verdict));
    }
    fprintf(md, "\n%d confirmed, %d contradicted, %d undecided, %d not measured, %d without an "
                "expectation.  A claim is confirmed when the whole 95%% interval lies inside it, "
                "contradicted when it lies wholly outside, undecided when it straddles an edge: "
                "then the data cannot decide.\n",
            counts[FINDING_CONFIRMED], counts[FINDING_CONTRADICTED], counts[FINDING_UNDECIDED],
            counts[FINDING_NOT_MEASURED], counts[FINDING_NOT_JUDGED]);
}

static void write_findings(FILE *md, const gb_judged *js, int n, const gb_manifest *m)
{
    int any = 0;
    fprintf(md, "\n### Findings\n\n");
    for (int i = 0; i < n; i++) {
        const gb_judged *j = &js[i];
        if (j->m != m)
            continue;
        any = 1;
        fprintf(md, "- %s", j->sentence);
        if (j->claim[0])
            fprintf(md, " Expected: %s.", j->claim);
        if (j->f->why[0])
            fprintf(md, " Why: %s", j->f->why);
        fprintf(md, " **Verdict: %s.**\n", findings_verdict_name(j->verdict));
    }
    if (!any)
        fprintf(md, "- (the manifest states no findings; see the table)\n");
}

static const gb_manifest *manifest_of(const gb_rundir *rd, const char *scenario)
{
    for (int s = 0; s < rd->manifests.count; s++)
        if (strcmp(rd->manifests.items[s].name, scenario) == 0)
            return &rd->manifests.items[s];
    return NULL;
}

static void write_failures(FILE *md, const gb_rundir *rd, const char *scenario)
{
    int count = 0;
    fprintf(md, "\n### Failures\n\n");
    for (int r = 0; r < rd->summary.rows; r++) {
        const char *status = rundir_get(rd, r, GB_SUMMARY_STATUS);
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario) || !strcmp(status, "ok") ||
            !strcmp(status, "skipped"))
            continue;
        const gb_variant *v = manifest_variant(manifest_of(rd, scenario), rundir_get(rd, r, GB_SUMMARY_VARIANT));
        int expected = v && strcmp(v->expect_status, status) == 0;
        fprintf(md, "- **%s** at %s: **%s**%s: %s\n", rundir_get(rd, r, GB_SUMMARY_VARIANT),
                rundir_get(rd, r, GB_SUMMARY_PARAMS), status,
                expected ? " (the outcome this variant exists to show)" : "",
                rundir_get(rd, r, GB_SUMMARY_MESSAGE));
        count++;
    }
    if (count == 0)
        fprintf(md, "None: every variant that ran agreed with the baseline.\n");
}

/* The ok points whose interval stayed wider than the profile's target. */
static void write_precision(FILE *md, const gb_rundir *rd, const char *scenario)
{
    int count = 0;
    for (int r = 0; r < rd->summary.rows; r++) {
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario) || !rundir_is_ok(rd, r) ||
            rundir_number(rd, r, GB_SUMMARY_TARGET_MET) != 0)
            continue;
        if (count++ == 0)
            fprintf(md, "\n### Precision target missed\n\n");
        fprintf(md, "- %s at %s after %s rounds: %s (process share of variance %.2f)\n",
                rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_get(rd, r, GB_SUMMARY_PARAMS),
                rundir_get(rd, r, GB_SUMMARY_ROUNDS), rundir_get(rd, r, GB_SUMMARY_MESSAGE),
                rundir_number(rd, r, GB_SUMMARY_PROCESS_SHARE));
    }
}

static void cell(char *out, size_t cap, double v)
{
    if (isnan(v))
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%.4g", v);
}

static void write_table(FILE *md, const gb_rundir *rd, const char *scenario)
{
    static const gb_summary_column cols[] = {
        GB_SUMMARY_NS_PER_CALL, GB_SUMMARY_NS_PER_CALL_LO, GB_SUMMARY_NS_PER_CALL_HI,
        GB_SUMMARY_NS_PER_ITEM, GB_SUMMARY_SPEEDUP, GB_SUMMARY_SPEEDUP_LO, GB_SUMMARY_SPEEDUP_HI,
        GB_SUMMARY_RSS_KB, GB_SUMMARY_GC_NS_PER_CALL, GB_SUMMARY_ROUNDS};
    static const double scale[] = {1, 1, 1, 1, 1, 1, 1, 1.0 / 1024, 1e-6, 1};
    fprintf(md, "\n| params | variant | status | ns/call | 95%% CI | ns/item | speedup | 95%% CI | "
                "peak RSS MB | GC ms/call | rounds |\n"
                "|---|---|---|---:|---|---:|---:|---|---:|---:|---:|\n");
    for (int r = 0; r < rd->summary.rows; r++) {
        char c[10][32];
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario))
            continue;
        for (int k = 0; k < 10; k++)
            cell(c[k], sizeof c[k], rundir_number(rd, r, cols[k]) * scale[k]);
        fprintf(md, "| %s | %s | %s | %s | %s-%s | %s | %s | %s-%s | %s | %s | %s |\n",
                rundir_get(rd, r, GB_SUMMARY_PARAMS), rundir_get(rd, r, GB_SUMMARY_VARIANT),
                rundir_get(rd, r, GB_SUMMARY_STATUS), c[0], c[1], c[2], c[3], c[4], c[5], c[6],
                c[7], c[8], c[9]);
    }
}

/* The scenario's named metrics at its last point: a row per variant. */
static void write_metrics(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    int point = rundir_last_point(rd, m->name);
    if (m->metric_count == 0 || point < 0)
        return;
    fprintf(md, "\n### Metrics at the last point\n\n| variant |");
    for (int k = 0; k < m->metric_count; k++)
        fprintf(md, " %s%s%s%s |", m->metrics[k].label, m->metrics[k].unit[0] ? " (" : "",
                m->metrics[k].unit, m->metrics[k].unit[0] ? ")" : "");
    fprintf(md, "\n|---|");
    for (int k = 0; k < m->metric_count; k++)
        fprintf(md, "---:|");
    for (int vi = 0; vi < m->variant_count; vi++) {
        fprintf(md, "\n| %s |", m->variants[vi].name);
        for (int k = 0; k < m->metric_count; k++) {
            double v[3];
            if (rundir_metric(rd, m->name, m->variants[vi].name, point, m->metrics[k].name, v))
                fprintf(md, " %.4g (%.4g-%.4g) |", v[0], v[1], v[2]);
            else
                fprintf(md, " - |");
        }
    }
    fprintf(md, "\n");
}

static void write_scenario(FILE *md, const gb_rundir *rd, const gb_manifest *m,
                           const gb_judged *js, int n)
{
    fprintf(md, "\n## %s (`%s`)\n\n**Question (talk %s):** %s\n\n%s\n", m->title, m->name, m->talk,
            m->question, m->about);
    write_findings(md, js, n, m);
    write_failures(md, rd, m->name);
    write_precision(md, rd, m->name);
    write_table(md, rd, m->name);
    write_metrics(md, rd, m);
    report_fit_write(md, rd, m);
}

/* One context's part of summary.md: verdicts, decisions, the scenarios. */
static void write_context_md(FILE *md, const gb_judged_context *c, int contexts,
                             const gb_decision_opts *o)
{
    if (contexts > 1)
        fprintf(md, "\n---\n\n# %s\n", c->words);
    write_verdicts(md, c->js, c->n);
    decisions_write_md(md, &c->view, o);
    fprintf(md, "\n# The scenarios%s%s\n", contexts > 1 ? ": " : "", contexts > 1 ? c->words : "");
    for (int s = 0; s < c->view.manifests.count; s++)
        write_scenario(md, &c->view, &c->view.manifests.items[s], c->js, c->n);
}

static int write_md(const gb_rundir *rd, const gb_judged_context *cs, const gb_decision_opts *o,
                    gb_error *err)
{
    char path[GB_PATH_LEN + 32], incomplete[256];
    schema_path(path, sizeof path, rd->dir, GB_FILE_SUMMARY_MD);
    FILE *md = fopen(path, "w");
    if (!md)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    fprintf(md, "# gluebench report\n");
    rundir_incomplete_text(rd, incomplete, sizeof incomplete);
    if (incomplete[0])
        fprintf(md, "\n> **Warning: %s.** Findings at points that were not measured read "
                    "\"not measured\".\n", incomplete);
    fprintf(md, "\nEvery figure below comes from `summary.csv`, `samples.csv` and `metrics.csv` "
                "in this folder; intervals are 95%% two-level bootstrap intervals (worker "
                "processes, then samples in each). Machine and versions: `meta.json`.\n");
    if (rd->context_count > 1)
        report_contexts_md(md, cs, rd->context_count);
    for (int k = 0; k < rd->context_count; k++)
        write_context_md(md, &cs[k], rd->context_count, o);
    int bad = ferror(md);
    if (fclose(md) != 0 || bad)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}

/* The verdicts, one line each, on the stream the verb gives. */
static void print_verdicts(FILE *out, const gb_rundir *rd, const gb_judged_context *cs)
{
    char incomplete[256];
    rundir_incomplete_text(rd, incomplete, sizeof incomplete);
    if (incomplete[0])
        fprintf(out, "WARNING: %s\n", incomplete);
    for (int k = 0; k < rd->context_count; k++) {
        if (rd->context_count > 1)
            fprintf(out, "%s== %s ==\n", k ? "\n" : "", cs[k].words);
        for (int i = 0; i < cs[k].n; i++)
            fprintf(out, "%-13s %-12s %s\n", cs[k].js[i].m->name,
                    findings_verdict_name(cs[k].js[i].verdict), cs[k].js[i].sentence);
    }
}

int report_write(const gb_rundir *rd, const gb_decision_opts *o, FILE *echo, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    gb_judged_context *cs = findings_judge_contexts(rd, err);
    if (!cs)
        return -1;
    int n = rd->context_count;
    int rc = write_md(rd, cs, o, err);
    if (rc == 0 && schema_path(path, sizeof path, rd->dir, GB_FILE_FINDINGS_JSON) == 0)
        rc = export_findings(rd, cs, o, path, err);
    if (rc == 0 && schema_path(path, sizeof path, rd->dir, GB_FILE_REPORT_HTML) == 0)
        rc = export_html(rd, cs, o, path, err);
    if (rc == 0 && schema_path(path, sizeof path, rd->dir, GB_FILE_RESULTS_JSON) == 0)
        rc = export_json(cs, n, path, err);
    if (rc == 0 && schema_path(path, sizeof path, rd->dir, GB_FILE_RESULTS_MD) == 0)
        rc = export_markdown(cs, n, path, err);
    if (rc == 0 && echo)
        print_verdicts(echo, rd, cs);
    findings_free_contexts(cs, n);
    return rc;
}
