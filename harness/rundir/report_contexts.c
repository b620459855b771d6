/* report_contexts.c: contexts side by side in summary.md (report_contexts.h). */
#include "report_contexts.h"

#include "compare.h"

#include <math.h>
#include <string.h>

static void write_list(FILE *md, const gb_judged_context *cs, int count)
{
    fprintf(md, "\n## Contexts\n\nThis folder holds %d contexts (a machine and the interpreter "
                "its Python variants ran under). Each has its own verdicts and scenarios below; "
                "the tables here set them side by side.\n\n| # | machine | Python | points | "
                "not ok |\n|---:|---|---|---:|---:|\n", count);
    for (int k = 0; k < count; k++) {
        const gb_rundir *v = &cs[k].view;
        int bad = 0;
        for (int r = 0; r < v->summary.rows; r++)
            bad += !rundir_is_ok(v, r) && strcmp(rundir_get(v, r, GB_SUMMARY_STATUS), "skipped") != 0;
        fprintf(md, "| %d | %s | %s | %d | %d |\n", k + 1, v->contexts[k].machine,
                v->contexts[k].python[0] ? v->contexts[k].python : "-", v->summary.rows, bad);
    }
}

/* "**confirmed**, 4.1x faster" for one finding in one context. */
static void verdict_cell(FILE *md, const gb_judged *j)
{
    fprintf(md, " **%s**", findings_verdict_name(j->verdict));
    if (j->verdict == FINDING_NOT_MEASURED || isnan(j->ratio))
        ;
    else if (strcmp(j->direction, "no measurable difference") == 0)
        fprintf(md, ", no measurable difference (ratio %.3g)", j->ratio);
    else
        fprintf(md, ", %.3gx %s", j->factor, j->direction);
    fputs(" |", md);
}

/* The same finding (manifest and index) in context k, or NULL. */
static const gb_judged *same_finding(const gb_judged_context *c, const gb_judged *j)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->js[i].m->name, j->m->name) == 0 && c->js[i].index == j->index)
            return &c->js[i];
    return NULL;
}

/* A table's header: three fixed columns, then one per context. */
static void context_header(FILE *md, const char *fixed, const gb_judged_context *cs, int count,
                           const char *align)
{
    fprintf(md, "| %s |", fixed);
    for (int k = 0; k < count; k++)
        fprintf(md, " %s |", cs[k].words);
    fputs("\n|---|---|---|", md);
    for (int k = 0; k < count; k++)
        fputs(align, md);
    fputs("\n", md);
}

static void write_findings(FILE *md, const gb_judged_context *cs, int count)
{
    int agree = 0, differ = 0;
    fprintf(md, "\n## Findings in every context\n\n");
    context_header(md, "scenario | finding | expected", cs, count, "---|");
    for (int i = 0; i < cs[0].n; i++) {
        const gb_judged *j = &cs[0].js[i];
        int same = 1;
        fprintf(md, "| %s | %s vs %s, %s | %s |", j->m->name, j->f->variant, j->f->than,
                j->params_words, j->claim[0] ? j->claim : "-");
        for (int k = 0; k < count; k++) {
            const gb_judged *o = same_finding(&cs[k], j);
            if (o)
                verdict_cell(md, o);
            else
                fputs(" - |", md);
            same &= o && o->verdict == j->verdict;
        }
        fputs("\n", md);
        agree += same;
        differ += !same;
    }
    fprintf(md, "\n%d findings have the same verdict in every context, %d differ between "
                "contexts.\n", agree, differ);
}

/* Variant vi of m at its largest point in every context: ns per call, and
 * for each context after the first its ratio to the first. */
static void cost_row(FILE *md, const gb_judged_context *cs, int count, const gb_manifest *m, int vi)
{
    const gb_rundir *a = &cs[0].view;
    int ra = rundir_find(a, m->name, m->variants[vi].name, rundir_last_point(a, m->name));
    if (ra < 0)
        return;
    fprintf(md, "| %s | %s | %s |", m->name, m->variants[vi].name, rundir_get(a, ra, GB_SUMMARY_PARAMS));
    double a_ns = rundir_is_ok(a, ra) ? rundir_number(a, ra, GB_SUMMARY_NS_PER_CALL) : NAN;
    for (int k = 0; k < count; k++) {
        const gb_rundir *b = &cs[k].view;
        int rb = rundir_find(b, m->name, m->variants[vi].name, rundir_point(a, ra));
        compare_result c;
        if (rb < 0 || !rundir_is_ok(b, rb)) {
            fprintf(md, " %s |", rb < 0 ? "-" : rundir_get(b, rb, GB_SUMMARY_STATUS));
            continue;
        }
        double b_ns = rundir_number(b, rb, GB_SUMMARY_NS_PER_CALL);
        fprintf(md, " %.4g", b_ns);
        if (k > 0 && !isnan(a_ns) &&
            compare_intervals(a_ns, rundir_number(a, ra, GB_SUMMARY_NS_PER_CALL_LO),
                              rundir_number(a, ra, GB_SUMMARY_NS_PER_CALL_HI), b_ns,
                              rundir_number(b, rb, GB_SUMMARY_NS_PER_CALL_LO),
                              rundir_number(b, rb, GB_SUMMARY_NS_PER_CALL_HI),
                              COMPARE_THRESHOLD, &c) == 0)
            fprintf(md, " (x%.3g, CI %.3g-%.3g, %s)", c.ratio, c.lo, c.hi,
                    compare_verdict_name(c.verdict));
        fputs(" |", md);
    }
    fputs("\n", md);
}

static void write_costs(FILE *md, const gb_judged_context *cs, int count)
{
    fprintf(md, "\n## Cost by context\n\nNanoseconds per call at each scenario's largest point; "
                "after the first context, the ratio to the first with its 95%% interval and "
                "`compare`'s verdict (slower or faster only when the whole interval leaves "
                "the %.0f%% noise band).\n\n", 100 * COMPARE_THRESHOLD);
    context_header(md, "scenario | variant | params", cs, count, "---:|");
    const gb_catalog *cat = &cs[0].view.manifests;
    for (int s = 0; s < cat->count; s++)
        for (int vi = 0; vi < cat->items[s].variant_count; vi++)
            cost_row(md, cs, count, &cat->items[s], vi);
}

void report_contexts_md(FILE *md, const gb_judged_context *cs, int count)
{
    write_list(md, cs, count);
    write_findings(md, cs, count);
    write_costs(md, cs, count);
}
