/* verb_merge.c: `gluebench merge DIR... --out DIR`: run folders from
 * several machines, interpreters or attendees as one folder, in which
 * each row keeps its context (machine, python: core/schema.h).
 *
 * The inputs must agree on what they measured: a scenario in two inputs
 * must have the same manifest in both (its points, variants and findings
 * are what the rows mean).  Two inputs with the same context (two
 * machines both called "vm") get their machine names told apart, as
 * vm-1 and vm-2, or as --names says.  The output is written into a
 * temporary folder and renamed into place, so a merge that fails leaves
 * nothing half-written. */
#include "atomicfile.h"
#include "contexts.h"
#include "json.h"
#include "options.h"
#include "runfolder.h"
#include "rundir.h"
#include "verbs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MERGE_MAX_INPUTS 64

static const char merge_usage[] =
    "usage: gluebench merge DIR... --out DIR [--names A,B,...] [--force]\n"
    "Puts run folders from several machines, interpreters or attendees into one\n"
    "folder, with each row's machine and python kept as its context.  report, plot,\n"
    "compare and export then work on the merged folder: each context has its own\n"
    "verdicts, and summary.md sets the contexts side by side.\n"
    "  --out DIR      the merged folder: a new or empty folder, or with --force one that\n"
    "                 holds a run (anything else is refused: it would be replaced)\n"
    "  --names A,...  the machine name of each input in turn (default: the names the\n"
    "                 runs recorded; two inputs of the same context get -1, -2, ...)\n"
    "  --force        replace a run already in --out\n"
    "Exit 0 ok, 2 bad usage, an input that is not a run folder, or inputs that\n"
    "measured a scenario with different manifests, 3 a file could not be written.\n";

typedef struct merge_input {
    const char *dir;
    gb_rundir rd;
    char rename[GB_MACHINE_LEN];   /* the machine name its rows get; "" keeps theirs */
} merge_input;

typedef struct merge_job {
    merge_input in[MERGE_MAX_INPUTS];
    int count;
    const char *out;
    char tmp[GB_PATH_LEN];
} merge_job;

/* ---- checks -------------------------------------------------------------- */

/* The first input holding scenario name, before input `before`; -1 none. */
static const gb_manifest *earlier_manifest(const merge_job *j, int before, const char *name,
                                           int *which)
{
    for (int i = 0; i < before; i++)
        for (int s = 0; s < j->in[i].rd.manifests.count; s++)
            if (strcmp(j->in[i].rd.manifests.items[s].name, name) == 0) {
                *which = i;
                return &j->in[i].rd.manifests.items[s];
            }
    return NULL;
}

/* A scenario in two inputs must be the same manifest in both. */
static int check_manifests(const merge_job *j, gb_error *err)
{
    for (int i = 1; i < j->count; i++)
        for (int s = 0; s < j->in[i].rd.manifests.count; s++) {
            const gb_manifest *m = &j->in[i].rd.manifests.items[s];
            int first;
            const gb_manifest *e = earlier_manifest(j, i, m->name, &first);
            if (e && !file_same(e->path, m->path))
                return gb_fail(err, "scenario '%s' was measured with different manifests in %s "
                               "and %s: their points and findings do not mean the same; merge "
                               "runs of the same gluebench version", m->name, j->in[first].dir,
                               j->in[i].dir);
        }
    return 0;
}

/* The machine name input i's context k gets in the merged folder. */
static const char *machine_of(const merge_job *j, int i, int k)
{
    return j->in[i].rename[0] ? j->in[i].rename : j->in[i].rd.contexts[k].machine;
}

/* 1 when input i shares a context with another input (after --names). */
static int collides(const merge_job *j, int i)
{
    for (int o = 0; o < j->count; o++)
        for (int a = 0; o != i && a < j->in[i].rd.context_count; a++)
            for (int b = 0; b < j->in[o].rd.context_count; b++)
                if (strcmp(machine_of(j, i, a), machine_of(j, o, b)) == 0 &&
                    strcmp(j->in[i].rd.contexts[a].python, j->in[o].rd.contexts[b].python) == 0)
                    return 1;
    return 0;
}

