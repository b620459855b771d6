/* decisions.c: the four questions and justified complexity (decisions.h).
 * Each scenario's answers are computed once into a gb_decision, then
 * written as Markdown and as JSON from it. */
#include "decisions.h"

#include "costmodel.h"
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DECISION_TEXT 1024

typedef struct pick {
    const char *variant, *label;
    double speedup, lo, hi;
} pick;

typedef struct gb_decision {
    const gb_manifest *m;
    int base_row;                 /* the baseline at the last point; -1 none */
    char where[300];              /* "at n = 1,000,000" */
    double cpu_share, bound;      /* Q1 */
    double cost_ns, cpu_s_day, usd_day, best_saving_usd;   /* Q2 */
    pick best, reduce, move;      /* Q2, Q3 */
    int have_models;              /* Q4 */
    gb_costmodel base_model, c_model;
    gb_crossover cross;
    char q[4][DECISION_TEXT];
    char verdict[DECISION_TEXT];
} gb_decision;

static int style_in(const char *style, const char *const *styles)
{
    for (int i = 0; styles[i]; i++)
        if (strcmp(style, styles[i]) == 0)
            return 1;
    return 0;
}

static const char *const reduce_styles[] = {"cached", "batched", NULL};
static const char *const move_styles[] = {"ext_item", "ext_batch", "ctypes", "c", "service",
                                          "library", NULL};

/* The fastest ok variant at the last point among those styles (all when NULL). */
static pick best_of(const gb_rundir *rd, const gb_decision *d, const char *const *styles)
{
    pick p = {NULL, NULL, NAN, NAN, NAN};
    int point = rundir_point(rd, d->base_row);
    for (int r = 0; r < rd->summary.rows; r++) {
        double s = rundir_number(rd, r, GB_SUMMARY_SPEEDUP);
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), d->m->name) || rundir_point(rd, r) != point ||
            !rundir_is_ok(rd, r) || isnan(s) || r == d->base_row ||
            (styles && !style_in(rundir_get(rd, r, GB_SUMMARY_STYLE), styles)))
            continue;
        if (!p.variant || s > p.speedup)
            p = (pick){rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_get(rd, r, GB_SUMMARY_LABEL), s,
                       rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO),
                       rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI)};
    }
    return p;
}

static void answer_bottleneck(const gb_rundir *rd, gb_decision *d)
{
    double cpu = rundir_number(rd, d->base_row, GB_SUMMARY_CPU_NS_PER_CALL);
    double wall = rundir_number(rd, d->base_row, GB_SUMMARY_NS_PER_CALL);
    d->cpu_share = cpu / wall;
    d->bound = d->cpu_share < 1 ? 1 / (1 - d->cpu_share) : INFINITY;
    if (isnan(d->cpu_share))
        snprintf(d->q[0], DECISION_TEXT, "Not measured: the baseline's CPU time is not known here.");
    else if (d->cpu_share >= 0.9)
        snprintf(d->q[0], DECISION_TEXT, "Yes: %s the baseline spends %.0f%% of its wall time on "
                 "the CPU, so its compute is the bottleneck and faster code can pay.",
                 d->where, 100 * fmin(d->cpu_share, 1));
    else
        snprintf(d->q[0], DECISION_TEXT, "Only in part: %s the baseline is on the CPU %.0f%% of "
                 "its wall time and waits the rest; even an infinitely fast rewrite of the compute "
                 "could make it at most %.2gx faster (Amdahl).", d->where, 100 * d->cpu_share,
                 d->bound);
}

static void answer_cost(gb_decision *d, const gb_decision_opts *o)
{
    double cpu_ns = isnan(d->cpu_share) ? d->cost_ns : d->cost_ns * fmin(d->cpu_share, 1);
    d->cpu_s_day = cpu_ns * 1e-9 * o->rate * 86400;
    d->usd_day = d->cpu_s_day / 3600 * o->price;
    d->best_saving_usd = d->best.variant && d->best.lo > 1 ? d->usd_day * (1 - 1 / d->best.speedup)
                                                         : 0;
    size_t len = (size_t)snprintf(d->q[1], DECISION_TEXT,
                                  "One call costs %.3g ms %s; at %g calls a second that is %.3g "
                                  "CPU-seconds a day, %.3g USD a day at %g USD per vCPU-hour.",
                                  d->cost_ns / 1e6, d->where, o->rate, d->cpu_s_day, d->usd_day,
                                  o->price);
    if (d->best_saving_usd > 0)
        snprintf(d->q[1] + len, DECISION_TEXT - len, " The fastest variant (%s, %.3gx, CI "
                 "%.3g-%.3gx) would save about %.3g USD a day of it.", d->best.label,
                 d->best.speedup, d->best.lo, d->best.hi, d->best_saving_usd);
}

