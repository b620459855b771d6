/* runner.c: points, adaptive rounds, answer checks and summaries.
 *
 * A point's measurements live in one array of variant_count x max_rounds
 * cells, allocated when the point starts: the number of rounds a point
 * runs is decided as it runs (stats_stop_check), never bounded by a
 * fixed-size buffer. */
#include "runner.h"

#include "clock.h"
#include "interrupt.h"
#include "progress.h"
#include "results.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RUNNER_RESAMPLES 2000

gb_profile_settings runner_profile_settings(gb_profile_id profile)
{
    /* target_s, warmup, samples, rounds, max_rounds, halfwidth, budget_s */
    static const gb_profile_settings settings[GB_PROFILE_COUNT] = {
        {0.001, 1, 5, 2, 2, 0.0, 0.0},     /* smoke: fixed, no target */
        {0.010, 1, 5, 3, 5, 0.05, 6.0},    /* quick: 5% within 6 s a point */
        {0.100, 2, 10, 5, 20, 0.02, 120.0}, /* full: 2% within 2 min a point */
    };
    return settings[profile];
}

/* Everything one point needs while its rounds run. */
typedef struct point_run {
    const gb_run_config *cfg;
    const gb_paths *paths;   /* cfg's, with the current interpreter */
    const gb_manifest *m;
    int manifest;            /* index of m in the run */
    int slot;                /* its progress slot: interpreter * manifests + manifest */
    int index, points;
    gb_bindings params;
    gb_measurement *meas;    /* [variant * max_rounds + round] */
    int rounds;              /* rounds run so far */
    const char *stop_reason; /* why no more rounds were added */
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
    return &pr->meas[variant * pr->cfg->settings.max_rounds + round];
}

/* 1 when the variant should run in this round: it applies at this point
 * and no earlier round of it failed (a crash or a hang is not retried). */
static int should_run(const point_run *pr, int vi, int round)
{
    if (!manifest_variant_applies(&pr->m->variants[vi], &pr->params))
        return 0;
    if (pr->cfg->instructions && manifest_no_instructions(pr->m, &pr->m->variants[vi])[0])
        return 0;
    for (int r = 0; r < round; r++)
        if (cell(pr, vi, r)->status != GB_STATUS_OK)
            return 0;
    return 1;
}

static int run_one(point_run *pr, int vi, int round, gb_error *err)
{
    const gb_variant *v = &pr->m->variants[vi];
    int instr = pr->cfg->instructions;
    gb_job job = {.m = pr->m, .v = v, .point = &pr->params, .paths = pr->paths,
                  .profile = &pr->cfg->settings, .seed = pr->cfg->seed,
                  .loops = round > 0 && !instr ? cell(pr, vi, 0)->loops : 0,
                  .want_alloc = round == 0 && v->kind == GB_KIND_PYTHON && !instr,
                  .log_fd = pr->cfg->log_fd, .instructions = instr,
                  .hash_seed = instr ? round : -1};
    progress_step(pr->progress, pr->slot, pr->index, pr->points, vi);
    gb_measurement *meas = cell(pr, vi, round);
    measure_run(&job, meas);
    progress_advance(pr->progress);
    return results_add_samples(pr->results, pr->m, v, pr->index, &pr->params, round, meas, err);
}

/* Round r runs every variant once, starting at variant r. */
static int run_round(point_run *pr, int round, gb_error *err)
{
    int nv = pr->m->variant_count;
    for (int k = 0; k < nv; k++) {
        int vi = (k + round) % nv;
        if (interrupt_requested())
            return 0;
        if (should_run(pr, vi, round) && run_one(pr, vi, round, err) != 0)
            return -1;
    }
    return 0;
}

/* ---- two-level samples: one group per worker process ----------------- */

/* The ok rounds of a variant as groups of a per-sample value.  which: 0
 * time per call, 1 + k metric k.  Buffers hold max_rounds entries; vals
 * holds max_rounds * GB_MAX_SAMPLES.  Rounds where `pair` (a variant
 * index, or -1) has no ok samples are left out, so two variants' groups
 * stay paired by round. */
typedef struct groups_buf {
    const double **values;
    int *sizes;
    double *vals;
    stats_groups g;
} groups_buf;

