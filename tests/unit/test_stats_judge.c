/* test_stats_judge.c: claim regions from a finding's words, and verdicts of
 * intervals above, below and across their thresholds.
 *
 * ratio = value(than) / value(variant): a variant twice as fast as `than`
 * has ratio 2; twice as slow, 0.5.  Noise 0.01 throughout unless stated.
 */
#include "gbtest.h"
#include "stats.h"

#define NOISE 0.01

/* The region of a claim; fails the test when the words are rejected. */
typedef struct region { double lo, hi; } region;

static region claim(const char *expect, double at_least, double below, double blo, double bhi)
{
    region r = {NAN, NAN};
    CHECK(stats_claim_region(expect, at_least, below, blo, bhi, NOISE, &r.lo, &r.hi) == 0);
    return r;
}

static int claim_rejected(const char *expect, double at_least, double below, double blo, double bhi)
{
    double lo = -7, hi = -7;
    int rc = stats_claim_region(expect, at_least, below, blo, bhi, NOISE, &lo, &hi);
    return rc == -1 && lo == -7 && hi == -7; /* outputs untouched */
}

static stats_verdict judge(region r, double lo, double hi)
{
    return stats_judge(lo, hi, r.lo, r.hi);
}

GB_TEST(stats_judge_basic)
{
    CHECK(stats_judge(2, 3, 1, 4) == STATS_CONFIRMED);
    CHECK(stats_judge(1, 4, 1, 4) == STATS_CONFIRMED);      /* closed region */
    CHECK(stats_judge(5, 6, 1, 4) == STATS_CONTRADICTED);   /* above */
    CHECK(stats_judge(0.2, 0.9, 1, 4) == STATS_CONTRADICTED); /* below */
    CHECK(stats_judge(0.9, 1.2, 1, 4) == STATS_UNDECIDED);  /* across the low end */
    CHECK(stats_judge(3, 5, 1, 4) == STATS_UNDECIDED);      /* across the high end */
    CHECK(stats_judge(0.5, 5, 1, 4) == STATS_UNDECIDED);    /* wider than the region */
    CHECK(stats_judge(0.5, 1.0, 1, 4) == STATS_UNDECIDED);  /* touches it */
    CHECK(stats_judge(2, 3, 1, INFINITY) == STATS_CONFIRMED);
    CHECK(stats_judge(2, INFINITY, 1, INFINITY) == STATS_CONFIRMED);
    CHECK(stats_judge(0, INFINITY, 1, INFINITY) == STATS_UNDECIDED); /* one round: no information */
    CHECK(stats_judge(0.1, 0.5, -INFINITY, 0.9) == STATS_CONFIRMED);
}

GB_TEST(stats_judge_degenerate)
{
    CHECK(stats_judge(NAN, 2, 1, 4) == STATS_UNDECIDED);
    CHECK(stats_judge(2, NAN, 1, 4) == STATS_UNDECIDED);
    CHECK(stats_judge(3, 2, 1, 4) == STATS_UNDECIDED); /* reversed interval */
    CHECK(stats_judge(2, 3, 4, 1) == STATS_UNDECIDED); /* reversed region */
    CHECK(stats_judge(2, 3, NAN, 4) == STATS_UNDECIDED);
}

GB_TEST(stats_verdict_names)
{
    CHECK(strcmp(stats_verdict_name(STATS_CONFIRMED), "confirmed") == 0);
    CHECK(strcmp(stats_verdict_name(STATS_CONTRADICTED), "contradicted") == 0);
    CHECK(strcmp(stats_verdict_name(STATS_UNDECIDED), "undecided") == 0);
    CHECK(strcmp(stats_verdict_name((stats_verdict)42), "?") == 0);
}

/* The bug of issue 9: an interval that includes 1 is not "faster". */
GB_TEST(stats_claim_faster)
{
    region r = claim("faster", NAN, NAN, NAN, NAN);
    CHECK_NEAR(r.lo, 1.01, 1e-12);
    CHECK(isinf(r.hi) && r.hi > 0);
    CHECK(judge(r, 1.2, 1.5) == STATS_CONFIRMED);
    CHECK(judge(r, 0.97, 1.20) == STATS_UNDECIDED); /* includes 1 */
    CHECK(judge(r, 1.002, 1.3) == STATS_UNDECIDED); /* above 1, not beyond the noise */
    CHECK(judge(r, 0.6, 0.9) == STATS_CONTRADICTED);
    CHECK(judge(r, 0.995, 1.005) == STATS_CONTRADICTED); /* it is the same, not faster */
}

