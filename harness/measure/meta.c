/* meta.c: writing meta.json. */
#include "meta.h"

#include "atomicfile.h"
#include "json.h"
#include "schema.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void meta_utc_now(char *out, size_t cap, int compact)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void write_system(FILE *f, const gb_sysinfo *si)
{
    fprintf(f, "  \"system\": {\n    \"cpu_model\": ");
    json_string(f, si->cpu_model);
    fprintf(f, ",\n    \"cores\": %d,\n    \"governor\": ", si->cores);
    json_string(f, si->governor[0] ? si->governor : "unknown");
    fprintf(f, ",\n    \"kernel\": ");
    json_string(f, si->kernel);
    fprintf(f, ",\n    \"aslr\": %d,\n    \"loadavg\": %.2f,\n    \"compiler\": ", si->aslr,
            si->loadavg);
    json_string(f, si->compiler);
    fprintf(f, ",\n    \"debug_build\": %s,\n    \"versions\": %s\n  },\n",
            si->debug_build ? "true" : "false", si->python_versions);
    fprintf(f, "  \"warnings\": [");
    for (int i = 0; i < si->warning_count; i++) {
        fprintf(f, "%s\n    ", i ? "," : "");
        json_string(f, si->warnings[i]);
    }
    fprintf(f, "%s],\n", si->warning_count ? "\n  " : "");
}

static void write_scenarios(FILE *f, const gb_meta *meta)
{
    fprintf(f, "  \"scenarios\": [");
    for (int i = 0; i < meta->count; i++) {
        fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
        json_string(f, meta->ms[i].name);
        if (meta->outcome)
            fprintf(f, ", \"seconds\": %.3f", meta->outcome->scenario_seconds[i]);
        fprintf(f, "}");
    }
    fprintf(f, "\n  ],\n");
}

static void write_floor(FILE *f, const double ns[2])
{
    fputs("{", f);
    for (int k = 0; k < 2; k++) {
        fprintf(f, "%s\"%s\": ", k ? ", " : "", manifest_kind_name((gb_kind)k));
        if (isnan(ns[k]))
            fprintf(f, "null");
        else
            fprintf(f, "%.3f", ns[k]);
    }
    fputs("}", f);
}

/* The run's interpreters, each with the floor measured under it. */
static void write_interpreters(FILE *f, const gb_meta *meta)
{
    const gb_run_config *cfg = meta->cfg;
    fprintf(f, "  \"interpreters\": [");
    for (int k = 0; k < cfg->python_count; k++) {
        fprintf(f, "%s\n    {\"name\": ", k ? "," : "");
        json_string(f, cfg->pythons[k].name);
        fprintf(f, ", \"executable\": ");
        json_string(f, cfg->pythons[k].executable);
        fprintf(f, ", \"ext_dir\": ");
        json_string(f, cfg->pythons[k].ext_dir);
        if (meta->outcome) {
            fprintf(f, ", \"harness_overhead_ns\": ");
            write_floor(f, meta->outcome->overhead_ns[k]);
        }
        fputs("}", f);
    }
    fprintf(f, "\n  ],\n");
}

static void write_outcome(FILE *f, const gb_meta *meta)
{
    fprintf(f, "  \"end\": ");
    if (meta->end[0])
        json_string(f, meta->end);
    else
        fprintf(f, "null");
    if (!meta->outcome) {
        /* Written when the run starts: a reader that finds this run was
         * killed before its end. */
        fprintf(f, ",\n  \"complete\": false\n");
        return;
    }
    fprintf(f, ",\n  \"complete\": %s,\n  \"interrupted\": %s,\n  \"measurements\": %lld,"
               "\n  \"planned\": %lld,\n  \"harness_overhead_ns\": ",
            meta->complete ? "true" : "false", meta->outcome->interrupted ? "true" : "false",
            (long long)meta->outcome->done, (long long)meta->outcome->planned);
    write_floor(f, meta->outcome->overhead_ns[0]);
    fprintf(f, ",\n  \"eta_check\": {\"predicted_s\": %.3f, \"actual_s\": %.3f, \"history_share\": ",
            meta->outcome->eta_at_tenth, meta->outcome->actual_after_tenth);
    if (isnan(meta->outcome->eta_history_share))
        fputs("null", f);
    else
        fprintf(f, "%.3f", meta->outcome->eta_history_share);
    fprintf(f, "},\n  \"status_counts\": {");
    for (int s = 0; s < GB_STATUS_COUNT; s++)
        fprintf(f, "%s\"%s\": %d", s ? ", " : "", measure_status_name((gb_status)s),
                meta->outcome->status_counts[s]);
    fprintf(f, "}\n");
}

static void write_json(FILE *f, const gb_meta *meta)
{
    const gb_run_config *cfg = meta->cfg;
    fprintf(f, "{\n  \"tool\": \"gluebench\",\n  \"git_commit\": ");
    json_string(f, meta->si->git_commit);
    fprintf(f, ",\n  \"machine\": ");
    json_string(f, cfg->machine ? cfg->machine : "");
    fprintf(f, ",\n  \"profile\": \"%s\",\n  \"seed\": %llu,\n  \"clock\": \"%s\",\n",
            manifest_profile_name(cfg->profile), cfg->seed, cfg->instructions ? "instructions" : "time");
    fprintf(f, "  \"settings\": {\"target_s\": %g, \"warmup\": %d, \"samples\": %d, "
               "\"rounds\": %d, \"max_rounds\": %d, \"halfwidth\": %g, \"budget_s\": %g},\n",
            cfg->settings.target_s, cfg->settings.warmup, cfg->settings.samples,
            cfg->settings.rounds, cfg->settings.max_rounds, cfg->settings.halfwidth,
            cfg->settings.budget_s);
    write_system(f, meta->si);
    write_interpreters(f, meta);
    write_scenarios(f, meta);
    fprintf(f, "  \"start\": ");
    json_string(f, meta->start);
    fprintf(f, ",\n");
    write_outcome(f, meta);
    fprintf(f, "}\n");
}

int meta_write(const char *dir, const gb_meta *meta, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    gb_atomic out;
    schema_path(path, sizeof path, dir, GB_FILE_META_JSON);
    FILE *f = atomic_open(&out, path, err);
    if (!f)
        return -1;
    write_json(f, meta);
    return atomic_close(&out, err);
}