static int groups_alloc(groups_buf *b, int rounds)
{
    b->values = calloc((size_t)rounds, sizeof *b->values);
    b->sizes = calloc((size_t)rounds, sizeof *b->sizes);
    b->vals = calloc((size_t)rounds * GB_MAX_SAMPLES, sizeof *b->vals);
    return b->values && b->sizes && b->vals ? 0 : -1;
}

static void groups_free(groups_buf *b)
{
    free(b->values);
    free(b->sizes);
    free(b->vals);
}

static int round_ok(const point_run *pr, int vi, int r)
{
    const gb_measurement *meas = cell(pr, vi, r);
    return meas->status == GB_STATUS_OK && meas->samples > 0;
}

static const stats_groups *collect(const point_run *pr, int vi, int pair, int which,
                                   groups_buf *b)
{
    int count = 0;
    for (int r = 0; r < pr->rounds; r++) {
        if (!round_ok(pr, vi, r) || (pair >= 0 && !round_ok(pr, pair, r)))
            continue;
        const gb_measurement *meas = cell(pr, vi, r);
        double *dst = b->vals + (size_t)count * GB_MAX_SAMPLES;
        int n = 0;
        for (int i = 0; i < meas->samples; i++) {
            double x = which == 0 ? meas->ns_per_call[i] : meas->metrics[i][which - 1];
            if (!isnan(x))
                dst[n++] = x;
        }
        if (n == 0)
            continue;
        b->values[count] = dst;
        b->sizes[count++] = n;
    }
    b->g = (stats_groups){count, b->values, b->sizes};
    return &b->g;
}

static uint64_t point_seed(const point_run *pr, int vi)
{
    return pr->cfg->seed * 1000003ULL + (uint64_t)pr->index * 7919ULL + (uint64_t)vi;
}

static void no_estimate(gb_estimate *e)
{
    e->value = e->lo = e->hi = NAN;
}

/* For values that may be 0 or negative (a metric: a slope, a count), where
 * the log-scale bootstrap does not apply: the median of all values, and
 * the range of the per-process medians as its interval. */
static int plain_estimate(const stats_groups *g, gb_estimate *e)
{
    int total = 0, positive = 1;
    for (int k = 0; k < g->count; k++)
        for (int i = 0; i < g->sizes[k]; i++, total++)
            positive &= g->values[k][i] > 0;
    if (positive || total == 0)
        return 0;
    double *all = malloc(sizeof *all * (size_t)total);
    if (!all)
        return 0;
    e->lo = INFINITY, e->hi = -INFINITY;
    for (int k = 0, n = 0; k < g->count; k++) {
        double med = stats_median(g->values[k], g->sizes[k]);
        e->lo = fmin(e->lo, med), e->hi = fmax(e->hi, med);
        for (int i = 0; i < g->sizes[k]; i++)
            all[n++] = g->values[k][i];
    }
    e->value = stats_median(all, total);
    free(all);
    return 1;
}

/* The median of a variant's values with its two-level interval. */
static void median_estimate(const point_run *pr, int vi, int which, groups_buf *b,
                            gb_estimate *e)
{
    stats_interval iv;
    no_estimate(e);
    const stats_groups *g = collect(pr, vi, -1, which, b);
    if (g->count == 0 || plain_estimate(g, e))
        return;
    if (stats_hier_median(g, RUNNER_RESAMPLES, point_seed(pr, vi), &iv) == 0)
        *e = (gb_estimate){iv.estimate, iv.lo, iv.hi};
}

/* The speedup over the baseline, paired by round. */
static void speedup_estimate(const point_run *pr, int vi, groups_buf *base, groups_buf *var,
                             gb_estimate *e)
{
    stats_interval iv;
    no_estimate(e);
    const stats_groups *gb = collect(pr, pr->baseline, vi, 0, base);
    const stats_groups *gv = collect(pr, vi, pr->baseline, 0, var);
    if (gb->count > 0 && gb->count == gv->count &&
        stats_hier_ratio(gb, gv, RUNNER_RESAMPLES, point_seed(pr, vi), &iv) == 0)
        *e = (gb_estimate){iv.estimate, iv.lo, iv.hi};
}

