/* eta.c: the run's remaining time (eta.h). */
#include "eta.h"

#include <stdlib.h>
#include <string.h>

/* How much evidence a prior is worth: seconds of expected time for a
 * ratio, finished points for a mean round count. */
#define ETA_SHRINK_S 2.0
#define ETA_SHRINK_POINTS 2.0

/* The model's constants: a worker's start (an interpreter that imports the
 * worker and the extensions, or the C worker that loads a kernel), a
 * process variant's command, and calibration's samples (loops x100 per
 * step: about two samples before one lasts the target).  Rough by design:
 * the observed/model ratio corrects their scale as the run goes. */
#define ETA_START_PYTHON_S 0.05
#define ETA_START_C_S 0.005
#define ETA_COMMAND_S 0.05
#define ETA_CALIBRATION_SAMPLES 2
#define ETA_VALGRIND_SLOWDOWN 30.0

void eta_init(gb_eta *e, const gb_profile_settings *s, int instructions)
{
    memset(e, 0, sizeof *e);
    e->model = (eta_model){s->target_s, s->warmup, s->samples, s->rounds, s->max_rounds,
                           s->halfwidth > 0 && s->max_rounds > s->rounds, instructions};
}

void eta_free(gb_eta *e)
{
    free(e->scen);
    free(e->points);
    free(e->cells);
    memset(e, 0, sizeof *e);
}

/* arr with room for one more element of `size` bytes (count in use, *cap
 * allocated); NULL when out of memory (arr is then unchanged). */
static void *grow(void *arr, int count, int *cap, size_t size)
{
    if (count < *cap)
        return arr;
    int next = *cap ? 2 * *cap : 16;
    void *p = realloc(arr, (size_t)next * size);
    if (p)
        *cap = next;
    return p;
}

int eta_add_scenario(gb_eta *e)
{
    eta_scenario *scen = grow(e->scen, e->nscen, &e->cap_scen, sizeof *scen);
    if (!scen)
        return -1;
    e->scen = scen;
    e->scen[e->nscen] = (eta_scenario){.first_point = e->npoints};
    return e->nscen++;
}

int eta_add_point(gb_eta *e, int skipped)
{
    eta_point *points = e->nscen ? grow(e->points, e->npoints, &e->cap_points, sizeof *points) : NULL;
    if (!points)
        return -1;
    e->points = points;
    e->points[e->npoints] = (eta_point){e->nscen - 1, e->ncells, 0,
                                        skipped ? ETA_SKIPPED : ETA_PENDING};
    e->scen[e->nscen - 1].points++;
    return e->npoints++;
}

int eta_add_cell(gb_eta *e, int variant, gb_kind kind, double items, double hist_sec,
                 double hist_count)
{
    eta_cell *cells = e->npoints ? grow(e->cells, e->ncells, &e->cap_cells, sizeof *cells) : NULL;
    if (!cells)
        return -1;
    e->cells = cells;
    if (!(hist_sec > 0 && hist_count > 0))
        hist_sec = hist_count = 0;
    e->cells[e->ncells] = (eta_cell){e->npoints - 1, variant, kind, items, hist_sec, hist_count,
                                     0, 0};
    e->points[e->npoints - 1].cells++;
    return e->ncells++;
}

void eta_add_prior(gb_eta *e, gb_kind kind, double sec, double count)
{
    if (!(sec > 0 && count > 0))
        return;
    e->prior_sum += count * sec;
    e->prior_model += count * eta_model_seconds(&e->model, kind);
    e->prior_count += count;
    e->prior_cells++;
}

int eta_cell_of(const gb_eta *e, int scenario, int point, int variant)
{
    if (scenario < 0 || scenario >= e->nscen || point < 0 || point >= e->scen[scenario].points)
        return -1;
    const eta_point *pt = &e->points[e->scen[scenario].first_point + point];
    for (int c = pt->first_cell; c < pt->first_cell + pt->cells; c++)
        if (e->cells[c].variant == variant)
            return c;
    return -1;
}

double eta_model_seconds(const eta_model *m, gb_kind kind)
{
    double samples = (ETA_CALIBRATION_SAMPLES + m->warmup + m->samples) * m->target_s, s;
    if (kind == GB_KIND_PROCESS)
        s = (1 + m->warmup + m->samples) * ETA_COMMAND_S;
    else
        s = (kind == GB_KIND_PYTHON ? ETA_START_PYTHON_S : ETA_START_C_S) + samples;
    return m->instructions ? s * ETA_VALGRIND_SLOWDOWN : s;
}

static eta_scenario *scenario_of(gb_eta *e, int c)
{
    return &e->scen[e->points[e->cells[c].point].scenario];
}

void eta_add_time(gb_eta *e, int c, double seconds)
{
    if (c < 0 || c >= e->ncells || !(seconds > 0))
        return;
    eta_cell *cell = &e->cells[c];
    cell->obs_sum += seconds;
    if (cell->hist_count > 0) {
        e->hist_obs += seconds;
        scenario_of(e, c)->hist_obs += seconds;
    } else {
        e->model_obs += seconds;
    }
}

