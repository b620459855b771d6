/* test_eta.c: the run's ETA (measure/eta.h) and its cost history
 * (measure/eta_history.h) on synthetic runs whose true costs are known.
 * No clock: a simulated run feeds the estimator the seconds its synthetic
 * measurements "took", so every answer is exact and repeatable. */
#include "eta.h"
#include "eta_history.h"
#include "gbtest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gb_profile_settings quick(void)
{
    return (gb_profile_settings){0.010, 1, 5, 3, 5, 0.05, 6.0};
}

static gb_profile_settings fixed(void)
{
    return (gb_profile_settings){0.001, 1, 5, 2, 2, 0.0, 0.0};
}

/* ---- a synthetic bench -------------------------------------------------
 * Shaped like the quiet quick bench of 2026-12-01 (results/20261201T231346Z):
 * its 19 scenarios with their points, variants and mean wall seconds per
 * measurement.  One measurement of variant v at point k truly costs
 *   base[s] * (0.7 + 0.6 v / (variants - 1)) * (0.7 + 0.6 k / (points - 1))
 * seconds times the machine's pace, times +-10% noise per measurement; a
 * point runs 3, 4 or 5 rounds (true_rounds).  As in that run,
 * the first scenarios are cheap and later ones cost up to 7 times more. */
#define SIM_SCEN 19
static const double sim_base[SIM_SCEN] = {0.143, 0.199, 0.224, 0.859, 0.349, 0.722, 0.126,
                                          0.261, 0.143, 0.438, 1.113, 0.196, 0.075, 0.258,
                                          0.653, 0.191, 0.166, 0.313, 0.252};
static const int sim_points[SIM_SCEN] = {7, 6, 1, 1, 3, 2, 9, 6, 4, 2, 1, 9, 1, 4, 3, 3, 4, 4, 4};
static const int sim_variants[SIM_SCEN] = {3, 8, 4, 6, 9, 17, 7, 3, 7, 6, 8, 11, 5, 15, 4, 12,
                                           5, 3, 5};

static double spread(int i, int n)
{
    return n > 1 ? 0.7 + 0.6 * i / (n - 1) : 1.0;
}

static double unit_noise(uint64_t x)   /* in [0, 1) */
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return (double)((x ^ (x >> 31)) >> 11) / 9007199254740992.0;
}

static double true_seconds(int s, int v, int k, int run, int round, double pace)
{
    double noise = 0.9 + 0.2 * unit_noise((uint64_t)(((run * 7 + s) * 64 + k) * 64 + v) * 8 + round);
    return sim_base[s] * spread(v, sim_variants[s]) * spread(k, sim_points[s]) * pace * noise;
}

/* A point's rounds: 3, 4 or 5 by how noisy the point is (the same in
 * every run), one more or one fewer in a quarter of the runs (as the
 * bench's three repeats of boundary did: 3 of 24 points moved by one). */
static int true_rounds(int s, int k, int run)
{
    int own = 3 + (int)(3 * unit_noise((uint64_t)(s * 50 + k)));
    double u = unit_noise((uint64_t)(run * 1000 + s * 50 + k) + 77777);
    int r = own + (u < 0.125 ? -1 : u > 0.875 ? 1 : 0);
    return r < 3 ? 3 : r > 5 ? 5 : r;
}

static void sim_key(char *out, size_t cap, int s, int k, int v)
{
    snprintf(out, cap, "quick\ts%d\tv%d\tk=%d", s, v, k);
}

/* The plan, with each cell's history from h (NULL: none). */
static void sim_plan(gb_eta *e, const eta_history *h)
{
    gb_profile_settings q = quick();
    char key[64];
    eta_init(e, &q, 0);
    for (int s = 0; s < SIM_SCEN; s++) {
        CHECK(eta_add_scenario(e) == s);
        for (int k = 0; k < sim_points[s]; k++) {
            CHECK(eta_add_point(e, 0) >= 0);
            for (int v = 0; v < sim_variants[s]; v++) {
                sim_key(key, sizeof key, s, k, v);
                const eta_hist_entry *he = h ? eta_history_find(h, key) : NULL;
                CHECK(eta_add_cell(e, v, GB_KIND_PYTHON, 1e1 * (k + 1), he ? he->sec : 0,
                                   he ? he->count : 0) >= 0);
            }
        }
    }
    for (int i = 0; h && i < h->count; i++)
        eta_add_prior(e, h->items[i].kind, h->items[i].sec, h->items[i].count);
}