/* The interval the adaptive rule watches: the speedup's, or for the
 * baseline its median's. */
static double variant_halfwidth(const point_run *pr, int vi, groups_buf *a, groups_buf *b)
{
    gb_estimate e;
    if (vi == pr->baseline || !round_ok(pr, pr->baseline, 0))
        median_estimate(pr, vi, 0, a, &e);
    else
        speedup_estimate(pr, vi, a, b, &e);
    stats_interval iv = {e.value, e.lo, e.hi};
    return stats_rel_halfwidth(&iv);
}

/* The widest interval among the variants still running; 0 when none runs. */
static double worst_halfwidth(const point_run *pr)
{
    groups_buf a = {0}, b = {0};
    double worst = 0;
    int rounds = pr->cfg->settings.max_rounds;
    if (groups_alloc(&a, rounds) || groups_alloc(&b, rounds))
        worst = NAN;
    for (int vi = 0; !isnan(worst) && vi < pr->m->variant_count; vi++) {
        if (!round_ok(pr, vi, 0) || !should_run(pr, vi, pr->rounds))
            continue;
        double h = variant_halfwidth(pr, vi, &a, &b);
        worst = isnan(h) || h > worst ? h : worst;
    }
    groups_free(&a);
    groups_free(&b);
    return worst;
}

static const char *stop_words(stats_stop stop)
{
    switch (stop) {
    case STATS_STOP_MET: return "met";
    case STATS_STOP_BUDGET: return "the point's time budget ran out";
    case STATS_STOP_CAP: return "the round cap was reached";
    default: return "";
    }
}

/* Rounds until the profile's rule says stop (or Ctrl-C). */
static int run_rounds(point_run *pr, gb_error *err)
{
    const gb_profile_settings *s = &pr->cfg->settings;
    stats_stop_rule rule = {s->halfwidth > 0 ? s->halfwidth : INFINITY, s->rounds,
                            s->halfwidth > 0 ? s->max_rounds : s->rounds,
                            s->budget_s > 0 ? s->budget_s : INFINITY};
    double start = clock_now_s();
    for (;;) {
        if (interrupt_requested())
            return 0;
        if (run_round(pr, pr->rounds, err) != 0)
            return -1;
        pr->rounds++;
        double elapsed = clock_now_s() - start;
        stats_stop stop = stats_stop_check(&rule, pr->rounds, worst_halfwidth(pr), elapsed,
                                           elapsed / pr->rounds);
        if (stop != STATS_GO_ON) {
            pr->stop_reason = stop_words(stop);
            return 0;
        }
    }
}

/* ---- judging and summarising ---------------------------------------- */

/* The baseline's answer at this point, or NULL when it has none. */
static const gb_answer_value *baseline_answer(const point_run *pr)
{
    for (int r = 0; r < pr->rounds; r++)
        if (cell(pr, pr->baseline, r)->status == GB_STATUS_OK)
            return &cell(pr, pr->baseline, r)->answer;
    return NULL;
}

gb_status runner_judge(const gb_measurement *cells, int rounds, const char *skip,
                       const gb_answer_value *base, double tolerance, const char **msg)
{
    int ran = 0;
    *msg = "";
    if (skip) {
        *msg = skip;
        return GB_STATUS_SKIPPED;
    }
    for (int r = 0; r < rounds; r++) {
        const gb_measurement *meas = &cells[r];
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
        if (!protocol_answers_agree(&meas->answer, base, tolerance)) {
            *msg = "answer differs from the baseline's";
            return GB_STATUS_WRONG;
        }
    }
    if (ran == 0)
        *msg = "interrupted before it ran";
    return ran ? GB_STATUS_OK : GB_STATUS_INTERRUPTED;
}

/* Final status of a variant at this point; *msg gets the reason. */
static gb_status judge(const point_run *pr, int vi, const gb_answer_value *base,
                       const char **msg)
{
    const gb_variant *v = &pr->m->variants[vi];
    const char *skip = NULL;
    if (!manifest_variant_applies(v, &pr->params))
        skip = "outside the variant's limit";
    else if (pr->cfg->instructions && manifest_no_instructions(pr->m, v)[0])
        skip = manifest_no_instructions(pr->m, v);
    return runner_judge(cell(pr, vi, 0), pr->rounds, skip, base, pr->m->tolerance, msg);
}

