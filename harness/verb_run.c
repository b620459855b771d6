/* verb_run.c: `gluebench run` and `gluebench check`. */
#include "catalog.h"
#include "interrupt.h"
#include "meta.h"
#include "paths.h"
#include "runner.h"
#include "sysinfo.h"
#include "verbs.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char run_usage[] =
    "usage: gluebench run [SCENARIO...] [options]\n"
    "Measures every variant of the scenarios (all of them by default) and writes\n"
    "samples.csv, summary.csv and meta.json into the run folder.\n"
    "  --profile P      smoke, quick (default) or full\n"
    "  --out DIR        the run folder (default: results/<UTC time>, and results/latest)\n"
    "  --scenarios DIR  where the manifests are (default: the project's scenarios/)\n"
    "  --pyref DIR      put DIR first on the workers' PYTHONPATH (e.g. an exercise's solution)\n"
    "  --seed N         input seed (default 1)\n"
    "  --rounds N, --samples N, --warmup N, --target-ms X\n"
    "                   override the profile's settings\n";

static const char check_usage[] =
    "usage: gluebench check [SCENARIO...] [--scenarios DIR] [--pyref DIR] [--out DIR]\n"
    "Runs every variant once at each point of the smoke profile, untimed in effect\n"
    "(one round, one sample of one call), and compares every answer with the\n"
    "baseline's.  Exit 1 when any variant is wrong or fails.\n";

typedef struct run_args {
    gb_run_config cfg;
    const char *out;
    const char *scenarios;
    const char *pyref;
    char **names;
    int name_count;
    int default_out;
} run_args;

/* Parses one option at argv[*i]; returns 0, or -1 on a bad option. */
static int parse_option(run_args *a, int argc, char **argv, int *i)
{
    const char *opt = argv[*i];
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!val)
        return -1;
    (*i)++;
    if (strcmp(opt, "--profile") == 0) {
        if (manifest_profile_parse(val, &a->cfg.profile) != 0)
            return -1;
        a->cfg.settings = runner_profile_settings(a->cfg.profile);
    } else if (strcmp(opt, "--out") == 0)
        a->out = val;
    else if (strcmp(opt, "--scenarios") == 0)
        a->scenarios = val;
    else if (strcmp(opt, "--pyref") == 0)
        a->pyref = val;
    else if (strcmp(opt, "--seed") == 0)
        a->cfg.seed = strtoull(val, NULL, 10);
    else if (strcmp(opt, "--rounds") == 0)
        a->cfg.settings.rounds = atoi(val);
    else if (strcmp(opt, "--samples") == 0)
        a->cfg.settings.samples = atoi(val);
    else if (strcmp(opt, "--warmup") == 0)
        a->cfg.settings.warmup = atoi(val);
    else if (strcmp(opt, "--target-ms") == 0)
        a->cfg.settings.target_s = atof(val) / 1000.0;
    else
        return -1;
    return 0;
}

static int parse_args(run_args *a, int argc, char **argv)
{
    a->cfg.profile = GB_PROFILE_QUICK;
    a->cfg.settings = runner_profile_settings(GB_PROFILE_QUICK);
    a->cfg.seed = 1;
    a->names = calloc((size_t)argc + 1, sizeof *a->names);
    for (int i = 0; a->names && i < argc; i++) {
        if (argv[i][0] != '-')
            a->names[a->name_count++] = argv[i];
        else if (parse_option(a, argc, argv, &i) != 0)
            return -1;
    }
    const gb_profile_settings *s = &a->cfg.settings;
    if (!a->names || s->rounds < 1 || s->samples < 1 || s->samples > GB_MAX_SAMPLES ||
        s->warmup < 0 || s->target_s < 0 || s->rounds > 16)
        return -1;
    return 0;
}

