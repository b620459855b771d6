/* verb_compare.c: `gluebench compare A B`: two run folders side by side.
 *
 * Points are matched by scenario, variant and params (not by point index,
 * so runs of different profiles still line up where their sweeps meet).
 * For a point that is ok in both folders it prints the medians, B/A, the
 * Mann-Whitney p of the samples and the verdict of compare.h; any other
 * point is listed with what is missing.  Reads only the folders' CSVs. */
#include "compare.h"
#include "rundir.h"
#include "verbs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char compare_usage[] =
    "usage: gluebench compare A B [--threshold X] [--fail-above FACTOR] [--out FILE]\n"
    "Compares the run folders A and B point by point (scenario, variant, params) and\n"
    "prints a Markdown table: median ns/call in A and B, B/A, the Mann-Whitney p of\n"
    "the samples and a verdict.  A point is \"same\" when |B/A - 1| < X (default 0.01)\n"
    "or p >= 0.05, else \"faster\" or \"slower\".\n"
    "  --threshold X       the noise band around a ratio of 1 (default 0.01)\n"
    "  --fail-above FACTOR exit 1 when a point is slower and B/A > FACTOR (e.g. 1.10);\n"
    "                      default: never\n"
    "  --out FILE          write the table to FILE instead of stdout\n"
    "Exit codes: 0 ok; 1 a regression beyond --fail-above; 2 bad usage or a\n"
    "folder that cannot be read.\n";

typedef struct compare_args {
    const char *a, *b, *out;
    double threshold, fail_above;
} compare_args;

typedef struct compare_tally {
    int verdicts[3];             /* by compare_verdict */
    int only_a, only_b, not_ok, regressed;
} compare_tally;

/* Parses a number that must fill the whole argument; -1 if it does not. */
static int parse_number(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return end != text && *end == '\0' && isfinite(*out) ? 0 : -1;
}

static int parse_option(compare_args *a, const char *opt, const char *val)
{
    if (!val)
        return -1;
    if (strcmp(opt, "--out") == 0) {
        a->out = val;
        return 0;
    }
    if (strcmp(opt, "--threshold") == 0)
        return parse_number(val, &a->threshold) == 0 && a->threshold >= 0 ? 0 : -1;
    if (strcmp(opt, "--fail-above") == 0)
        return parse_number(val, &a->fail_above) == 0 && a->fail_above > 0 ? 0 : -1;
    return -1;
}

static int parse_args(compare_args *a, int argc, char **argv)
{
    int positional = 0;
    *a = (compare_args){NULL, NULL, NULL, 0.01, INFINITY};
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-') {
            if (parse_option(a, argv[i], i + 1 < argc ? argv[i + 1] : NULL) != 0)
                return -1;
            i++;
        } else if (positional++ == 0)
            a->a = argv[i];
        else
            a->b = argv[i];
    }
    return positional == 2 ? 0 : -1;
}

/* The summary row of scenario/variant/params in rd, or -1. */
static int find_row(const gb_rundir *rd, const char *scen, const char *var, const char *params)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scen) == 0 &&
            strcmp(rundir_get(rd, r, "variant"), var) == 0 &&
            strcmp(rundir_get(rd, r, "params"), params) == 0)
            return r;
    return -1;
}

/* ns_per_call of every sample of summary row r (all rounds), in a new
 * array the caller frees; *n gets the count.  NULL on allocation failure. */
static double *load_samples(const gb_rundir *rd, int r, int *n)
{
    const csv_table *t = &rd->samples;
    int cs = csv_column(t, "scenario"), cv = csv_column(t, "variant");
    int cp = csv_column(t, "params"), cn = csv_column(t, "ns_per_call");
    double *xs = malloc(sizeof *xs * (size_t)(t->rows + 1));
    *n = 0;
    for (int i = 0; xs && i < t->rows; i++)
        if (strcmp(csv_cell(t, i, cs), rundir_get(rd, r, "scenario")) == 0 &&
            strcmp(csv_cell(t, i, cv), rundir_get(rd, r, "variant")) == 0 &&
            strcmp(csv_cell(t, i, cp), rundir_get(rd, r, "params")) == 0)
            xs[(*n)++] = strtod(csv_cell(t, i, cn), NULL);
    return xs;
}

static void print_key(FILE *out, const gb_rundir *rd, int r)
{
    fprintf(out, "| %s | %s | %s |", rundir_get(rd, r, "scenario"), rundir_get(rd, r, "variant"),
            rundir_get(rd, r, "params"));
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
    fprintf(out, " - | - | %s |\n", why);
}

