/* findings.c: judging the manifests' findings (findings.h). */
#include "findings.h"

#include "measures.h"
#include "stats.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FINDINGS_RESAMPLES 2000

static const char *const verdict_names[] = {"confirmed", "contradicted", "undecided",
                                            "no expectation stated", "not measured"};

const char *findings_verdict_name(gb_verdict v)
{
    return verdict_names[v];
}

/* 1234567 -> "1,234,567". */
static void with_commas(long long v, char *out, size_t cap)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v), len = 0;
    if (v < 0 && (size_t)len + 1 < cap)
        out[len++] = '-';
    for (int i = 0; i < n && (size_t)len + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[len++] = ',';
        out[len++] = digits[i];
    }
    out[len] = '\0';
}

void findings_params_words(const char *params, char *out, size_t cap)
{
    size_t len = (size_t)snprintf(out, cap, "at");
    if (!*params)
        snprintf(out, cap, "at the only point");
    for (const char *p = params; *p && len < cap;) {
        size_t name = strcspn(p, "="), item = strcspn(p, ";");
        char number[32];
        with_commas(name < item ? strtoll(p + name + 1, NULL, 10) : 0, number, sizeof number);
        len += (size_t)snprintf(out + len, cap - len, "%s %.*s = %s", p == params ? "" : ";",
                                (int)(name < item ? name : item), p, number);
        p += item + (p[item] == ';');
    }
}

/* ---- the samples of one side, grouped by round ----------------------- */

typedef struct side {
    int rounds[GB_MAX_ROUNDS];
    double *vals;                     /* GB_MAX_ROUNDS x GB_MAX_SAMPLES */
    int sizes[GB_MAX_ROUNDS];
    int count;
} side;

/* A sample's value of the finding's measure; NAN when it has none. */
static double sample_value(const gb_rundir *rd, int i, const gb_judged *j)
{
    const gb_measure *ms = measures_find(j->f->y);
    if (!ms)
        return rundir_sample_metric(rd, i, j->f->y);
    double v = rundir_sample_number(rd, i, (gb_samples_column)ms->sample);
    if (ms->sample_per >= 0)
        v /= rundir_sample_number(rd, i, (gb_samples_column)ms->sample_per);
    return v;
}

static int side_slot(side *s, int round)
{
    for (int k = 0; k < s->count; k++)
        if (s->rounds[k] == round)
            return k;
    if (s->count == GB_MAX_ROUNDS)
        return -1;
    s->rounds[s->count] = round;
    s->sizes[s->count] = 0;
    return s->count++;
}

static void load_side(const gb_rundir *rd, const gb_judged *j, const char *variant, side *s)
{
    int first, count;
    s->count = 0;
    rundir_samples_of(rd, j->m->name, variant, j->point, &first, &count);
    for (int k = 0; k < count; k++) {
        int i = rd->sample_order[first + k];
        double v = sample_value(rd, i, j);
        int slot = side_slot(s, atoi(rundir_sample(rd, i, GB_SAMPLES_ROUND)));
        if (slot < 0 || !(v > 0) || !isfinite(v) || s->sizes[slot] >= GB_MAX_SAMPLES)
            continue;
        s->vals[slot * GB_MAX_SAMPLES + s->sizes[slot]++] = v;
    }
}

/* Groups of the rounds both sides measured, paired by index. */
static int pair_groups(const side *a, const side *b, const double **av, int *as,
                       const double **bv, int *bs)
{
    int n = 0;
    for (int x = 0; x < a->count; x++)
        for (int y = 0; y < b->count; y++)
            if (a->rounds[x] == b->rounds[y] && a->sizes[x] > 0 && b->sizes[y] > 0) {
                av[n] = a->vals + x * GB_MAX_SAMPLES;
                as[n] = a->sizes[x];
                bv[n] = b->vals + y * GB_MAX_SAMPLES;
                bs[n++] = b->sizes[y];
            }
    return n;
}