/* An input renamed (--names, or below) must hold one machine: renaming
 * several to one would merge their contexts. */
static int one_machine(const merge_job *j, int i, gb_error *err)
{
    for (int k = 1; k < j->in[i].rd.context_count; k++)
        if (strcmp(j->in[i].rd.contexts[k].machine, j->in[i].rd.contexts[0].machine) != 0)
            return gb_fail(err, "%s holds several machines: it cannot be given one name (leave "
                           "it out of --names, or merge it as it is)", j->in[i].dir);
    return 0;
}

/* Inputs that share a context get "-<input number>" after their machine's
 * name, so every context of the merged folder stays its own; then no two
 * contexts may be the same. */
static int tell_apart(merge_job *j, gb_error *err)
{
    int clash[MERGE_MAX_INPUTS] = {0}, total = 0;
    for (int i = 0; i < j->count; i++) {
        clash[i] = collides(j, i);
        total += j->in[i].rd.context_count;
        if ((j->in[i].rename[0] || clash[i]) && one_machine(j, i, err) != 0)
            return -1;
    }
    if (total > GB_MAX_CONTEXTS)
        return gb_fail(err, "the inputs hold %d contexts; a folder holds at most %d", total,
                       GB_MAX_CONTEXTS);
    for (int i = 0; i < j->count; i++) {
        if (!clash[i])
            continue;
        const char *m = j->in[i].rd.contexts[0].machine;
        char name[GB_MACHINE_LEN];
        snprintf(name, sizeof name, "%.50s-%d", j->in[i].rename[0] ? j->in[i].rename : (m[0] ? m : "machine"),
                 i + 1);
        snprintf(j->in[i].rename, sizeof j->in[i].rename, "%s", name);
        fprintf(stderr, "gluebench: merge: %s shares a machine and interpreter with another "
                        "input: its machine is named %s\n", j->in[i].dir, name);
    }
    for (int i = 0; i < j->count; i++)
        if (collides(j, i))
            return gb_fail(err, "%s still shares a machine and interpreter with another input "
                           "after renaming: choose the names with --names", j->in[i].dir);
    return 0;
}

/* The inputs must have measured the same points: the same profile.  A
 * different commit is said, not refused (a team's machines drift). */
static int check_runs(const merge_job *j, gb_error *err)
{
    for (int i = 1; i < j->count; i++) {
        const gb_rundir *a = &j->in[0].rd, *b = &j->in[i].rd;
        if (strcmp(a->profile, b->profile) != 0)
            return gb_fail(err, "%s ran the %s profile and %s the %s profile: their points "
                           "differ; merge runs of one profile", j->in[0].dir,
                           a->profile[0] ? a->profile : "unknown", j->in[i].dir,
                           b->profile[0] ? b->profile : "unknown");
        if (strcmp(a->git_commit, b->git_commit) != 0)
            fprintf(stderr, "gluebench: merge: warning: %s and %s ran different commits (%.12s, "
                            "%.12s)\n", j->in[0].dir, j->in[i].dir, a->git_commit, b->git_commit);
    }
    return 0;
}

/* ---- writing ------------------------------------------------------------- */

/* Writes every row of table t (columns resolved in cols, schema order)
 * into fd, with the machine column replaced by `machine` when not "". */
static int copy_rows(int fd, const csv_table *t, const int *cols, const char *const *schema,
                     int machine_col, const char *machine, gb_error *err)
{
    csv_row row = {0};
    int n = schema_count(schema), rc = 0;
    for (int r = 0; rc == 0 && r < t->rows; r++) {
        csv_row_reset(&row);
        for (int c = 0; c < n; c++)
            csv_add_str(&row, c == machine_col && machine[0] ? machine : csv_cell(t, r, cols[c]));
        rc = csv_write_row(fd, &row, n, err);
    }
    csv_row_free(&row);
    return rc;
}