static int make_dirs(const char *path)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0777);
            *p = '/';
        }
    return mkdir(buf, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

/* Copies each manifest into DIR/manifests/, so the folder stands alone. */
static void copy_manifests(const char *dir, const gb_catalog *cat)
{
    char path[2048], buf[8192];
    snprintf(path, sizeof path, "%s/manifests", dir);
    mkdir(path, 0777);
    for (int i = 0; i < cat->count; i++) {
        FILE *in = fopen(cat->items[i].path, "rb");
        snprintf(path, sizeof path, "%s/manifests/%s.lua", dir, cat->items[i].name);
        FILE *out = in ? fopen(path, "wb") : NULL;
        size_t n;
        while (out && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (out)
            fclose(out);
        if (in)
            fclose(in);
    }
}

/* results/latest -> the new folder, replaced atomically. */
static void link_latest(const char *dir)
{
    char link[2048], tmp[2100];
    const char *slash = strrchr(dir, '/');
    snprintf(link, sizeof link, "%.*s/latest", (int)(slash - dir), dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", link);
    unlink(tmp);
    if (symlink(slash + 1, tmp) == 0 && rename(tmp, link) != 0)
        unlink(tmp);
}

static void print_warnings(const gb_sysinfo *si)
{
    for (int i = 0; i < si->warning_count; i++)
        fprintf(stderr, "gluebench: warning: %s\n", si->warnings[i]);
}

static int open_log(const char *dir)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/workers.log", dir);
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static int exit_code(const gb_catalog *cat, const gb_run_outcome *out)
{
    if (out->interrupted)
        return GB_EXIT_INTERRUPTED;
    if (cat->broken)
        return GB_EXIT_USAGE;
    return out->failed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}

/* The run itself, once the folder, paths and manifests are ready. */
static int measure_all(run_args *a, const gb_catalog *cat, const gb_paths *paths, char *dir)
{
    gb_sysinfo si;
    gb_error err;
    double *seconds = calloc((size_t)cat->count + 1, sizeof *seconds);
    gb_run_outcome outcome = {0, 0, {0}, seconds, {NAN, NAN}};
    sysinfo_collect(&si, paths->python, paths->source_dir);
    print_warnings(&si);
    a->cfg.dir = dir;
    a->cfg.paths = paths;
    a->cfg.log_fd = open_log(dir);
    gb_meta meta = {&si, &a->cfg, cat->items, cat->count, "", "", NULL};
    meta_utc_now(meta.start, sizeof meta.start, 0);
    int rc = meta_write(dir, &meta, &err);
    if (rc == 0)
        rc = runner_run(&a->cfg, cat->items, cat->count, &outcome, &err);
    meta_utc_now(meta.end, sizeof meta.end, 0);
    meta.outcome = &outcome;
    if (rc == 0)
        rc = meta_write(dir, &meta, &err);
    if (a->cfg.log_fd >= 0)
        close(a->cfg.log_fd);
    if (rc != 0)
        fprintf(stderr, "gluebench: %s\n", err.msg);
    else
        rc = exit_code(cat, &outcome);
    if (outcome.interrupted)
        fprintf(stderr, "gluebench: interrupted; the rows written so far are in %s\n", dir);
    free(seconds);
    return rc < 0 ? GB_EXIT_USAGE : rc;
}

static int run_with(run_args *a)
{
    gb_paths paths;
    gb_catalog cat;
    gb_error err;
    char dir[1024];
    if (paths_init(&paths, a->scenarios, &err) != 0 ||
        catalog_load(&cat, paths.scenarios_dir, a->names, a->name_count, &err) != 0) {
        fprintf(stderr, "gluebench: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    if (a->pyref)
        paths_prepend_pyref(&paths, a->pyref);
    paths_export(&paths);
    char stamp[32];
    meta_utc_now(stamp, sizeof stamp, 1);
    snprintf(dir, sizeof dir, "%s", a->out ? a->out : "results/");
    if (!a->out)
        snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "%s", stamp);
    int rc = GB_EXIT_USAGE;
    if (make_dirs(dir) != 0)
        fprintf(stderr, "gluebench: %s: cannot create the run folder: %s\n", dir, strerror(errno));
    else if (cat.count == 0)
        fprintf(stderr, "gluebench: no scenario to run\n");
    else {
        copy_manifests(dir, &cat);
        interrupt_install();
        rc = measure_all(a, &cat, &paths, dir);
        if (!a->out)
            link_latest(dir);
        printf("gluebench: results in %s (samples.csv, summary.csv, meta.json)\n", dir);
    }
    catalog_free(&cat);
    return rc;
}

static int wants_help(int argc, char **argv, const char *usage)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
    return 0;
}

int verb_run(int argc, char **argv)
{
    run_args a;
    memset(&a, 0, sizeof a);
    if (wants_help(argc, argv, run_usage))
        return GB_EXIT_OK;
    if (parse_args(&a, argc, argv) != 0) {
        fputs(run_usage, stderr);
        free(a.names);
        return GB_EXIT_USAGE;
    }
    int rc = run_with(&a);
    free(a.names);
    return rc;
}

int verb_check(int argc, char **argv)
{
    run_args a;
    char tmp[] = "/tmp/gluebench-check-XXXXXX";
    memset(&a, 0, sizeof a);
    if (wants_help(argc, argv, check_usage))
        return GB_EXIT_OK;
    if (parse_args(&a, argc, argv) != 0) {
        fputs(check_usage, stderr);
        free(a.names);
        return GB_EXIT_USAGE;
    }
    a.cfg.profile = GB_PROFILE_SMOKE;
    a.cfg.settings = (gb_profile_settings){0.0, 0, 1, 1};
    if (!a.out)
        a.out = mkdtemp(tmp);
    int rc = run_with(&a);
    free(a.names);
    return rc;
}
