/* verb_crosscheck.c: `gluebench crosscheck ENGINE`: each variant's median
 * as the harness measures it beside the median an independent tool
 * measures for the same call, with their ratio.
 *
 * gbench times a C-only variant in this process with Google Benchmark
 * (gbench.h); pyperf times a Python variant through tools/pyperf_bench.py
 * (pyperf spawns its own worker processes); hyperfine times a whole-process
 * variant's command.  Both sides get the same budget: the profile's rounds
 * (processes), samples and sample length.  Ratios are judged only where a
 * call takes 1 us or more: below that the floor of either tool dominates. */
#include "gb_kernel.h"
#include "gb_loader.h"
#include "catalog.h"
#include "command.h"
#include "gbench.h"
#include "interrupt.h"
#include "json.h"
#include "options.h"
#include "measure.h"
#include "paths.h"
#include "runner.h"
#include "stats.h"
#include "sysinfo.h"
#include "verbs.h"
#include "worker.h"

#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XC_JUDGED_NS 1000.0
#define XC_MAX_ROWS 4096
#define XC_TOOL_TIMEOUT_S 600.0

static const char crosscheck_usage[] =
    "usage: gluebench crosscheck ENGINE [SCENARIO...] [options]\n"
    "Times each variant the engine can run with the harness and with the engine,\n"
    "at every point of the profile, and prints both medians and their ratio.\n"
    "  gbench     C-only variants, Google Benchmark in this process\n"
    "  pyperf     Python variants, pyperf (tools/pyperf_bench.py)\n"
    "  hyperfine  whole-process variants, hyperfine on the same command\n"
    "options:\n"
    "  --profile P      smoke, quick (default) or full\n"
    "  --scenarios DIR  where the manifests are (default: the project's scenarios/)\n"
    "  --variant NAME   only this variant (repeatable)\n"
    "  --seed N         input seed (default 1)\n"
    "  --tolerance X    exit 1 when a ratio over 1 us is off by more (default 0.25)\n"
    "  --json FILE      also write the table as JSON\n"
    "Exit 0 when every judged ratio is within the tolerance, 1 when one is not or\n"
    "a measurement failed, 2 on bad usage, 130 on Ctrl-C.\n";

typedef struct xc_args {
    int engine;
    gb_profile_id profile;
    gb_profile_settings settings;
    unsigned long long seed;
    double tolerance;
    const char *scenarios;
    const char *json;    /* --json FILE: the table as JSON */
    char **names, **variants;
    int name_count, variant_count;
} xc_args;

/* What a point's timing needs besides the variant. */
typedef struct xc_ctx {
    const xc_args *args;
    const gb_paths *paths;
    const gb_manifest *m;
    const gb_bindings *point;
} xc_ctx;

typedef int (*xc_time_fn)(const xc_ctx *x, const gb_variant *v, double *ns, gb_error *err);

typedef struct xc_engine {
    const char *name;
    gb_kind kind;
    xc_time_fn time;
} xc_engine;

/* The judged ratios and what went wrong, over the whole command. */
typedef struct xc_row {
    char scenario[GB_NAME_LEN], variant[GB_NAME_LEN], point[256], verdict[64];
    double harness_ns, engine_ns;
} xc_row;

typedef struct xc_tally {
    double ratios[XC_MAX_ROWS];
    int judged, outside, failed, interrupted;
    xc_row rows[XC_MAX_ROWS];
    int row_count;
} xc_tally;

/* ---- gbench: a C variant in this process ---- */

typedef struct xc_cvariant {
    void *lib;
    const gb_cvariant *v;
    void *input;
} xc_cvariant;

/* Keeps each batch's last answer, as the C worker does. */
static volatile uint64_t xc_sink_bits;

/* The loop the C worker times (kernels/common/cworker.c), for gbench. */
static void xc_cbody(void *ctx, long long iterations)
{
    const xc_cvariant *c = ctx;
    gb_answer (*run)(void *) = c->v->run;
    void *input = c->input;
    gb_answer last = {0, 0};
    for (long long i = 0; i < iterations; i++)
        last = run(input);
    xc_sink_bits = last.bits;
}

