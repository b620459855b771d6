/* results.c: writing samples.csv and summary.csv. */
#include "results.h"

#include "schema.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int results_open(gb_results *r, const char *dir, gb_error *err)
{
    char path[2048];
    memset(r, 0, sizeof *r);
    r->summary_fd = -1;
    snprintf(path, sizeof path, "%s/samples.csv", dir);
    r->samples_fd = csv_create(path, schema_samples, err);
    if (r->samples_fd < 0)
        return -1;
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    r->summary_fd = csv_create(path, schema_summary, err);
    if (r->summary_fd < 0) {
        close(r->samples_fd);
        return -1;
    }
    return 0;
}

void results_close(gb_results *r)
{
    if (r->samples_fd >= 0)
        close(r->samples_fd);
    if (r->summary_fd >= 0)
        close(r->summary_fd);
    csv_row_free(&r->row);
    r->samples_fd = r->summary_fd = -1;
}

void results_params_text(const gb_bindings *params, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < params->count && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%lld", i ? ";" : "",
                                params->names[i], (long long)params->values[i]);
}

int results_add_samples(gb_results *r, const gb_manifest *m, const gb_variant *v, int point,
                        const gb_bindings *params, int round, const gb_measurement *meas,
                        gb_error *err)
{
    char text[512];
    results_params_text(params, text, sizeof text);
    int columns = schema_count(schema_samples);
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
        if (csv_write_row(r->samples_fd, &r->row, columns, err) != 0)
            return -1;
    }
    return 0;
}

/* Timing columns, or empty fields when the status is not ok. */
static void add_timing(csv_row *row, const gb_point_summary *s)
{
    int ok = s->status == GB_STATUS_OK;
    double none = NAN;
    csv_add_double(row, ok ? s->median : none);
    csv_add_double(row, ok ? s->lo : none);
    csv_add_double(row, ok ? s->hi : none);
    csv_add_double(row, ok ? s->median / (double)(s->items > 0 ? s->items : 1) : none);
    csv_add_double(row, ok ? s->cv : none);
    csv_add_double(row, ok ? s->outliers : none);
    csv_add_double(row, ok ? s->speedup : none);
    csv_add_double(row, ok ? s->speedup_lo : none);
    csv_add_double(row, ok ? s->speedup_hi : none);
    csv_add_double(row, s->rss_kb > 0 ? (double)s->rss_kb : none);
    csv_add_double(row, s->idle_rss_kb > 0 ? (double)s->idle_rss_kb : none);
    csv_add_double(row, ok ? s->gc_per_call : none);
    csv_add_double(row, ok ? s->gc_ns_per_call : none);
    csv_add_double(row, s->alloc_bytes >= 0 ? (double)s->alloc_bytes : none);
}

int results_add_summary(gb_results *r, const gb_point_summary *s, gb_error *err)
{
    char text[512];
    csv_row *row = &r->row;
    csv_row_reset(row);
    csv_add_str(row, s->m->name);
    csv_add_str(row, s->v->name);
    csv_add_str(row, s->v->label);
    csv_add_str(row, manifest_kind_name(s->v->kind));
    csv_add_str(row, s->v->style);
    csv_add_int(row, s->point);
    results_params_text(s->params, text, sizeof text);
    csv_add_str(row, text);
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
    return csv_write_row(r->summary_fd, row, schema_count(schema_summary), err);
}
