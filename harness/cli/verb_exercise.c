/* verb_exercise.c: `gluebench exercise NAME`: grades a workshop exercise.
 *
 * It builds nothing (`make build` does).  It runs the same code paths as
 * `gluebench check` (every variant once per smoke point, answers compared
 * with the baseline's), then times the variants the exercise's judged
 * findings name, at the findings' points only, interleaved in rounds as
 * `gluebench run` does, into a run folder.  It reads that folder back
 * (summary.csv's speedup and its interval by column id, findings.json for
 * other measures) and grades each finding on the interval: pass when the
 * whole 95% interval lies inside the claim (e.g. the lower end clears
 * `at_least`), fail when it lies wholly outside, undecided in between.
 * The attendee's prediction (prediction.txt in the exercise folder) is
 * printed beside the measurement and copied into the run folder; the hint
 * (hint.txt) is printed on a fail. */
#include "catalog.h"
#include "contexts.h"
#include "export.h"
#include "findings.h"
#include "interrupt.h"
#include "meta.h"
#include "options.h"
#include "runfolder.h"
#include "stats.h"
#include "paths.h"
#include "rundir.h"
#include "runner.h"
#include "sysinfo.h"
#include "verbs.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Files of an exercise folder (exercises/README.md).  The prediction is
 * copied into the run folder under the same name, for exercises/gather.py. */
#define EX_HINT "hint.txt"

static const char usage[] =
    "usage: gluebench exercise NAME [--scenarios DIR] [--pyref DIR] [--profile P] [--out DIR]\n"
    "Grades a workshop exercise (exercises/NN-NAME/): checks every variant's answer as\n"
    "`gluebench check` does, then times the variants its judged findings name against\n"
    "theirs, at the findings' points, interleaved in rounds, and grades each finding on\n"
    "the 95% interval of the measured ratio: pass when the interval clears the target,\n"
    "fail when it misses it, undecided when it straddles it (measure again).\n"
    "Prints the attendee's prediction (prediction.txt) beside the measurement, and the\n"
    "exercise's hint (hint.txt) on a fail.  Build first: make build.\n"
    "  NAME             the folder (01-batch), its short name (batch) or its scenario (ex_batch)\n"
    "  --scenarios DIR  the exercise's manifests (default: the exercise's scenarios/)\n"
    "  --pyref DIR      put DIR first on the workers' PYTHONPATH (e.g. the solution/)\n"
    "  --profile P      smoke, quick (default) or full: rounds and sample length\n"
    "  --out DIR        the run folder (default: results/exercise-<scenario>-<UTC time>)\n"
    "  --force          with --out: empty a folder that already holds a run first\n"
    "  --quiet          no progress lines\n"
    "Exit codes: 0 pass; 1 fail or undecided (or a wrong answer); 2 bad usage or a bad\n"
    "manifest; 3 an I/O error; 129/130/143 stopped by a signal.\n";

typedef struct ex_args {
    const char *name, *scenarios, *pyref, *profile, *out;
    int force, quiet;
    gb_profile_id prof;
} ex_args;

typedef struct exercise {
    char folder[GB_PATH_LEN];      /* exercises/01-batch */
    char scenarios[GB_PATH_LEN];
    char scenario[GB_NAME_LEN];    /* ex_batch */
} exercise;

typedef enum { GRADE_PASS, GRADE_FAIL, GRADE_UNDECIDED } grade;

static const char *const grade_words[] = {"pass", "FAIL", "undecided"};