typedef struct sim_outcome {
    double predicted, actual;   /* at the 10% mark of the planned measurements */
    double run_mean_rule;       /* the old rule there: the run's mean x the plan's rest */
} sim_outcome;

/* Runs the plan as the runner would; the history of the run goes to
 * `record` when not NULL. */
static sim_outcome sim_run(gb_eta *e, int run, double pace, eta_history *record)
{
    int64_t planned = (int64_t)e->ncells * quick().rounds, done = 0;
    double elapsed = 0, at_tenth = -1;
    sim_outcome o = {-1, -1, -1};
    for (int s = 0, pt = 0; s < SIM_SCEN; s++)
        for (int k = 0; k < sim_points[s]; k++, pt++) {
            int rounds = true_rounds(s, k, run);
            for (int r = 0; r < rounds; r++)
                for (int v = 0; v < sim_variants[s]; v++) {
                    double t = true_seconds(s, v, k, run, r, pace);
                    eta_measured(e, eta_cell_of(e, s, k, v), t);
                    elapsed += t;
                    if (++done * 10 >= planned && at_tenth < 0) {
                        o.predicted = eta_remaining(e);
                        o.run_mean_rule = elapsed / (double)done * (double)(planned - done);
                        at_tenth = elapsed;
                    }
                }
            eta_point_finished(e, pt, rounds);
        }
    o.actual = elapsed - at_tenth;
    for (int c = 0; record && c < e->ncells; c++) {
        char key[64];
        const eta_cell *cell = &e->cells[c];
        int s = e->points[cell->point].scenario;
        sim_key(key, sizeof key, s, cell->point - e->scen[s].first_point, cell->variant);
        CHECK(eta_history_merge(record, key, cell->kind, cell->obs_sum / cell->obs_n, cell->obs_n) == 0);
    }
    CHECK_NEAR(eta_remaining(e), 0, 1e-12);   /* a finished plan has nothing left */
    return o;
}

/* Adds a scenario of one point holding one cell (variant 0); returns the cell. */
static int one_cell(gb_eta *e, gb_kind kind, double items, double hist_sec, double hist_count)
{
    eta_add_scenario(e);
    eta_add_point(e, 0);
    return eta_add_cell(e, 0, kind, items, hist_sec, hist_count);
}

GB_TEST(eta_repeated_run_within_a_fifth)
{
    /* Run 1 builds the history; runs 2 and 3, on a machine 15% slower and
     * then 10% faster, with other noise and other round counts, must be
     * predicted within 20% at their 10% mark (the bench figure). */
    gb_eta e;
    eta_history h = {0};
    sim_plan(&e, NULL);
    sim_run(&e, 1, 1.0, &h);
    eta_free(&e);
    const double paces[] = {1.15, 0.9};
    for (int i = 0; i < 2; i++) {
        sim_plan(&e, &h);
        sim_outcome o = sim_run(&e, 2 + i, paces[i], NULL);
        CHECK(o.actual > 0);
        CHECK(fabs(o.predicted / o.actual - 1) <= 0.20);
        CHECK(fabs(o.predicted / o.actual - 1) <= 0.10);   /* and it is not close to the edge */
        eta_free(&e);
    }
    eta_history_free(&h);
}

GB_TEST(eta_fresh_run_is_sane)
{
    /* No history: the dearer scenarios still to come cannot be known at the
     * 10% mark, so the ETA is low, but it counts rounds beyond the minimum
     * and stays within a factor of 2.5; and it beats the old rule (the
     * run's mean time per measurement x the minimum plan's rest). */
    gb_eta e;
    sim_plan(&e, NULL);
    sim_outcome o = sim_run(&e, 1, 1.0, NULL);
    CHECK(o.predicted > 0 && o.actual > 0);
    CHECK(o.predicted / o.actual > 0.4 && o.predicted / o.actual < 2.5);
    CHECK(fabs(log(o.predicted / o.actual)) < fabs(log(o.run_mean_rule / o.actual)));
    eta_free(&e);
}