/* Loads "scenario:variant" into c->lib and c->v.  Returns 0 or -1 with err. */
static int xc_load_cvariant(const char *dirs, const char *entry, xc_cvariant *c, gb_error *err)
{
    char msg[GB_ERR_LEN];
    c->v = gb_loader_find(dirs, entry, &c->lib, msg, sizeof msg);
    return c->v ? 0 : gb_fail(err, "%s", msg);
}

static void xc_params(const gb_bindings *point, gb_params *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < point->count && i < GB_MAX_PARAMS; i++) {
        snprintf(out->names[i], sizeof out->names[i], "%s", point->names[i]);
        out->values[i] = point->values[i];
        out->count = i + 1;
    }
}

static int xc_gbench(const xc_ctx *x, const gb_variant *v, double *ns, gb_error *err)
{
    xc_cvariant c = {NULL, NULL, NULL};
    gb_params params;
    char kerr[GB_ERR_LEN] = "setup failed";
    const gb_profile_settings *s = &x->args->settings;
    gbench_options opt = {s->target_s, s->rounds * s->samples};
    int rc = -1;
    if (xc_load_cvariant(x->paths->kernel_dirs, v->entry, &c, err) != 0)
        goto done;
    xc_params(x->point, &params);
    c.input = c.v->setup ? c.v->setup(&params, x->args->seed, kerr) : NULL;
    if (c.v->setup && !c.input) {
        gb_fail(err, "%s: setup: %s", v->name, kerr);
        goto done;
    }
    rc = gbench_time(v->name, xc_cbody, &c, &opt, ns, err);
    if (c.v->teardown)
        c.v->teardown(c.input);
done:
    if (c.lib)
        dlclose(c.lib);
    return rc;
}

/* ---- pyperf and hyperfine: a tool run as a child process ---- */

/* Runs argv (the tool `what`), reading its stdout; when prefix is set,
 * *value is the number after the last line that starts with it.  Returns 0,
 * or -1 with err (the tool failed, timed out, was interrupted or never
 * printed the line; the message ends with its last other line). */
static int xc_run_tool(const char *what, char **argv, const char *prefix, double *value,
                       gb_error *err)
{
    gb_worker w;
    gb_exit ex;
    char line[GB_LINE_MAX], last[GB_LINE_MAX] = "";
    gb_read_status st;
    int found = 0;
    if (worker_start(&w, argv, -1, 0, err) != 0)
        return -1;
    worker_close_input(&w);
    while ((st = worker_read(&w, line, sizeof line, XC_TOOL_TIMEOUT_S)) == GB_READ_OK) {
        if (prefix && strncmp(line, prefix, strlen(prefix)) == 0)
            found = sscanf(line + strlen(prefix), "%lf", value) == 1;
        else if (line[0])
            snprintf(last, sizeof last, "%s", line);
    }
    worker_finish(&w, st == GB_READ_CLOSED ? 5.0 : 0.0, &ex);
    if (st == GB_READ_INTERRUPTED)
        return gb_fail(err, "%s: interrupted", what);
    if (st != GB_READ_CLOSED || ex.signaled || ex.code != 0) {
        char text[128];
        worker_exit_text(&ex, text, sizeof text);
        return gb_fail(err, "%s failed (%s): %s", what, text, last);
    }
    return !prefix || found ? 0 : gb_fail(err, "%s printed no '%s' line", what, prefix);
}

/* Appends printf-formatted text as the next argument, kept in buf. */
static void xc_arg(char **argv, int *argc, char (*buf)[GB_PATH_LEN], const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void xc_arg(char **argv, int *argc, char (*buf)[GB_PATH_LEN], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf[*argc], GB_PATH_LEN, fmt, ap);
    va_end(ap);
    argv[*argc] = buf[*argc];
    argv[++*argc] = NULL;
}

#define XC_MAX_TOOL_ARGS (24 + GB_MAX_PARAMS)