static int parse(ex_args *a, int argc, char **argv, int *rc)
{
    gb_error err;
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    const gb_option opts[] = {
        {"--scenarios", OPT_STRING, &a->scenarios, 0, 0},
        {"--pyref", OPT_STRING, &a->pyref, 0, 0},
        {"--profile", OPT_STRING, &a->profile, 0, 0},
        {"--out", OPT_STRING, &a->out, 0, 0},
        {"--force", OPT_FLAG, &a->force, 0, 0},
        {"--quiet", OPT_FLAG, &a->quiet, 0, 0},
        {NULL, 0, NULL, 0, 0},
    };
    gb_options_result how = pos ? options_parse(argc, argv, opts, pos, &npos, &err)
                                : (gb_fail(&err, "out of memory"), OPTIONS_BAD);
    a->prof = GB_PROFILE_QUICK;
    if (how == OPTIONS_OK && npos != 1)
        how = (gb_fail(&err, "name one exercise (got %d names)", npos), OPTIONS_BAD);
    if (how == OPTIONS_OK && a->profile && manifest_profile_parse(a->profile, &a->prof) != 0)
        how = (gb_fail(&err, "option --profile: '%s' is not smoke, quick or full", a->profile),
               OPTIONS_BAD);
    a->name = how == OPTIONS_OK ? pos[0] : NULL;
    free(pos);
    if (how != OPTIONS_OK) {
        *rc = verb_usage("exercise", usage, how, &err);
        return -1;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* 1 when folder entry `entry` (e.g. "01-batch") is exercise `name`: the
 * folder itself, its name after "NN-", or "ex_" + that. */
static int names_exercise(const char *entry, const char *name)
{
    if (strcmp(entry, name) == 0)
        return 1;
    const char *dash = strchr(entry, '-');
    if (!dash)
        return 0;
    return strcmp(dash + 1, name) == 0 || (strncmp(name, "ex_", 3) == 0 && strcmp(dash + 1, name + 3) == 0);
}

/* The exercise folder under source/exercises whose name matches. */
static int find_folder(exercise *ex, const char *source, const char *name, gb_error *err)
{
    char root[GB_PATH_LEN];
    snprintf(root, sizeof root, "%s/exercises", source);
    DIR *d = opendir(root);
    if (!d)
        return gb_fail(err, "%s: cannot read the exercises folder: %s", root, strerror(errno));
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        if (e->d_name[0] != '.' && names_exercise(e->d_name, name)) {
            snprintf(ex->folder, sizeof ex->folder, "%.900s/%.100s", root, e->d_name);
            found = is_dir(ex->folder);
        }
    closedir(d);
    return found ? 0 : gb_fail(err, "no exercise '%s' in %s (see exercises/README.md)", name, root);
}

/* The scenario graded: NAME.lua in the folder, else its only manifest. */
static int find_scenario(exercise *ex, const char *name, gb_error *err)
{
    DIR *d = opendir(ex->scenarios);
    if (!d)
        return gb_fail(err, "%s: cannot read: %s", ex->scenarios, strerror(errno));
    struct dirent *e;
    int count = 0, exact = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || len - 4 >= GB_NAME_LEN || strcmp(e->d_name + len - 4, ".lua") != 0)
            continue;
        if (!exact)
            snprintf(ex->scenario, sizeof ex->scenario, "%.*s", (int)(len - 4), e->d_name);
        exact |= strncmp(e->d_name, name, len - 4) == 0 && name[len - 4] == '\0';
        count++;
    }
    closedir(d);
    if (count == 1 || exact)
        return 0;
    return gb_fail(err, "%s: %s, name the scenario to grade", ex->scenarios,
                   count ? "several manifests" : "no manifest");
}

static int locate(exercise *ex, const ex_args *a, const char *source, gb_error *err)
{
    memset(ex, 0, sizeof *ex);
    if (a->scenarios) {
        snprintf(ex->scenarios, sizeof ex->scenarios, "%s", a->scenarios);
        snprintf(ex->folder, sizeof ex->folder, "%.1000s/..", a->scenarios);
    } else {
        if (find_folder(ex, source, a->name, err) != 0)
            return -1;
        snprintf(ex->scenarios, sizeof ex->scenarios, "%.1000s/scenarios", ex->folder);
    }
    return find_scenario(ex, a->name, err);
}

/* ---- files ------------------------------------------------------------- */

/* The folder with its manifests/ (what rundir_open reads back). */
static int make_run_dir(const char *dir, const gb_manifest *m, gb_error *err)
{
    if (runfolder_make(dir, err) != 0)
        return -1;
    return runfolder_copy_manifests(dir, m, 1, err);
}


