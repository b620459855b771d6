/* test_compare.c: the verdict rule of `gluebench compare` (compare.h) and
 * the Complexity and Stability sections of the report (report_fit.h) on a
 * small hand-made run folder. */
#include "compare.h"
#include "gbtest.h"
#include "report_fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

GB_TEST(compare_judge_noise_band)
{
    CHECK(compare_judge(1.005, 0.001, 0.01) == COMPARE_SAME);   /* inside the band */
    CHECK(compare_judge(0.995, 0.001, 0.01) == COMPARE_SAME);
    CHECK(compare_judge(1.5, 0.001, 0.01) == COMPARE_SLOWER);
    CHECK(compare_judge(0.5, 0.001, 0.01) == COMPARE_FASTER);
    CHECK(compare_judge(1.005, 0.001, 0.001) == COMPARE_SLOWER); /* a narrower band */
}

GB_TEST(compare_judge_needs_significance)
{
    CHECK(compare_judge(2.0, 0.05, 0.01) == COMPARE_SAME);      /* p at alpha: not significant */
    CHECK(compare_judge(2.0, 0.049, 0.01) == COMPARE_SLOWER);
    CHECK(compare_judge(NAN, 0.001, 0.01) == COMPARE_SAME);
    CHECK(compare_judge(2.0, NAN, 0.01) == COMPARE_SAME);
}

GB_TEST(compare_verdict_names)
{
    CHECK(strcmp(compare_verdict_name(COMPARE_SAME), "same") == 0);
    CHECK(strcmp(compare_verdict_name(COMPARE_FASTER), "faster") == 0);
    CHECK(strcmp(compare_verdict_name(COMPARE_SLOWER), "slower") == 0);
    CHECK(strcmp(compare_verdict_name((compare_verdict)7), "?") == 0);
}

GB_TEST(compare_point_doubled)
{
    /* Every B sample above every A sample: U = 0 of 25 pairs; normal
     * approximation with continuity correction gives p = 0.01219. */
    double a[] = {10, 11, 12, 13, 14}, b[] = {20, 22, 24, 26, 28};
    compare_result r;
    CHECK(compare_point(12, 24, a, 5, b, 5, 0.01, &r) == 0);
    CHECK_NEAR(r.ratio, 2.0, 1e-12);
    CHECK_NEAR(r.p, 0.01219, 1e-4);
    CHECK(r.verdict == COMPARE_SLOWER);
    CHECK(compare_regressed(&r, 1.5));
    CHECK(!compare_regressed(&r, 2.5));
    CHECK(compare_point(24, 12, b, 5, a, 5, 0.01, &r) == 0 && r.verdict == COMPARE_FASTER);
    CHECK(!compare_regressed(&r, 0.1));   /* faster never counts as a regression */
}

GB_TEST(compare_point_identical)
{
    double a[] = {10, 11, 12, 13, 14};
    compare_result r;
    CHECK(compare_point(12, 12, a, 5, a, 5, 0.01, &r) == 0);
    CHECK(r.ratio == 1.0 && r.verdict == COMPARE_SAME);
    CHECK(r.p > 0.9);
}

GB_TEST(compare_point_no_samples_no_evidence)
{
    compare_result r;
    CHECK(compare_point(10, 30, NULL, 0, NULL, 0, 0.01, &r) == 0);
    CHECK(r.p == 1.0 && r.verdict == COMPARE_SAME);
}

GB_TEST(compare_point_bad_median)
{
    double a[] = {1, 2};
    compare_result r = {.verdict = COMPARE_FASTER};
    CHECK(compare_point(0, 1, a, 2, a, 2, 0.01, &r) == -1);
    CHECK(compare_point(1, NAN, a, 2, a, 2, 0.01, &r) == -1);
    CHECK(compare_point(1, 1, NULL, 2, a, 2, 0.01, &r) == -1);
    CHECK(r.verdict == COMPARE_FASTER); /* untouched */
}

/* A run folder in memory: the summary and samples columns report_fit reads.
 * Sweep n = 10, 100, 1000 by batch = 1, 2 (n varies slowest); the last point
 * has batch = 2, so only the batch = 2 rows make the fit.  "lin" takes 5 ns
 * per item at batch 2 and a constant 999 at batch 1 (which would spoil an
 * O(n) fit if it leaked in); "flat" takes 7 ns always, with a CV of 20% at
 * n=100,batch=2.  lin's sample at n=10,batch=2 lasts 0.5 ms. */
typedef struct fit_fixture {
    char dir[64];
    gb_rundir rd;
    gb_manifest m;
    gb_variant variants[2];
} fit_fixture;

/* One CSV row of a schema: every column empty but those named in
 * "col=value" words. */
static void schema_row(FILE *f, const char *const *schema, int count, const char *const *cells)
{
    for (int c = 0; schema[c]; c++) {
        const char *value = "";
        for (int k = 0; k < count; k++) {
            size_t len = strlen(schema[c]);
            if (strncmp(cells[k], schema[c], len) == 0 && cells[k][len] == '=')
                value = cells[k] + len + 1;
        }
        fprintf(f, "%s%s", c ? "," : "", value);
    }
    fputc('\n', f);
}

static void schema_header(FILE *f, const char *const *schema)
{
    for (int c = 0; schema[c]; c++)
        fprintf(f, "%s%s", c ? "," : "", schema[c]);
    fputc('\n', f);
}

