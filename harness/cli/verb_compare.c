/* verb_compare.c: `gluebench compare A B`: two run folders side by side.
 *
 * Points are matched by scenario, variant and params (not by point index,
 * so runs of different profiles still line up where their sweeps meet).
 * For a point that is ok in both folders it prints the medians, B/A, the
 * Mann-Whitney p of the samples and the verdict of compare.h; any other
 * point is listed with what is missing.  Reads only the folders' CSVs. */
#include "compare.h"
#include "options.h"
#include "rundir.h"
#include "verbs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char compare_usage[] =
    "usage: gluebench compare A B [--threshold X] [--fail-above FACTOR] [--out FILE]\n"
    "Compares the run folders A and B point by point (scenario, variant, params) and\n"
    "prints a Markdown table: median ns/call in A and B, B/A with its 95% interval\n"
    "(from the two runs' two-level intervals: worker processes, then samples), the\n"
    "Mann-Whitney p of the samples (for reference) and a verdict: \"slower\" when the\n"
    "whole interval lies above 1 + X (default 0.01), \"faster\" below 1 - X, else \"same\".\n"
    "Folders of several contexts (run --python, merge) are compared context by\n"
    "context (the same machine and Python), one table each; two folders of one\n"
    "context each are compared whatever their machines (a run here against one there).\n"
    "  --threshold X       the noise band around a ratio of 1 (default 0.01)\n"
    "  --fail-above FACTOR exit 1 when a point is slower and B/A > FACTOR (e.g. 1.10);\n"
    "                      default: never\n"
    "  --out FILE          write the table to FILE instead of stdout\n"
    "  --json FILE         also write the tally (same, faster, slower, ...) as JSON\n"
    "Exit codes: 0 ok; 1 a regression beyond --fail-above; 2 bad usage or a\n"
    "folder that cannot be read.\n";

typedef struct compare_args {
    const char *a, *b, *out, *json;
    double threshold, fail_above;
} compare_args;

typedef struct compare_tally {
    int verdicts[3];             /* by compare_verdict */
    int only_a, only_b, not_ok, regressed;
} compare_tally;

/* The summary row of scenario/variant/params in rd, or -1. */
static int find_row(const gb_rundir *rd, const char *scen, const char *var, const char *params)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scen) == 0 &&
            strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), var) == 0 &&
            strcmp(rundir_get(rd, r, GB_SUMMARY_PARAMS), params) == 0)
            return r;
    return -1;
}

/* ns_per_call of every sample of summary row r (all rounds), in a new
 * array the caller frees; *n gets the count.  NULL on allocation failure. */
static double *load_samples(const gb_rundir *rd, int r, int *n)
{
    int first, count;
    rundir_samples_of(rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO),
                      rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_point(rd, r), &first, &count);
    double *xs = malloc(sizeof *xs * (size_t)(count + 1));
    *n = 0;
    for (int k = 0; xs && k < count; k++)
        xs[(*n)++] = rundir_sample_number(rd, rd->sample_order[first + k], GB_SAMPLES_NS_PER_CALL);
    return xs;
}

static void print_key(FILE *out, const gb_rundir *rd, int r)
{
    fprintf(out, "| %s | %s | %s |", rundir_get(rd, r, GB_SUMMARY_SCENARIO), rundir_get(rd, r, GB_SUMMARY_VARIANT),
            rundir_get(rd, r, GB_SUMMARY_PARAMS));
}

static void print_ns(FILE *out, double ns)
{
    if (isnan(ns))
        fprintf(out, " - |");
    else
        fprintf(out, " %.4g |", ns);
}

/* A point present on one side only, or not ok on a side: no verdict. */
static void print_unmatched(FILE *out, const gb_rundir *rd, int r, double a_ns, double b_ns,
                            const char *why)
{
    print_key(out, rd, r);
    print_ns(out, a_ns);
    print_ns(out, b_ns);
    fprintf(out, " - | - | - | %s |\n", why);
}

static void print_result(FILE *out, const gb_rundir *rd, int r, const compare_result *c)
{
    print_key(out, rd, r);
    fprintf(out, " %.4g | %.4g | %.3f | %.3f-%.3f | %.3g | %s |\n", c->a_ns, c->b_ns, c->ratio,
            c->lo, c->hi, c->p, compare_verdict_name(c->verdict));
}