GB_TEST(stats_claim_faster_at_least)
{
    region r = claim("faster", 10, NAN, NAN, NAN);
    CHECK(r.lo == 10 && isinf(r.hi));
    CHECK(judge(r, 11, 14) == STATS_CONFIRMED);
    CHECK(judge(r, 8, 12) == STATS_UNDECIDED);
    CHECK(judge(r, 3, 7) == STATS_CONTRADICTED); /* faster, but not 10x */
    /* a bound inside the noise is raised to the noise threshold */
    region small = claim("faster", 1.005, NAN, NAN, NAN);
    CHECK_NEAR(small.lo, 1.01, 1e-12);
}

GB_TEST(stats_claim_faster_below)
{
    region r = claim("faster", NAN, 2, NAN, NAN);
    CHECK_NEAR(r.lo, 1.01, 1e-12);
    CHECK(r.hi == 2);
    CHECK(judge(r, 1.3, 1.8) == STATS_CONFIRMED);
    CHECK(judge(r, 1.5, 2.5) == STATS_UNDECIDED);
    CHECK(judge(r, 2.5, 3.0) == STATS_CONTRADICTED);
    CHECK(judge(r, 0.7, 0.9) == STATS_CONTRADICTED);
    region both = claim("faster", 3, 5, NAN, NAN);
    CHECK(both.lo == 3 && both.hi == 5);
    CHECK(judge(both, 3.5, 4.5) == STATS_CONFIRMED);
    CHECK(judge(both, 5.5, 6) == STATS_CONTRADICTED);
}

GB_TEST(stats_claim_faster_between)
{
    region r = claim("faster", NAN, NAN, 2, 4);
    CHECK(r.lo == 2 && r.hi == 4);
    CHECK(judge(r, 2.5, 3.5) == STATS_CONFIRMED);
    CHECK(judge(r, 1.5, 2.5) == STATS_UNDECIDED);
    CHECK(judge(r, 3.5, 4.5) == STATS_UNDECIDED);
    CHECK(judge(r, 1.1, 1.9) == STATS_CONTRADICTED);
    CHECK(judge(r, 4.1, 6) == STATS_CONTRADICTED);
}

GB_TEST(stats_claim_slower)
{
    region r = claim("slower", NAN, NAN, NAN, NAN);
    CHECK(r.lo == 0.0);
    CHECK_NEAR(r.hi, 1.0 / 1.01, 1e-12);
    CHECK(judge(r, 0.4, 0.6) == STATS_CONFIRMED);
    CHECK(judge(r, 0.9, 1.1) == STATS_UNDECIDED);
    CHECK(judge(r, 1.2, 1.5) == STATS_CONTRADICTED);
}

GB_TEST(stats_claim_slower_bounds)
{
    /* "at least 4x slower": ratio <= 1/4 */
    region r = claim("slower", 4, NAN, NAN, NAN);
    CHECK(r.lo == 0.0 && r.hi == 0.25);
    CHECK(judge(r, 0.1, 0.2) == STATS_CONFIRMED);
    CHECK(judge(r, 0.2, 0.3) == STATS_UNDECIDED);
    CHECK(judge(r, 0.4, 0.6) == STATS_CONTRADICTED); /* slower, but only 2x */
    /* "slower, below 2x": 1/2 <= ratio <= 1/1.01 */
    region b = claim("slower", NAN, 2, NAN, NAN);
    CHECK(b.lo == 0.5);
    CHECK_NEAR(b.hi, 1.0 / 1.01, 1e-12);
    CHECK(judge(b, 0.6, 0.8) == STATS_CONFIRMED);
    CHECK(judge(b, 0.2, 0.4) == STATS_CONTRADICTED);
    /* "slower, between 2x and 4x": 1/4 <= ratio <= 1/2 */
    region w = claim("slower", NAN, NAN, 2, 4);
    CHECK(w.lo == 0.25 && w.hi == 0.5);
    CHECK(judge(w, 0.3, 0.45) == STATS_CONFIRMED);
    CHECK(judge(w, 0.45, 0.6) == STATS_UNDECIDED);
    CHECK(judge(w, 0.6, 0.8) == STATS_CONTRADICTED);
}

