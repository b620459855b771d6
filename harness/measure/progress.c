/* progress.c: progress and ETA on stderr (progress.h). */
#include "progress.h"

#include "clock.h"
#include "eta_history.h"
#include "interrupt.h"
#include "results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The settings part of a history key: a cell's cost depends on every one. */
static void settings_text(const gb_run_config *cfg, char *out, size_t cap)
{
    const gb_profile_settings *s = &cfg->settings;
    snprintf(out, cap, "%s %s t%g w%d s%d r%d-%d h%g b%g", manifest_profile_name(cfg->profile),
             cfg->instructions ? "instructions" : "time", s->target_s, s->warmup, s->samples,
             s->rounds, s->max_rounds, s->halfwidth, s->budget_s);
}

/* The manifest of plan slot m (runner_slot's layout). */
static const gb_manifest *slot_manifest(const gb_progress *p, int m)
{
    return &p->ms[runner_slot_manifest(m, p->manifests)];
}

/* Adds the cell of variant v at this point (if it will run); 0 or -1. */
static int add_cell(gb_progress *p, const gb_run_config *cfg, const eta_history *h,
                    const char *settings, int m, int v, const gb_bindings *params, double items)
{
    const gb_manifest *man = slot_manifest(p, m);
    const gb_variant *var = &man->variants[v];
    char text[GB_MAX_PARAMS * (GB_NAME_LEN + 24) + 1], scenario[GB_NAME_LEN + 40];
    if (!manifest_variant_applies(var, params) ||
        (cfg->instructions && manifest_no_instructions(man, var)[0]))
        return 0;
    /* Costs differ between interpreters: each has its own history. */
    snprintf(scenario, sizeof scenario, "%s@%s", man->name, cfg->pythons[runner_slot_python(m, p->manifests)].name);
    /* keys grows first, so that it always holds one entry per cell */
    char **keys = realloc(p->keys, (size_t)(p->eta.ncells + 1) * sizeof *keys);
    if (!keys)
        return -1;
    p->keys = keys;
    results_params_text(params, text, sizeof text);
    char *key = eta_history_key(settings, scenario, var->name, text);
    const eta_hist_entry *e = key ? eta_history_find(h, key) : NULL;
    int c = eta_add_cell(&p->eta, v, var->kind, items, e ? e->sec : 0, e ? e->count : 0);
    if (c < 0)
        free(key);
    else
        p->keys[c] = key;
    return c < 0 ? -1 : 0;
}

/* The plan: every point of every manifest, in run order; 0 or -1. */
static int build_plan(gb_progress *p, const gb_run_config *cfg, const eta_history *h)
{
    char settings[160];
    settings_text(cfg, settings, sizeof settings);
    p->first_point = calloc((size_t)p->count + 1, sizeof *p->first_point);
    if (!p->first_point)
        return -1;
    for (int m = 0; m < p->count; m++) {
        if (eta_add_scenario(&p->eta) < 0)
            return -1;
        p->first_point[m] = p->eta.npoints;
        const gb_manifest *man = slot_manifest(p, m);
        for (int64_t pt = 0; pt < manifest_point_count(man, p->profile); pt++) {
            gb_bindings params;
            if (eta_add_point(&p->eta, cfg->done && cfg->done[m][pt]) < 0)
                return -1;
            manifest_point(man, p->profile, pt, &params);
            double items = (double)manifest_items(man, &params);
            for (int v = 0; v < man->variant_count; v++)
                if (add_cell(p, cfg, h, settings, m, v, &params, items) != 0)
                    return -1;
        }
    }
    for (int i = 0; i < h->count; i++)
        if (eta_history_has_settings(&h->items[i], settings))
            eta_add_prior(&p->eta, h->items[i].kind, h->items[i].sec, h->items[i].count);
    p->committed = calloc((size_t)p->eta.npoints + 1, 1);
    return p->committed ? 0 : -1;
}

void progress_init(gb_progress *p, const gb_run_config *cfg, const gb_manifest *ms, int count,
                   int64_t total_measurements)
{
    eta_history h;
    memset(p, 0, sizeof *p);
    p->total = total_measurements;
    p->quiet = cfg->quiet;
    p->tty = isatty(2);
    p->start_s = clock_now_s();
    p->last_point_printed = -1;
    p->ms = ms;
    p->manifests = count;
    p->count = count * (cfg->python_count > 0 ? cfg->python_count : 1);
    p->profile = cfg->profile;
    p->eta_at_tenth = p->clock_at_tenth = -1;
    p->cur_m = p->cur_cell = p->open_cell = -1;
    eta_init(&p->eta, &cfg->settings, cfg->instructions);
    if (cfg->paths && cfg->paths->cache_dir[0])
        snprintf(p->history_path, sizeof p->history_path, "%s/%s", cfg->paths->cache_dir,
                 ETA_HISTORY_FILE);
    eta_history_load(&h, p->history_path);
    if (build_plan(p, cfg, &h) != 0)
        progress_free(p);   /* no plan: no ETA, the run goes on */
    eta_history_free(&h);
}

void progress_free(gb_progress *p)
{
    for (int c = 0; p->keys && c < p->eta.ncells; c++)
        free(p->keys[c]);
    free(p->keys);
    free(p->first_point);
    free(p->committed);
    eta_free(&p->eta);
    p->keys = NULL;
    p->first_point = NULL;
    p->committed = NULL;
}