/* CV, outliers, GC, CPU over every sample of every round, pooled. */
static void pooled_figures(const point_run *pr, int vi, gb_point_summary *s)
{
    int cap = pr->rounds * GB_MAX_SAMPLES, n = 0;
    double *xs = malloc((size_t)cap * sizeof *xs), *cpu = malloc((size_t)cap * sizeof *cpu);
    stats_summary sum;
    for (int r = 0; xs && cpu && r < pr->rounds; r++) {
        const gb_measurement *meas = cell(pr, vi, r);
        for (int i = 0; meas->status == GB_STATUS_OK && i < meas->samples; i++, n++) {
            xs[n] = meas->ns_per_call[i];
            cpu[n] = meas->cpu_ns[i] / (double)meas->loops;
            s->gc_per_call += meas->gc_collections[i] / (double)meas->loops;
            s->gc_ns_per_call += meas->gc_ns[i] / (double)meas->loops;
            s->gc_max_ns = fmax(s->gc_max_ns, meas->gc_max_ns[i]);
        }
    }
    s->samples = n;
    if (n > 0 && stats_summarize(xs, n, 2, pr->cfg->seed, &sum) == 0) {
        s->cv = sum.cv;
        s->outliers = sum.outliers_low + sum.outliers_high;
        s->gc_per_call /= n;
        s->gc_ns_per_call /= n;
        s->cpu_ns_per_call = stats_median(cpu, n);
    }
    free(xs);
    free(cpu);
}

static int fill_timing(const point_run *pr, int vi, gb_point_summary *s)
{
    groups_buf a = {0}, b = {0};
    int rc = groups_alloc(&a, pr->cfg->settings.max_rounds) ||
             groups_alloc(&b, pr->cfg->settings.max_rounds);
    if (rc == 0) {
        pooled_figures(pr, vi, s);
        median_estimate(pr, vi, 0, &a, &s->time);
        s->process_share = stats_process_share(collect(pr, vi, -1, 0, &a));
        if (pr->base_ok)
            speedup_estimate(pr, vi, &a, &b, &s->speedup);
        for (int k = 0; k < pr->m->metric_count; k++) {
            median_estimate(pr, vi, 1 + k, &a, &s->metrics[k]);
            s->metric_samples[k] = 0;
            for (int g = 0; g < a.g.count; g++)
                s->metric_samples[k] += a.g.sizes[g];
        }
        double h = variant_halfwidth(pr, vi, &a, &b);
        s->target_met = pr->cfg->settings.halfwidth > 0 ? h <= pr->cfg->settings.halfwidth : -1;
    }
    groups_free(&a);
    groups_free(&b);
    return rc;
}

/* The instruction clock's counts, one per hash seed: median, min, max. */
static void instr_estimate(const point_run *pr, int vi, gb_estimate *e)
{
    double xs[GB_MAX_ROUNDS];
    int n = 0;
    for (int r = 0; r < pr->rounds && n < GB_MAX_ROUNDS; r++)
        if (cell(pr, vi, r)->status == GB_STATUS_OK && !isnan(cell(pr, vi, r)->instr_per_call))
            xs[n++] = cell(pr, vi, r)->instr_per_call;
    no_estimate(e);
    for (int i = 0; i < n; i++) {
        e->lo = i == 0 || xs[i] < e->lo ? xs[i] : e->lo;
        e->hi = i == 0 || xs[i] > e->hi ? xs[i] : e->hi;
    }
    if (n > 0)
        e->value = stats_median(xs, n);
}

static void init_summary(const point_run *pr, int vi, gb_point_summary *s)
{
    memset(s, 0, sizeof *s);
    s->m = pr->m;
    s->v = &pr->m->variants[vi];
    s->point = pr->index;
    s->params = &pr->params;
    s->items = manifest_items(pr->m, &pr->params);
    s->process_share = NAN;
    s->target_met = -1;
    no_estimate(&s->time);
    no_estimate(&s->speedup);
    no_estimate(&s->instr);
}

