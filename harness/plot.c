/* plot.c: `gluebench plot DIR`: each manifest chart as SVG and PNG.
 *
 * Reads only the run folder's summary.csv and manifests.  For each chart it
 * writes the data gnuplot needs to DIR/charts/<scenario>-<id>.dat and runs
 * plots/<type>.gp on it (README, "Charts").  Only rows whose status is ok
 * are charted: a wrong or failed variant never appears. */
#include "paths.h"
#include "rundir.h"
#include "verbs.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char plot_usage[] =
    "usage: gluebench plot DIR\n"
    "Draws every chart of the run folder's scenarios into DIR/charts (SVG and PNG)\n"
    "with gnuplot, from DIR/summary.csv.  Wrong or failed variants are left out.\n";

typedef struct metric {
    const char *name, *label, *column, *lo, *hi;
    double scale;        /* multiply the column by this */
    int per_item;        /* divide by the row's items */
} metric;

static const metric metrics[] = {
    {"ns_per_call", "ns per call", "ns_per_call", "ns_per_call_lo", "ns_per_call_hi", 1, 0},
    {"ns_per_item", "ns per item", "ns_per_call", "ns_per_call_lo", "ns_per_call_hi", 1, 1},
    {"ms_per_call", "ms per call", "ns_per_call", "ns_per_call_lo", "ns_per_call_hi", 1e-6, 0},
    {"speedup", "speedup over the baseline (x)", "speedup", "speedup_lo", "speedup_hi", 1, 0},
    {"rss_mb", "peak RSS of the worker (MB)", "rss_kb", NULL, NULL, 1.0 / 1024, 0},
    {"alloc_kb", "tracemalloc peak per call (KB)", "alloc_bytes", NULL, NULL, 1.0 / 1024, 0},
    {"gc_ms", "GC time per call (ms)", "gc_ns_per_call", NULL, NULL, 1e-6, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

static const metric *find_metric(const char *name)
{
    for (int i = 0; metrics[i].name; i++)
        if (strcmp(metrics[i].name, name) == 0)
            return &metrics[i];
    return NULL;
}

/* y with its interval for row r; returns 0 when the row has no value. */
static int metric_value(const gb_rundir *rd, int r, const metric *m, double v[3])
{
    double items = m->per_item ? rundir_number(rd, r, "items") : 1;
    double scale = m->scale / (items > 0 ? items : 1);
    v[0] = rundir_number(rd, r, m->column) * scale;
    v[1] = m->lo ? rundir_number(rd, r, m->lo) * scale : v[0];
    v[2] = m->hi ? rundir_number(rd, r, m->hi) * scale : v[0];
    return !isnan(v[0]) && strcmp(rundir_get(rd, r, "status"), "ok") == 0;
}

/* x of row r: a parameter's value, or a metric. */
static int x_value(const gb_rundir *rd, int r, const char *x, double *out)
{
    long long p;
    const metric *m = find_metric(x);
    double v[3];
    if (!m && rundir_param(rd, r, x, &p)) {
        *out = (double)p;
        return 1;
    }
    if (m && metric_value(rd, r, m, v)) {
        *out = v[0];
        return 1;
    }
    return 0;
}

/* Labels go into the data file in double quotes: keep them free of one. */
static void clean_label(const char *in, char *out, size_t cap)
{
    snprintf(out, cap, "%s", in);
    for (char *p = out; *p; p++)
        if (*p == '"')
            *p = '\'';
}

static int rows_of(const gb_rundir *rd, const char *scenario, const char *variant, int *rows)
{
    int n = 0;
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) == 0 &&
            strcmp(rundir_get(rd, r, "variant"), variant) == 0)
            rows[n++] = r;
    return n;
}

/* 1 when the chart shows variant v (every variant unless it lists some). */
static int shows(const gb_chart *c, const char *variant)
{
    for (int i = 0; i < c->only_count; i++)
        if (strcmp(c->only[i], variant) == 0)
            return 1;
    return c->only_count == 0;
}