/* Rows of view k of input i into the three CSVs. */
static int copy_context(const merge_job *j, int i, int k, const int fds[3], gb_error *err)
{
    gb_rundir v;
    if (rundir_view(&j->in[i].rd, k, &v, err) != 0)
        return -1;
    const char *rename = j->in[i].rename;
    /* An older folder without the context columns: its rows get a name. */
    const char *machine = rename[0] ? rename : (v.summary_col[GB_SUMMARY_MACHINE] < 0 ? "machine" : "");
    int rc = copy_rows(fds[0], &v.samples, v.samples_col, schema_samples, GB_SAMPLES_MACHINE, machine, err);
    if (rc == 0)
        rc = copy_rows(fds[1], &v.summary, v.summary_col, schema_summary, GB_SUMMARY_MACHINE, machine, err);
    if (rc == 0)
        rc = copy_rows(fds[2], &v.metrics, v.metrics_col, schema_metrics, GB_METRICS_MACHINE, machine, err);
    rundir_close(&v);
    return rc;
}

static int write_csvs(const merge_job *j, gb_error *err)
{
    static const gb_run_file files[3] = {GB_FILE_SAMPLES_CSV, GB_FILE_SUMMARY_CSV, GB_FILE_METRICS_CSV};
    static const char *const *const schemas[3] = {schema_samples, schema_summary, schema_metrics};
    int fds[3] = {-1, -1, -1}, rc = 0;
    for (int f = 0; rc == 0 && f < 3; f++) {
        char path[GB_PATH_LEN + 32];
        schema_path(path, sizeof path, j->tmp, files[f]);
        rc = (fds[f] = csv_create(path, schemas[f], err)) < 0 ? -1 : 0;
    }
    for (int i = 0; rc == 0 && i < j->count; i++)
        for (int k = 0; rc == 0 && k < j->in[i].rd.context_count; k++)
            rc = copy_context(j, i, k, fds, err);
    for (int f = 0; f < 3; f++)
        if (fds[f] >= 0 && close(fds[f]) != 0 && rc == 0)
            rc = gb_fail(err, "%s: cannot write: %s", j->tmp, strerror(errno));
    return rc;
}

/* The manifests (each scenario once) and the first input's code.csv. */
static int copy_sources(const merge_job *j, gb_error *err)
{
    char from[GB_PATH_LEN + 32], to[GB_PATH_LEN + 128];
    schema_path(to, sizeof to, j->tmp, GB_FILE_MANIFESTS);
    if (mkdir(to, 0777) != 0)
        return gb_fail(err, "%s: cannot create: %s", to, strerror(errno));
    for (int i = 0; i < j->count; i++)
        for (int s = 0; s < j->in[i].rd.manifests.count; s++) {
            const gb_manifest *m = &j->in[i].rd.manifests.items[s];
            int first;
            if (earlier_manifest(j, i, m->name, &first))
                continue;
            snprintf(to, sizeof to, "%s/manifests/%s.lua", j->tmp, m->name);
            if (runfolder_copy_file(m->path, to, err) != 0)
                return -1;
        }
    for (int i = 0; i < j->count; i++) {
        schema_path(from, sizeof from, j->in[i].dir, GB_FILE_CODE_CSV);
        schema_path(to, sizeof to, j->tmp, GB_FILE_CODE_CSV);
        if (access(from, R_OK) == 0)
            return runfolder_copy_file(from, to, err);
    }
    return 0;
}

/* meta.json: the merged run's totals first (rundir.c reads the first
 * "complete"), then each input's own meta.json, whole. */