/* The plan's index of point `point` of ms[m], or -1 without a plan. */
static int plan_point(const gb_progress *p, int m, int point)
{
    return p->committed && m >= 0 && m < p->count ? p->first_point[m] + point : -1;
}

/* Ends the time of the last measurement: the runner's work after it
 * belongs to it. */
static void close_open(gb_progress *p, double now)
{
    if (p->open_cell >= 0)
        eta_add_time(&p->eta, p->open_cell, now - p->open_since);
    p->open_cell = -1;
}

double progress_history_share(const gb_progress *p)
{
    int known = 0;
    for (int c = 0; p->committed && c < p->eta.ncells; c++)
        known += p->eta.cells[c].hist_sec > 0;
    return p->committed && p->eta.ncells ? (double)known / p->eta.ncells : NAN;
}

/* Writes every finished point not yet in the history file. */
static void commit_history(gb_progress *p)
{
    eta_history run = {0};
    gb_error err;
    int rc = 0;
    for (int pt = 0; p->committed && rc == 0 && pt < p->eta.npoints; pt++) {
        const eta_point *point = &p->eta.points[pt];
        if (point->state != ETA_FINISHED || p->committed[pt])
            continue;
        for (int c = point->first_cell; rc == 0 && c < point->first_cell + point->cells; c++) {
            const eta_cell *cell = &p->eta.cells[c];
            if (cell->obs_n > 0 && p->keys[c])
                rc = eta_history_merge(&run, p->keys[c], cell->kind, cell->obs_sum / cell->obs_n,
                                       cell->obs_n);
        }
        p->committed[pt] = 1;
    }
    if (rc == 0 && run.count > 0 && p->history_path[0])
        rc = eta_history_commit(p->history_path, &run, &err);
    else if (rc != 0)
        gb_fail(&err, "%s: out of memory", p->history_path);
    if (rc != 0 && !p->quiet && !p->history_failed)
        fprintf(stderr, "gluebench: the ETA's cost history is not kept: %s\n", err.msg);
    p->history_failed |= rc != 0;
    eta_history_free(&run);
}

double progress_eta(const gb_progress *p)
{
    if (p->done == 0 || !p->committed)
        return -1;
    return eta_remaining(&p->eta);
}

static void print_line(gb_progress *p, const char *variant)
{
    double eta = progress_eta(p);
    char eta_text[32] = "?";
    const gb_manifest *man = slot_manifest(p, p->cur_m);
    int points = (int)manifest_point_count(man, p->profile);
    if (eta >= 0)
        snprintf(eta_text, sizeof eta_text, "%.0fs", eta);
    if (p->tty) {
        char bar[21];
        double elapsed = clock_now_s() - p->start_s;
        int fill = eta >= 0 && elapsed + eta > 0 ? (int)(20 * elapsed / (elapsed + eta)) : 0;
        for (int i = 0; i < 20; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[20] = '\0';
        fprintf(stderr, "\r\033[K[%s] %s point %d of %d: %s  ETA %s", bar, man->name, p->cur_p + 1,
                points, variant, eta_text);
        fflush(stderr);
    } else if (p->cur_p != p->last_point_printed) {
        fprintf(stderr, "gluebench: %s point %d of %d (measurement %lld, ETA %s)\n", man->name,
                p->cur_p + 1, points, (long long)p->done + 1, eta_text);
        p->last_point_printed = p->cur_p;
    }
}

void progress_step(gb_progress *p, int m, int point, int points, int vi)
{
    (void)points;
    double now = clock_now_s();
    close_open(p, now);
    if (p->cur_m >= 0 && m != p->cur_m)
        commit_history(p);   /* a scenario ended */
    p->cur_m = m;
    p->cur_p = point;
    p->cur_cell = plan_point(p, m, point) >= 0 ? eta_cell_of(&p->eta, m, point, vi) : -1;
    p->step_start = clock_now_s();
    if (!p->quiet)
        print_line(p, slot_manifest(p, m)->variants[vi].name);
}

void progress_advance(gb_progress *p)
{
    double now = clock_now_s();
    if (p->cur_cell >= 0) {
        eta_measured(&p->eta, p->cur_cell, now - p->step_start);
        p->open_cell = p->cur_cell;
        p->open_since = now;
    }
    p->done++;
    if (p->eta_at_tenth < 0 && p->total > 0 && p->done * 10 >= p->total) {
        p->eta_at_tenth = progress_eta(p);
        p->clock_at_tenth = clock_now_s();
    }
}

void progress_point_done(gb_progress *p, int m, int point, int rounds)
{
    close_open(p, clock_now_s());
    /* An interrupted point ran fewer rounds than it would have: it is
     * left out of the round counts and of the history. */
    int pt = plan_point(p, m, point);
    if (pt >= 0 && rounds > 0 && !interrupt_requested())
        eta_point_finished(&p->eta, pt, rounds);
}

void progress_finish(gb_progress *p)
{
    close_open(p, clock_now_s());
    commit_history(p);
    if (p->quiet)
        return;
    if (p->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "gluebench: %lld measurements in %.1f s\n", (long long)p->done,
            clock_now_s() - p->start_s);
}