static int summarize_variant(point_run *pr, int vi, gb_error *err)
{
    const gb_variant *v = &pr->m->variants[vi];
    const gb_measurement *first = cell(pr, vi, 0);
    gb_point_summary s;
    init_summary(pr, vi, &s);
    s.status = judge(pr, vi, pr->base_answer, &s.message);
    for (int r = 0; r < pr->rounds; r++)
        s.rounds += cell(pr, vi, r)->status != GB_STATUS_SKIPPED;
    s.loops = first->loops;
    s.alloc_bytes = first->status == GB_STATUS_OK ? first->alloc_bytes : -1;
    s.idle_rss_kb = pr->idle_rss[v->kind];
    for (int r = 0; r < pr->rounds; r++)
        if (cell(pr, vi, r)->maxrss_kb > s.rss_kb)
            s.rss_kb = cell(pr, vi, r)->maxrss_kb;
    s.answer = first->have_answer ? &first->answer : NULL;
    if (s.status == GB_STATUS_OK && pr->cfg->instructions)
        instr_estimate(pr, vi, &s.instr);
    else if (s.status == GB_STATUS_OK && fill_timing(pr, vi, &s) != 0)
        return gb_fail(err, "out of memory summarising %s", v->name);
    if (s.status == GB_STATUS_OK && s.target_met == 0 && pr->stop_reason)
        s.message = pr->stop_reason;
    pr->out->status_counts[s.status]++;
    /* A failure the variant exists to show (a cache that runs out of memory)
     * is its result, reported as such, not a failed run. */
    int expected = v->expect_status[0] && strcmp(v->expect_status, measure_status_name(s.status)) == 0;
    if (s.status != GB_STATUS_OK && s.status != GB_STATUS_SKIPPED && !expected)
        pr->out->failed++;
    return results_add_summary(pr->results, &s, err);
}

static int run_point(point_run *pr, gb_error *err)
{
    int cells = pr->m->variant_count * pr->cfg->settings.max_rounds;
    pr->meas = calloc((size_t)cells, sizeof *pr->meas);
    if (!pr->meas)
        return gb_fail(err, "out of memory for %d measurements", cells);
    for (int i = 0; i < cells; i++)
        pr->meas[i].status = GB_STATUS_SKIPPED; /* "not run", until it runs */
    pr->rounds = 0;
    pr->stop_reason = NULL;
    pr->baseline = (int)(manifest_variant(pr->m, pr->m->baseline) - pr->m->variants);
    int rc = run_rounds(pr, err);
    const char *unused;
    pr->base_answer = baseline_answer(pr);
    pr->base_ok = judge(pr, pr->baseline, pr->base_answer, &unused) == GB_STATUS_OK;
    for (int vi = 0; rc == 0 && vi < pr->m->variant_count; vi++)
        rc = summarize_variant(pr, vi, err);
    free(pr->meas);
    pr->meas = NULL;
    return rc;
}

/* Resuming: whether point p of ms[s] under interpreter k was measured. */
static int already_done(const gb_run_config *cfg, int count, int k, int s, int64_t p)
{
    return cfg->done && cfg->done[runner_slot(k, count, s)][p];
}

/* Measurements the run plans: each applicable variant's minimum rounds. */
static int64_t count_measurements(const gb_run_config *cfg, const gb_manifest *ms, int count)
{
    int64_t total = 0;
    for (int k = 0; k < cfg->python_count; k++)
        for (int s = 0; s < count; s++)
            for (int64_t p = 0; p < manifest_point_count(&ms[s], cfg->profile); p++) {
                gb_bindings params;
                if (already_done(cfg, count, k, s, p))
                    continue;
                manifest_point(&ms[s], cfg->profile, p, &params);
                for (int v = 0; v < ms[s].variant_count; v++)
                    total += manifest_variant_applies(&ms[s].variants[v], &params) *
                             cfg->settings.rounds;
            }
    return total;
}

/* The harness's own floor, measured in every run: an empty variant of
 * each worker kind (the `overhead` scenario's), timed like any other. */