/* Prints a text file of the exercise folder, indented; 0 when absent. */
static int print_file(const char *folder, const char *name, const char *indent)
{
    char path[GB_PATH_LEN + 64], line[1024];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        printf("%s%s", indent, line);
    fclose(f);
    return 1;
}

/* 1 when prediction.txt has an answer after some "key:" (a line that is
 * neither blank, a '#' comment, nor a key with nothing after it). */
static int prediction_filled(const char *folder)
{
    char path[GB_PATH_LEN + 64], line[1024];
    snprintf(path, sizeof path, "%s/%s", folder, schema_file_name(GB_FILE_PREDICTION));
    FILE *f = fopen(path, "r");
    int filled = 0;
    while (f && !filled && fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *colon = strchr(line, ':');
        for (char *p = colon ? colon + 1 : line; *p && !filled; p++)
            filled = !strchr(" \t\r\n?", *p);
    }
    if (f)
        fclose(f);
    return filled;
}

/* ---- the two runs ------------------------------------------------------- */

/* The settings both runs share, on this machine under the configured
 * interpreter.  Returns 0 or -1 with err. */
static int base_config(const gb_paths *paths, const char *dir, int quiet, gb_run_config *cfg,
                       gb_error *err)
{
    static gb_contexts here;   /* the one context of an exercise, for the process's life */
    memset(cfg, 0, sizeof *cfg);
    cfg->seed = 1;
    cfg->paths = paths;
    cfg->dir = dir;
    cfg->log_fd = -1;
    cfg->quiet = quiet;
    if (here.count == 0 && contexts_choose(NULL, NULL, paths, NULL, &here, err) != 0)
        return -1;
    contexts_apply(&here, cfg);
    return 0;
}

/* `gluebench check`'s run: one round, one sample of one call per smoke
 * point, every variant; prints the variants that are not ok.  Returns
 * the number of bad rows, or -1 with err. */
static int check_answers(const gb_manifest *m, const gb_paths *paths, gb_error *err)
{
    char tmp[] = "/tmp/gluebench-exercise-XXXXXX";
    if (!mkdtemp(tmp))
        return gb_fail(err, "cannot create a temporary folder: %s", strerror(errno));
    gb_run_config cfg;
    if (base_config(paths, tmp, 1, &cfg, err) != 0) {
        runfolder_remove(tmp);
        return -1;
    }
    cfg.profile = GB_PROFILE_SMOKE;
    cfg.settings = (gb_profile_settings){0.0, 0, 1, 1, 1, 0.0, 0.0};
    gb_run_outcome outcome = {0};
    double seconds = 0;
    outcome.scenario_seconds = &seconds;
    gb_rundir rd;
    int bad = -1;
    if (make_run_dir(tmp, m, err) == 0 && runner_run(&cfg, m, 1, &outcome, err) == 0 &&
        rundir_open(&rd, tmp, err) == 0) {
        bad = 0;
        for (int r = 0; r < rd.summary.rows; r++) {
            const char *status = rundir_get(&rd, r, GB_SUMMARY_STATUS);
            if (strcmp(status, "ok") == 0 || strcmp(status, "skipped") == 0)
                continue;
            printf("  %-20s %-28s %s: %s\n", rundir_get(&rd, r, GB_SUMMARY_VARIANT),
                   rundir_get(&rd, r, GB_SUMMARY_PARAMS), status,
                   rundir_get(&rd, r, GB_SUMMARY_MESSAGE));
            bad++;
        }
        rundir_close(&rd);
    }
    runfolder_remove(tmp);
    return bad;
}

static int graded(const gb_finding *f)
{
    return f->expect != GB_EXPECT_NONE;
}

static int named_by_finding(const gb_manifest *m, const char *variant)
{
    if (strcmp(variant, m->baseline) == 0)
        return 1;
    for (int i = 0; i < m->finding_count; i++)
        if (graded(&m->findings[i]) &&
            (strcmp(m->findings[i].variant, variant) == 0 || strcmp(m->findings[i].than, variant) == 0))
            return 1;
    return 0;
}