/* The ratio from the two sides' samples; 0 when there is nothing to pair. */
static int sampled_ratio(const gb_rundir *rd, gb_judged *j)
{
    side a = {.vals = malloc(sizeof(double) * GB_MAX_ROUNDS * GB_MAX_SAMPLES)};
    side b = {.vals = malloc(sizeof(double) * GB_MAX_ROUNDS * GB_MAX_SAMPLES)};
    const double *av[GB_MAX_ROUNDS], *bv[GB_MAX_ROUNDS];
    int as[GB_MAX_ROUNDS], bs[GB_MAX_ROUNDS], ok = 0;
    stats_interval iv;
    if (a.vals && b.vals) {
        load_side(rd, j, j->f->than, &a);
        load_side(rd, j, j->f->variant, &b);
        int n = pair_groups(&a, &b, av, as, bv, bs);
        stats_groups ga = {n, av, as}, gb = {n, bv, bs};
        ok = n > 0 && stats_hier_ratio(&ga, &gb, FINDINGS_RESAMPLES, 1, &iv) == 0;
    }
    if (ok) {
        j->ratio = iv.estimate;
        j->lo = iv.lo;
        j->hi = iv.hi;
    }
    free(a.vals);
    free(b.vals);
    return ok;
}

/* Instructions: one deterministic count per hash seed; the interval spans
 * the seeds (min over max, max over min). */
static int instr_ratio(const gb_rundir *rd, gb_judged *j, int rv, int rt)
{
    double v = rundir_number(rd, rv, GB_SUMMARY_INSTR_PER_CALL);
    double t = rundir_number(rd, rt, GB_SUMMARY_INSTR_PER_CALL);
    if (!(v > 0) || !(t > 0))
        return 0;
    j->ratio = t / v;
    j->lo = rundir_number(rd, rt, GB_SUMMARY_INSTR_MIN) / rundir_number(rd, rv, GB_SUMMARY_INSTR_MAX);
    j->hi = rundir_number(rd, rt, GB_SUMMARY_INSTR_MAX) / rundir_number(rd, rv, GB_SUMMARY_INSTR_MIN);
    return 1;
}

/* ---- the words ------------------------------------------------------- */

static const char *measure_words(const gb_judged *j)
{
    const gb_measure *ms = measures_find(j->f->y);
    const gb_metric *g = manifest_metric(j->m, j->f->y);
    return ms ? ms->words : g ? g->label : j->f->y;
}

/* What was measured, in the finding's own vocabulary. */
static void set_direction(gb_judged *j)
{
    int timelike = measures_find(j->f->y) != NULL;
    if (j->lo > 1 + FINDINGS_NOISE) {
        j->direction = timelike ? "faster" : "lower";
        j->factor = j->ratio, j->factor_lo = j->lo, j->factor_hi = j->hi;
    } else if (j->hi < 1 / (1 + FINDINGS_NOISE)) {
        j->direction = timelike ? "slower" : "higher";
        j->factor = 1 / j->ratio, j->factor_lo = 1 / j->hi, j->factor_hi = 1 / j->lo;
    } else {
        j->direction = "no measurable difference";
        j->factor = j->ratio, j->factor_lo = j->lo, j->factor_hi = j->hi;
    }
}

static void set_claim(gb_judged *j)
{
    const gb_finding *f = j->f;
    size_t len = (size_t)snprintf(j->claim, sizeof j->claim, "%s", manifest_expect_name(f->expect));
    if (!isnan(f->at_least))
        len += (size_t)snprintf(j->claim + len, sizeof j->claim - len, ", at least %gx", f->at_least);
    if (!isnan(f->below))
        len += (size_t)snprintf(j->claim + len, sizeof j->claim - len, ", under %gx", f->below);
    if (!isnan(f->between_lo))
        snprintf(j->claim + len, sizeof j->claim - len, ", between %gx and %gx", f->between_lo,
                 f->between_hi);
    if (!isnan(f->within))
        snprintf(j->claim + len, sizeof j->claim - len, ", within %g%%", 100 * f->within);
}

static void set_verdict(gb_judged *j)
{
    const gb_finding *f = j->f;
    j->region_lo = j->region_hi = NAN;
    set_claim(j);
    if (f->expect == GB_EXPECT_NONE) {
        j->verdict = FINDING_NOT_JUDGED;
        return;
    }
    double noise = f->expect == GB_EXPECT_SAME && !isnan(f->within) ? f->within : FINDINGS_NOISE;
    if (stats_claim_region(manifest_expect_name(f->expect), f->at_least, f->below, f->between_lo,
                           f->between_hi, noise, &j->region_lo, &j->region_hi) != 0) {
        j->verdict = FINDING_UNDECIDED;
        return;
    }
    j->verdict = (gb_verdict)stats_judge(j->lo, j->hi, j->region_lo, j->region_hi);
}