static double measure_overhead(const gb_run_config *cfg, const gb_paths *paths, gb_kind kind)
{
    static const gb_variant empty[2] = {
        {.name = "py_empty", .kind = GB_KIND_PYTHON, .entry = "overhead:py_empty",
         .setup = "overhead:make_input"},
        {.name = "c_empty", .kind = GB_KIND_C, .entry = "overhead:empty"},
    };
    gb_manifest m = {.timeout = 60.0};
    gb_bindings none = {0};
    gb_measurement meas;
    gb_job job = {.m = &m, .v = &empty[kind], .point = &none, .paths = paths,
                  .profile = &cfg->settings, .seed = cfg->seed, .log_fd = cfg->log_fd,
                  .hash_seed = -1};
    measure_run(&job, &meas);
    if (meas.status != GB_STATUS_OK || meas.samples == 0)
        return NAN;
    return stats_median(meas.ns_per_call, meas.samples);
}

/* Every scenario under interpreter k: its floor first, then each point. */
static int run_python(point_run *pr, const gb_manifest *ms, int count, int k, gb_error *err)
{
    const gb_run_config *cfg = pr->cfg;
    gb_paths paths = *cfg->paths;
    paths_use_python(&paths, cfg->pythons[k].executable, cfg->pythons[k].ext_dir);
    paths_export(&paths);
    pr->paths = &paths;
    results_set_context(pr->results, cfg->machine, cfg->pythons[k].name);
    pr->idle_rss[GB_KIND_PYTHON] = measure_idle_rss(GB_KIND_PYTHON, &paths, cfg->log_fd);
    pr->idle_rss[GB_KIND_C] = measure_idle_rss(GB_KIND_C, &paths, cfg->log_fd);
    pr->idle_rss[GB_KIND_PROCESS] = -1;
    for (int kind = GB_KIND_PYTHON; kind <= GB_KIND_C; kind++)
        pr->out->overhead_ns[k][kind] = cfg->instructions ? NAN : measure_overhead(cfg, &paths, kind);
    int rc = 0;
    for (int s = 0; rc == 0 && s < count && !interrupt_requested(); s++) {
        double start = clock_now_s();
        pr->m = &ms[s];
        pr->manifest = s;
        pr->slot = runner_slot(k, count, s);
        pr->points = (int)manifest_point_count(pr->m, cfg->profile);
        for (int p = 0; rc == 0 && p < pr->points && !interrupt_requested(); p++) {
            if (already_done(cfg, count, k, s, p))
                continue;
            pr->index = p;
            manifest_point(pr->m, cfg->profile, p, &pr->params);
            rc = run_point(pr, err);
            progress_point_done(pr->progress, pr->slot, p, pr->rounds);
        }
        pr->out->scenario_seconds[s] += clock_now_s() - start;
    }
    pr->paths = NULL;
    paths_export(cfg->paths);
    return rc;
}

int runner_run(const gb_run_config *cfg, const gb_manifest *ms, int count, gb_run_outcome *out,
               gb_error *err)
{
    gb_results results;
    gb_progress progress;
    if (results_open(&results, cfg->dir, cfg->done != NULL, err) != 0)
        return -1;
    out->planned = count_measurements(cfg, ms, count);
    progress_init(&progress, cfg, ms, count, out->planned);
    point_run pr = {.cfg = cfg, .results = &results, .progress = &progress, .out = out};
    for (int k = 0; k < GB_MAX_PYTHONS; k++)   /* an interpreter never reached has no floor */
        out->overhead_ns[k][GB_KIND_PYTHON] = out->overhead_ns[k][GB_KIND_C] = NAN;
    int rc = 0;
    for (int k = 0; rc == 0 && k < cfg->python_count && !interrupt_requested(); k++)
        rc = run_python(&pr, ms, count, k, err);
    out->interrupted = interrupt_requested();
    out->done = progress.done;
    out->eta_at_tenth = progress.eta_at_tenth;
    out->eta_history_share = progress_history_share(&progress);
    out->actual_after_tenth = progress.clock_at_tenth >= 0 ? clock_now_s() - progress.clock_at_tenth : -1;
    progress_finish(&progress);
    progress_free(&progress);
    results_close(&results);
    return rc;
}