/* Compares row ra of A with row rb of B, both ok; -1 with err on failure. */
static int compare_rows(FILE *out, const gb_rundir *A, int ra, const gb_rundir *B, int rb,
                        const compare_args *args, compare_tally *t, gb_error *err)
{
    int na, nb, rc = -1;
    double *a = load_samples(A, ra, &na), *b = load_samples(B, rb, &nb);
    compare_result c, flat;
    if (!a || !b ||
        compare_intervals(rundir_number(A, ra, GB_SUMMARY_NS_PER_CALL),
                          rundir_number(A, ra, GB_SUMMARY_NS_PER_CALL_LO),
                          rundir_number(A, ra, GB_SUMMARY_NS_PER_CALL_HI),
                          rundir_number(B, rb, GB_SUMMARY_NS_PER_CALL),
                          rundir_number(B, rb, GB_SUMMARY_NS_PER_CALL_LO),
                          rundir_number(B, rb, GB_SUMMARY_NS_PER_CALL_HI), args->threshold,
                          &c) != 0 ||
        compare_point(c.a_ns, c.b_ns, a, na, b, nb, args->threshold, &flat) != 0) {
        gb_fail(err, "%s/%s at %s: cannot compare (no median, or out of memory)",
                rundir_get(A, ra, GB_SUMMARY_SCENARIO), rundir_get(A, ra, GB_SUMMARY_VARIANT),
                rundir_get(A, ra, GB_SUMMARY_PARAMS));
        goto done;
    }
    c.p = flat.p;   /* shown for reference; the verdict is the intervals' */
    print_result(out, A, ra, &c);
    t->verdicts[c.verdict]++;
    if (compare_regressed(&c, args->fail_above)) {
        t->regressed++;
        fprintf(stderr, "gluebench: %s/%s at %s is %.3fx slower (above %.3g)\n",
                rundir_get(A, ra, GB_SUMMARY_SCENARIO), rundir_get(A, ra, GB_SUMMARY_VARIANT),
                rundir_get(A, ra, GB_SUMMARY_PARAMS), c.ratio, args->fail_above);
    }
    rc = 0;
done:
    free(a);
    free(b);
    return rc;
}

/* One line for row ra of A: its verdict, or why there is none. */
static int compare_one(FILE *out, const gb_rundir *A, int ra, const gb_rundir *B,
                       const compare_args *args, compare_tally *t, gb_error *err)
{
    int rb = find_row(B, rundir_get(A, ra, GB_SUMMARY_SCENARIO), rundir_get(A, ra, GB_SUMMARY_VARIANT),
                      rundir_get(A, ra, GB_SUMMARY_PARAMS));
    const char *sa = rundir_get(A, ra, GB_SUMMARY_STATUS), *sb = rb >= 0 ? rundir_get(B, rb, GB_SUMMARY_STATUS) : "";
    char why[128];
    if (rb < 0) {
        t->only_a++;
        print_unmatched(out, A, ra, rundir_number(A, ra, GB_SUMMARY_NS_PER_CALL), NAN, "only in A");
        return 0;
    }
    if (strcmp(sa, "ok") == 0 && strcmp(sb, "ok") == 0)
        return compare_rows(out, A, ra, B, rb, args, t, err);
    t->not_ok++;
    snprintf(why, sizeof why, "not ok: %s in A, %s in B", sa, sb);
    print_unmatched(out, A, ra, rundir_number(A, ra, GB_SUMMARY_NS_PER_CALL),
                    rundir_number(B, rb, GB_SUMMARY_NS_PER_CALL), why);
    return 0;
}

static int write_table(FILE *out, const gb_rundir *A, const gb_rundir *B,
                       const compare_args *args, compare_tally *t, gb_error *err)
{
    fprintf(out, "| scenario | variant | params | A ns | B ns | B/A | 95%% CI | p (samples) | verdict |\n"
                 "|---|---|---|---:|---:|---:|---|---:|---|\n");
    for (int r = 0; r < A->summary.rows; r++)
        if (compare_one(out, A, r, B, args, t, err) != 0)
            return -1;
    for (int r = 0; r < B->summary.rows; r++)
        if (find_row(A, rundir_get(B, r, GB_SUMMARY_SCENARIO), rundir_get(B, r, GB_SUMMARY_VARIANT),
                     rundir_get(B, r, GB_SUMMARY_PARAMS)) < 0) {
            t->only_b++;
            print_unmatched(out, B, r, NAN, rundir_number(B, r, GB_SUMMARY_NS_PER_CALL), "only in B");
        }
    return 0;
}

/* --json FILE: the tally, for tools/figures.py. */
static int write_tally_json(const char *path, const compare_tally *t, gb_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write", path);
    fprintf(f, "{\"schema\": \"gluebench-compare/1\", \"same\": %d, \"faster\": %d, "
               "\"slower\": %d, \"only_a\": %d, \"only_b\": %d, \"not_ok\": %d, "
               "\"regressed\": %d}\n",
            t->verdicts[COMPARE_SAME], t->verdicts[COMPARE_FASTER], t->verdicts[COMPARE_SLOWER],
            t->only_a, t->only_b, t->not_ok, t->regressed);
    int bad = ferror(f);
    return fclose(f) != 0 || bad ? gb_fail(err, "%s: cannot write", path) : 0;
}

static void print_tally(FILE *out, const compare_tally *t)
{
    fprintf(out, "\n%d points in both: %d same, %d faster, %d slower; %d only in A, "
                 "%d only in B, %d not ok on a side.\n",
            t->verdicts[0] + t->verdicts[1] + t->verdicts[2], t->verdicts[COMPARE_SAME],
            t->verdicts[COMPARE_FASTER], t->verdicts[COMPARE_SLOWER], t->only_a, t->only_b,
            t->not_ok);
}

/* Context k of A's partner in B: the context of the same machine and
 * interpreter, or, when each folder holds one context, that one (two runs
 * on two machines are compared as they are); -1 none. */