static void pick_text(const pick *p, char *out, size_t cap)
{
    if (!p->variant)
        snprintf(out, cap, "none measured");
    else
        snprintf(out, cap, "%s, %.3gx (CI %.3g-%.3gx)", p->label, p->speedup, p->lo, p->hi);
}

static void answer_reduce(gb_decision *d)
{
    char reduce[300], move[300];
    pick_text(&d->reduce, reduce, sizeof reduce);
    pick_text(&d->move, move, sizeof move);
    const char *then = "";
    if (d->reduce.variant && d->move.variant)
        then = d->reduce.lo > d->move.hi   ? " Reducing the work beats the rewrite."
               : d->move.lo > d->reduce.hi ? " Here the rewrite buys more than reducing the work."
                                           : " The data cannot tell the two apart.";
    snprintf(d->q[2], DECISION_TEXT, "Doing less work (a cache or a batch): %s. Moving the work "
             "into C: %s.%s", reduce, move, then);
}

static void model_text(const gb_costmodel *c, char *out, size_t cap)
{
    snprintf(out, cap, "a fixed %.3g ns (CI %.3g-%.3g) plus %.3g ns per item (CI %.3g-%.3g)", c->a,
             c->a_lo, c->a_hi, c->b, c->b_lo, c->b_hi);
}

static void answer_boundary(const gb_rundir *rd, gb_decision *d)
{
    gb_series base, c;
    char bm[200], cm[200];
    d->have_models = d->move.variant && costmodel_series(rd, d->m, d->m->baseline, &base) &&
                     costmodel_series(rd, d->m, d->move.variant, &c) &&
                     costmodel_fit(&base, 11, &d->base_model) == 0 &&
                     costmodel_fit(&c, 12, &d->c_model) == 0 &&
                     costmodel_crossover(&base, &c, 13, &d->cross) == 0;
    if (!d->have_models) {
        snprintf(d->q[3], DECISION_TEXT, "Not answered here: it needs a sweep of at least three "
                 "sizes (`items`) and a variant in C.");
        snprintf(d->verdict, DECISION_TEXT, "No sweep of sizes to place a crossover: judge by the "
                 "findings above.");
        return;
    }
    model_text(&d->base_model, bm, sizeof bm);
    model_text(&d->c_model, cm, sizeof cm);
    size_t len = (size_t)snprintf(d->q[3], DECISION_TEXT, "The baseline costs %s; %s costs %s.",
                                  bm, d->move.label, cm);
    const char *items = d->m->items;
    if (d->cross.kind == CROSS_AT) {
        snprintf(d->q[3] + len, DECISION_TEXT - len, " They cross at %s = %.3g (95%% CI %.3g-%.3g).",
                 items, d->cross.n, d->cross.lo, d->cross.hi);
        snprintf(d->verdict, DECISION_TEXT, "Below %s = %.3g (95%% CI %.3g-%.3g) keep the baseline; "
                 "above it, %s.", items, d->cross.n, d->cross.lo, d->cross.hi, d->move.label);
    } else if (d->cross.kind == CROSS_NONE_IN_RANGE) {
        const char *who = d->move.lo > 1 ? d->move.label : "the baseline";
        snprintf(d->q[3] + len, DECISION_TEXT - len, " They do not cross between %s = %.3g and %.3g.",
                 items, d->base_model.n_min, d->base_model.n_max);
        snprintf(d->verdict, DECISION_TEXT, "No crossover in the measured range (%s = %.3g to %.3g): "
                 "%s is the choice throughout.", items, d->base_model.n_min, d->base_model.n_max, who);
    } else {
        snprintf(d->q[3] + len, DECISION_TEXT - len, " The data cannot place where they cross "
                 "(%.0f%% of the bootstrap draws cross in the measured range).",
                 100 * d->cross.share_in_range);
        snprintf(d->verdict, DECISION_TEXT, "Undecided: the crossover cannot be placed from this "
                 "run; measure more rounds (--profile full).");
    }
}

