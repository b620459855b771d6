/* export_tools.c: a run folder in the formats of the tools people already
 * use, so their readers, comparers and plotters work on gluebench's runs:
 *
 *   pyperf   one JSON suite per scenario (pyperf's format 1.0): one
 *            benchmark per variant and point, named "variant/params", one
 *            run per worker process, its values the samples in seconds
 *            per call; `python -m pyperf stats|hist|compare_to` read it.
 *   gbench   one JSON file in Google Benchmark's format: a context and one
 *            "iteration" entry per sample (a repetition), named
 *            "scenario/variant/params", real and CPU time in ns per call,
 *            then a "median" aggregate per benchmark.
 *
 * Only rows whose status is ok are exported: a wrong variant has no
 * numbers. */
#include "export.h"

#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int is_scenario_ok(const gb_rundir *rd, int r, const char *scenario)
{
    return strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario) == 0 && rundir_is_ok(rd, r);
}

/* "variant/n=10;batch=2", or "variant" at a point without parameters;
 * with_scenario puts "scenario/" first, and a view of a folder of several
 * contexts its context ("vm-py3.12.1/") before that. */
static void bench_name(const gb_rundir *rd, int r, int with_scenario, char *out, size_t cap)
{
    const char *params = rundir_get(rd, r, GB_SUMMARY_PARAMS);
    const char *context = with_scenario && rd->chart_suffix[0] ? rd->chart_suffix + 1 : "";
    snprintf(out, cap, "%s%s%s%s%s%s%s", context, context[0] ? "/" : "",
             with_scenario ? rundir_get(rd, r, GB_SUMMARY_SCENARIO) : "", with_scenario ? "/" : "",
             rundir_get(rd, r, GB_SUMMARY_VARIANT), *params ? "/" : "", params);
}

/* ---- pyperf ------------------------------------------------------------ */

static void pyperf_runs(FILE *f, const gb_rundir *rd, int r)
{
    int first, count, prev = -1;
    rundir_samples_of(rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO), rundir_get(rd, r, GB_SUMMARY_VARIANT),
                      rundir_point(rd, r), &first, &count);
    for (int k = 0; k < count; k++) {
        int i = rd->sample_order[first + k];
        int round = atoi(rundir_sample(rd, i, GB_SAMPLES_ROUND));
        if (round != prev)
            fprintf(f, "%s{\"metadata\": {\"loops\": %s, \"gluebench_round\": %d}, \"values\": [",
                    prev < 0 ? "" : "]}, ", rundir_sample(rd, i, GB_SAMPLES_LOOPS), round);
        else
            fputs(", ", f);
        fprintf(f, "%.12g", rundir_sample_number(rd, i, GB_SAMPLES_NS_PER_CALL) * 1e-9);
        prev = round;
    }
    if (prev >= 0)
        fputs("]}", f);
}

