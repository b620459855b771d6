/* test_stats_fit.c: complexity selection on synthetic sweeps with known laws.
 *
 * Noise is multiplicative and log-normal: t = law(n) * exp(s * z) with z
 * standard normal from the module's splitmix64, so s = 0.15 is a 15% wobble
 * at every size, as timings on a noisy VM have.  Each check runs many seeds
 * and counts which kind is chosen; the counts are fixed by the seeds.
 */
#include "gbtest.h"
#include "stats.h"
#include "stats_rng.h"

#include <stdio.h>

#define FIT_SEEDS 1000
#define FIT_MAX_POINTS 32

typedef double (*law_fn)(double n);

static double law_const(double n) { (void)n; return 250.0; }
static double law_log(double n) { return 40.0 * log2(n); }
static double law_lin(double n) { return 3.0 * n; }
static double law_fixed_lin(double n) { return 5000.0 + 3.0 * n; } /* fixed cost = 1667 items */
static double law_nlogn(double n) { return 2.0 * n * log2(n); }
static double law_sq(double n) { return 0.5 * n * n; }

/* A sweep from 10 to `hi` with `per_decade` sizes per decade. */
static int sweep(double hi, int per_decade, double *n)
{
    int k = 0;
    for (int j = 0; k < FIT_MAX_POINTS; j++) {
        double x = round(10.0 * pow(10.0, (double)j / per_decade));
        if (x > hi * 1.0001)
            break;
        n[k++] = x;
    }
    return k;
}

/* How often each kind is chosen as best (and flagged tied) over FIT_SEEDS
 * noisy copies of law on the sweep. */
typedef struct tally { int best[STATS_FIT_COUNT], tied[STATS_FIT_COUNT]; } tally;

static tally fit_tally(law_fn law, double hi, int per_decade, double noise)
{
    tally c = {{0}, {0}};
    double n[FIT_MAX_POINTS], t[FIT_MAX_POINTS];
    int k = sweep(hi, per_decade, n);
    for (int s = 0; s < FIT_SEEDS; s++) {
        stats_rng rng = {0x5eedULL + 7919ULL * (uint64_t)s};
        for (int i = 0; i < k; i++)
            t[i] = law(n[i]) * exp(noise * stats_rng_normal(&rng));
        stats_fit_choice ch;
        CHECK(stats_fit_select(n, t, k, &ch) == 0);
        c.best[ch.best]++;
        for (int kind = 0; kind < STATS_FIT_COUNT; kind++)
            c.tied[kind] += (ch.tied_mask >> kind) & 1u;
    }
    return c;
}

static void print_tally(const char *what, tally c)
{
    printf("%s: best", what);
    for (int kind = 0; kind < STATS_FIT_COUNT; kind++)
        printf(" %s %d", stats_fit_name((stats_fit_kind)kind), c.best[kind]);
    printf("; tied with best");
    for (int kind = 0; kind < STATS_FIT_COUNT; kind++)
        printf(" %d", c.tied[kind]);
    printf("\n");
}

/* Issue 9: a linear loop over n = 10 .. 1e6 (two sizes per decade) with 15%
 * noise.  The best kind must be O(n) for every one of 1000 seeds; O(n log n)
 * may at most be flagged as tied. */
GB_TEST(stats_fit_linear_never_nlogn)
{
    tally c = fit_tally(law_lin, 1e6, 2, 0.15);
    print_tally("linear, 10..1e6, 2 per decade, 15%", c);
    CHECK(c.best[STATS_ON] == FIT_SEEDS);
    CHECK(c.best[STATS_ONLOGN] == 0);
}

/* The same loop at one size per decade (6 points, as the quick profiles
 * sweep): O(n) remains the best for all but a handful of seeds.  The ones
 * that are not (4 of 1000 when written) have deviations near 3 sigma, low in
 * the lower decades and high in the upper ones, so the data themselves rise
 * faster than n (one seed went 0.62x, 0.69x, 0.86x, 1.61x of 3n over
 * n = 100 .. 1e5); asserting "never" here would mean ignoring the data. */
GB_TEST(stats_fit_linear_decades)
{
    tally c = fit_tally(law_lin, 1e6, 1, 0.15);
    print_tally("linear, 10..1e6, 1 per decade, 15%", c);
    CHECK(c.best[STATS_ON] >= FIT_SEEDS - 5);
    CHECK(c.best[STATS_ONLOGN] <= 5);
    CHECK(c.best[STATS_ON2] == 0);
}

/* True n log n and n^2 over four decades (10 .. 1e5, five sizes), 15%
 * noise: recognised for every seed. */
GB_TEST(stats_fit_nlogn_four_decades)
{
    tally c = fit_tally(law_nlogn, 1e5, 1, 0.15);
    print_tally("n log n, 10..1e5, 15%", c);
    CHECK(c.best[STATS_ONLOGN] == FIT_SEEDS);
}