static int write_meta(const merge_job *j, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    long long done = 0, planned = 0;
    int complete = 1;
    for (int i = 0; i < j->count; i++) {
        complete &= j->in[i].rd.complete;
        done += j->in[i].rd.done > 0 ? j->in[i].rd.done : 0;
        planned += j->in[i].rd.planned > 0 ? j->in[i].rd.planned : 0;
    }
    schema_path(path, sizeof path, j->tmp, GB_FILE_META_JSON);
    gb_atomic out;
    FILE *f = atomic_open(&out, path, err);
    if (!f)
        return -1;
    fprintf(f, "{\n  \"tool\": \"gluebench\",\n  \"merged\": true,\n  \"profile\": ");
    json_string(f, j->in[0].rd.profile);
    fprintf(f, ",\n  \"git_commit\": ");
    json_string(f, j->in[0].rd.git_commit);
    fprintf(f, ",\n  \"complete\": %s,\n  \"measurements\": %lld,\n  \"planned\": %lld,\n"
               "  \"inputs\": [", complete ? "true" : "false", done, planned);
    for (int i = 0; i < j->count; i++) {
        size_t len = 0;
        char meta[GB_PATH_LEN + 32];
        schema_path(meta, sizeof meta, j->in[i].dir, GB_FILE_META_JSON);
        char *text = file_read_whole(meta, &len);
        fprintf(f, "%s\n    {\"dir\": ", i ? "," : "");
        json_string(f, j->in[i].dir);
        fprintf(f, ", \"machine\": ");
        json_string(f, j->in[i].rename[0] ? j->in[i].rename : j->in[i].rd.contexts[0].machine);
        fprintf(f, ", \"meta\": ");
        /* A meta.json gluebench wrote is one JSON object; anything else is left out. */
        if (text && len && text[0] == '{')
            fwrite(text, 1, len - (text[len - 1] == '\n'), f);
        else
            fputs("null", f);
        fputs("}", f);
        free(text);
    }
    fputs("\n  ]\n}\n", f);
    return atomic_close(&out, err);
}

/* ---- the verb ------------------------------------------------------------ */

static int split_names(merge_job *j, const char *names, gb_error *err)
{
    int i = 0;
    for (const char *p = names; p && *p && i <= j->count; i++) {
        size_t len = strcspn(p, ",");
        if (i == j->count)
            return gb_fail(err, "option --names: more names than inputs (%d)", j->count);
        size_t fits = sizeof j->in[i].rename - 1;
        snprintf(j->in[i].rename, sizeof j->in[i].rename, "%.*s", (int)(len < fits ? len : fits), p);
        for (char *c = j->in[i].rename; *c; c++)
            if (!contexts_name_char(*c))
                return gb_fail(err, "option --names: '%s': use letters, digits, '.', '_' and '-'",
                               j->in[i].rename);
        p += len + (p[len] == ',');
    }
    if (names && i != j->count)
        return gb_fail(err, "option --names: %d names for %d inputs", i, j->count);
    return 0;
}

/* 1 when path is dir or lies below it (both must exist). */
static int at_or_below(const char *path, const char *dir)
{
    char rp[PATH_MAX], rd[PATH_MAX];
    if (!realpath(path, rp) || !realpath(dir, rd))
        return 0;
    size_t n = strlen(rd);
    return strncmp(rp, rd, n) == 0 && (rp[n] == '\0' || rp[n] == '/' || n == 1);
}

/* An existing --out may be an empty folder, or a run folder with --force;
 * no input may lie in it (it is replaced whole). */
static int check_out(const merge_job *j, int force, gb_error *err)
{
    struct stat st;
    if (stat(j->out, &st) != 0)
        return 0;
    for (int i = 0; i < j->count; i++)
        if (at_or_below(j->in[i].dir, j->out))
            return gb_fail(err, "--out %s holds the input %s: it would be replaced", j->out,
                           j->in[i].dir);
    char meta[GB_PATH_LEN + 32];
    schema_path(meta, sizeof meta, j->out, GB_FILE_META_JSON);
    if (access(meta, F_OK) == 0)
        return force ? 0 : gb_fail(err, "%s already holds a run: choose another --out, or add "
                                   "--force to replace it", j->out);
    DIR *d = S_ISDIR(st.st_mode) ? opendir(j->out) : NULL;
    int empty = d != NULL;
    for (struct dirent *e; d && (e = readdir(d));)
        empty &= strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    if (d)
        closedir(d);
    return empty ? 0 : gb_fail(err, "--out %s exists and is not a run folder: choose another", j->out);
}

/* The written folder tmp takes out's place: an old run there is moved
 * aside first and removed only once the new one is in. */