static void write_fixture_csvs(const char *dir)
{
    char path[128], point[32], params[64], ns[32], cv[32], total[32];
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    FILE *s = fopen(path, "w");
    snprintf(path, sizeof path, "%s/samples.csv", dir);
    FILE *x = fopen(path, "w");
    snprintf(path, sizeof path, "%s/metrics.csv", dir);
    FILE *mt = fopen(path, "w");
    snprintf(path, sizeof path, "%s/manifests", dir);
    mkdir(path, 0777);
    schema_header(s, schema_summary);
    schema_header(x, schema_samples);
    schema_header(mt, schema_metrics);
    for (int p = 0; p < 6; p++) {
        int n = p / 2 == 0 ? 10 : p / 2 == 1 ? 100 : 1000, batch = p % 2 + 1;
        double lin = batch == 2 ? 5.0 * n : 999;
        snprintf(point, sizeof point, "point=%d", p);
        snprintf(params, sizeof params, "params=n=%d;batch=%d", n, batch);
        snprintf(ns, sizeof ns, "ns_per_call=%g", lin);
        const char *lin_row[] = {"scenario=fx", "variant=lin", point, params, "status=ok", ns,
                                 "cv=0.01"};
        schema_row(s, schema_summary, 7, lin_row);
        snprintf(cv, sizeof cv, "cv=%g", p == 3 ? 0.2 : 0.01);
        const char *flat_row[] = {"scenario=fx", "variant=flat", point, params, "status=ok",
                                  "ns_per_call=7", cv};
        schema_row(s, schema_summary, 7, flat_row);
        snprintf(total, sizeof total, "ns_total=%g", p == 1 ? 5e5 : 2e6);
        const char *lin_sample[] = {"scenario=fx", "variant=lin", point, params, total};
        const char *flat_sample[] = {"scenario=fx", "variant=flat", point, params, "ns_total=2e6"};
        schema_row(x, schema_samples, 5, lin_sample);
        schema_row(x, schema_samples, 5, flat_sample);
    }
    fclose(s);
    fclose(x);
    fclose(mt);
}

static int fixture_open(fit_fixture *f, const char *items)
{
    gb_error err;
    memset(f, 0, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/gbtest-fit-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    write_fixture_csvs(f->dir);
    if (rundir_open(&f->rd, f->dir, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    strcpy(f->m.name, "fx");
    strcpy(f->m.items, items);
    f->m.param_count = 2;
    strcpy(f->m.params[0], "n");
    strcpy(f->m.params[1], "batch");
    strcpy(f->variants[0].name, "lin");
    strcpy(f->variants[1].name, "flat");
    f->m.variants = f->variants;
    f->m.variant_count = 2;
    return 0;
}

static void fixture_close(fit_fixture *f)
{
    char cmd[128];
    rundir_close(&f->rd);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    CHECK(system(cmd) == 0);
}

/* report_fit_write's text for the fixture, in a buffer the caller frees. */
static char *fit_text(fit_fixture *f)
{
    char *text = NULL;
    size_t len = 0;
    FILE *md = open_memstream(&text, &len);
    if (!md)
        return NULL;
    report_fit_write(md, &f->rd, &f->m);
    fclose(md);
    return text;
}

GB_TEST(report_fit_complexity_on_last_slice)
{
    fit_fixture f;
    CHECK(fixture_open(&f, "n") == 0);
    char *text = fit_text(&f);
    CHECK_CONTAINS(text, "### Complexity");
    CHECK_CONTAINS(text, "- lin: O(n)");
    CHECK_CONTAINS(text, "plus 5 ns per item");
    CHECK_CONTAINS(text, "- flat: O(1)");
    CHECK_CONTAINS(text, "a fixed 7 ns");
    free(text);
    fixture_close(&f);
}

GB_TEST(report_fit_needs_items)
{
    fit_fixture f;
    CHECK(fixture_open(&f, "") == 0);
    char *text = fit_text(&f);
    CHECK(text && !strstr(text, "### Complexity"));
    CHECK_CONTAINS(text, "### Stability");
    free(text);
    fixture_close(&f);
}

GB_TEST(report_fit_stability_warnings)
{
    fit_fixture f;
    CHECK(fixture_open(&f, "n") == 0);
    char *text = fit_text(&f);
    CHECK_CONTAINS(text, "- flat: unstable (CV above 5%) at n=100;batch=2 (20%)");
    CHECK_CONTAINS(text, "- lin: sample too short (under 1 ms) at n=10;batch=2 (0.5 ms)");
    CHECK(text && !strstr(text, "lin: unstable") && !strstr(text, "flat: sample too short"));
    free(text);
    fixture_close(&f);
}

GB_TEST(compare_intervals_two_level)
{
    compare_result r;
    /* The same median, overlapping intervals: same. */
    CHECK(compare_intervals(100, 90, 110, 103, 95, 112, 0.01, &r) == 0 && r.verdict == COMPARE_SAME);
    CHECK(r.lo < 1.03 && r.hi > 1.03);
    /* 2x slower with narrow intervals: slower; and the other way faster. */
    CHECK(compare_intervals(100, 98, 102, 200, 196, 204, 0.01, &r) == 0 && r.verdict == COMPARE_SLOWER);
    CHECK(compare_intervals(200, 196, 204, 100, 98, 102, 0.01, &r) == 0 && r.verdict == COMPARE_FASTER);
    /* 5% apart but each interval +-10%: the data cannot tell. */
    CHECK(compare_intervals(100, 90, 110, 105, 95, 116, 0.01, &r) == 0 && r.verdict == COMPARE_SAME);
    /* An interval of one process ([0, inf]) or a median outside it is refused. */
    CHECK(compare_intervals(100, 0, INFINITY, 200, 190, 210, 0.01, &r) == -1);
    CHECK(compare_intervals(100, 101, 110, 200, 190, 210, 0.01, &r) == -1);
}