GB_TEST(stats_fit_n2_four_decades)
{
    tally c = fit_tally(law_sq, 1e5, 1, 0.15);
    print_tally("n^2, 10..1e5, 15%", c);
    CHECK(c.best[STATS_ON2] == FIT_SEEDS);
}

/* A fixed cost of 5000 plus 3 per item: flat over the first three decades,
 * linear after.  With 5% noise it is O(n) for every seed.  With 15% noise
 * only the top two or three sizes show the growth, and a fixed cost plus
 * n log n bends almost the same way there: the data often cannot tell them
 * apart (flagged tied), and O(n log n) wins outright for about 9% of seeds
 * (90 of 1000 when written).  We assert the honest rate, not a wish. */
GB_TEST(stats_fit_fixed_cost_linear)
{
    tally quiet = fit_tally(law_fixed_lin, 1e6, 2, 0.05);
    print_tally("5000 + 3n, 10..1e6, 2 per decade, 5%", quiet);
    CHECK(quiet.best[STATS_ON] == FIT_SEEDS);
    tally noisy = fit_tally(law_fixed_lin, 1e6, 1, 0.15);
    print_tally("5000 + 3n, 10..1e6, 1 per decade, 15%", noisy);
    CHECK(noisy.best[STATS_ON] >= 0.88 * FIT_SEEDS);
    CHECK(noisy.best[STATS_ON2] == 0 && noisy.best[STATS_O1] == 0);
    CHECK(noisy.tied[STATS_ONLOGN] > 0); /* the ambiguity is reported */
}

/* The fixed cost and slope come back from exact data. */
GB_TEST(stats_fit_fixed_cost_coefficients)
{
    double n[FIT_MAX_POINTS], t[FIT_MAX_POINTS];
    int k = sweep(1e6, 1, n);
    for (int i = 0; i < k; i++)
        t[i] = law_fixed_lin(n[i]);
    stats_fit_choice ch;
    CHECK(stats_fit_select(n, t, k, &ch) == 0);
    CHECK(ch.best == STATS_ON);
    CHECK_NEAR(ch.a, 5000.0, 5000.0 * 1e-6);
    CHECK_NEAR(ch.b, 3.0, 3.0 * 1e-6);
    CHECK(ch.rel_rms < 1e-6);
    CHECK(ch.tied_mask == 0);
}

/* Constant and logarithmic laws with 15% noise: O(1) and O(log n) are
 * chosen for all but a few seeds (995 and 993 of 1000 when written), and
 * log n data are never called O(n) or anything growing faster. */
GB_TEST(stats_fit_const_and_log)
{
    tally c1 = fit_tally(law_const, 1e6, 1, 0.15), cl = fit_tally(law_log, 1e6, 1, 0.15);
    print_tally("constant, 15%", c1);
    print_tally("log n, 15%", cl);
    CHECK(c1.best[STATS_O1] >= 0.97 * FIT_SEEDS);
    CHECK(cl.best[STATS_OLOGN] >= 0.97 * FIT_SEEDS);
    CHECK(cl.best[STATS_ON] + cl.best[STATS_ONLOGN] + cl.best[STATS_ON2] == 0);
}

/* Four close sizes with a little noise cannot separate O(n) from
 * O(n log n): log n grows by only 30% over them. */
GB_TEST(stats_fit_reports_ties)
{
    double n[] = {1000, 2000, 4000, 8000};
    double t[] = {3000 * 1.02, 6000 * 0.97, 12000 * 1.01, 24000 * 0.99};
    stats_fit_choice ch;
    CHECK(stats_fit_select(n, t, 4, &ch) == 0);
    CHECK(ch.best == STATS_ON);
    CHECK(ch.tied_mask & (1u << STATS_ONLOGN));
    CHECK(!(ch.tied_mask & (1u << STATS_ON))); /* best's own bit is clear */
    CHECK(ch.rel_rms > 0.0 && ch.rel_rms < 0.05);
}

GB_TEST(stats_fit_select_bad_input)
{
    double n[] = {1, 2, 4}, t[] = {1, 2, 4}, neg[] = {1, -2, 4};
    double zero_t[] = {1, 0, 4}, inf_t[] = {1, INFINITY, 4};
    stats_fit_choice ch = {STATS_ON2, -1, -1, -1, 99};
    CHECK(stats_fit_select(n, t, 2, &ch) == -1);
    CHECK(stats_fit_select(neg, t, 3, &ch) == -1);
    CHECK(stats_fit_select(n, zero_t, 3, &ch) == -1);
    CHECK(stats_fit_select(n, inf_t, 3, &ch) == -1);
    CHECK(stats_fit_select(NULL, t, 3, &ch) == -1);
    CHECK(stats_fit_select(n, t, 3, NULL) == -1);
    CHECK(ch.best == STATS_ON2 && ch.a == -1 && ch.tied_mask == 99);
}