GB_TEST(eta_history_predicts_a_costly_scenario_not_yet_started)
{
    /* The case that made the old ETA miss by -58%: a scenario not started
     * yet costs 10x the one running.  With history its cost is known. */
    gb_profile_settings q = quick();
    gb_eta e;
    eta_init(&e, &q, 0);
    int c0 = one_cell(&e, GB_KIND_PYTHON, 1, 0.1, 3);
    one_cell(&e, GB_KIND_PROCESS, 1, 1.0, 4);
    eta_measured(&e, c0, 0.1);
    /* this run at the history's pace: ratio (0.1 + 2) / (0.1 + 2) = 1 */
    CHECK_NEAR(eta_remaining(&e), 2 * 0.1 + 4 * 1.0, 1e-9);
    eta_free(&e);
}

GB_TEST(eta_new_scenario_costed_from_the_whole_history)
{
    /* The history knows scenarios costing 3x the model on average (one
     * not in this run); a scenario new to it is costed at 3x its model,
     * at this run's pace (here the history's). */
    gb_profile_settings q = quick();
    gb_eta e;
    eta_init(&e, &q, 0);
    double py = eta_model_seconds(&e.model, GB_KIND_PYTHON);
    eta_add_prior(&e, GB_KIND_PYTHON, 1 * py, 4);   /* in the run */
    eta_add_prior(&e, GB_KIND_PYTHON, 5 * py, 4);   /* measured before, not in the run */
    one_cell(&e, GB_KIND_PYTHON, 1, 1 * py, 4);
    one_cell(&e, GB_KIND_PYTHON, 1, 0, 0);
    CHECK_NEAR(eta_remaining(&e), 4 * py + 4 * 3 * py, 1e-9);   /* rounds: the history's 4 */
    eta_free(&e);
}

GB_TEST(eta_ratio_is_shrunk_towards_one)
{
    /* Observed twice the history over 4 s of expected time: the run's
     * ratio is (8 + 2) / (4 + 2), the scenario's (8 + 2 run) / (4 + 2). */
    gb_profile_settings q = quick();
    gb_eta e;
    eta_init(&e, &q, 0);
    int c = one_cell(&e, GB_KIND_C, 1, 1.0, 4);
    eta_add_point(&e, 0);
    eta_add_cell(&e, 0, GB_KIND_C, 1, 1.0, 3);
    for (int i = 0; i < 4; i++)
        eta_measured(&e, c, 2.0);
    eta_point_finished(&e, 0, 4);
    double run = 10.0 / 6.0, scenario = (8 + 2 * run) / 6;
    CHECK_NEAR(eta_remaining(&e), 3 * 1.0 * scenario, 1e-9);
    eta_free(&e);
}

GB_TEST(eta_running_point_uses_its_own_time)
{
    /* Two rounds done of the three the history expects: one more, at the
     * cell's own mean; a cell past its count costs nothing more. */
    gb_profile_settings q = quick();
    gb_eta e;
    eta_init(&e, &q, 0);
    int a = one_cell(&e, GB_KIND_PYTHON, 1, 1.0, 3);
    int b = eta_add_cell(&e, 1, GB_KIND_PYTHON, 1, 1.0, 2);
    eta_measured(&e, a, 4.0);
    eta_measured(&e, a, 2.0);
    eta_add_time(&e, a, 0.5);   /* the statistics after it */
    eta_measured(&e, b, 1.0);
    eta_measured(&e, b, 1.0);
    eta_measured(&e, b, 1.0);
    CHECK(e.points[0].state == ETA_RUNNING);
    CHECK_NEAR(eta_remaining(&e), 1 * 6.5 / 2, 1e-9);
    eta_free(&e);
}

GB_TEST(eta_model_and_rounds_without_history)
{
    /* Nothing measured, no history: the model at the middle of the
     * adaptive range (4 of 3..5 rounds); a fixed profile: its rounds. */
    gb_profile_settings q = quick(), f = fixed();
    gb_eta e;
    eta_init(&e, &q, 0);
    one_cell(&e, GB_KIND_PYTHON, 1, 0, 0);
    eta_add_cell(&e, 1, GB_KIND_C, 1, 0, 0);
    eta_add_cell(&e, 2, GB_KIND_PROCESS, 1, 0, 0);
    double py = eta_model_seconds(&e.model, GB_KIND_PYTHON);
    double c = eta_model_seconds(&e.model, GB_KIND_C);
    double proc = eta_model_seconds(&e.model, GB_KIND_PROCESS);
    CHECK(py > c && c >= (2 + 1 + 5) * 0.010 && proc > py);
    CHECK_NEAR(eta_remaining(&e), 4 * (py + c + proc), 1e-9);
    eta_free(&e);
    eta_init(&e, &f, 0);
    one_cell(&e, GB_KIND_C, 1, 0, 0);
    CHECK_NEAR(eta_remaining(&e), 2 * eta_model_seconds(&e.model, GB_KIND_C), 1e-9);
    eta_free(&e);
}