/* For a series chart, the value every parameter other than x must have:
 * the chart's `at` binding, else (when x is a parameter) the value at the
 * last point.  With a metric as x, unbound parameters vary freely. */
static int fixed_value(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c,
                       const char *param, long long *value)
{
    for (int i = 0; i < c->at.count; i++)
        if (strcmp(c->at.names[i], param) == 0) {
            *value = c->at.values[i];
            return 1;
        }
    int x_is_param = 0;
    for (int i = 0; i < m->param_count; i++)
        x_is_param |= strcmp(m->params[i], c->x) == 0;
    int last = rundir_find(rd, m->name, m->baseline, rundir_last_point(rd, m->name));
    return x_is_param && last >= 0 && rundir_param(rd, last, param, value);
}

/* 1 when row r lies on the chart's slice of the sweep. */
static int on_slice(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c, int r)
{
    for (int i = 0; i < m->param_count; i++) {
        long long want, got;
        if (strcmp(m->params[i], c->x) == 0 || !fixed_value(rd, m, c, m->params[i], &want))
            continue;
        if (!rundir_param(rd, r, m->params[i], &got) || got != want)
            return 0;
    }
    return 1;
}

/* One block per variant: header line, then "x y lo hi style" rows. */
static int write_series(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_chart *c)
{
    const metric *y = find_metric(c->y);
    int *rows = malloc(sizeof(int) * (size_t)(rd->summary.rows + 1));
    int blocks = 0;
    for (int vi = 0; rows && vi < m->variant_count; vi++) {
        const gb_variant *v = &m->variants[vi];
        int n = shows(c, v->name) ? rows_of(rd, m->name, v->name, rows) : 0, printed = 0;
        char label[GB_TEXT_LEN];
        clean_label(v->label, label, sizeof label);
        for (int i = 0; i < n; i++) {
            double x, val[3];
            if (!on_slice(rd, m, c, rows[i]) || !x_value(rd, rows[i], c->x, &x) ||
                !metric_value(rd, rows[i], y, val))
                continue;
            if (printed++ == 0)
                fprintf(f, "%sx \"%s\" lo hi style\n", blocks++ ? "\n\n" : "", label);
            fprintf(f, "%.9g %.9g %.9g %.9g %d\n", x, val[0], val[1], val[2],
                    manifest_style_index(v->style));
        }
    }
    free(rows);
    return blocks;
}

/* One row per variant at the chart's point: "label" y lo hi style. */
static int write_bars(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_chart *c)
{
    const metric *y = find_metric(c->y);
    int point = c->at_last ? rundir_last_point(rd, m->name) : rundir_point_at(rd, m->name, &c->at);
    int bars = 0;
    for (int vi = 0; point >= 0 && vi < m->variant_count; vi++) {
        int r = rundir_find(rd, m->name, m->variants[vi].name, point);
        double val[3];
        char label[GB_TEXT_LEN];
        if (r < 0 || !shows(c, m->variants[vi].name) || !metric_value(rd, r, y, val))
            continue;
        clean_label(m->variants[vi].label, label, sizeof label);
        fprintf(f, "\"%s\" %.9g %.9g %.9g %d\n", label, val[0], val[1], val[2],
                manifest_style_index(m->variants[vi].style));
        bars++;
    }
    return bars;
}

/* Appends name='value' to buf, doubling single quotes as gnuplot wants. */
static void gp_assign(char *buf, size_t cap, const char *name, const char *value)
{
    size_t len = strlen(buf);
    len += (size_t)snprintf(buf + len, cap - len, "%s='", name);
    for (const char *p = value; *p && len + 3 < cap; p++) {
        buf[len++] = *p;
        if (*p == '\'')
            buf[len++] = '\'';
    }
    snprintf(buf + len, cap - len, "'; ");
}

