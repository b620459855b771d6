/* verb_run.c: `gluebench run` and `gluebench check`. */
#include "catalog.h"
#include "census.h"
#include "contexts.h"
#include "interrupt.h"
#include "meta.h"
#include "options.h"
#include "paths.h"
#include "resume.h"
#include "runfolder.h"
#include "rundir.h"
#include "runner.h"
#include "sysinfo.h"
#include "verbs.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char run_usage[] =
    "usage: gluebench run [SCENARIO...] [options]\n"
    "Measures every variant of the scenarios (all of them by default) and writes\n"
    "samples.csv, summary.csv, metrics.csv and meta.json into the run folder.\n"
    "  --profile P      smoke, quick (default) or full\n"
    "  --out DIR        the run folder (default: results/<UTC time>, and results/latest)\n"
    "  --force          with --out: empty a folder that already holds a run first\n"
    "  --scenarios DIR  where the manifests are (default: the project's scenarios/)\n"
    "  --pyref DIR      put DIR first on the workers' PYTHONPATH (e.g. an exercise's solution)\n"
    "  --seed N         input seed (default 1)\n"
    "  --rounds N       exactly N rounds (processes per variant per point), no adaptive rounds\n"
    "  --samples N, --warmup N, --target-ms X\n"
    "                   override the profile's settings\n"
    "  --clock C        time (default): the wall clock; instructions: each measurement's\n"
    "                   worker under valgrind (callgrind), counting the timed loop's\n"
    "                   instructions per call (column instr_per_call)\n"
    "  --hash-seeds K   with --clock instructions: K processes per point, PYTHONHASHSEED\n"
    "                   0..K-1 (min, median, max are kept); default 1\n"
    "  --quiet          no progress lines\n"
    "  --python PY,...  run the scenarios under each interpreter in turn (paths or names\n"
    "                   on PATH; CPython >= 3.11 with its headers): its extensions are\n"
    "                   built for it first, and the `python` column tells them apart;\n"
    "                   one that cannot be used is skipped with the reason; `all`: every\n"
    "                   CPython >= 3.11 found here (see `gluebench interpreters`)\n"
    "  --machine NAME   the `machine` column (default: the host's name), for `merge`\n"
    "  --resume DIR     finish the interrupted or killed run in DIR, with the arguments\n"
    "                   and manifests it started with (refused when a manifest changed);\n"
    "                   points already measured are kept, a point cut mid-way is redone\n"
    "Exit codes: 0 ok; 1 a variant was wrong or failed; 2 bad usage or a bad manifest;\n"
    "3 an I/O error; 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM (files stay valid).\n";

static const char check_usage[] =
    "usage: gluebench check [SCENARIO...] [--scenarios DIR] [--pyref DIR] [--out DIR]\n"
    "Runs every variant once at each point of the smoke profile (one round, one\n"
    "sample of one call) and compares every answer with the baseline's.  Prints one\n"
    "line per variant and point; exit 1 when any variant is wrong or fails.  Leaves\n"
    "nothing behind unless --out is given.\n";

typedef struct run_args {
    gb_run_config cfg;
    const char *out, *scenarios, *pyref, *profile, *clock, *resume, *python, *machine;
    gb_contexts contexts;
    const char **names;
    int name_count, force, rounds, samples, warmup, quiet, hash_seeds;
    double target_ms;
    unsigned long long seed;
    int argc;             /* the arguments, kept in args.txt for --resume */
    char **argv;
    gb_resume done;
} run_args;

