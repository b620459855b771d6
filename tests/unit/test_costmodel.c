/* test_costmodel.c: the fixed-plus-per-item cost models and their
 * crossover (rundir/costmodel.h) on synthetic series with known answers. */
#include "costmodel.h"
#include "gbtest.h"

#include <math.h>
#include <string.h>

/* A series of t = a + b n at n = 10^1..10^k, `rounds` processes each, each
 * process off by a factor 1 +- spread (alternating), so the truth is known. */
static void line(gb_series *s, double a, double b, int decades, int rounds, double spread)
{
    memset(s, 0, sizeof *s);
    for (int k = 0; k < decades; k++) {
        s->n[k] = pow(10, k + 1);
        s->point[k] = k;
        s->rounds[k] = rounds;
        for (int r = 0; r < rounds; r++)
            s->med[k][r] = (a + b * s->n[k]) * (1 + (r % 2 ? spread : -spread));
    }
    s->count = decades;
}

GB_TEST(costmodel_fit_recovers_the_line)
{
    gb_series s;
    gb_costmodel c;
    line(&s, 500, 3, 5, 4, 0.02);
    CHECK(costmodel_fit(&s, 1, &c) == 0);
    CHECK(fabs(c.a - 500) < 0.05 * 500 && fabs(c.b - 3) < 0.05 * 3);
    CHECK(c.a_lo <= c.a && c.a <= c.a_hi && c.b_lo <= c.b && c.b <= c.b_hi);
    CHECK(c.n_min == 10 && c.n_max == 1e5 && c.points == 5);
}

GB_TEST(costmodel_crossover_where_the_lines_meet)
{
    /* Python: 50 + 20 n; C: 2000 + 0.5 n; they meet at n = 1950 / 19.5 = 100. */
    gb_series py, c;
    gb_crossover x;
    line(&py, 50, 20, 5, 4, 0.02);
    line(&c, 2000, 0.5, 5, 4, 0.02);
    CHECK(costmodel_crossover(&py, &c, 7, &x) == 0);
    CHECK(x.kind == CROSS_AT);
    CHECK(fabs(x.n - 100) < 10 && x.lo <= 100 && 100 <= x.hi);
}

GB_TEST(costmodel_no_crossover_in_range)
{
    /* C is cheaper everywhere: both costs lower. */
    gb_series py, c;
    gb_crossover x;
    line(&py, 100, 20, 5, 4, 0.02);
    line(&c, 50, 0.5, 5, 4, 0.02);
    CHECK(costmodel_crossover(&py, &c, 7, &x) == 0 && x.kind == CROSS_NONE_IN_RANGE);
}

GB_TEST(costmodel_needs_three_points)
{
    gb_series s;
    gb_costmodel c;
    line(&s, 1, 1, 2, 3, 0);
    CHECK(costmodel_fit(&s, 1, &c) == -1);
    gb_crossover x;
    CHECK(costmodel_crossover(&s, &s, 1, &x) == -1);
}
