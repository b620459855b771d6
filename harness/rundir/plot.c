/* plot.c: each manifest chart of a run folder as SVG and PNG, and
 * charts/index.json listing them.
 *
 * Reads only the run folder (summary.csv, metrics.csv, the manifests).  For
 * each chart it writes the data gnuplot needs to DIR/charts/<scenario>-<id>.dat
 * and runs plots/<type>.gp on it (README, "Charts").  Only rows whose status
 * is ok are charted: a wrong or failed variant never appears. */
#include "plot.h"

#include "atomicfile.h"
#include "findings.h"
#include "json.h"
#include "measures.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A chart axis: a built-in measure, a scenario metric, or a parameter. */
typedef struct axis {
    const gb_measure *measure;
    const gb_metric *metric;
    const char *param;
    char label[GB_TEXT_LEN + GB_NAME_LEN];
} axis;

static void axis_of(const gb_manifest *m, const char *name, axis *a)
{
    memset(a, 0, sizeof *a);
    a->measure = measures_find(name);
    a->metric = a->measure ? NULL : manifest_metric(m, name);
    if (a->measure)
        snprintf(a->label, sizeof a->label, "%s", a->measure->label);
    else if (a->metric && a->metric->unit[0])
        snprintf(a->label, sizeof a->label, "%s (%s)", a->metric->label, a->metric->unit);
    else if (a->metric)
        snprintf(a->label, sizeof a->label, "%s", a->metric->label);
    else {
        a->param = name;
        snprintf(a->label, sizeof a->label, "%s", name);
    }
}

/* The value with its interval on axis a for summary row r; 0 when none. */
static int axis_value(const gb_rundir *rd, const gb_manifest *m, int r, const axis *a, double v[3])
{
    long long p;
    if (!rundir_is_ok(rd, r))
        return 0;
    if (a->param) {
        if (!rundir_param(rd, r, a->param, &p))
            return 0;
        v[0] = v[1] = v[2] = (double)p;
        return 1;
    }
    if (a->metric)
        return rundir_metric(rd, m->name, rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_point(rd, r),
                             a->metric->name, v) && !isnan(v[0]);
    const gb_measure *ms = a->measure;
    double scale = ms->scale;
    if (ms->per_item)
        scale /= fmax(rundir_number(rd, r, GB_SUMMARY_ITEMS), 1);
    if (ms->divide >= 0)
        scale /= rundir_number(rd, r, (gb_summary_column)ms->divide);
    v[0] = rundir_number(rd, r, (gb_summary_column)ms->column) * scale;
    v[1] = ms->lo >= 0 ? rundir_number(rd, r, (gb_summary_column)ms->lo) * scale : v[0];
    v[2] = ms->hi >= 0 ? rundir_number(rd, r, (gb_summary_column)ms->hi) * scale : v[0];
    return !isnan(v[0]);
}

/* Labels go into the data file in double quotes: keep them free of one. */
static void clean_label(const char *in, char *out, size_t cap)
{
    snprintf(out, cap, "%s", in);
    for (char *p = out; *p; p++)
        if (*p == '"')
            *p = '\'';
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

/* A label with its context appended ("C extension (vm, Python 3.12.1)")
 * when tag is not empty, free of double quotes. */
static void tagged_label(const char *label, const char *tag, char *out, size_t cap)
{
    char both[GB_TEXT_LEN + 160];
    snprintf(both, sizeof both, "%s%s%s%s", label, tag[0] ? " (" : "", tag, tag[0] ? ")" : "");
    clean_label(both, out, cap);
}

/* One block per variant: header line, then "x y lo hi style" rows.  tag
 * and style (>= 0) mark a context's blocks in a chart of several; *blocks
 * counts across calls. */
static int write_series(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_chart *c,
                        const char *tag, int style, int *blocks)
{
    axis x, y;
    int before = *blocks;
    axis_of(m, c->x, &x);
    axis_of(m, c->y, &y);
    for (int vi = 0; vi < m->variant_count; vi++) {
        const gb_variant *v = &m->variants[vi];
        char label[GB_TEXT_LEN + 160];
        int printed = 0;
        tagged_label(v->label, tag, label, sizeof label);
        for (int r = 0; shows(c, v->name) && r < rd->summary.rows; r++) {
            double xv[3], yv[3];
            if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), m->name) ||
                strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), v->name) || !on_slice(rd, m, c, r) ||
                !axis_value(rd, m, r, &x, xv) || !axis_value(rd, m, r, &y, yv))
                continue;
            if (printed++ == 0)
                fprintf(f, "%sx \"%s\" lo hi style\n", (*blocks)++ ? "\n\n" : "", label);
            fprintf(f, "%.9g %.9g %.9g %.9g %d\n", xv[0], yv[0], yv[1], yv[2],
                    style >= 0 ? style : manifest_style_index(v->style));
        }
    }
    return *blocks - before;
}