static int parse_args(run_args *a, int argc, char **argv, const char *verb, const char *usage,
                      int *rc)
{
    gb_error err;
    const gb_option opts[] = {
        {"--profile", OPT_STRING, &a->profile, 0, 0},
        {"--out", OPT_STRING, &a->out, 0, 0},
        {"--force", OPT_FLAG, &a->force, 0, 0},
        {"--scenarios", OPT_STRING, &a->scenarios, 0, 0},
        {"--pyref", OPT_STRING, &a->pyref, 0, 0},
        {"--seed", OPT_U64, &a->seed, 0, 9007199254740992.0},
        {"--rounds", OPT_INT, &a->rounds, 1, GB_MAX_ROUNDS},
        {"--samples", OPT_INT, &a->samples, 1, GB_MAX_SAMPLES},
        {"--warmup", OPT_INT, &a->warmup, 0, 1000},
        {"--target-ms", OPT_DOUBLE, &a->target_ms, 0, 1e6},
        {"--quiet", OPT_FLAG, &a->quiet, 0, 0},
        {"--clock", OPT_STRING, &a->clock, 0, 0},
        {"--hash-seeds", OPT_INT, &a->hash_seeds, 1, GB_MAX_ROUNDS},
        {"--resume", OPT_STRING, &a->resume, 0, 0},
        {"--python", OPT_STRING, &a->python, 0, 0},
        {"--machine", OPT_STRING, &a->machine, 0, 0},
        {NULL, 0, NULL, 0, 0},
    };
    a->seed = 1;
    a->rounds = a->samples = a->warmup = -1;
    a->target_ms = -1;
    a->names = calloc((size_t)argc + 1, sizeof *a->names);
    gb_options_result how = a->names ? options_parse(argc, argv, opts, a->names, &a->name_count, &err)
                                     : (gb_fail(&err, "out of memory"), OPTIONS_BAD);
    if (how == OPTIONS_OK && a->clock && strcmp(a->clock, "time") && strcmp(a->clock, "instructions"))
        how = (gb_fail(&err, "option --clock: '%s' is not time or instructions", a->clock),
               OPTIONS_BAD);
    if (how == OPTIONS_OK && a->profile && manifest_profile_parse(a->profile, &a->cfg.profile) != 0)
        how = (gb_fail(&err, "option --profile: '%s' is not smoke, quick or full", a->profile),
               OPTIONS_BAD);
    if (how != OPTIONS_OK) {
        *rc = verb_usage(verb, usage, how, &err);
        return -1;
    }
    return 0;
}

/* The profile's settings with the command line's overrides. */
static void apply_settings(run_args *a)
{
    gb_profile_settings *s = &a->cfg.settings;
    *s = runner_profile_settings(a->cfg.profile);
    if (a->rounds > 0) {
        s->rounds = s->max_rounds = a->rounds;
        s->halfwidth = 0;
    }
    if (a->samples > 0)
        s->samples = a->samples;
    if (a->warmup >= 0)
        s->warmup = a->warmup;
    if (a->target_ms >= 0)
        s->target_s = a->target_ms / 1000.0;
    a->cfg.seed = a->seed;
    a->cfg.quiet = a->quiet;
    a->cfg.instructions = a->clock && strcmp(a->clock, "instructions") == 0;
    if (a->cfg.instructions) {
        /* One process per hash seed: the count is deterministic for a seed. */
        s->rounds = s->max_rounds = a->hash_seeds > 0 ? a->hash_seeds : 1;
        s->halfwidth = 0;
    }
}