static void print_result(FILE *out, const gb_rundir *rd, int r, const compare_result *c)
{
    print_key(out, rd, r);
    fprintf(out, " %.4g | %.4g | %.3f | %.3g | %s |\n", c->a_ns, c->b_ns, c->ratio, c->p,
            compare_verdict_name(c->verdict));
}

/* Compares row ra of A with row rb of B, both ok; -1 with err on failure. */
static int compare_rows(FILE *out, const gb_rundir *A, int ra, const gb_rundir *B, int rb,
                        const compare_args *args, compare_tally *t, gb_error *err)
{
    int na, nb, rc = -1;
    double *a = load_samples(A, ra, &na), *b = load_samples(B, rb, &nb);
    compare_result c;
    if (!a || !b || compare_point(rundir_number(A, ra, "ns_per_call"),
                                  rundir_number(B, rb, "ns_per_call"), a, na, b, nb,
                                  args->threshold, &c) != 0) {
        gb_fail(err, "%s/%s at %s: cannot compare (no median, or out of memory)",
                rundir_get(A, ra, "scenario"), rundir_get(A, ra, "variant"),
                rundir_get(A, ra, "params"));
        goto done;
    }
    print_result(out, A, ra, &c);
    t->verdicts[c.verdict]++;
    if (compare_regressed(&c, args->fail_above)) {
        t->regressed++;
        fprintf(stderr, "gluebench: %s/%s at %s is %.3fx slower (above %.3g)\n",
                rundir_get(A, ra, "scenario"), rundir_get(A, ra, "variant"),
                rundir_get(A, ra, "params"), c.ratio, args->fail_above);
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
    int rb = find_row(B, rundir_get(A, ra, "scenario"), rundir_get(A, ra, "variant"),
                      rundir_get(A, ra, "params"));
    const char *sa = rundir_get(A, ra, "status"), *sb = rb >= 0 ? rundir_get(B, rb, "status") : "";
    char why[128];
    if (rb < 0) {
        t->only_a++;
        print_unmatched(out, A, ra, rundir_number(A, ra, "ns_per_call"), NAN, "only in A");
        return 0;
    }
    if (strcmp(sa, "ok") == 0 && strcmp(sb, "ok") == 0)
        return compare_rows(out, A, ra, B, rb, args, t, err);
    t->not_ok++;
    snprintf(why, sizeof why, "not ok: %s in A, %s in B", sa, sb);
    print_unmatched(out, A, ra, rundir_number(A, ra, "ns_per_call"),
                    rundir_number(B, rb, "ns_per_call"), why);
    return 0;
}

static int write_table(FILE *out, const gb_rundir *A, const gb_rundir *B,
                       const compare_args *args, compare_tally *t, gb_error *err)
{
    fprintf(out, "| scenario | variant | params | A ns | B ns | B/A | p | verdict |\n"
                 "|---|---|---|---:|---:|---:|---:|---|\n");
    for (int r = 0; r < A->summary.rows; r++)
        if (compare_one(out, A, r, B, args, t, err) != 0)
            return -1;
    for (int r = 0; r < B->summary.rows; r++)
        if (find_row(A, rundir_get(B, r, "scenario"), rundir_get(B, r, "variant"),
                     rundir_get(B, r, "params")) < 0) {
            t->only_b++;
            print_unmatched(out, B, r, NAN, rundir_number(B, r, "ns_per_call"), "only in B");
        }
    return 0;
}

static void print_tally(FILE *out, const compare_tally *t)
{
    fprintf(out, "\n%d points in both: %d same, %d faster, %d slower; %d only in A, "
                 "%d only in B, %d not ok on a side.\n",
            t->verdicts[0] + t->verdicts[1] + t->verdicts[2], t->verdicts[COMPARE_SAME],
            t->verdicts[COMPARE_FASTER], t->verdicts[COMPARE_SLOWER], t->only_a, t->only_b,
            t->not_ok);
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
    out = args->out ? fopen(args->out, "w") : stdout;
    if (!out) {
        gb_fail(err, "%s: cannot write", args->out);
        goto done;
    }
    if (write_table(out, &A, &B, args, &t, err) != 0)
        goto done;
    print_tally(out, &t);
    if (out != stdout)
        print_tally(stdout, &t);
    rc = t.regressed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
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
    compare_args args;
    gb_error err = {""};
    if (argc == 1 && strcmp(argv[0], "--help") == 0) {
        fputs(compare_usage, stdout);
        return GB_EXIT_OK;
    }
    if (parse_args(&args, argc, argv) != 0) {
        fputs(compare_usage, stderr);
        return GB_EXIT_USAGE;
    }
    int rc = run_compare(&args, &err);
    if (err.msg[0])
        fprintf(stderr, "gluebench: %s\n", err.msg);
    return rc;
}