GB_TEST(eta_rounds_learned_from_finished_points)
{
    /* Three points ran 5 rounds each: the scenario's next point expects
     * (15 + 2 * run) / (3 + 2), run = (15 + 2 * 4) / (3 + 2). */
    gb_profile_settings q = quick();
    gb_eta e;
    eta_init(&e, &q, 0);
    eta_add_scenario(&e);
    for (int p = 0; p < 4; p++) {
        eta_add_point(&e, 0);
        eta_add_cell(&e, 0, GB_KIND_C, 1, 0, 0);
    }
    for (int p = 0; p < 3; p++) {
        for (int r = 0; r < 5; r++)
            eta_measured(&e, p, 1.0);
        eta_point_finished(&e, p, 5);
    }
    double run = (15 + 2 * 4.0) / 5, rounds = (15 + 2 * run) / 5;
    CHECK_NEAR(eta_remaining(&e), rounds * 1.0, 1e-9);   /* the variant's own mean: 1 s */
    eta_free(&e);
}

GB_TEST(eta_fit_follows_items_up_to_twice_the_largest)
{
    gb_profile_settings f = fixed();
    gb_eta e;
    eta_init(&e, &f, 0);
    eta_add_scenario(&e);
    double items[] = {10, 20, 30, 100};
    for (int p = 0; p < 4; p++) {
        eta_add_point(&e, 0);
        eta_add_cell(&e, 0, GB_KIND_PYTHON, items[p], 0, 0);
    }
    for (int p = 0; p < 2; p++) {
        eta_measured(&e, p, items[p] / 10);
        eta_measured(&e, p, items[p] / 10);
        eta_point_finished(&e, p, 2);
    }
    /* seconds = items / 10: 3 s at 30, 4 s (capped at 2 x 20) at 100; two rounds each */
    CHECK_NEAR(eta_remaining(&e), 2 * 3.0 + 2 * 4.0, 1e-9);
    eta_free(&e);
}

GB_TEST(eta_skipped_points_cost_nothing)
{
    gb_profile_settings f = fixed();
    gb_eta e;
    eta_init(&e, &f, 0);
    eta_add_scenario(&e);
    eta_add_point(&e, 1);
    eta_add_cell(&e, 0, GB_KIND_C, 1, 5.0, 2);
    eta_add_point(&e, 0);
    eta_add_cell(&e, 0, GB_KIND_C, 1, 1.0, 2);
    CHECK_NEAR(eta_remaining(&e), 2 * 1.0, 1e-9);
    CHECK(eta_cell_of(&e, 0, 1, 0) == 1 && eta_cell_of(&e, 0, 1, 3) == -1 &&
          eta_cell_of(&e, 1, 0, 0) == -1);
    eta_free(&e);
}

/* ---- the history file ------------------------------------------------ */

/* Keys as the harness writes them: four tab-separated fields. */
#define K_K1 "quick\ts\tv\tn=1"
#define K_K2 "quick\ts\tv\tn=2"
#define K_K3 "quick\ts\tv\tn=3"
#define K_A "smoke\ts\ta\tn=1"
#define K_B "smoke\ts\tb\tn=1"

static void temp_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "/tmp/gb-test-eta-%d-%s", (int)getpid(), name);
}

GB_TEST(eta_history_running_mean_and_round_trip)
{
    char path[256];
    gb_error err;
    eta_history h = {0}, back;
    temp_path(path, sizeof path, "a.tsv");
    CHECK(eta_history_merge(&h, K_K2, GB_KIND_PYTHON, 1.0, 3) == 0);
    CHECK(eta_history_merge(&h, K_K1, GB_KIND_PYTHON, 4.0, 5) == 0);
    CHECK(eta_history_merge(&h, K_K2, GB_KIND_PYTHON, 3.0, 5) == 0);   /* mean of two runs */
    CHECK(eta_history_merge(&h, K_K3, GB_KIND_PYTHON, 0, 3) == 0);     /* nothing measured: not kept */
    CHECK(h.count == 2 && strcmp(h.items[0].key, K_K1) == 0);
    const eta_hist_entry *k2 = eta_history_find(&h, K_K2);
    CHECK(k2 && fabs(k2->sec - 2.0) < 1e-12 && fabs(k2->count - 4) < 1e-12 && k2->runs == 2);
    CHECK(eta_history_save(&h, path, &err) == 0);
    CHECK(eta_history_load(&back, path) == 0 && back.count == 2);
    CHECK(eta_history_find(&back, K_K2) && fabs(eta_history_find(&back, K_K2)->sec - 2.0) < 1e-9);
    CHECK(eta_history_find(&back, K_K3) == NULL);
    eta_history_free(&back);
    /* after ETA_HISTORY_RUNS runs a new one weighs 1 / ETA_HISTORY_RUNS */
    for (int i = 0; i < 10; i++)
        eta_history_merge(&h, K_K1, GB_KIND_PYTHON, 4.0, 5);
    eta_history_merge(&h, K_K1, GB_KIND_PYTHON, 8.0, 5);
    CHECK_NEAR(eta_history_find(&h, K_K1)->sec, 4.0 + 4.0 / ETA_HISTORY_RUNS, 1e-9);
    eta_history_free(&h);
    unlink(path);
}