/* results/latest -> the new folder, replaced atomically. */
static void link_latest(const char *dir)
{
    char link[GB_PATH_LEN], tmp[GB_PATH_LEN + 8];
    const char *slash = strrchr(dir, '/');
    snprintf(link, sizeof link, "%.*s/latest", (int)(slash - dir), dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", link);
    unlink(tmp);
    if (symlink(slash + 1, tmp) == 0 && rename(tmp, link) != 0)
        unlink(tmp);
}

static int open_log(const char *dir)
{
    char path[GB_PATH_LEN + 16];
    schema_path(path, sizeof path, dir, GB_FILE_WORKERS_LOG);
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static int exit_code(const gb_catalog *cat, const gb_run_outcome *out)
{
    if (out->interrupted)
        return interrupt_exit_code();
    if (cat->broken)
        return GB_EXIT_USAGE;
    return out->failed ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}

/* The run itself, once the folder, paths and manifests are ready. */
static int measure_all(run_args *a, const gb_catalog *cat, const gb_paths *paths, char *dir,
                       const char *verb)
{
    gb_sysinfo si;
    gb_error err;
    double *seconds = calloc((size_t)cat->count + 1, sizeof *seconds);
    gb_run_outcome outcome = {.scenario_seconds = seconds};
    if (!seconds)
        return verb_fail(verb, GB_EXIT_IO, "out of memory");
    sysinfo_collect(&si, paths->python, paths->source_dir);
    for (int i = 0; !a->quiet && i < si.warning_count; i++)
        fprintf(stderr, "gluebench: warning: %s\n", si.warnings[i]);
    a->cfg.dir = dir;
    a->cfg.paths = paths;
    a->cfg.log_fd = open_log(dir);
    gb_meta meta = {&si, &a->cfg, cat->items, cat->count, "", "", NULL, 0};
    meta_utc_now(meta.start, sizeof meta.start, 0);
    int rc = meta_write(dir, &meta, &err);
    if (rc == 0)
        rc = runner_run(&a->cfg, cat->items, cat->count, &outcome, &err);
    meta_utc_now(meta.end, sizeof meta.end, 0);
    meta.outcome = &outcome;
    meta.complete = rc == 0 && !outcome.interrupted;
    if (rc == 0)
        rc = meta_write(dir, &meta, &err);
    if (a->cfg.log_fd >= 0)
        close(a->cfg.log_fd);
    free(seconds);
    if (rc != 0)
        return verb_fail(verb, GB_EXIT_IO, "%s", err.msg);
    for (int k = 0; !a->quiet && !a->cfg.instructions && k < a->cfg.python_count; k++)
        fprintf(stderr, "gluebench: harness floor (Python %s): an empty Python call measures "
                        "%.1f ns, an empty C call %.2f ns\n", a->cfg.pythons[k].name,
                outcome.overhead_ns[k][GB_KIND_PYTHON], outcome.overhead_ns[k][GB_KIND_C]);
    if (outcome.interrupted)
        fprintf(stderr, "gluebench: interrupted; the rows written so far are in %s (an incomplete "
                        "run: %lld of %lld measurements)\n",
                dir, (long long)outcome.done, (long long)outcome.planned);
    return exit_code(cat, &outcome);
}

/* Loads the paths and manifests and makes the run folder. */
static int prepare(run_args *a, const char *verb, gb_paths *paths, gb_catalog *cat, char *dir,
                   size_t cap)
{
    gb_error err;
    if (paths_init(paths, a->scenarios, &err) != 0)
        return verb_fail(verb, GB_EXIT_USAGE, "%s", err.msg);
    if (a->pyref)   /* before the entry checks: a solution's functions count */
        paths_prepend_pyref(paths, a->pyref);
    if (catalog_load(cat, paths->scenarios_dir, (char **)a->names, a->name_count, paths, &err) != 0)
        return verb_fail(verb, GB_EXIT_USAGE, "%s", err.msg);
    catalog_print(cat, verb, stderr);
    paths_export(paths);
    if (contexts_choose(a->machine, a->python, paths, stderr, &a->contexts, &err) != 0)
        return verb_fail(verb, GB_EXIT_USAGE, "%s", err.msg);
    contexts_apply(&a->contexts, &a->cfg);
    char stamp[32];
    meta_utc_now(stamp, sizeof stamp, 1);
    snprintf(dir, cap, "%s", a->out ? a->out : "results/");
    if (!a->out)
        snprintf(dir + strlen(dir), cap - strlen(dir), "%s", stamp);
    if (cat->count == 0)
        return verb_fail(verb, cat->broken ? GB_EXIT_USAGE : GB_EXIT_USAGE, "no scenario to run");
    if (a->resume) {
        if (resume_prepare(dir, cat, a->cfg.profile, a->cfg.pythons, a->cfg.python_count,
                           &a->done, &err) != 0)
            return verb_fail(verb, GB_EXIT_USAGE, "%s", err.msg);
        a->cfg.done = (const unsigned char *const *)a->done.done;
        fprintf(stderr, "gluebench: resuming %s: %lld points already measured\n", dir,
                a->done.points_done);
        return 0;
    }
    if (runfolder_make(dir, &err) != 0)
        return verb_fail(verb, GB_EXIT_IO, "%s", err.msg);
    if (runfolder_prepare(dir, a->force, &err) != 0)
        return verb_fail(verb, GB_EXIT_USAGE, "%s", err.msg);
    if (runfolder_copy_manifests(dir, cat->items, cat->count, &err) != 0 ||
        resume_save_args(dir, a->argc, a->argv, &err) != 0 ||
        census_write(dir, paths, cat, &err) != 0)
        return verb_fail(verb, GB_EXIT_IO, "%s", err.msg);
    return 0;
}

static int run_with(run_args *a, const char *verb, char *dir, size_t cap)
{
    gb_paths paths;
    gb_catalog cat = {0};
    /* Before the first write: a full disk (SIGXFSZ) must be an error, not a death. */
    interrupt_install();
    int rc = prepare(a, verb, &paths, &cat, dir, cap);
    if (rc == 0) {
        rc = measure_all(a, &cat, &paths, dir, verb);
        if (!a->out)
            link_latest(dir);
    }
    catalog_free(&cat);
    return rc;
}

/* --resume DIR alone: the arguments come from DIR/args.txt, with --out DIR. */
static int resume_args(run_args *a, gb_resume_args *saved, int *rc)
{
    gb_error err;
    const char *dir = a->resume;
    int quiet = a->quiet;
    if (a->name_count || a->out || a->profile || a->clock || a->force)
        return *rc = verb_fail("run", GB_EXIT_USAGE, "--resume takes the run's own arguments: "
                               "give it alone (with --quiet at most)"), -1;
    if (resume_load_args(dir, saved, &err) != 0)
        return *rc = verb_fail("run", GB_EXIT_USAGE, "%s", err.msg), -1;
    free(a->names);
    memset(a, 0, sizeof *a);
    a->cfg.profile = GB_PROFILE_QUICK;
    if (parse_args(a, saved->argc, saved->argv, "run", run_usage, rc) != 0)
        return -1;
    a->out = dir;
    a->resume = dir;
    a->quiet |= quiet;
    return 0;
}

int verb_run(int argc, char **argv)
{
    run_args a;
    gb_resume_args saved = {0};
    char dir[GB_PATH_LEN];
    int rc = GB_EXIT_OK;
    memset(&a, 0, sizeof a);
    a.cfg.profile = GB_PROFILE_QUICK;
    if (parse_args(&a, argc, argv, "run", run_usage, &rc) != 0 ||
        (a.resume && resume_args(&a, &saved, &rc) != 0)) {
        free(a.names);
        resume_free_args(&saved);
        return rc;
    }
    a.argc = argc;
    a.argv = argv;
    apply_settings(&a);
    rc = run_with(&a, "run", dir, sizeof dir);
    if ((rc == GB_EXIT_OK || rc == GB_EXIT_VARIANT_FAILED) && !a.quiet)
        printf("gluebench: results in %s (samples.csv, summary.csv, metrics.csv, meta.json)\n", dir);
    free(a.names);
    resume_free(&a.done);
    resume_free_args(&saved);
    return rc;
}

/* One line per variant and point: ok, or the status and its reason. */
static int print_check(const char *dir)
{
    gb_rundir rd;
    gb_error err;
    int bad = 0;
    if (rundir_open(&rd, dir, &err) != 0)
        return verb_fail("check", GB_EXIT_IO, "%s", err.msg);
    for (int r = 0; r < rd.summary.rows; r++) {
        const char *status = rundir_get(&rd, r, GB_SUMMARY_STATUS);
        const gb_variant *v = NULL;
        for (int s = 0; !v && s < rd.manifests.count; s++)
            if (strcmp(rd.manifests.items[s].name, rundir_get(&rd, r, GB_SUMMARY_SCENARIO)) == 0)
                v = manifest_variant(&rd.manifests.items[s], rundir_get(&rd, r, GB_SUMMARY_VARIANT));
        int fine = strcmp(status, "ok") == 0 || strcmp(status, "skipped") == 0 ||
                   (v && strcmp(v->expect_status, status) == 0);
        bad += !fine;
        const char *python = rd.context_count > 1 ? rundir_get(&rd, r, GB_SUMMARY_PYTHON) : "";
        printf("%-14s %-20s %-24s %s%s%s%s%s%s\n", rundir_get(&rd, r, GB_SUMMARY_SCENARIO),
               rundir_get(&rd, r, GB_SUMMARY_VARIANT), rundir_get(&rd, r, GB_SUMMARY_PARAMS),
               python[0] ? "Python " : "", python, python[0] ? " " : "", status,
               fine ? "" : ": ", fine ? "" : rundir_get(&rd, r, GB_SUMMARY_MESSAGE));
    }
    printf("gluebench check: %d of %d variant points %s\n", rd.summary.rows - bad, rd.summary.rows,
           bad ? "agree; the others failed (above)" : "agree with their baseline");
    rundir_close(&rd);
    return bad ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}

int verb_check(int argc, char **argv)
{
    run_args a;
    char tmp[] = "/tmp/gluebench-check-XXXXXX", dir[GB_PATH_LEN];
    int rc = GB_EXIT_OK;
    memset(&a, 0, sizeof a);
    if (parse_args(&a, argc, argv, "check", check_usage, &rc) != 0) {
        free(a.names);
        return rc;
    }
    a.cfg.profile = GB_PROFILE_SMOKE;
    apply_settings(&a);
    a.cfg.settings = (gb_profile_settings){0.0, 0, 1, 1, 1, 0.0, 0.0};
    a.cfg.quiet = 1;
    int temporary = !a.out;
    if (temporary && !(a.out = mkdtemp(tmp))) {
        free(a.names);
        return verb_fail("check", GB_EXIT_IO, "cannot create a temporary folder: %s",
                         strerror(errno));
    }
    rc = run_with(&a, "check", dir, sizeof dir);
    if (rc == GB_EXIT_OK || rc == GB_EXIT_VARIANT_FAILED) {
        int printed = print_check(dir);
        rc = rc == GB_EXIT_OK ? printed : rc;
    }
    if (temporary)
        runfolder_remove(tmp);
    free(a.names);
    return rc;
}