static int partner(const gb_rundir *A, int k, const gb_rundir *B)
{
    if (A->context_count == 1 && B->context_count == 1)
        return 0;
    for (int j = 0; j < B->context_count; j++)
        if (strcmp(A->contexts[k].machine, B->contexts[j].machine) == 0 &&
            strcmp(A->contexts[k].python, B->contexts[j].python) == 0)
            return j;
    return -1;
}

/* One table per context pair (one table for two folders of one context
 * each); a context on one side only is counted as its points only there. */
static int write_tables(FILE *out, const gb_rundir *A, const gb_rundir *B, const compare_args *args,
                        compare_tally *t, gb_error *err)
{
    int several = A->context_count > 1 || B->context_count > 1, rc = 0, paired = 0;
    for (int k = 0; k < A->context_count; k++)
        paired += partner(A, k, B) >= 0;
    if (!paired)
        return gb_fail(err, "%s and %s have no context (machine and Python) in common: nothing "
                       "to compare (two folders of one context each always compare)", A->dir,
                       B->dir);
    for (int k = 0; rc == 0 && k < A->context_count; k++) {
        gb_rundir va, vb;
        int j = partner(A, k, B);
        char words[128];
        rundir_context_words(A, k, words, sizeof words);
        if (rundir_view(A, k, &va, err) != 0)
            return -1;
        if (j < 0) {
            fprintf(out, "%s## %s: only in A (%d points)\n", k ? "\n" : "", words, va.summary.rows);
            t->only_a += va.summary.rows;
            rundir_close(&va);
            continue;
        }
        if (several)
            fprintf(out, "%s## %s\n\n", k ? "\n" : "", words);
        if (rundir_view(B, j, &vb, err) != 0) {
            rundir_close(&va);
            return -1;
        }
        rc = write_table(out, &va, &vb, args, t, err);
        rundir_close(&vb);
        rundir_close(&va);
    }
    for (int j = 0; rc == 0 && several && j < B->context_count; j++) {
        int found = 0;
        for (int k = 0; k < A->context_count; k++)
            found |= partner(A, k, B) == j;
        if (found)
            continue;
        gb_rundir vb;
        char words[128];
        rundir_context_words(B, j, words, sizeof words);
        if (rundir_view(B, j, &vb, err) != 0)
            return -1;
        fprintf(out, "\n## %s: only in B (%d points)\n", words, vb.summary.rows);
        t->only_b += vb.summary.rows;
        rundir_close(&vb);
    }
    return rc;
}

/* Opens both folders and the output, writes the table; the exit code. */
static int run_compare(const compare_args *args, gb_error *err)
{
    gb_rundir A, B;
    compare_tally t = {{0}, 0, 0, 0, 0};
    int opened = 0, rc = GB_EXIT_USAGE;
    FILE *out = NULL;
    if (rundir_open(&A, args->a, err) != 0)
        goto done;
    opened = 1;
    if (rundir_open(&B, args->b, err) != 0)
        goto done;
    opened = 2;
    char incomplete[256];
    const gb_rundir *both[] = {&A, &B};
    for (int i = 0; i < 2; i++) {
        rundir_incomplete_text(both[i], incomplete, sizeof incomplete);
        if (incomplete[0])
            printf("WARNING: %s is an %s\n", both[i]->dir, incomplete);
    }
    out = args->out ? fopen(args->out, "w") : stdout;
    if (!out) {
        gb_fail(err, "%s: cannot write", args->out);
        goto done;
    }
    if (write_tables(out, &A, &B, args, &t, err) != 0)
        goto done;
    print_tally(out, &t);
    if (out != stdout)
        print_tally(stdout, &t);
    rc = t.regressed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
    if (args->json && write_tally_json(args->json, &t, err) != 0)
        rc = GB_EXIT_IO;
done:
    if (out && out != stdout)
        fclose(out);
    if (opened >= 2)
        rundir_close(&B);
    if (opened >= 1)
        rundir_close(&A);
    return rc;
}

int verb_compare(int argc, char **argv)
{
    compare_args args = {NULL, NULL, NULL, NULL, COMPARE_THRESHOLD, INFINITY};
    gb_error err = {""};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    const gb_option opts[] = {{"--threshold", OPT_DOUBLE, &args.threshold, 0, 10},
                              {"--fail-above", OPT_DOUBLE, &args.fail_above, 1e-9, 1e9},
                              {"--out", OPT_STRING, &args.out, 0, 0},
                              {"--json", OPT_STRING, &args.json, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = pos ? options_parse(argc, argv, opts, pos, &npos, &err)
                                : (gb_fail(&err, "out of memory"), OPTIONS_BAD);
    if (how == OPTIONS_OK && npos != 2)
        how = (gb_fail(&err, "expects two run folders, A and B"), OPTIONS_BAD);
    if (how != OPTIONS_OK) {
        free(pos);
        return verb_usage("compare", compare_usage, how, &err);
    }
    args.a = pos[0];
    args.b = pos[1];
    free(pos);
    int rc = run_compare(&args, &err);
    if (err.msg[0])
        verb_fail("compare", rc, "%s", err.msg);
    return rc;
}