GB_TEST(eta_history_drops_what_does_not_parse)
{
    char path[256];
    eta_history h;
    temp_path(path, sizeof path, "b.tsv");
    FILE *f = fopen(path, "w");
    fprintf(f, "# gluebench cost history v2\n"
               "quick\tboundary\tpy_loop\tn=10\tpython\t0.25\t3\t2\n"
               "quick\tboundary\tpy_loop\n"                              /* too few fields */
               "quick\tboundary\tc_only\tn=10\tc\tfast\t3\t1\n"         /* not a number */
               "quick\tboundary\text\tn=10\tpython\t-1\t3\t1\n"         /* not a time */
               "quick\tboundary\text\tn=20\tjava\t1\t3\t1\n"            /* no such kind */
               "quick\tcoldstart\tv0\tn=100\tprocess\t0.5\t4.5\t9\n");  /* runs capped */
    fclose(f);
    CHECK(eta_history_load(&h, path) == 0 && h.count == 2);
    const eta_hist_entry *e = eta_history_find(&h, "quick\tcoldstart\tv0\tn=100");
    CHECK(e && fabs(e->count - 4.5) < 1e-12 && e->runs == ETA_HISTORY_RUNS);
    CHECK(e && e->kind == GB_KIND_PROCESS && eta_history_has_settings(e, "quick") &&
          !eta_history_has_settings(e, "quic"));
    eta_history_free(&h);
    f = fopen(path, "w");   /* another format: nothing */
    fprintf(f, "# gluebench cost history v1\nquick\tboundary\tpy_loop\tn=10\t0.25\t3\t2\n");
    fclose(f);
    CHECK(eta_history_load(&h, path) == 0 && h.count == 0);
    unlink(path);
    CHECK(eta_history_load(&h, path) == 0 && h.count == 0);   /* no file */
}

GB_TEST(eta_history_commit_merges_with_the_file)
{
    char path[256], lock[300];
    gb_error err;
    eta_history one = {0}, two = {0}, back;
    temp_path(path, sizeof path, "c.tsv");
    snprintf(lock, sizeof lock, "%s.lock", path);
    eta_history_merge(&one, K_A, GB_KIND_PYTHON, 1.0, 3);
    eta_history_merge(&two, K_A, GB_KIND_PYTHON, 3.0, 5);
    eta_history_merge(&two, K_B, GB_KIND_PYTHON, 2.0, 4);
    CHECK(eta_history_commit(path, &one, &err) == 0);
    CHECK(eta_history_commit(path, &two, &err) == 0);
    CHECK(eta_history_load(&back, path) == 0 && back.count == 2);
    CHECK(fabs(eta_history_find(&back, K_A)->sec - 2.0) < 1e-9);
    CHECK(fabs(eta_history_find(&back, K_B)->count - 4) < 1e-9);
    eta_history_free(&back);
    eta_history_free(&one);
    eta_history_free(&two);
    CHECK(eta_history_commit("/nonexistent-dir/x.tsv", &one, &err) == -1);
    CHECK_CONTAINS(err.msg, "/nonexistent-dir/x.tsv");
    unlink(path);
    unlink(lock);
}

GB_TEST(eta_history_key_keeps_four_fields)
{
    char *key = eta_history_key("quick time", "sc\tenario", "v\nar", "n=1");
    CHECK(key && strcmp(key, "quick time\tsc enario\tv ar\tn=1") == 0);
    free(key);
}