static int xc_pyperf(const xc_ctx *x, const gb_variant *v, double *ns, gb_error *err)
{
    char buf[XC_MAX_TOOL_ARGS][GB_PATH_LEN];
    char *argv[XC_MAX_TOOL_ARGS + 1];
    int argc = 0;
    const gb_profile_settings *s = &x->args->settings;
    xc_arg(argv, &argc, buf, "%s", x->paths->python);
    xc_arg(argv, &argc, buf, "%s/tools/pyperf_bench.py", x->paths->source_dir);
    xc_arg(argv, &argc, buf, "%s", v->entry);
    xc_arg(argv, &argc, buf, "%s", v->setup);
    xc_arg(argv, &argc, buf, "--seed=%llu", x->args->seed);
    for (int i = 0; i < x->point->count; i++)
        xc_arg(argv, &argc, buf, "--param=%s=%lld", x->point->names[i],
               (long long)x->point->values[i]);
    xc_arg(argv, &argc, buf, "--processes=%d", s->rounds);
    xc_arg(argv, &argc, buf, "--values=%d", s->samples);
    xc_arg(argv, &argc, buf, "--warmups=%d", s->warmup);
    xc_arg(argv, &argc, buf, "--min-time=%g", s->target_s);
    xc_arg(argv, &argc, buf, "--copy-env");
    xc_arg(argv, &argc, buf, "--quiet");
    return xc_run_tool("pyperf", argv, "median_ns ", ns, err);
}

/* Quotes one word for hyperfine's own (POSIX shell-like) word splitting. */
static void xc_quote(const char *word, char *out, size_t cap)
{
    size_t len = 0;
    out[len++] = '\'';
    for (; *word && len + 5 < cap; word++) {
        if (*word == '\'')
            len += (size_t)snprintf(out + len, cap - len, "'\\''");
        else
            out[len++] = *word;
    }
    snprintf(out + len, cap - len, "' ");
}

/* results[0].median of hyperfine's JSON export, in nanoseconds. */
static int xc_read_hyperfine(const char *path, double *ns, gb_error *err)
{
    char text[65536];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    const char *at = strstr(text, "\"median\":");
    if (!at || sscanf(at + strlen("\"median\":"), "%lf", ns) != 1)
        return gb_fail(err, "%s: no median in hyperfine's export", path);
    *ns *= 1e9;
    return 0;
}

static int xc_hyperfine(const xc_ctx *x, const gb_variant *v, double *ns, gb_error *err)
{
    char buf[XC_MAX_TOOL_ARGS][GB_PATH_LEN];
    char *argv[XC_MAX_TOOL_ARGS + 1], line[GB_PATH_LEN * 4] = "", json[] = "/tmp/gluebench-hf-XXXXXX";
    gb_command cmd;
    int argc = 0, fd = mkstemp(json);
    const gb_profile_settings *s = &x->args->settings;
    if (fd < 0)
        return gb_fail(err, "cannot create a temporary file for hyperfine");
    close(fd);
    int rc = command_expand(v, x->point, x->args->seed, x->paths, &cmd, err);
    for (int i = 0; rc == 0 && i < cmd.argc; i++)
        xc_quote(cmd.argv[i], line + strlen(line), sizeof line - strlen(line));
    /* The harness starts its workers with address-space randomisation off
     * (measure/worker.c); hyperfine's children inherit the same setting
     * through setarch -R, else Python's start-up differs by about 5%. */
    xc_arg(argv, &argc, buf, "setarch");
    xc_arg(argv, &argc, buf, "-R");
    xc_arg(argv, &argc, buf, "hyperfine");
    xc_arg(argv, &argc, buf, "--shell=none");
    xc_arg(argv, &argc, buf, "--style=none");
    xc_arg(argv, &argc, buf, "--runs=%d", s->rounds * s->samples);
    xc_arg(argv, &argc, buf, "--warmup=%d", s->warmup > 0 ? s->warmup : 1);
    xc_arg(argv, &argc, buf, "--export-json=%s", json);
    argv[argc++] = line;
    argv[argc] = NULL;
    if (rc == 0)
        rc = xc_run_tool("hyperfine", argv, NULL, NULL, err);
    if (rc == 0)
        rc = xc_read_hyperfine(json, ns, err);
    unlink(json);
    return rc;
}