void eta_measured(gb_eta *e, int c, double seconds)
{
    if (c < 0 || c >= e->ncells)
        return;
    eta_cell *cell = &e->cells[c];
    cell->obs_n++;
    if (cell->hist_count > 0) {
        e->hist_exp += cell->hist_sec;
        scenario_of(e, c)->hist_exp += cell->hist_sec;
    } else {
        e->model_exp += eta_model_seconds(&e->model, cell->kind);
    }
    eta_point *pt = &e->points[cell->point];
    if (pt->state == ETA_PENDING)
        pt->state = ETA_RUNNING;
    eta_add_time(e, c, seconds);
}

void eta_point_finished(gb_eta *e, int point, int rounds)
{
    if (point < 0 || point >= e->npoints || e->points[point].state == ETA_FINISHED)
        return;
    e->points[point].state = ETA_FINISHED;
    e->scen[e->points[point].scenario].rounds_sum += rounds;
    e->scen[e->points[point].scenario].finished++;
    e->rounds_sum += rounds;
    e->finished++;
}

/* ---- the estimate ---------------------------------------------------- */

static double shrink(double obs, double exp, double prior, double weight)
{
    return (obs + weight * prior) / (exp + weight);
}

/* This run's seconds against the history's, over every cell with history. */
static double run_ratio(const gb_eta *e)
{
    return shrink(e->hist_obs, e->hist_exp, 1.0, ETA_SHRINK_S);
}

/* This run's seconds against the model's: its prior is what the history
 * says the model misses by, at this run's pace. */
static double model_ratio(const gb_eta *e)
{
    double prior = e->prior_model > 0 ? e->prior_sum / e->prior_model : 1.0;
    return shrink(e->model_obs, e->model_exp, prior * run_ratio(e), ETA_SHRINK_S);
}

/* Measurements a cell without history is expected to run. */
static double expected_rounds(const gb_eta *e, const eta_scenario *s)
{
    const eta_model *m = &e->model;
    if (!m->adaptive)
        return m->rounds;
    double prior = e->prior_cells ? e->prior_count / e->prior_cells
                                  : 0.5 * (m->rounds + m->max_rounds);
    double run = shrink(e->rounds_sum, e->finished, prior, ETA_SHRINK_POINTS);
    return shrink(s->rounds_sum, s->finished, run, ETA_SHRINK_POINTS);
}

/* seconds = a + b * items over the variant's cells this run measured,
 * each weighted by its measurements; b >= 0.  Within the measured sizes
 * the line holds; past them a worker's start and calibration, not the
 * size, make most of a measurement, so it is not followed past twice the
 * largest size seen.  Returns -1 when the variant has no measurement. */
static double fit_seconds(const gb_eta *e, const eta_scenario *s, int variant, double items)
{
    double n = 0, sx = 0, sxx = 0, sy = 0, sxy = 0, lo = 0, hi = 0;
    int first = s->points ? e->points[s->first_point].first_cell : 0;
    int end = s->points ? e->points[s->first_point + s->points - 1].first_cell +
                              e->points[s->first_point + s->points - 1].cells : 0;
    for (int c = first; c < end; c++) {
        const eta_cell *cell = &e->cells[c];
        if (cell->variant != variant || cell->obs_n == 0)
            continue;
        double w = cell->obs_n, x = cell->items, y = cell->obs_sum / cell->obs_n;
        lo = n == 0 || x < lo ? x : lo;
        hi = n == 0 || x > hi ? x : hi;
        n += w, sx += w * x, sxx += w * x * x, sy += w * y, sxy += w * x * y;
    }
    if (n == 0)
        return -1;
    if (!(hi > lo))
        return sy / n;
    double det = n * sxx - sx * sx;
    double b = det > 0 ? (n * sxy - sx * sy) / det : 0;
    b = b > 0 ? b : 0;
    double a = (sy - b * sx) / n;
    double x = items < 2 * hi ? items : 2 * hi;
    return (a > 0 ? a : 0) + b * x;
}

/* Seconds per measurement of a cell not yet measured in this run. */
static double unmeasured_seconds(const gb_eta *e, const eta_scenario *s, const eta_cell *cell)
{
    if (cell->hist_count > 0)
        return cell->hist_sec * shrink(s->hist_obs, s->hist_exp, run_ratio(e), ETA_SHRINK_S);
    double fit = fit_seconds(e, s, cell->variant, cell->items);
    return fit >= 0 ? fit : eta_model_seconds(&e->model, cell->kind) * model_ratio(e);
}

static double cell_remaining(const gb_eta *e, const eta_scenario *s, const eta_cell *cell)
{
    double count = cell->hist_count > 0 ? cell->hist_count : expected_rounds(e, s);
    double left = count - cell->obs_n;
    if (left <= 0)
        return 0;
    double sec = cell->obs_n ? cell->obs_sum / cell->obs_n : unmeasured_seconds(e, s, cell);
    return left * sec;
}

double eta_remaining(const gb_eta *e)
{
    double total = 0;
    for (int si = 0; si < e->nscen; si++) {
        const eta_scenario *s = &e->scen[si];
        for (int p = s->first_point; p < s->first_point + s->points; p++) {
            const eta_point *pt = &e->points[p];
            if (pt->state == ETA_FINISHED || pt->state == ETA_SKIPPED)
                continue;
            for (int c = pt->first_cell; c < pt->first_cell + pt->cells; c++)
                total += cell_remaining(e, s, &e->cells[c]);
        }
    }
    return total;
}
