/* runner.c: points, rounds, answer checks and summaries. */
#include "runner.h"

#include "interrupt.h"
#include "progress.h"
#include "results.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNNER_RESAMPLES 2000

gb_profile_settings runner_profile_settings(gb_profile_id profile)
{
    static const gb_profile_settings settings[GB_PROFILE_COUNT] = {
        {0.001, 1, 5, 2},   /* smoke */
        {0.010, 1, 5, 3},   /* quick */
        {0.100, 2, 10, 5},  /* full */
    };
    return settings[profile];
}

/* Everything one point needs while its rounds run. */
typedef struct point_run {
    const gb_run_config *cfg;
    const gb_manifest *m;
    int index, points;
    gb_bindings params;
    gb_measurement *meas;    /* [variant * rounds + round] */
    int baseline;            /* index of the baseline variant */
    const gb_answer_value *base_answer;  /* NULL: the baseline has none */
    int base_ok;             /* the baseline's status at this point is ok */
    long idle_rss[GB_KIND_COUNT];
    gb_results *results;
    gb_progress *progress;
    gb_run_outcome *out;
} point_run;

static gb_measurement *cell(const point_run *pr, int variant, int round)
{
    return &pr->meas[variant * pr->cfg->settings.rounds + round];
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* 1 when the variant should run in this round: it applies at this point
 * and no earlier round of it failed (a crash or a hang is not retried). */
static int should_run(const point_run *pr, int vi, int round)
{
    if (!manifest_variant_applies(&pr->m->variants[vi], &pr->params))
        return 0;
    for (int r = 0; r < round; r++)
        if (cell(pr, vi, r)->status != GB_STATUS_OK)
            return 0;
    return 1;
}

static int run_one(point_run *pr, int vi, int round, gb_error *err)
{
    const gb_variant *v = &pr->m->variants[vi];
    gb_job job = {pr->m, v, &pr->params, pr->cfg->paths, &pr->cfg->settings, pr->cfg->seed,
                  round > 0 ? cell(pr, vi, 0)->loops : 0,
                  round == 0 && v->kind == GB_KIND_PYTHON, pr->cfg->log_fd};
    progress_step(pr->progress, pr->m->name, pr->index, pr->points, v->name);
    gb_measurement *meas = cell(pr, vi, round);
    measure_run(&job, meas);
    progress_advance(pr->progress);
    return results_add_samples(pr->results, pr->m, v, pr->index, &pr->params, round, meas, err);
}

static int run_rounds(point_run *pr, gb_error *err)
{
    int nv = pr->m->variant_count;
    for (int round = 0; round < pr->cfg->settings.rounds; round++)
        for (int k = 0; k < nv; k++) {
            int vi = (k + round) % nv;
            if (interrupt_requested())
                return 0;
            if (should_run(pr, vi, round) && run_one(pr, vi, round, err) != 0)
                return -1;
        }
    return 0;
}

/* The baseline's answer at this point, or NULL when it has none. */
static const gb_answer_value *baseline_answer(const point_run *pr)
{
    for (int r = 0; r < pr->cfg->settings.rounds; r++)
        if (cell(pr, pr->baseline, r)->status == GB_STATUS_OK)
            return &cell(pr, pr->baseline, r)->answer;
    return NULL;
}

/* Final status of a variant at this point; *msg gets the reason. */
static gb_status judge(const point_run *pr, int vi, const gb_answer_value *base,
                       const char **msg)
{
    int ran = 0;
    *msg = "";
    if (!manifest_variant_applies(&pr->m->variants[vi], &pr->params)) {
        *msg = "outside the variant's limit";
        return GB_STATUS_SKIPPED;
    }
    for (int r = 0; r < pr->cfg->settings.rounds; r++) {
        const gb_measurement *meas = cell(pr, vi, r);
        if (meas->status == GB_STATUS_SKIPPED)
            break;
        ran++;
        if (meas->status != GB_STATUS_OK) {
            *msg = meas->message;
            return meas->status;
        }
        if (!base) {
            *msg = "the baseline has no answer at this point";
            return GB_STATUS_UNCHECKED;
        }
        if (!protocol_answers_agree(&meas->answer, base, pr->m->tolerance)) {
            *msg = "answer differs from the baseline's";
            return GB_STATUS_WRONG;
        }
    }
    if (ran == 0)
        *msg = "interrupted before it ran";
    return ran ? GB_STATUS_OK : GB_STATUS_INTERRUPTED;
}

/* Pools the samples of every round into xs; returns the count. */
static int pool_samples(const point_run *pr, int vi, double *xs, double *gc, double *gc_ns)
{
    int n = 0;
    for (int r = 0; r < pr->cfg->settings.rounds; r++) {
        const gb_measurement *meas = cell(pr, vi, r);
        for (int i = 0; i < meas->samples; i++, n++) {
            xs[n] = meas->ns_per_call[i];
            *gc += meas->gc_collections[i] / (double)meas->loops;
            *gc_ns += meas->gc_ns[i] / (double)meas->loops;
        }
    }
    return n;
}

/* Speedup over the baseline, samples paired by round and position. */
static void speedup(const point_run *pr, int vi, int bi, gb_point_summary *s)
{
    int rounds = pr->cfg->settings.rounds, n = 0;
    double *base = calloc((size_t)rounds * GB_MAX_SAMPLES, sizeof *base);
    double *var = calloc((size_t)rounds * GB_MAX_SAMPLES, sizeof *var);
    s->speedup = s->speedup_lo = s->speedup_hi = NAN;
    for (int r = 0; base && var && r < rounds; r++) {
        const gb_measurement *a = cell(pr, bi, r), *b = cell(pr, vi, r);
        for (int i = 0; i < a->samples && i < b->samples; i++, n++) {
            base[n] = a->ns_per_call[i];
            var[n] = b->ns_per_call[i];
        }
    }
    if (n > 0)
        stats_ratio_paired(base, var, n, RUNNER_RESAMPLES, pr->cfg->seed, &s->speedup,
                           &s->speedup_lo, &s->speedup_hi);
    free(base);
    free(var);
}

static void fill_timing(const point_run *pr, int vi, gb_point_summary *s)
{
    double xs[GB_MAX_SAMPLES * 16];
    double gc = 0, gc_ns = 0;
    stats_summary sum;
    int n = pool_samples(pr, vi, xs, &gc, &gc_ns);
    s->samples = n;
    if (n == 0 || stats_summarize(xs, n, RUNNER_RESAMPLES, pr->cfg->seed, &sum) != 0)
        return;
    s->median = sum.median;
    s->lo = sum.lo;
    s->hi = sum.hi;
    s->cv = sum.cv;
    s->outliers = sum.outliers_low + sum.outliers_high;
    s->gc_per_call = gc / n;
    s->gc_ns_per_call = gc_ns / n;
    if (pr->base_ok)
        speedup(pr, vi, pr->baseline, s);
}

static int64_t items_of(const point_run *pr)
{
    for (int i = 0; pr->m->items[0] && i < pr->params.count; i++)
        if (strcmp(pr->params.names[i], pr->m->items) == 0)
            return pr->params.values[i];
    return 1;
}

static int summarize_variant(point_run *pr, int vi, gb_error *err)
{
    const gb_variant *v = &pr->m->variants[vi];
    const gb_measurement *first = cell(pr, vi, 0);
    gb_point_summary s;
    memset(&s, 0, sizeof s);
    s.m = pr->m;
    s.v = v;
    s.point = pr->index;
    s.params = &pr->params;
    s.items = items_of(pr);
    s.status = judge(pr, vi, pr->base_answer, &s.message);
    s.rounds = pr->cfg->settings.rounds;
    s.loops = first->loops;
    s.alloc_bytes = first->status == GB_STATUS_OK ? first->alloc_bytes : -1;
    s.idle_rss_kb = pr->idle_rss[v->kind];
    for (int r = 0; r < s.rounds; r++)
        if (cell(pr, vi, r)->maxrss_kb > s.rss_kb)
            s.rss_kb = cell(pr, vi, r)->maxrss_kb;
    s.answer = first->have_answer ? &first->answer : NULL;
    if (s.status == GB_STATUS_OK)
        fill_timing(pr, vi, &s);
    pr->out->status_counts[s.status]++;
    if (s.status != GB_STATUS_OK && s.status != GB_STATUS_SKIPPED)
        pr->out->failed++;
    return results_add_summary(pr->results, &s, err);
}

static int run_point(point_run *pr, gb_error *err)
{
    int cells = pr->m->variant_count * pr->cfg->settings.rounds;
    pr->meas = calloc((size_t)cells, sizeof *pr->meas);
    if (!pr->meas)
        return gb_fail(err, "out of memory for %d measurements", cells);
    for (int i = 0; i < cells; i++)
        pr->meas[i].status = GB_STATUS_SKIPPED; /* "not run", until it runs */
    int rc = run_rounds(pr, err);
    const char *unused;
    pr->baseline = (int)(manifest_variant(pr->m, pr->m->baseline) - pr->m->variants);
    pr->base_answer = baseline_answer(pr);
    pr->base_ok = judge(pr, pr->baseline, pr->base_answer, &unused) == GB_STATUS_OK;
    for (int vi = 0; rc == 0 && vi < pr->m->variant_count; vi++)
        rc = summarize_variant(pr, vi, err);
    free(pr->meas);
    pr->meas = NULL;
    return rc;
}

static int count_measurements(const gb_run_config *cfg, const gb_manifest *ms, int count)
{
    int total = 0;
    for (int s = 0; s < count; s++)
        for (int p = 0; p < manifest_point_count(&ms[s], cfg->profile); p++) {
            gb_bindings params;
            manifest_point(&ms[s], cfg->profile, p, &params);
            for (int v = 0; v < ms[s].variant_count; v++)
                total += manifest_variant_applies(&ms[s].variants[v], &params) *
                         cfg->settings.rounds;
        }
    return total;
}

/* The harness's own floor, measured in every run: an empty variant of
 * each worker kind (the `overhead` scenario's), timed like any other. */
static double measure_overhead(const gb_run_config *cfg, gb_kind kind)
{
    static const gb_variant empty[2] = {
        {.name = "py_empty", .kind = GB_KIND_PYTHON, .entry = "overhead:py_empty",
         .setup = "overhead:make_input"},
        {.name = "c_empty", .kind = GB_KIND_C, .entry = "overhead:empty"},
    };
    gb_manifest m = {.timeout = 60.0};
    gb_bindings none = {0};
    gb_measurement meas;
    gb_job job = {&m, &empty[kind], &none, cfg->paths, &cfg->settings, cfg->seed, 0, 0,
                  cfg->log_fd};
    measure_run(&job, &meas);
    if (meas.status != GB_STATUS_OK || meas.samples == 0)
        return NAN;
    return stats_median(meas.ns_per_call, meas.samples);
}

int runner_run(const gb_run_config *cfg, const gb_manifest *ms, int count, gb_run_outcome *out,
               gb_error *err)
{
    gb_results results;
    gb_progress progress;
    if (results_open(&results, cfg->dir, err) != 0)
        return -1;
    progress_init(&progress, count_measurements(cfg, ms, count));
    point_run pr = {.cfg = cfg, .results = &results, .progress = &progress, .out = out};
    pr.idle_rss[GB_KIND_PYTHON] = measure_idle_rss(GB_KIND_PYTHON, cfg->paths, cfg->log_fd);
    pr.idle_rss[GB_KIND_C] = measure_idle_rss(GB_KIND_C, cfg->paths, cfg->log_fd);
    pr.idle_rss[GB_KIND_PROCESS] = -1;
    out->overhead_ns[GB_KIND_PYTHON] = measure_overhead(cfg, GB_KIND_PYTHON);
    out->overhead_ns[GB_KIND_C] = measure_overhead(cfg, GB_KIND_C);
    fprintf(stderr, "gluebench: harness floor: an empty Python call measures %.1f ns, "
                    "an empty C call %.2f ns\n",
            out->overhead_ns[GB_KIND_PYTHON], out->overhead_ns[GB_KIND_C]);
    int rc = 0;
    for (int s = 0; rc == 0 && s < count && !interrupt_requested(); s++) {
        double start = now_s();
        pr.m = &ms[s];
        pr.points = manifest_point_count(pr.m, cfg->profile);
        for (int p = 0; rc == 0 && p < pr.points && !interrupt_requested(); p++) {
            pr.index = p;
            manifest_point(pr.m, cfg->profile, p, &pr.params);
            rc = run_point(&pr, err);
        }
        out->scenario_seconds[s] = now_s() - start;
    }
    out->interrupted = interrupt_requested();
    progress_finish(&progress);
    results_close(&results);
    return rc;
}
