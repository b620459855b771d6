/* results.c: writing samples.csv, summary.csv and metrics.csv. */
#include "results.h"

#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int create(gb_results *r, gb_run_file file, const char *const *columns, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    if (schema_path(path, sizeof path, r->dir, file) != 0)
        return gb_fail(err, "%s: the run folder's path is too long", r->dir);
    return csv_create(path, columns, err);
}

/* Opens an existing CSV for appending (a resumed run: its header is there). */
static int append(gb_results *r, gb_run_file file, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    if (schema_path(path, sizeof path, r->dir, file) != 0)
        return gb_fail(err, "%s: the run folder's path is too long", r->dir);
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    return fd >= 0 ? fd : gb_fail(err, "%s: cannot open to resume: %s", path, strerror(errno));
}

int results_open(gb_results *r, const char *dir, int resume, gb_error *err)
{
    memset(r, 0, sizeof *r);
    r->samples_fd = r->summary_fd = r->metrics_fd = -1;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    if (resume) {
        if ((r->samples_fd = append(r, GB_FILE_SAMPLES_CSV, err)) < 0 ||
            (r->summary_fd = append(r, GB_FILE_SUMMARY_CSV, err)) < 0 ||
            (r->metrics_fd = append(r, GB_FILE_METRICS_CSV, err)) < 0) {
            results_close(r);
            return -1;
        }
        return 0;
    }
    if ((r->samples_fd = create(r, GB_FILE_SAMPLES_CSV, schema_samples, err)) < 0 ||
        (r->summary_fd = create(r, GB_FILE_SUMMARY_CSV, schema_summary, err)) < 0 ||
        (r->metrics_fd = create(r, GB_FILE_METRICS_CSV, schema_metrics, err)) < 0) {
        results_close(r);
        return -1;
    }
    return 0;
}

void results_close(gb_results *r)
{
    int *fds[] = {&r->samples_fd, &r->summary_fd, &r->metrics_fd};
    for (int i = 0; i < 3; i++) {
        if (*fds[i] >= 0)
            close(*fds[i]);
        *fds[i] = -1;
    }
    csv_row_free(&r->row);
}

void results_set_context(gb_results *r, const char *machine, const char *python)
{
    snprintf(r->machine, sizeof r->machine, "%s", machine);
    snprintf(r->python, sizeof r->python, "%s", python);
}

static void add_context(gb_results *r)
{
    csv_add_str(&r->row, r->machine);
    csv_add_str(&r->row, r->python);
}

void results_params_text(const gb_bindings *params, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < params->count && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%lld", i ? ";" : "",
                                params->names[i], (long long)params->values[i]);
}

/* "name=value;..." of the metrics sample i reported. */
static void metrics_text(const gb_manifest *m, const gb_measurement *meas, int i, char *out,
                         size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < m->metric_count && len < cap; k++)
        if (!isnan(meas->metrics[i][k]))
            len += (size_t)snprintf(out + len, cap - len, "%s%s=%.9g", len ? ";" : "",
                                    m->metrics[k].name, meas->metrics[i][k]);
}

int results_add_samples(gb_results *r, const gb_manifest *m, const gb_variant *v, int point,
                        const gb_bindings *params, int round, const gb_measurement *meas,
                        gb_error *err)
{
    char text[512], metrics[GB_MAX_METRICS * (GB_NAME_LEN + 24)];
    results_params_text(params, text, sizeof text);
    for (int i = 0; i < meas->samples; i++) {
        csv_row_reset(&r->row);
        csv_add_str(&r->row, m->name);
        csv_add_str(&r->row, v->name);
        csv_add_str(&r->row, manifest_kind_name(v->kind));
        csv_add_int(&r->row, point);
        csv_add_str(&r->row, text);
        csv_add_int(&r->row, round);
        csv_add_int(&r->row, i);
        csv_add_int(&r->row, meas->loops);
        csv_add_double(&r->row, meas->ns_per_call[i] * (double)meas->loops);
        csv_add_double(&r->row, meas->ns_per_call[i]);
        csv_add_double(&r->row, meas->gc_collections[i]);
        csv_add_double(&r->row, meas->gc_ns[i]);
        csv_add_double(&r->row, v->kind == GB_KIND_PROCESS ? NAN : meas->cpu_ns[i]);
        csv_add_double(&r->row, v->kind == GB_KIND_PYTHON ? meas->gc_max_ns[i] : NAN);
        metrics_text(m, meas, i, metrics, sizeof metrics);
        csv_add_str(&r->row, metrics);
        add_context(r);
        if (csv_write_row(r->samples_fd, &r->row, GB_SAMPLES_COUNT, err) != 0)
            return -1;
    }
    return 0;
}