/* 1 when some graded finding needs value v of parameter p. */
static int value_needed(const gb_manifest *m, const gb_sweep *s, int p, int k)
{
    int64_t v = s->values[p][k];
    for (int i = 0; i < m->finding_count; i++) {
        const gb_finding *f = &m->findings[i];
        if (!graded(f))
            continue;
        if (f->at_last && k == s->counts[p] - 1)
            return 1;
        if (f->at_last)
            continue;
        int bound = 0;
        for (int b = 0; b < f->at.count; b++)
            if (strcmp(f->at.names[b], m->params[p]) == 0) {
                bound = 1;
                if (f->at.values[b] == v)
                    return 1;
            }
        if (!bound)     /* a parameter the finding leaves open: every value */
            return 1;
    }
    return 0;
}

/* Keeps the baseline and the variants the graded findings name, and in the
 * profile's sweep the values their points use (values keep their order, so
 * the sweep's last point stays the last).  Returns the graded count. */
static int reduce(gb_manifest *m, gb_profile_id prof)
{
    int kept = 0, count = 0;
    for (int i = 0; i < m->finding_count; i++)
        count += graded(&m->findings[i]);
    for (int i = 0; i < m->variant_count; i++)
        if (named_by_finding(m, m->variants[i].name))
            m->variants[kept++] = m->variants[i];
    m->variant_count = kept;
    gb_sweep *s = &m->sweeps[prof];
    for (int p = 0; p < m->param_count; p++) {
        int n = 0;
        for (int k = 0; k < s->counts[p]; k++)
            if (value_needed(m, s, p, k))
                s->values[p][n++] = s->values[p][k];
        s->counts[p] = n;
    }
    return count;
}

/* The timed run into dir, with a meta.json so that `gluebench report`
 * and gather.py read it as any run folder. */
static int time_variants(const gb_manifest *m, const gb_paths *paths, const ex_args *a,
                         const char *dir, gb_run_outcome *outcome, gb_error *err)
{
    gb_run_config cfg;
    if (base_config(paths, dir, a->quiet, &cfg, err) != 0)
        return -1;
    cfg.profile = a->prof;
    cfg.settings = runner_profile_settings(a->prof);
    gb_sysinfo si;
    sysinfo_collect(&si, paths->python, paths->source_dir);
    for (int i = 0; !a->quiet && i < si.warning_count; i++)
        fprintf(stderr, "gluebench: warning: %s\n", si.warnings[i]);
    gb_meta meta = {&si, &cfg, m, 1, "", "", NULL, 0};
    meta_utc_now(meta.start, sizeof meta.start, 0);
    int rc = meta_write(dir, &meta, err);
    if (rc == 0)
        rc = runner_run(&cfg, m, 1, outcome, err);
    meta_utc_now(meta.end, sizeof meta.end, 0);
    meta.outcome = outcome;
    meta.complete = rc == 0 && !outcome->interrupted;
    return rc == 0 ? meta_write(dir, &meta, err) : rc;
}

/* ---- grading ------------------------------------------------------------ */

static int time_measure(const char *y)
{
    return !*y || strcmp(y, "ns_per_call") == 0 || strcmp(y, "ms_per_call") == 0 ||
           strcmp(y, "ns_per_item") == 0;
}

/* The interval to grade: summary.csv's speedup when the finding compares
 * a variant with the baseline in time (the number the run prints), else
 * the finding's own paired ratio (a metric, or another `than`). */
static void interval_of(const gb_rundir *rd, const gb_judged *j, double v[3])
{
    int r = j->point >= 0 ? rundir_find(rd, j->m->name, j->f->variant, j->point) : -1;
    v[0] = j->ratio, v[1] = j->lo, v[2] = j->hi;
    if (r >= 0 && strcmp(j->f->than, j->m->baseline) == 0 && time_measure(j->f->y) &&
        !isnan(rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO))) {
        v[0] = rundir_number(rd, r, GB_SUMMARY_SPEEDUP);
        v[1] = rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO);
        v[2] = rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI);
    }
}