static const xc_engine xc_engines[] = {
    {"gbench", GB_KIND_C, xc_gbench},
    {"pyperf", GB_KIND_PYTHON, xc_pyperf},
    {"hyperfine", GB_KIND_PROCESS, xc_hyperfine},
};

/* ---- the harness's side ---- */

/* The median of every sample of every round, as `run` would measure it. */
static int xc_harness(const xc_ctx *x, const gb_variant *v, double *ns, gb_error *err)
{
    const gb_profile_settings *s = &x->args->settings;
    gb_job job = {.m = x->m, .v = v, .point = x->point, .paths = x->paths, .profile = s,
                  .seed = x->args->seed, .log_fd = -1, .hash_seed = -1};
    gb_measurement meas;
    double all[16 * GB_MAX_SAMPLES];
    int n = 0;
    for (int r = 0; r < s->rounds && r < 16; r++) {
        measure_run(&job, &meas);
        if (meas.status != GB_STATUS_OK)
            return gb_fail(err, "%s: %s: %s", v->name, measure_status_name(meas.status),
                           meas.message);
        for (int i = 0; i < meas.samples; i++)
            all[n++] = meas.ns_per_call[i];
    }
    *ns = stats_median(all, n);
    return n > 0 ? 0 : gb_fail(err, "%s: no samples", v->name);
}

/* ---- the table ---- */

static void xc_point_text(const gb_bindings *p, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < p->count && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%lld", i ? ";" : "", p->names[i],
                                (long long)p->values[i]);
    if (p->count == 0)
        snprintf(out, cap, "-");
}

static void xc_print_header(const xc_args *a, const gb_manifest *m)
{
    const gb_profile_settings *s = &a->settings;
    printf("\n%s: %s, %d rounds x %d samples of >= %g ms on each side\n", m->name,
           manifest_profile_name(a->profile), s->rounds, s->samples, s->target_s * 1e3);
    char engine[GB_NAME_LEN];
    snprintf(engine, sizeof engine, "%s ns/call", xc_engines[a->engine].name);
    printf("%-20s %-18s %18s %18s %8s  %s\n", "point", "variant", "harness ns/call", engine,
           "ratio", "verdict");
}

static void xc_print_row(const xc_args *a, const char *point, const gb_variant *v, double h,
                         double e, xc_tally *t)
{
    double ratio = h / e;
    const char *verdict = "ok";
    if (h < XC_JUDGED_NS && e < XC_JUDGED_NS)
        verdict = "under 1 us, not judged";
    else {
        if (t->judged < XC_MAX_ROWS)
            t->ratios[t->judged++] = ratio;
        if (fabs(ratio - 1.0) > a->tolerance) {
            verdict = "OUTSIDE";
            t->outside++;
        }
    }
    printf("%-20s %-18s %18.1f %18.1f %8.3f  %s\n", point, v->name, h, e, ratio, verdict);
    if (t->row_count < XC_MAX_ROWS) {
        xc_row *row = &t->rows[t->row_count++];
        snprintf(row->variant, sizeof row->variant, "%s", v->name);
        snprintf(row->point, sizeof row->point, "%s", point);
        snprintf(row->verdict, sizeof row->verdict, "%s", verdict);
        row->harness_ns = h;
        row->engine_ns = e;
        row->scenario[0] = '\0';
    }
}

static int xc_wanted(const xc_args *a, const gb_variant *v)
{
    if (v->kind != xc_engines[a->engine].kind)
        return 0;
    for (int i = 0; i < a->variant_count; i++)
        if (strcmp(a->variants[i], v->name) == 0)
            return 1;
    return a->variant_count == 0;
}