GB_TEST(stats_claim_same)
{
    region r = claim("same", NAN, NAN, NAN, NAN);
    CHECK_NEAR(r.lo, 1.0 / 1.01, 1e-12);
    CHECK_NEAR(r.hi, 1.01, 1e-12);
    CHECK(judge(r, 0.995, 1.005) == STATS_CONFIRMED);
    CHECK(judge(r, 0.95, 1.05) == STATS_UNDECIDED); /* too wide to tell */
    CHECK(judge(r, 1.2, 1.4) == STATS_CONTRADICTED);
    CHECK(judge(r, 0.5, 0.8) == STATS_CONTRADICTED);
    double lo, hi;
    CHECK(stats_claim_region("same", NAN, NAN, NAN, NAN, 0.05, &lo, &hi) == 0);
    CHECK_NEAR(hi, 1.05, 1e-12);
    CHECK(stats_claim_region("same", NAN, NAN, NAN, NAN, 0.0, &lo, &hi) == 0);
    CHECK(lo == 1.0 && hi == 1.0);
}

/* A metric where lower is the claim (say max lag): ratio = than / variant > 1. */
GB_TEST(stats_claim_lower_higher)
{
    region lower = claim("lower", NAN, NAN, NAN, NAN), faster = claim("faster", NAN, NAN, NAN, NAN);
    CHECK(lower.lo == faster.lo && lower.hi == faster.hi);
    region l3 = claim("lower", 3, NAN, NAN, NAN);
    CHECK(l3.lo == 3 && isinf(l3.hi));
    CHECK(judge(l3, 3.2, 4) == STATS_CONFIRMED);
    region higher = claim("higher", NAN, NAN, NAN, NAN), slower = claim("slower", NAN, NAN, NAN, NAN);
    CHECK(higher.lo == slower.lo && higher.hi == slower.hi);
    region h = claim("higher", NAN, NAN, 1.5, 2);
    CHECK(h.lo == 0.5);
    CHECK_NEAR(h.hi, 1.0 / 1.5, 1e-12);
    CHECK(judge(h, 0.55, 0.6) == STATS_CONFIRMED);
    CHECK(judge(h, 0.9, 1.1) == STATS_CONTRADICTED);
    region hb = claim("higher", NAN, 1.2, NAN, NAN);
    CHECK_NEAR(hb.lo, 1.0 / 1.2, 1e-12);
    region la = claim("lower", NAN, 8, NAN, NAN);
    CHECK(la.hi == 8);
}

GB_TEST(stats_claim_bad_combinations)
{
    CHECK(claim_rejected("quicker", NAN, NAN, NAN, NAN)); /* unknown word */
    CHECK(claim_rejected(NULL, NAN, NAN, NAN, NAN));
    CHECK(claim_rejected("same", 2, NAN, NAN, NAN));     /* same takes no bound */
    CHECK(claim_rejected("same", NAN, 1.1, NAN, NAN));
    CHECK(claim_rejected("same", NAN, NAN, 1, 1.1));
    CHECK(claim_rejected("faster", 2, NAN, 2, 4));       /* between with at_least */
    CHECK(claim_rejected("faster", NAN, 5, 2, 4));       /* between with below */
    CHECK(claim_rejected("faster", NAN, NAN, 2, NAN));   /* one end of between */
    CHECK(claim_rejected("slower", NAN, NAN, NAN, 3));
    CHECK(claim_rejected("faster", NAN, NAN, 4, 2));     /* reversed */
    CHECK(claim_rejected("faster", 5, 3, NAN, NAN));     /* at_least above below */
    CHECK(claim_rejected("faster", 3, 3, NAN, NAN));     /* empty */
    CHECK(claim_rejected("faster", NAN, 1.005, NAN, NAN)); /* below inside the noise */
    CHECK(claim_rejected("faster", 0.5, NAN, NAN, NAN)); /* a factor is >= 1 */
    CHECK(claim_rejected("slower", -2, NAN, NAN, NAN));
    CHECK(claim_rejected("faster", INFINITY, NAN, NAN, NAN));
    CHECK(claim_rejected("higher", NAN, NAN, 0.5, 2));
    double lo = -7, hi = -7;
    CHECK(stats_claim_region("faster", NAN, NAN, NAN, NAN, -0.1, &lo, &hi) == -1);
    CHECK(stats_claim_region("faster", NAN, NAN, NAN, NAN, NAN, &lo, &hi) == -1);
    CHECK(stats_claim_region("faster", NAN, NAN, NAN, NAN, 0.01, NULL, &hi) == -1);
    CHECK(lo == -7 && hi == -7);
}