static int move_into_place(const merge_job *j, gb_error *err)
{
    char old[GB_PATH_LEN + 32];
    struct stat st;
    int had = stat(j->out, &st) == 0;
    snprintf(old, sizeof old, "%s.old-%d", j->out, (int)getpid());
    if (had && rename(j->out, old) != 0)
        return gb_fail(err, "%s: cannot move the old run aside: %s", j->out, strerror(errno));
    if (rename(j->tmp, j->out) != 0) {
        int saved = errno;
        if (had)
            rename(old, j->out);
        return gb_fail(err, "%s: cannot move the merged folder into place: %s", j->out,
                       strerror(saved));
    }
    if (had)
        runfolder_remove(old);
    return 0;
}

/* Returns GB_EXIT_OK, GB_EXIT_USAGE (the inputs or --out refused) or
 * GB_EXIT_IO (writing failed), with err. */
static int merge_into(merge_job *j, int force, gb_error *err)
{
    if (check_runs(j, err) != 0 || check_manifests(j, err) != 0 || tell_apart(j, err) != 0 ||
        check_out(j, force, err) != 0)
        return GB_EXIT_USAGE;
    snprintf(j->tmp, sizeof j->tmp, "%s.merge-%d", j->out, (int)getpid());
    int rc = runfolder_make(j->tmp, err);
    if (rc == 0)
        rc = write_csvs(j, err);
    if (rc == 0)
        rc = copy_sources(j, err);
    if (rc == 0)
        rc = write_meta(j, err);
    gb_rundir check;   /* what was written must read back as a run folder */
    if (rc == 0 && (rc = rundir_open(&check, j->tmp, err)) == 0)
        rundir_close(&check);
    if (rc == 0)
        rc = move_into_place(j, err);
    if (rc != 0)
        runfolder_remove(j->tmp);
    return rc == 0 ? GB_EXIT_OK : GB_EXIT_IO;
}

int verb_merge(int argc, char **argv)
{
    static merge_job j;
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs), *names = NULL;
    int force = 0, rc = 0;
    char out[GB_PATH_LEN];
    gb_error err;
    const gb_option opts[] = {{"--out", OPT_STRING, &j.out, 0, 0},
                              {"--names", OPT_STRING, &names, 0, 0},
                              {"--force", OPT_FLAG, &force, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = dirs ? options_parse(argc, argv, opts, dirs, &j.count, &err)
                                 : (gb_fail(&err, "out of memory"), OPTIONS_BAD);
    if (how == OPTIONS_OK && (j.count < 1 || !j.out))
        how = (gb_fail(&err, "expects one or more run folders and --out DIR"), OPTIONS_BAD);
    if (how == OPTIONS_OK && j.count > MERGE_MAX_INPUTS)
        how = (gb_fail(&err, "at most %d inputs, not %d", MERGE_MAX_INPUTS, j.count), OPTIONS_BAD);
    if (how != OPTIONS_OK) {
        free(dirs);
        return verb_usage("merge", merge_usage, how, &err);
    }
    /* "dir/" and "dir" are one folder: the temporary one goes beside it. */
    snprintf(out, sizeof out, "%s", j.out);
    for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
        out[n - 1] = '\0';
    j.out = out;
    for (int i = 0; i < j.count && rc == 0; i++) {
        j.in[i].dir = dirs[i];
        if (rundir_open(&j.in[i].rd, dirs[i], &err) != 0) {
            j.count = i;
            rc = verb_fail("merge", GB_EXIT_USAGE, "%s", err.msg);
        }
    }
    if (rc == 0 && split_names(&j, names, &err) != 0)
        rc = verb_fail("merge", GB_EXIT_USAGE, "%s", err.msg);
    if (rc == 0 && (rc = merge_into(&j, force, &err)) != GB_EXIT_OK)
        rc = verb_fail("merge", rc, "%s", err.msg);
    if (rc == 0)
        printf("gluebench: merged %d run folders into %s\n", j.count, j.out);
    for (int i = 0; i < j.count; i++)
        rundir_close(&j.in[i].rd);
    free(dirs);
    return rc;
}