/* Times one variant at one point both ways and prints its row. */
static void xc_check_one(const xc_ctx *x, const gb_variant *v, xc_tally *t)
{
    char point[256];
    double h = 0, e = 0;
    gb_error err;
    xc_point_text(x->point, point, sizeof point);
    if (xc_harness(x, v, &h, &err) == 0 &&
        xc_engines[x->args->engine].time(x, v, &e, &err) == 0) {
        xc_print_row(x->args, point, v, h, e, t);
        if (t->row_count > 0)
            snprintf(t->rows[t->row_count - 1].scenario, GB_NAME_LEN, "%s", x->m->name);
    } else {
        printf("%-20s %-18s %18s %18s %8s  failed: %s\n", point, v->name, "-", "-", "-",
               err.msg);
        t->failed++;
    }
    fflush(stdout);
    t->interrupted = interrupt_requested();
}

static void xc_check_scenario(const xc_args *a, const gb_paths *paths, const gb_manifest *m,
                              xc_tally *t)
{
    gb_bindings point;
    xc_ctx x = {a, paths, m, &point};
    int any = 0;
    for (int v = 0; v < m->variant_count; v++)
        any |= xc_wanted(a, &m->variants[v]);
    if (!any)
        return;
    xc_print_header(a, m);
    int points = manifest_point_count(m, a->profile);
    for (int p = 0; p < points && !t->interrupted; p++) {
        manifest_point(m, a->profile, p, &point);
        for (int v = 0; v < m->variant_count && !t->interrupted; v++)
            if (xc_wanted(a, &m->variants[v]) && manifest_variant_applies(&m->variants[v], &point))
                xc_check_one(&x, &m->variants[v], t);
    }
}