static int chart_point(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c)
{
    return c->at_last ? rundir_last_point(rd, m->name) : rundir_point_at(rd, m->name, &c->at);
}

/* One row per variant at the chart's point: "label" y lo hi style (tag
 * and style as write_series's); only variant `only` when it is >= 0. */
static int write_bars(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_chart *c,
                      const char *tag, int style, int only)
{
    axis y;
    int point = chart_point(rd, m, c), bars = 0;
    axis_of(m, c->y, &y);
    for (int vi = 0; point >= 0 && vi < m->variant_count; vi++) {
        if (only >= 0 && vi != only)
            continue;
        int r = rundir_find(rd, m->name, m->variants[vi].name, point);
        double val[3];
        char label[GB_TEXT_LEN + 160];
        if (r < 0 || !shows(c, m->variants[vi].name) || !axis_value(rd, m, r, &y, val))
            continue;
        tagged_label(m->variants[vi].label, tag, label, sizeof label);
        fprintf(f, "\"%s\" %.9g %.9g %.9g %d\n", label, val[0], val[1], val[2],
                style >= 0 ? style : manifest_style_index(m->variants[vi].style));
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

/* A series chart says in words the values its other parameters are held
 * at ("With m = 100; latency_us = 1,000"), or nothing when none is. */
static void fixed_words(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c, char *out,
                        size_t cap)
{
    char params[256] = "";
    size_t len = 0;
    for (int i = 0; i < m->param_count; i++) {
        long long v;
        if (strcmp(m->params[i], c->x) == 0 || !fixed_value(rd, m, c, m->params[i], &v))
            continue;
        len += (size_t)snprintf(params + len, sizeof params - len, "%s%s=%lld", len ? ";" : "",
                                m->params[i], v);
    }
    if (!params[0])
        return;
    findings_params_words(params, out, cap);   /* "at m = 100; ..." */
    char rest[300];
    snprintf(rest, sizeof rest, "With%s", out + 2);
    snprintf(out, cap, "%s", rest);
}

/* A bar chart says in words which point it shows ("At n = 1,000,000."),
 * under the chart with the caption. */
static void chart_caption(const gb_rundir *rd, const gb_manifest *m, const gb_chart *c,
                          char *out, size_t cap)
{
    int point = chart_point(rd, m, c);
    int r = c->x[0] || point < 0 ? -1 : rundir_find(rd, m->name, m->baseline, point);
    char words[300] = "";
    if (r >= 0 && *rundir_get(rd, r, GB_SUMMARY_PARAMS)) {
        findings_params_words(rundir_get(rd, r, GB_SUMMARY_PARAMS), words, sizeof words);
        words[0] = 'A';
    } else if (c->x[0])
        fixed_words(rd, m, c, words, sizeof words);
    snprintf(out, cap, "%s%s%s%s", c->caption, words[0] && c->caption[0] ? " " : "", words,
             words[0] ? "." : "");
}

typedef struct drawn {
    const gb_manifest *m;
    const gb_chart *c;
    char title[GB_TEXT_LEN + 300];
    char caption[GB_LONG_TEXT_LEN + 900];
    char suffix[112];     /* the file name's context part: "@vm-py3.12.1", "@contexts", "" */
    int context;          /* its context's index; -1: every context in one chart */
} drawn;

/* A chart whose finding is confirmed says so in its title ("C extension,
 * batched: 37.1x faster than pure Python loop"); its own title moves to the
 * caption.  The finding must be of the chart's scenario, show both its
 * variants and, for a bar chart, lie at the chart's point. */
/* 1 when a finding on measure fy speaks of what a chart of y shows. */
static int same_measure(const char *y, const char *fy)
{
    static const char *const times[] = {"ns_per_call", "ns_per_item", "ms_per_call", "speedup", NULL};
    int ty = 0, tf = 0;
    for (int i = 0; times[i]; i++) {
        ty |= strcmp(y, times[i]) == 0;
        tf |= strcmp(fy, times[i]) == 0;
    }
    return (ty && tf) || strcmp(y, fy) == 0;
}

static const gb_judged *confirmed_finding(const gb_rundir *rd, const drawn *d, const gb_judged *js,
                                          int n)
{
    int point = d->c->x[0] ? -1 : chart_point(rd, d->m, d->c);
    for (int i = 0; js && i < n; i++)
        if (js[i].m == d->m && js[i].verdict == FINDING_CONFIRMED && shows(d->c, js[i].f->variant) &&
            shows(d->c, js[i].f->than) && (point < 0 || js[i].point == point) &&
            same_measure(d->c->y, js[i].f->y) &&
            strcmp(js[i].direction, "no measurable difference") != 0)
            return &js[i];
    return NULL;
}

static void chart_title(const gb_rundir *rd, drawn *d, const gb_judged *js, int n)
{
    const gb_judged *j = confirmed_finding(rd, d, js, n);
    snprintf(d->title, sizeof d->title, "%s", d->c->title);
    if (!j)
        return;
    const gb_variant *v = manifest_variant(d->m, j->f->variant), *t = manifest_variant(d->m, j->f->than);
    /* The title must fit the chart's width (about 60 characters at its font). */
    if (snprintf(d->title, sizeof d->title, "%s: %.3gx %s than %s", v->label, j->factor,
                 j->direction, t->label) > 60 &&
        snprintf(d->title, sizeof d->title, "%s: %.3gx %s", v->label, j->factor, j->direction) > 60) {
        snprintf(d->title, sizeof d->title, "%s", d->c->title);
        return;
    }
    char rest[GB_LONG_TEXT_LEN + 600];
    snprintf(rest, sizeof rest, "%s", d->caption);
    snprintf(d->caption, sizeof d->caption, "%s. %s", d->c->title, rest);
}

/* The chart's data: d's context alone, or (context -1) every context,
 * each in its own colour with its short name in the labels; a bar chart
 * of every context puts a variant's bars side by side.  Returns the
 * series or bars written. */
static int write_data(FILE *f, const gb_judged_context *cs, int count, const drawn *d)
{
    int blocks = 0, n = 0;
    if (d->context >= 0) {
        const gb_rundir *rd = &cs[d->context].view;
        return d->c->x[0] ? write_series(f, rd, d->m, d->c, "", -1, &blocks)
                          : write_bars(f, rd, d->m, d->c, "", -1, -1);
    }
    for (int vi = 0; vi < (d->c->x[0] ? 1 : d->m->variant_count); vi++)
        for (int k = 0; k < count; k++) {
            char tag[100];
            rundir_context_slug(&cs[k].view, k, tag, sizeof tag);
            n += d->c->x[0] ? write_series(f, &cs[k].view, d->m, d->c, tag, k, &blocks)
                            : write_bars(f, &cs[k].view, d->m, d->c, tag, k, vi);
        }
    return n;
}

/* Draws one chart; 1 drawn, 0 nothing to chart, -1 with err. */
static int draw(const gb_judged_context *cs, int count, const gb_paths *paths, drawn *d,
                gb_error *err)
{
    const gb_manifest *m = d->m;
    const gb_chart *c = d->c;
    const gb_judged_context *own = &cs[d->context < 0 ? 0 : d->context];
    const gb_rundir *rd = &own->view;
    char base[GB_PATH_LEN + 200], data[GB_PATH_LEN + 210], script[GB_PATH_LEN + 80], vars[8192] = "";
    axis x, y;
    snprintf(base, sizeof base, "%s/charts/%s-%s%s", rd->dir, m->name, c->id, d->suffix);
    snprintf(data, sizeof data, "%s.dat", base);
    snprintf(script, sizeof script, "%s/%s.gp", paths->plots_dir, c->type);
    FILE *f = fopen(data, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", data, strerror(errno));
    int series = write_data(f, cs, count, d);
    if (fclose(f) != 0)
        return gb_fail(err, "%s: cannot write: %s", data, strerror(errno));
    if (series == 0)
        return 0;
    axis_of(m, c->x, &x);
    axis_of(m, c->y, &y);
    chart_caption(rd, m, c, d->caption, sizeof d->caption);
    if (d->context < 0) {
        char rest[sizeof d->caption];
        snprintf(rest, sizeof rest, "%s", d->caption);
        snprintf(d->caption, sizeof d->caption, "Each context (machine-python) in its own "
                 "colour, its name in the label. %s", rest);
        snprintf(d->title, sizeof d->title, "%s, by context", c->title);
    } else
        chart_title(rd, d, own->js, own->n);
    snprintf(vars, sizeof vars, "logx=%d; logy=%d; ", c->logx, c->logy);
    gp_assign(vars, sizeof vars, "dir", paths->plots_dir);
    gp_assign(vars, sizeof vars, "datafile", data);
    gp_assign(vars, sizeof vars, "outbase", base);
    gp_assign(vars, sizeof vars, "charttitle", d->title);
    gp_assign(vars, sizeof vars, "xlabel", x.label);
    gp_assign(vars, sizeof vars, "ylabel", y.label);
    gp_assign(vars, sizeof vars, "caption", d->caption);
    if (run_gnuplot(vars, script) != 0)
        return gb_fail(err, "%s: gnuplot failed on %s (manifest %s:%d)", base, script, m->path,
                       c->line);
    return 1;
}

static void index_entry(FILE *f, const gb_rundir *rd, const drawn *d, int first)
{
    const gb_context *k = d->context >= 0 ? &rd->contexts[d->context] : NULL;
    fprintf(f, "%s    {\"scenario\": ", first ? "" : ",\n");
    json_string(f, d->m->name);
    fprintf(f, ", \"machine\": ");
    json_string(f, k ? k->machine : "*");
    fprintf(f, ", \"python\": ");
    json_string(f, k ? k->python : "*");
    fprintf(f, ", \"id\": ");
    json_string(f, d->c->id);
    fprintf(f, ", \"type\": ");
    json_string(f, d->c->type);
    fprintf(f, ", \"title\": ");
    json_string(f, d->title);
    fprintf(f, ", \"caption\": ");
    json_string(f, d->caption);
    fprintf(f, ", \"svg\": \"%s-%s%s.svg\", \"png\": \"%s-%s%s.png\", \"data\": \"%s-%s%s.dat\"}",
            d->m->name, d->c->id, d->suffix, d->m->name, d->c->id, d->suffix, d->m->name,
            d->c->id, d->suffix);
}

/* charts/index.json: every chart drawn, written whole and renamed in. */
static int write_index(const gb_rundir *rd, const drawn *ds, int n, gb_error *err)
{
    char path[GB_PATH_LEN + 40];
    gb_atomic out;
    schema_path(path, sizeof path, rd->dir, GB_FILE_CHART_INDEX);
    FILE *f = atomic_open(&out, path, err);
    if (!f)
        return -1;
    fprintf(f, "{\"schema\": \"gluebench-charts/1\",\n \"charts\": [\n");
    for (int i = 0; i < n; i++)
        index_entry(f, rd, &ds[i], i == 0);
    fprintf(f, "\n ]}\n");
    return atomic_close(&out, err);
}

/* The generated chart of justified complexity: each variant's speedup at
 * the last point against its lines of code (code.csv).  0: nothing to draw. */
static int write_complexity(FILE *f, const gb_rundir *rd, const gb_manifest *m, int *base_lines)
{
    int point = rundir_last_point(rd, m->name), blocks = 0;
    *base_lines = -1;
    for (int vi = 0; vi < m->variant_count; vi++) {
        const gb_variant *v = &m->variants[vi];
        int r = rundir_find(rd, m->name, v->name, point), c = rundir_code_row(rd, m->name, v->name);
        if (r < 0 || c < 0 || !rundir_is_ok(rd, r) || isnan(rundir_number(rd, r, GB_SUMMARY_SPEEDUP)))
            continue;
        int lines = atoi(rundir_code(rd, c, GB_CODE_PYTHON_LINES)) + atoi(rundir_code(rd, c, GB_CODE_C_LINES));
        if (strcmp(v->name, m->baseline) == 0)
            *base_lines = lines;
        char label[GB_TEXT_LEN];
        clean_label(v->label, label, sizeof label);
        fprintf(f, "%sx \"%s\" lo hi style\n%d %.9g %.9g %.9g %d\n", blocks++ ? "\n\n" : "", label,
                lines, rundir_number(rd, r, GB_SUMMARY_SPEEDUP), rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO),
                rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI), manifest_style_index(v->style));
    }
    return blocks > 1 ? blocks : 0;
}

static const gb_chart complexity_chart = {.id = "complexity", .type = "points", .x = "lines",
                                          .y = "speedup", .logy = 1, .at_last = 1,
                                          .title = "Speedup against lines of code"};

/* Draws the complexity chart of m into d; 1 drawn, 0 none, -1 with err. */
static int draw_complexity(const gb_rundir *rd, const gb_paths *paths, const gb_manifest *m,
                           drawn *d, gb_error *err)
{
    char base[GB_PATH_LEN + 200], data[GB_PATH_LEN + 210], script[GB_PATH_LEN + 80], vars[8192] = "";
    char words[300] = "";
    int base_lines;
    snprintf(base, sizeof base, "%s/charts/%s-complexity%s", rd->dir, m->name, rd->chart_suffix);
    snprintf(data, sizeof data, "%s.dat", base);
    snprintf(script, sizeof script, "%s/points.gp", paths->plots_dir);
    FILE *f = fopen(data, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", data, strerror(errno));
    int n = write_complexity(f, rd, m, &base_lines);
    if (fclose(f) != 0)
        return gb_fail(err, "%s: cannot write: %s", data, strerror(errno));
    if (n == 0 || base_lines < 0)
        return 0;
    int r = rundir_find(rd, m->name, m->baseline, rundir_last_point(rd, m->name));
    findings_params_words(rundir_get(rd, r, GB_SUMMARY_PARAMS), words, sizeof words);
    *d = (drawn){m, &complexity_chart, "", "", "", rd->context < 0 ? 0 : rd->context};
    snprintf(d->suffix, sizeof d->suffix, "%s", rd->chart_suffix);
    snprintf(d->title, sizeof d->title, "%s: speedup against lines of code", m->name);
    snprintf(d->caption, sizeof d->caption, "Justified complexity %s: lines of Python and C "
             "counted from the sources when the run started (code.csv); the baseline has %d, "
             "so a point's lines added are its x minus %d.", words, base_lines, base_lines);
    snprintf(vars, sizeof vars, "logx=0; logy=1; ");
    gp_assign(vars, sizeof vars, "dir", paths->plots_dir);
    gp_assign(vars, sizeof vars, "datafile", data);
    gp_assign(vars, sizeof vars, "outbase", base);
    gp_assign(vars, sizeof vars, "charttitle", d->title);
    gp_assign(vars, sizeof vars, "xlabel", "lines of code (Python + C)");
    gp_assign(vars, sizeof vars, "ylabel", "speedup over the baseline (x)");
    gp_assign(vars, sizeof vars, "caption", d->caption);
    if (run_gnuplot(vars, script) != 0)
        return gb_fail(err, "%s: gnuplot failed on %s", base, script);
    return 1;
}

/* Every chart of every manifest for context k (-1: all contexts in one). */
static int draw_context(const gb_judged_context *cs, int count, int k, const gb_paths *paths,
                        drawn *ds, int *n, gb_error *err)
{
    const gb_rundir *rd = &cs[k < 0 ? 0 : k].view;
    for (int s = 0; s < rd->manifests.count; s++)
        for (int c = 0; c < rd->manifests.items[s].chart_count; c++) {
            drawn *d = &ds[*n];
            *d = (drawn){&rd->manifests.items[s], &rd->manifests.items[s].charts[c], "", "", "", k};
            snprintf(d->suffix, sizeof d->suffix, "%s", k < 0 ? "@contexts" : rd->chart_suffix);
            int got = draw(cs, count, paths, d, err);
            if (got < 0)
                return -1;
            *n += got;
        }
    for (int s = 0; k >= 0 && rd->code.rows && s < rd->manifests.count; s++) {
        int got = draw_complexity(rd, paths, &rd->manifests.items[s], &ds[*n], err);
        if (got < 0)
            return -1;
        *n += got;
    }
    return 0;
}

int plot_write(const gb_rundir *rd, const gb_paths *paths, int *charts, gb_error *err)
{
    char dir[GB_PATH_LEN + 16];
    int total = 0, n = 0, rc = 0, count = rd->context_count;
    schema_path(dir, sizeof dir, rd->dir, GB_FILE_CHARTS);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gb_fail(err, "%s: cannot create: %s", dir, strerror(errno));
    for (int s = 0; s < rd->manifests.count; s++)
        total += rd->manifests.items[s].chart_count + 1;   /* + the complexity chart */
    total *= count + (count > 1);   /* each context, and all of them in one */
    drawn *ds = calloc((size_t)(total ? total : 1), sizeof *ds);
    gb_judged_context *cs = ds ? findings_judge_contexts(rd, err) : NULL;
    if (!ds || !cs) {
        free(ds);
        return ds ? -1 : gb_fail(err, "out of memory for %d charts", total);
    }
    for (int k = 0; rc == 0 && k < count; k++)
        rc = draw_context(cs, count, k, paths, ds, &n, err);
    if (rc == 0 && count > 1)
        rc = draw_context(cs, count, -1, paths, ds, &n, err);
    if (rc == 0)
        rc = write_index(rd, ds, n, err);
    findings_free_contexts(cs, count);
    free(ds);
    *charts = n;
    return rc;
}