static void decide(const gb_rundir *rd, const gb_manifest *m, const gb_decision_opts *o,
                   gb_decision *d)
{
    memset(d, 0, sizeof *d);
    d->m = m;
    d->base_row = rundir_find(rd, m->name, m->baseline, rundir_last_point(rd, m->name));
    if (d->base_row < 0 || !rundir_is_ok(rd, d->base_row)) {
        d->base_row = -1;
        return;
    }
    findings_params_words(rundir_get(rd, d->base_row, GB_SUMMARY_PARAMS), d->where, sizeof d->where);
    d->cost_ns = rundir_number(rd, d->base_row, GB_SUMMARY_NS_PER_CALL);
    d->best = best_of(rd, d, NULL);
    d->reduce = best_of(rd, d, reduce_styles);
    d->move = best_of(rd, d, move_styles);
    answer_bottleneck(rd, d);
    answer_cost(d, o);
    answer_reduce(d);
    answer_boundary(rd, d);
}

/* ---- justified complexity ---------------------------------------------- */

static const char *complexity_flag(int added, double lo, double hi)
{
    if (added >= DECISIONS_DEBT_LINES && hi < DECISIONS_DEBT_GAIN)
        return "technical debt: many lines for no measurable gain";
    if (added > 0 && lo >= DECISIONS_PAYS_GAIN)
        return "the complexity pays";
    return "neither";
}

typedef void (*complexity_fn)(void *ctx, const gb_rundir *rd, int row, int code, const char *flag);

static void each_complexity(const gb_rundir *rd, const gb_decision *d, complexity_fn fn, void *ctx)
{
    int point = rundir_point(rd, d->base_row);
    for (int r = 0; r < rd->summary.rows; r++) {
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), d->m->name) || rundir_point(rd, r) != point ||
            !rundir_is_ok(rd, r))
            continue;
        int code = rundir_code_row(rd, d->m->name, rundir_get(rd, r, GB_SUMMARY_VARIANT));
        if (code < 0)
            continue;
        fn(ctx, rd, r, code, complexity_flag(atoi(rundir_code(rd, code, GB_CODE_ADDED_LINES)),
                                             rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO),
                                             rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI)));
    }
}

static void md_complexity(void *ctx, const gb_rundir *rd, int r, int code, const char *flag)
{
    FILE *md = ctx;
    fprintf(md, "| %s | %s | %s | %s | %s | %s | %.3g (%.3g-%.3g) | %s |\n",
            rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_code(rd, code, GB_CODE_ADDED_LINES),
            rundir_code(rd, code, GB_CODE_PYTHON_LINES), rundir_code(rd, code, GB_CODE_C_LINES),
            *rundir_code(rd, code, GB_CODE_DEPENDENCIES) ? rundir_code(rd, code, GB_CODE_DEPENDENCIES) : "-",
            rundir_code(rd, code, GB_CODE_BUILD), rundir_number(rd, r, GB_SUMMARY_SPEEDUP),
            rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO), rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI),
            flag);
}

static void write_scenario_md(FILE *md, const gb_rundir *rd, const gb_decision *d)
{
    static const char *const questions[] = {"Is this code the bottleneck?", "Cost x frequency",
                                            "Can the work be reduced first?",
                                            "Does the boundary pay?"};
    fprintf(md, "\n### %s (`%s`)\n\n", d->m->title, d->m->name);
    if (d->base_row < 0) {
        fprintf(md, "Not answered: the baseline has no valid measurement at the last point.\n");
        return;
    }
    for (int q = 0; q < 4; q++)
        fprintf(md, "%d. **%s** %s\n", q + 1, questions[q], d->q[q]);
    fprintf(md, "\n**What to do:** %s\n", d->verdict);
    if (rd->code.rows == 0)
        return;
    fprintf(md, "\n| variant | lines added | Python lines | C lines | dependencies | build | "
                "speedup %s (95%% CI) | judgement |\n|---|---:|---:|---:|---|---|---|---|\n", d->where);
    each_complexity(rd, d, md_complexity, md);
}

void decisions_write_md(FILE *md, const gb_rundir *rd, const gb_decision_opts *o)
{
    fprintf(md, "\n## Decisions\n\nThe four questions of the decision framework, answered per "
                "scenario from this run; a rate of %g calls a second and %g USD per vCPU-hour "
                "(`gluebench report --rate R --price P`). Lines of code come from `code.csv`, "
                "counted when the run started; a variant adding at least %d lines whose speedup "
                "cannot reach %.2gx is flagged as technical debt, one whose speedup surely "
                "exceeds %.2gx as complexity that pays.\n",
            o->rate, o->price, DECISIONS_DEBT_LINES, DECISIONS_DEBT_GAIN, DECISIONS_PAYS_GAIN);
    for (int s = 0; s < rd->manifests.count; s++) {
        gb_decision d;
        decide(rd, &rd->manifests.items[s], o, &d);
        write_scenario_md(md, rd, &d);
    }
}

/* ---- JSON ------------------------------------------------------------- */