static grade grade_of(const gb_judged *j, const double v[3])
{
    if (j->verdict == FINDING_NOT_MEASURED || isnan(v[1]) || isnan(v[2]) || isnan(j->region_lo))
        return GRADE_FAIL;
    /* The report's own rule (core/stats.h): inside the claim, outside, or across an edge. */
    switch (stats_judge(v[1], v[2], j->region_lo, j->region_hi)) {
    case STATS_CONFIRMED: return GRADE_PASS;
    case STATS_CONTRADICTED: return GRADE_FAIL;
    default: return GRADE_UNDECIDED;
    }
}

/* One line per graded finding; returns the worst grade. */
static grade grade_findings(const gb_rundir *rd, const gb_judged *js, int n)
{
    grade worst = GRADE_PASS;
    for (int i = 0; i < n; i++) {
        const gb_judged *j = &js[i];
        if (!graded(j->f))
            continue;
        double v[3];
        interval_of(rd, j, v);
        grade g = grade_of(j, v);
        const char *what = time_measure(j->f->y) ? "speedup" : j->f->y;
        printf("  %-9s %s against %s %s: %s %.3gx (95%% CI %.3g-%.3gx); target: %s\n",
               grade_words[g], j->f->variant, j->f->than, j->params_words, what, v[0], v[1],
               v[2], j->claim);
        if (j->verdict == FINDING_NOT_MEASURED)
            printf("            %s\n", j->sentence);
        if (g == GRADE_FAIL || (g == GRADE_UNDECIDED && worst == GRADE_PASS))
            worst = g;
    }
    return worst;
}

static void print_prediction(const exercise *ex)
{
    printf("your prediction (%s/%s):\n", ex->folder, schema_file_name(GB_FILE_PREDICTION));
    if (!prediction_filled(ex->folder))
        printf("  (still unfilled: write down what you expect before you measure)\n");
    else
        print_file(ex->folder, schema_file_name(GB_FILE_PREDICTION), "  | ");
}

/* Reads the timed run back, grades it and writes findings.json. */
static int report(const exercise *ex, const char *dir, gb_error *err, grade *out)
{
    gb_rundir rd;
    if (rundir_open(&rd, dir, err) != 0)
        return -1;
    /* An exercise's run has one context (this machine, this interpreter). */
    gb_judged_context *cs = findings_judge_contexts(&rd, err);
    char path[GB_PATH_LEN + 32];
    int rc = cs ? 0 : -1;
    if (rc == 0) {
        printf("measured (%s):\n", dir);
        *out = grade_findings(&cs[0].view, cs[0].js, cs[0].n);
        schema_path(path, sizeof path, dir, GB_FILE_FINDINGS_JSON);
        gb_decision_opts o = {DECISIONS_DEFAULT_RATE, DECISIONS_DEFAULT_PRICE};
        rc = export_findings(&rd, cs, &o, path, err);
    }
    findings_free_contexts(cs, rd.context_count);
    rundir_close(&rd);
    snprintf(path, sizeof path, "%s/%s", ex->folder, schema_file_name(GB_FILE_PREDICTION));
    if (rc == 0 && access(path, R_OK) == 0) {
        char to[GB_PATH_LEN + 32];
        snprintf(to, sizeof to, "%s/%s", dir, schema_file_name(GB_FILE_PREDICTION));
        rc = runfolder_copy_file(path, to, err);
    }
    return rc;
}

static int verdict_exit(const exercise *ex, grade g)
{
    print_prediction(ex);
    if (g == GRADE_PASS) {
        printf("gluebench exercise: pass\n");
        return GB_EXIT_OK;
    }
    if (g == GRADE_UNDECIDED) {
        printf("gluebench exercise: undecided: the interval straddles the target; "
               "measure again with --profile quick (or full)\n");
        return GB_EXIT_VARIANT_FAILED;
    }
    printf("gluebench exercise: fail\n");
    if (print_file(ex->folder, EX_HINT, "  hint: ") == 0)
        printf("  (no hint.txt in %s)\n", ex->folder);
    return GB_EXIT_VARIANT_FAILED;
}