static void write_sentence(const gb_rundir *rd, gb_judged *j, int rv, int rt)
{
    const char *lv = rundir_get(rd, rv, GB_SUMMARY_LABEL), *lt = rundir_get(rd, rt, GB_SUMMARY_LABEL);
    char head[600];
    snprintf(head, sizeof head, "%c%s, %s", toupper((unsigned char)j->params_words[0]),
             j->params_words + 1, lv);
    if (strcmp(j->direction, "no measurable difference") == 0)
        snprintf(j->sentence, sizeof j->sentence,
                 "%s: no measurable difference from %s in %s (ratio %.3g, 95%% CI %.3g-%.3g).",
                 head, lt, measure_words(j), j->ratio, j->lo, j->hi);
    else
        snprintf(j->sentence, sizeof j->sentence, "%s is %.3gx %s than %s in %s (95%% CI %.3g-%.3gx).",
                 head, j->factor, j->direction, lt, measure_words(j), j->factor_lo, j->factor_hi);
}

/* ---- one finding ------------------------------------------------------- */

static void not_measured(gb_judged *j, const char *why)
{
    j->verdict = FINDING_NOT_MEASURED;
    j->ratio = j->lo = j->hi = NAN;
    set_claim(j);
    snprintf(j->sentence, sizeof j->sentence, "%s against %s %s: not measured (%s).",
             j->f->variant, j->f->than, j->params_words, why);
}

static void judge_one(const gb_rundir *rd, gb_judged *j)
{
    const gb_finding *f = j->f;
    j->point = f->at_last ? rundir_last_point(rd, j->m->name) : rundir_point_at(rd, j->m->name, &f->at);
    int rv = rundir_find(rd, j->m->name, f->variant, j->point);
    int rt = rundir_find(rd, j->m->name, f->than, j->point);
    snprintf(j->params, sizeof j->params, "%s", rv >= 0 ? rundir_get(rd, rv, GB_SUMMARY_PARAMS) : "");
    findings_params_words(j->params, j->params_words, sizeof j->params_words);
    if (rv < 0 || rt < 0)
        return not_measured(j, "the point is not in this run");
    if (!rundir_is_ok(rd, rv) || !rundir_is_ok(rd, rt))
        return not_measured(j, "a variant has no valid measurement there");
    int got = strcmp(f->y, "instr_per_call") == 0 ? instr_ratio(rd, j, rv, rt) : sampled_ratio(rd, j);
    if (!got)
        return not_measured(j, strcmp(f->y, "instr_per_call") == 0
                                   ? "no instruction counts: run with --clock instructions"
                                   : "no samples of this measure");
    set_direction(j);
    set_verdict(j);
    write_sentence(rd, j, rv, rt);
}

gb_judged *findings_judge(const gb_rundir *rd, int *count, gb_error *err)
{
    int total = 0, n = 0;
    for (int s = 0; s < rd->manifests.count; s++)
        total += rd->manifests.items[s].finding_count;
    gb_judged *out = calloc((size_t)(total ? total : 1), sizeof *out);
    if (!out) {
        gb_fail(err, "out of memory judging %d findings", total);
        return NULL;
    }
    for (int s = 0; s < rd->manifests.count; s++) {
        const gb_manifest *m = &rd->manifests.items[s];
        for (int i = 0; i < m->finding_count; i++, n++) {
            out[n].m = m;
            out[n].f = &m->findings[i];
            out[n].index = i;
            judge_one(rd, &out[n]);
        }
    }
    *count = n;
    return out;
}

void findings_free_contexts(gb_judged_context *cs, int count)
{
    for (int k = 0; cs && k < count; k++) {
        free(cs[k].js);
        rundir_close(&cs[k].view);
    }
    free(cs);
}

gb_judged_context *findings_judge_contexts(const gb_rundir *rd, gb_error *err)
{
    gb_judged_context *cs = calloc((size_t)rd->context_count, sizeof *cs);
    if (!cs) {
        gb_fail(err, "out of memory for %d contexts", rd->context_count);
        return NULL;
    }
    for (int k = 0; k < rd->context_count; k++) {
        if (rundir_view(rd, k, &cs[k].view, err) != 0 ||
            !(cs[k].js = findings_judge(&cs[k].view, &cs[k].n, err))) {
            findings_free_contexts(cs, k + 1);
            return NULL;
        }
        rundir_context_words(rd, k, cs[k].words, sizeof cs[k].words);
    }
    return cs;
}