static void json_num(FILE *f, const char *key, double v, int last)
{
    fprintf(f, "\"%s\": ", key);
    if (isfinite(v))
        fprintf(f, "%.6g", v);
    else
        fputs("null", f);
    fputs(last ? "" : ", ", f);
}

static void json_pick(FILE *f, const char *key, const pick *p)
{
    fprintf(f, "\"%s\": ", key);
    if (!p->variant) {
        fputs("null, ", f);
        return;
    }
    fputs("{\"variant\": ", f);
    json_string(f, p->variant);
    fputs(", ", f);
    json_num(f, "speedup", p->speedup, 0);
    json_num(f, "lo", p->lo, 0);
    json_num(f, "hi", p->hi, 1);
    fputs("}, ", f);
}

typedef struct json_list {
    FILE *f;
    int count;
} json_list;

static void json_complexity(void *ctx, const gb_rundir *rd, int r, int code, const char *flag)
{
    json_list *list = ctx;
    FILE *f = list->f;
    fputs(list->count++ ? ", {\"variant\": " : "{\"variant\": ", f);
    json_string(f, rundir_get(rd, r, GB_SUMMARY_VARIANT));
    fprintf(f, ", \"added_lines\": %d, \"python_lines\": %d, \"c_lines\": %d, \"dependencies\": ",
            atoi(rundir_code(rd, code, GB_CODE_ADDED_LINES)),
            atoi(rundir_code(rd, code, GB_CODE_PYTHON_LINES)), atoi(rundir_code(rd, code, GB_CODE_C_LINES)));
    json_string(f, rundir_code(rd, code, GB_CODE_DEPENDENCIES));
    fputs(", \"build\": ", f);
    json_string(f, rundir_code(rd, code, GB_CODE_BUILD));
    fputs(", ", f);
    json_num(f, "speedup", rundir_number(rd, r, GB_SUMMARY_SPEEDUP), 0);
    json_num(f, "lo", rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO), 0);
    json_num(f, "hi", rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI), 0);
    fputs("\"judgement\": ", f);
    json_string(f, flag);
    fputs("}", f);
}

void decisions_write_json(FILE *f, const gb_rundir *rd, const gb_manifest *m,
                          const gb_decision_opts *o)
{
    static const char *const keys[] = {"bottleneck", "cost_frequency", "reduce_first", "boundary"};
    gb_decision d;
    decide(rd, m, o, &d);
    if (d.base_row < 0) {
        fputs("null", f);
        return;
    }
    fputs("{", f);
    for (int q = 0; q < 4; q++) {
        fprintf(f, "\"%s\": ", keys[q]);
        json_string(f, d.q[q]);
        fputs(", ", f);
    }
    json_num(f, "cpu_share", d.cpu_share, 0);
    json_num(f, "cpu_seconds_per_day", d.cpu_s_day, 0);
    json_num(f, "usd_per_day", d.usd_day, 0);
    json_pick(f, "reduce", &d.reduce);
    json_pick(f, "move", &d.move);
    fputs("\"crossover\": ", f);
    if (d.have_models && d.cross.kind == CROSS_AT)
        fprintf(f, "{\"n\": %.6g, \"lo\": %.6g, \"hi\": %.6g}, ", d.cross.n, d.cross.lo, d.cross.hi);
    else if (d.have_models)
        fprintf(f, "\"%s\", ", d.cross.kind == CROSS_NONE_IN_RANGE ? "none in the measured range"
                                                                   : "undecided");
    else
        fputs("null, ", f);
    fputs("\"verdict\": ", f);
    json_string(f, d.verdict);
    fputs(", \"complexity\": [", f);
    json_list list = {f, 0};
    each_complexity(rd, &d, json_complexity, &list);
    fputs("]}", f);
}

static void html_text(FILE *f, const char *s)
{
    for (; *s; s++)
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
}

void decisions_write_html(FILE *f, const gb_rundir *rd, const gb_manifest *m,
                          const gb_decision_opts *o)
{
    static const char *const questions[] = {"Is this code the bottleneck?", "Cost x frequency",
                                            "Can the work be reduced first?",
                                            "Does the boundary pay?"};
    gb_decision d;
    decide(rd, m, o, &d);
    if (d.base_row < 0) {
        fputs("<p>Not answered: the baseline has no valid measurement at the last point.</p>\n", f);
        return;
    }
    fputs("<ol>\n", f);
    for (int q = 0; q < 4; q++) {
        fprintf(f, "<li><strong>%s</strong> ", questions[q]);
        html_text(f, d.q[q]);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n<p><strong>What to do:</strong> ", f);
    html_text(f, d.verdict);
    fputs("</p>\n", f);
}