static int pyperf_scenario(const gb_rundir *rd, const gb_manifest *m, const char *folder,
                           gb_error *err)
{
    char path[GB_PATH_LEN + 128], name[512];
    snprintf(path, sizeof path, "%s/%s%s.json", folder, m->name, rd->chart_suffix);
    FILE *f = fopen(path, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("{\"version\": \"1.0\", \"metadata\": {\"unit\": \"second\", \"description\": ", f);
    json_string(f, m->question);
    fputs("}, \"benchmarks\": [", f);
    int n = 0;
    for (int r = 0; r < rd->summary.rows; r++) {
        if (!is_scenario_ok(rd, r, m->name))
            continue;
        bench_name(rd, r, 0, name, sizeof name);
        fputs(n++ ? ",\n  {\"metadata\": {\"name\": " : "\n  {\"metadata\": {\"name\": ", f);
        json_string(f, name);
        fputs("}, \"runs\": [", f);
        pyperf_runs(f, rd, r);
        fputs("]}", f);
    }
    fputs("\n]}\n", f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return gb_fail(err, "%s: cannot write", path);
    return 0;
}

/* The suites of one context: <scenario>.json, or <scenario>@<context>.json
 * when the folder holds several. */
static int pyperf_context(const gb_rundir *rd, const char *folder, int *files, gb_error *err)
{
    for (int s = 0; s < rd->manifests.count; s++) {
        const gb_manifest *m = &rd->manifests.items[s];
        int any = 0;
        for (int r = 0; !any && r < rd->summary.rows; r++)
            any = is_scenario_ok(rd, r, m->name);
        if (!any)
            continue;
        if (pyperf_scenario(rd, m, folder, err) != 0)
            return -1;
        (*files)++;
    }
    return 0;
}

int export_pyperf(const gb_rundir *rd, const char *folder, int *files, gb_error *err)
{
    *files = 0;
    for (int k = 0; k < rd->context_count; k++) {
        gb_rundir view;
        if (rundir_view(rd, k, &view, err) != 0)
            return -1;
        int rc = pyperf_context(&view, folder, files, err);
        rundir_close(&view);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* ---- Google Benchmark ---------------------------------------------------- */

static void gbench_context(FILE *f, const gb_rundir *rd)
{
    char date[32], host[256] = "";
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    gethostname(host, sizeof host - 1);
    fprintf(f, "{\n  \"context\": {\"date\": \"%s\", \"host_name\": ", date);
    json_string(f, host);
    fprintf(f, ", \"executable\": \"gluebench\", \"num_cpus\": %ld, \"mhz_per_cpu\": 0, "
               "\"cpu_scaling_enabled\": false, \"caches\": [], \"load_avg\": [], "
               "\"library_build_type\": \"release\", \"gluebench_run\": ",
            sysconf(_SC_NPROCESSORS_ONLN));
    json_string(f, rd->dir);
    fputs("},\n  \"benchmarks\": [", f);
}

/* One iteration entry per sample, then the median aggregate. */
static int gbench_rows(FILE *f, const gb_rundir *rd, int r, int family, int *entries)
{
    char name[512];
    int first, count;
    bench_name(rd, r, 1, name, sizeof name);
    rundir_samples_of(rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO), rundir_get(rd, r, GB_SUMMARY_VARIANT),
                      rundir_point(rd, r), &first, &count);
    for (int k = 0; k < count; k++) {
        int i = rd->sample_order[first + k];
        double loops = rundir_sample_number(rd, i, GB_SAMPLES_LOOPS);
        double real = rundir_sample_number(rd, i, GB_SAMPLES_NS_PER_CALL);
        double cpu = rundir_sample_number(rd, i, GB_SAMPLES_CPU_NS) / loops;
        fprintf(f, "%s\n    {\"name\": ", (*entries)++ ? "," : "");
        json_string(f, name);
        fprintf(f, ", \"family_index\": %d, \"per_family_instance_index\": 0, \"run_name\": ", family);
        json_string(f, name);
        fprintf(f, ", \"run_type\": \"iteration\", \"repetitions\": %d, \"repetition_index\": %d, "
                   "\"threads\": 1, \"iterations\": %.0f, \"real_time\": %.6g, \"cpu_time\": %.6g, "
                   "\"time_unit\": \"ns\"}",
                count, k, loops, real, isfinite(cpu) ? cpu : real);
    }
    fprintf(f, ",\n    {\"name\": ");
    char agg[600];
    snprintf(agg, sizeof agg, "%s_median", name);
    json_string(f, agg);
    fprintf(f, ", \"family_index\": %d, \"per_family_instance_index\": 0, \"run_name\": ", family);
    json_string(f, name);
    fprintf(f, ", \"run_type\": \"aggregate\", \"repetitions\": %d, \"threads\": 1, "
               "\"aggregate_name\": \"median\", \"aggregate_unit\": \"time\", \"iterations\": %d, "
               "\"real_time\": %.6g, \"cpu_time\": %.6g, \"time_unit\": \"ns\"}",
            count, count, rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL),
            isnan(rundir_number(rd, r, GB_SUMMARY_CPU_NS_PER_CALL)) ? rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL)
                                                                    : rundir_number(rd, r, GB_SUMMARY_CPU_NS_PER_CALL));
    return 0;
}

int export_gbench(const gb_rundir *rd, const char *path, gb_error *err)
{
    FILE *f = fopen(path, "w");
    int entries = 0, family = 0;
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    gbench_context(f, rd);
    int rc = 0;
    for (int k = 0; rc == 0 && k < rd->context_count; k++) {
        gb_rundir v;
        if ((rc = rundir_view(rd, k, &v, err)) != 0)
            break;
        for (int r = 0; r < v.summary.rows; r++)
            if (rundir_is_ok(&v, r) && !isnan(rundir_number(&v, r, GB_SUMMARY_NS_PER_CALL)))
                gbench_rows(f, &v, r, family++, &entries);
        rundir_close(&v);
    }
    fputs("\n  ]\n}\n", f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return rc != 0 ? -1 : gb_fail(err, "%s: cannot write", path);
    return rc;
}