/* ---- the verb ----------------------------------------------------------- */

static int out_dir(const ex_args *a, const gb_manifest *m, char *dir, size_t cap, gb_error *err)
{
    char stamp[32];
    meta_utc_now(stamp, sizeof stamp, 1);
    if (a->out)
        snprintf(dir, cap, "%s", a->out);
    else {
        mkdir("results", 0777);
        snprintf(dir, cap, "results/exercise-%s-%s", m->name, stamp);
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gb_fail(err, "%s: cannot create the run folder: %s", dir, strerror(errno));
    return runfolder_prepare(dir, a->force, err);
}

/* Check, then time and grade.  *code gets the exit code when a step
 * decides it (a wrong answer, nothing to grade). */
static int grade_exercise(const ex_args *a, const exercise *ex, gb_manifest *m,
                          const gb_paths *paths, gb_error *err, int *code)
{
    char dir[GB_PATH_LEN];
    printf("exercise %s (%s): checking the answers...\n", m->name, ex->folder);
    int bad = check_answers(m, paths, err);
    if (bad < 0)
        return (*code = GB_EXIT_IO), -1;
    if (bad > 0) {
        printf("gluebench exercise: fail: %d variant point(s) above do not give the baseline's "
               "answer (gluebench check %s --scenarios %s shows them all)\n",
               bad, m->name, ex->scenarios);
        print_file(ex->folder, EX_HINT, "  hint: ");
        return (*code = GB_EXIT_VARIANT_FAILED), 0;
    }
    if (reduce(m, a->prof) == 0)
        return (*code = GB_EXIT_USAGE),
               gb_fail(err, "%s: no judged finding (expect = ...) to grade", m->path);
    if (out_dir(a, m, dir, sizeof dir, err) != 0 || make_run_dir(dir, m, err) != 0)
        return (*code = GB_EXIT_USAGE), -1;
    printf("answers agree; timing %d variant(s), %s profile...\n", m->variant_count,
           manifest_profile_name(a->prof));
    gb_run_outcome outcome = {0};
    double seconds = 0;
    outcome.scenario_seconds = &seconds;
    grade g = GRADE_FAIL;
    if (time_variants(m, paths, a, dir, &outcome, err) != 0 || report(ex, dir, err, &g) != 0)
        return (*code = GB_EXIT_IO), -1;
    if (outcome.interrupted)
        return (*code = interrupt_exit_code()), 0;
    *code = verdict_exit(ex, g);
    return 0;
}

int verb_exercise(int argc, char **argv)
{
    ex_args a;
    exercise ex;
    gb_paths paths;
    gb_catalog cat = {0};
    gb_error err;
    int rc = GB_EXIT_OK;
    memset(&a, 0, sizeof a);
    if (parse(&a, argc, argv, &rc) != 0)
        return rc;
    if (paths_init(&paths, NULL, &err) != 0 || locate(&ex, &a, paths.source_dir, &err) != 0 ||
        paths_init(&paths, ex.scenarios, &err) != 0)
        return verb_fail("exercise", GB_EXIT_USAGE, "%s", err.msg);
    char *names[] = {ex.scenario};
    if (a.pyref)
        paths_prepend_pyref(&paths, a.pyref);
    int loaded = catalog_load(&cat, ex.scenarios, names, 1, &paths, &err);
    catalog_print(&cat, "exercise", stderr);
    if (loaded != 0 || cat.count != 1) {
        catalog_free(&cat);
        return verb_fail("exercise", GB_EXIT_USAGE, "%s",
                         loaded ? err.msg : "the exercise's manifest does not load (above)");
    }
    paths_export(&paths);
    interrupt_install();
    if (grade_exercise(&a, &ex, &cat.items[0], &paths, &err, &rc) != 0)
        verb_fail("exercise", rc, "%s", err.msg);
    catalog_free(&cat);
    return rc;
}