/* --json FILE: the rows and the median ratio, for tools/figures.py. */
static int xc_write_json(const xc_args *a, const xc_tally *t, gb_error *err)
{
    FILE *f = fopen(a->json, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write", a->json);
    fprintf(f, "{\"schema\": \"gluebench-crosscheck/1\", \"engine\": ");
    json_string(f, xc_engines[a->engine].name);
    fprintf(f, ", \"tolerance\": %g, \"judged\": %d, \"outside\": %d, \"failed\": %d, "
               "\"median_ratio\": ", a->tolerance, t->judged, t->outside, t->failed);
    if (t->judged > 0)
        fprintf(f, "%.6g", stats_median(t->ratios, t->judged));
    else
        fprintf(f, "null");
    fprintf(f, ",\n \"rows\": [");
    for (int i = 0; i < t->row_count; i++) {
        const xc_row *r = &t->rows[i];
        fprintf(f, "%s\n  {\"scenario\": ", i ? "," : "");
        json_string(f, r->scenario);
        fprintf(f, ", \"point\": ");
        json_string(f, r->point);
        fprintf(f, ", \"variant\": ");
        json_string(f, r->variant);
        fprintf(f, ", \"harness_ns\": %.6g, \"engine_ns\": %.6g, \"ratio\": %.6g, \"verdict\": ",
                r->harness_ns, r->engine_ns, r->harness_ns / r->engine_ns);
        json_string(f, r->verdict);
        fprintf(f, "}");
    }
    fprintf(f, "\n]}\n");
    int bad = ferror(f);
    return fclose(f) != 0 || bad ? gb_fail(err, "%s: cannot write", a->json) : 0;
}

static int xc_finish(const xc_args *a, const xc_tally *t)
{
    gb_error err;
    if (a->json && xc_write_json(a, t, &err) != 0)
        return verb_fail("crosscheck", GB_EXIT_IO, "%s", err.msg);
    const char *engine = xc_engines[a->engine].name;
    if (t->judged > 0)
        printf("\nmedian ratio harness/%s over 1 us: %.3f (%d points, %d outside +-%.0f%%, "
               "%d failed)\n",
               engine, stats_median(t->ratios, t->judged), t->judged, t->outside,
               a->tolerance * 100.0, t->failed);
    else
        printf("\nmedian ratio harness/%s over 1 us: none (no point over 1 us, %d failed)\n",
               engine, t->failed);
    if (t->interrupted)
        return GB_EXIT_INTERRUPTED;
    return t->outside || t->failed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}

/* ---- arguments ---- */

static int xc_parse_engine(xc_args *a, const char *name)
{
    for (size_t i = 0; i < sizeof xc_engines / sizeof xc_engines[0]; i++)
        if (strcmp(name, xc_engines[i].name) == 0) {
            a->engine = (int)i;
            return 0;
        }
    return -1;
}

static gb_options_result xc_parse_args(xc_args *a, int argc, char **argv, gb_error *err)
{
    const char *profile = NULL, **pos;
    gb_option_list variants = {NULL, 0};
    a->profile = GB_PROFILE_QUICK;
    a->seed = 1;
    a->tolerance = 0.25;
    a->names = calloc((size_t)argc + 1, sizeof *a->names);
    a->variants = calloc((size_t)argc + 1, sizeof *a->variants);
    variants.items = (const char **)a->variants;
    pos = (const char **)a->names;
    if (!a->names || !a->variants)
        return gb_fail(err, "out of memory"), OPTIONS_BAD;
    const gb_option opts[] = {
        {"--profile", OPT_STRING, &profile, 0, 0},
        {"--scenarios", OPT_STRING, &a->scenarios, 0, 0},
        {"--variant", OPT_LIST, &variants, 0, 0},
        {"--seed", OPT_U64, &a->seed, 0, 9007199254740992.0},
        {"--tolerance", OPT_DOUBLE, &a->tolerance, 1e-6, 100},
        {"--json", OPT_STRING, &a->json, 0, 0},
        {NULL, 0, NULL, 0, 0},
    };
    int npos = 0;
    gb_options_result how = options_parse(argc, argv, opts, pos, &npos, err);
    if (how != OPTIONS_OK)
        return how;
    if (npos < 1 || xc_parse_engine(a, pos[0]) != 0)
        return gb_fail(err, "the first word must be an engine: gbench, pyperf or hyperfine"),
               OPTIONS_BAD;
    if (profile && manifest_profile_parse(profile, &a->profile) != 0)
        return gb_fail(err, "option --profile: '%s' is not smoke, quick or full", profile),
               OPTIONS_BAD;
    a->settings = runner_profile_settings(a->profile);
    a->names++;   /* the scenario names follow the engine */
    a->name_count = npos - 1;
    a->variant_count = variants.count;
    return OPTIONS_OK;
}

static void xc_print_warnings(const gb_paths *paths)
{
    gb_sysinfo si;
    sysinfo_collect(&si, paths->python, paths->source_dir);
    for (int i = 0; i < si.warning_count; i++)
        fprintf(stderr, "gluebench: warning: %s\n", si.warnings[i]);
}

static int xc_run(const xc_args *a)
{
    gb_paths paths;
    gb_catalog cat;
    gb_error err;
    static xc_tally tally;
    if (paths_init(&paths, a->scenarios, &err) != 0 ||
        catalog_load(&cat, paths.scenarios_dir, a->names, a->name_count, &paths, &err) != 0)
        return verb_fail("crosscheck", GB_EXIT_USAGE, "%s", err.msg);
    catalog_print(&cat, "crosscheck", stderr);
    paths_export(&paths);
    interrupt_install();
    xc_print_warnings(&paths);
    memset(&tally, 0, sizeof tally);
    printf("crosscheck %s: harness median / %s median per call\n", xc_engines[a->engine].name,
           xc_engines[a->engine].name);
    for (int i = 0; i < cat.count && !tally.interrupted; i++)
        xc_check_scenario(a, &paths, &cat.items[i], &tally);
    int rc = xc_finish(a, &tally);
    if (cat.broken && rc == GB_EXIT_OK)
        rc = GB_EXIT_USAGE;
    catalog_free(&cat);
    return rc;
}

int verb_crosscheck(int argc, char **argv)
{
    xc_args a;
    gb_error err;
    memset(&a, 0, sizeof a);
    gb_options_result how = xc_parse_args(&a, argc, argv, &err);
    int rc = how == OPTIONS_OK ? xc_run(&a) : verb_usage("crosscheck", crosscheck_usage, how, &err);
    if (a.names && how == OPTIONS_OK)
        a.names--;
    free(a.names);
    free(a.variants);
    return rc;
}