static int run_gnuplot(const char *assignments, const char *script)
{
    pid_t pid = fork();
    if (pid == 0) {
        execlp("gnuplot", "gnuplot", "-e", assignments, script, (char *)NULL);
        fprintf(stderr, "gluebench: cannot run gnuplot: %s\n", strerror(errno));
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* A bar chart says which point it shows, under the chart with the caption
 * (a title long enough to say it would not fit). */
static void chart_caption(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c,
                          char *out, size_t cap)
{
    int point = c->at_last ? rundir_last_point(rd, m->name) : rundir_point_at(rd, m->name, &c->at);
    int r = c->x[0] || point < 0 ? -1 : rundir_find(rd, m->name, m->baseline, point);
    const char *params = r >= 0 ? rundir_get(rd, r, "params") : "";
    snprintf(out, cap, "%s%s%s%s", c->caption, *params && c->caption[0] ? " " : "",
             *params ? "At " : "", params);
}

static int draw(const gb_rundir *rd, const gb_paths *paths, const gb_manifest *m,
                const gb_chart *c)
{
    char base[1400], data[1500], script[1200], caption[GB_LONG_TEXT_LEN + 600], vars[8192] = "";
    snprintf(base, sizeof base, "%s/charts/%s-%s", rd->dir, m->name, c->id);
    snprintf(data, sizeof data, "%s.dat", base);
    snprintf(script, sizeof script, "%s/%s.gp", paths->plots_dir, c->type);
    FILE *f = fopen(data, "w");
    if (!f)
        return fprintf(stderr, "gluebench: %s: %s\n", data, strerror(errno)), -1;
    int series = c->x[0] ? write_series(f, rd, m, c) : write_bars(f, rd, m, c);
    fclose(f);
    if (series == 0) {
        fprintf(stderr, "gluebench: %s: no ok rows to chart, skipped\n", base);
        return 0;
    }
    const metric *x = c->x[0] ? find_metric(c->x) : NULL;
    chart_caption(rd, m, c, caption, sizeof caption);
    snprintf(vars, sizeof vars, "logx=%d; logy=%d; ", c->logx, c->logy);
    gp_assign(vars, sizeof vars, "dir", paths->plots_dir);
    gp_assign(vars, sizeof vars, "datafile", data);
    gp_assign(vars, sizeof vars, "outbase", base);
    gp_assign(vars, sizeof vars, "charttitle", c->title);
    gp_assign(vars, sizeof vars, "xlabel", x ? x->label : c->x);
    gp_assign(vars, sizeof vars, "ylabel", find_metric(c->y)->label);
    gp_assign(vars, sizeof vars, "caption", caption);
    if (run_gnuplot(vars, script) != 0)
        return fprintf(stderr, "gluebench: %s: gnuplot failed on %s\n", base, script), -1;
    return 1;
}

int verb_plot(int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-') {
        int help = argc == 1 && strcmp(argv[0], "--help") == 0;
        fputs(plot_usage, help ? stdout : stderr);
        return help ? GB_EXIT_OK : GB_EXIT_USAGE;
    }
    gb_rundir rd;
    gb_paths paths;
    gb_error err;
    if (paths_init(&paths, NULL, &err) != 0 || rundir_open(&rd, argv[0], &err) != 0) {
        fprintf(stderr, "gluebench: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    char charts[1100];
    snprintf(charts, sizeof charts, "%s/charts", argv[0]);
    mkdir(charts, 0777);
    int failed = 0, drawn = 0;
    for (int s = 0; s < rd.manifests.count; s++)
        for (int c = 0; c < rd.manifests.items[s].chart_count; c++) {
            int rc = draw(&rd, &paths, &rd.manifests.items[s], &rd.manifests.items[s].charts[c]);
            failed += rc < 0;
            drawn += rc > 0;
        }
    printf("gluebench: %d charts in %s\n", drawn, charts);
    rundir_close(&rd);
    return failed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}
