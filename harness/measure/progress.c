/* progress.c: progress and ETA on stderr (progress.h). */
#include "progress.h"

#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void progress_init(gb_progress *p, const gb_manifest *ms, int count, gb_profile_id profile,
                   int min_rounds, int64_t total_measurements, int quiet)
{
    memset(p, 0, sizeof *p);
    p->total = total_measurements;
    p->quiet = quiet;
    p->tty = isatty(2);
    p->start_s = clock_now_s();
    p->last_point_printed = -1;
    p->ms = ms;
    p->count = count;
    p->profile = profile;
    p->min_rounds = min_rounds;
    p->eta_at_tenth = p->clock_at_tenth = -1;
    p->vars = calloc((size_t)count + 1, sizeof *p->vars);
    p->rounds_used = calloc((size_t)count + 1, sizeof *p->rounds_used);
    p->points_done = calloc((size_t)count + 1, sizeof *p->points_done);
    for (int m = 0; p->vars && m < count; m++)
        p->vars[m] = calloc((size_t)ms[m].variant_count + 1, sizeof **p->vars);
    p->cur_m = -1;
}

void progress_free(gb_progress *p)
{
    for (int m = 0; p->vars && m < p->count; m++)
        free(p->vars[m]);
    free(p->vars);
    free(p->rounds_used);
    free(p->points_done);
    p->vars = NULL;
    p->rounds_used = NULL;
    p->points_done = NULL;
}

/* Seconds one measurement of ms[m]'s variant v with `items` items is
 * expected to take. */
static double estimate(const gb_progress *p, int m, int v, double items, double run_mean)
{
    const gb_progress_var *own = &p->vars[m][v];
    if (own->measured && own->max_items > own->min_items) {
        double n = own->measured, det = n * own->sxx - own->sx * own->sx;
        double b = det > 0 ? (n * own->sxy - own->sx * own->sy) / det : 0;
        b = b > 0 ? b : 0;
        double a = (own->sy - b * own->sx) / n;
        /* Within the measured sizes the line holds; beyond them a worker's
         * start and calibration, not the size, make most of a measurement,
         * so the line is not followed past twice the largest size seen. */
        double x = items < 2 * own->max_items ? items : 2 * own->max_items;
        return (a > 0 ? a : 0) + b * x;
    }
    if (own->measured)
        return own->seconds / own->measured;
    double sum = 0;
    int n = 0;
    for (int k = 0; k < p->ms[m].variant_count; k++) {
        sum += p->vars[m][k].seconds;
        n += p->vars[m][k].measured;
    }
    return n ? sum / n : run_mean;
}

static double expected_rounds(const gb_progress *p, int m)
{
    return p->points_done[m] ? p->rounds_used[m] / p->points_done[m] : p->min_rounds;
}

/* Seconds the points of ms[m] from `first` on are expected to take. */
static double remaining_points(const gb_progress *p, int m, int64_t first, double run_mean)
{
    const gb_manifest *man = &p->ms[m];
    double rounds = expected_rounds(p, m), total = 0;
    for (int64_t pt = first; pt < manifest_point_count(man, p->profile); pt++) {
        gb_bindings params;
        manifest_point(man, p->profile, pt, &params);
        double items = (double)manifest_items(man, &params);
        for (int v = 0; v < man->variant_count; v++)
            if (manifest_variant_applies(&man->variants[v], &params))
                total += rounds * estimate(p, m, v, items, run_mean);
    }
    return total;
}

double progress_eta(const gb_progress *p)
{
    if (p->done == 0 || !p->vars || p->cur_m < 0)
        return -1;
    double run_mean = (clock_now_s() - p->start_s) / (double)p->done, eta = 0;
    /* the current point: what its expected rounds still hold */
    const gb_manifest *man = &p->ms[p->cur_m];
    double per_round = 0;
    gb_bindings params;
    manifest_point(man, p->profile, p->cur_p, &params);
    double items = (double)manifest_items(man, &params);
    for (int v = 0; v < man->variant_count; v++)
        if (manifest_variant_applies(&man->variants[v], &params))
            per_round += estimate(p, p->cur_m, v, items, run_mean);
    double left = expected_rounds(p, p->cur_m) * per_round -
                  p->cur_round_measured * (per_round / (man->variant_count ? man->variant_count : 1));
    eta += left > 0 ? left : 0;
    eta += remaining_points(p, p->cur_m, p->cur_p + 1, run_mean);
    for (int m = p->cur_m + 1; m < p->count; m++)
        eta += remaining_points(p, m, 0, run_mean);
    return eta;
}

static void print_line(gb_progress *p, const char *variant)
{
    double eta = progress_eta(p);
    char eta_text[32] = "?";
    const gb_manifest *man = &p->ms[p->cur_m];
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
    if (m != p->cur_m || point != p->cur_p)
        p->cur_round_measured = 0;
    p->cur_m = m;
    p->cur_p = point;
    p->cur_v = vi;
    p->step_start = clock_now_s();
    if (!p->quiet)
        print_line(p, p->ms[m].variants[vi].name);
}

void progress_advance(gb_progress *p)
{
    if (p->vars && p->cur_m >= 0) {
        gb_progress_var *v = &p->vars[p->cur_m][p->cur_v];
        gb_bindings params;
        manifest_point(&p->ms[p->cur_m], p->profile, p->cur_p, &params);
        double x = (double)manifest_items(&p->ms[p->cur_m], &params), y = clock_now_s() - p->step_start;
        v->min_items = v->measured == 0 || x < v->min_items ? x : v->min_items;
        v->max_items = v->measured == 0 || x > v->max_items ? x : v->max_items;
        v->seconds += y;
        v->sx += x, v->sxx += x * x, v->sy += y, v->sxy += x * y;
        v->measured++;
    }
    p->done++;
    p->cur_round_measured++;
    if (p->eta_at_tenth < 0 && p->total > 0 && p->done * 10 >= p->total) {
        p->eta_at_tenth = progress_eta(p);
        p->clock_at_tenth = clock_now_s();
    }
}

void progress_point_done(gb_progress *p, int m, int rounds)
{
    if (!p->rounds_used)
        return;
    p->rounds_used[m] += rounds;
    p->points_done[m]++;
    p->cur_round_measured = 0;
}

void progress_finish(gb_progress *p)
{
    if (p->quiet)
        return;
    if (p->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "gluebench: %lld measurements in %.1f s\n", (long long)p->done,
            clock_now_s() - p->start_s);
}