static void add_estimate(csv_row *row, int ok, const gb_estimate *e)
{
    csv_add_double(row, ok ? e->value : NAN);
    csv_add_double(row, ok ? e->lo : NAN);
    csv_add_double(row, ok ? e->hi : NAN);
}

/* Timing columns, or empty fields when the status is not ok. */
static void add_timing(csv_row *row, const gb_point_summary *s)
{
    int ok = s->status == GB_STATUS_OK;
    add_estimate(row, ok, &s->time);
    csv_add_double(row, ok ? s->time.value / (double)(s->items > 0 ? s->items : 1) : NAN);
    csv_add_double(row, ok ? s->cv : NAN);
    csv_add_double(row, ok ? s->outliers : NAN);
    csv_add_double(row, ok ? s->process_share : NAN);
    csv_add_double(row, ok && s->target_met >= 0 ? s->target_met : NAN);
    add_estimate(row, ok, &s->speedup);
    csv_add_double(row, s->rss_kb > 0 ? (double)s->rss_kb : NAN);
    csv_add_double(row, s->idle_rss_kb > 0 ? (double)s->idle_rss_kb : NAN);
    csv_add_double(row, ok ? s->gc_per_call : NAN);
    csv_add_double(row, ok ? s->gc_ns_per_call : NAN);
    csv_add_double(row, ok ? s->gc_max_ns : NAN);
    csv_add_double(row, ok ? s->cpu_ns_per_call : NAN);
    csv_add_double(row, s->alloc_bytes >= 0 ? (double)s->alloc_bytes : NAN);
    add_estimate(row, ok, &s->instr);
}

static int add_metric_rows(gb_results *r, const gb_point_summary *s, const char *params,
                           gb_error *err)
{
    for (int k = 0; k < s->m->metric_count; k++) {
        if (s->status != GB_STATUS_OK || s->metric_samples[k] == 0)
            continue;
        csv_row_reset(&r->row);
        csv_add_str(&r->row, s->m->name);
        csv_add_str(&r->row, s->v->name);
        csv_add_int(&r->row, s->point);
        csv_add_str(&r->row, params);
        csv_add_str(&r->row, s->m->metrics[k].name);
        add_estimate(&r->row, 1, &s->metrics[k]);
        csv_add_int(&r->row, s->metric_samples[k]);
        add_context(r);
        if (csv_write_row(r->metrics_fd, &r->row, GB_METRICS_COUNT, err) != 0)
            return -1;
    }
    return 0;
}

int results_add_summary(gb_results *r, const gb_point_summary *s, gb_error *err)
{
    char params[512], text[512];
    csv_row *row = &r->row;
    results_params_text(s->params, params, sizeof params);
    csv_row_reset(row);
    csv_add_str(row, s->m->name);
    csv_add_str(row, s->v->name);
    csv_add_str(row, s->v->label);
    csv_add_str(row, manifest_kind_name(s->v->kind));
    csv_add_str(row, s->v->style);
    csv_add_int(row, s->point);
    csv_add_str(row, params);
    csv_add_int(row, s->items);
    csv_add_str(row, measure_status_name(s->status));
    csv_add_str(row, s->message ? s->message : "");
    csv_add_int(row, s->rounds);
    csv_add_int(row, s->samples);
    csv_add_int(row, s->loops);
    add_timing(row, s);
    text[0] = '\0';
    if (s->answer)
        protocol_answer_text(s->answer, text, sizeof text);
    csv_add_str(row, text);
    add_context(r);
    if (csv_write_row(r->summary_fd, row, GB_SUMMARY_COUNT, err) != 0)
        return -1;
    return add_metric_rows(r, s, params, err);
}
