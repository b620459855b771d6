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
#include "json.h"
#include "options.h"
#include "runfolder.h"
#include "rundir.h"
#include "verbs.h"

#include <errno.h>
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
    "  --out DIR      the merged folder (refused if it holds a run, unless --force)\n"
    "  --names A,...  the machine name of each input in turn (default: the names the\n"
    "                 runs recorded; two inputs of the same context get -1, -2, ...)\n"
    "  --force        replace a run already in --out\n"
    "Exit 0 ok, 2 bad usage, an input that is not a run folder, or inputs that\n"
    "measured a scenario with different manifests, 3 a file could not be written.\n";

typedef struct merge_input {
    const char *dir;
    gb_rundir rd;
    char rename[64];   /* the machine name its rows get; "" keeps theirs */
} merge_input;

typedef struct merge_job {
    merge_input in[MERGE_MAX_INPUTS];
    int count;
    const char *out;
    char tmp[GB_PATH_LEN];
} merge_job;

/* ---- checks -------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 4096 + 1 > cap) {
            char *grown = realloc(buf, cap = 2 * cap + 8192);
            if (!grown) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int same_file(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = read_all(a, &la), *y = read_all(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

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
            if (e && !same_file(e->path, m->path))
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

/* Inputs that share a context get "-<input number>" after their machine's
 * name, so every context of the merged folder stays its own.  Only an
 * input of one machine can be renamed so. */
static int tell_apart(merge_job *j, gb_error *err)
{
    int clash[MERGE_MAX_INPUTS] = {0};
    for (int i = 0; i < j->count; i++)
        clash[i] = collides(j, i);
    for (int i = 0; i < j->count; i++) {
        if (!clash[i])
            continue;
        const char *m = j->in[i].rd.contexts[0].machine;
        for (int k = 1; k < j->in[i].rd.context_count; k++)
            if (strcmp(j->in[i].rd.contexts[k].machine, m) != 0)
                return gb_fail(err, "%s holds several machines and shares a context with another "
                               "input: name the inputs with --names", j->in[i].dir);
        char name[64];
        snprintf(name, sizeof name, "%.50s-%d", j->in[i].rename[0] ? j->in[i].rename : (m[0] ? m : "machine"),
                 i + 1);
        snprintf(j->in[i].rename, sizeof j->in[i].rename, "%s", name);
        fprintf(stderr, "gluebench: merge: %s shares a machine and interpreter with another "
                        "input: its machine is named %s\n", j->in[i].dir, name);
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
    fprintf(f, "{\n  \"tool\": \"gluebench\",\n  \"merged\": true,\n  \"complete\": %s,\n"
               "  \"measurements\": %lld,\n  \"planned\": %lld,\n  \"inputs\": [",
            complete ? "true" : "false", done, planned);
    for (int i = 0; i < j->count; i++) {
        size_t len = 0;
        char meta[GB_PATH_LEN + 32];
        schema_path(meta, sizeof meta, j->in[i].dir, GB_FILE_META_JSON);
        char *text = read_all(meta, &len);
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
        snprintf(j->in[i].rename, sizeof j->in[i].rename, "%.*s", (int)(len < 63 ? len : 63), p);
        for (char *c = j->in[i].rename; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                  strchr("._-", *c)))
                return gb_fail(err, "option --names: '%s': use letters, digits, '.', '_' and '-'",
                               j->in[i].rename);
        p += len + (p[len] == ',');
    }
    if (names && i != j->count)
        return gb_fail(err, "option --names: %d names for %d inputs", i, j->count);
    return 0;
}

/* 1 when --out names one of the inputs. */
static int out_is_input(const merge_job *j)
{
    struct stat o, in;
    if (stat(j->out, &o) != 0)
        return 0;
    for (int i = 0; i < j->count; i++)
        if (stat(j->in[i].dir, &in) == 0 && in.st_dev == o.st_dev && in.st_ino == o.st_ino)
            return 1;
    return 0;
}

/* Returns GB_EXIT_OK, GB_EXIT_USAGE (the inputs or --out refused) or
 * GB_EXIT_IO (writing failed), with err. */
static int merge_into(merge_job *j, int force, gb_error *err)
{
    struct stat st;
    if (out_is_input(j))
        return gb_fail(err, "--out %s is one of the inputs", j->out), GB_EXIT_USAGE;
    if (check_manifests(j, err) != 0 || tell_apart(j, err) != 0 ||
        (stat(j->out, &st) == 0 && runfolder_prepare(j->out, force, err) != 0))
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
    if (rc == 0 && stat(j->out, &st) == 0)
        runfolder_remove(j->out);   /* emptied by runfolder_prepare: only --force gets here */
    if (rc == 0 && rename(j->tmp, j->out) != 0)
        rc = gb_fail(err, "%s: cannot move the merged folder into place: %s", j->out, strerror(errno));
    if (rc != 0)
        runfolder_remove(j->tmp);
    return rc == 0 ? GB_EXIT_OK : GB_EXIT_IO;
}

int verb_merge(int argc, char **argv)
{
    static merge_job j;
    const char *dirs[MERGE_MAX_INPUTS + 1], *names = NULL;
    int force = 0, rc = 0;
    gb_error err;
    const gb_option opts[] = {{"--out", OPT_STRING, &j.out, 0, 0},
                              {"--names", OPT_STRING, &names, 0, 0},
                              {"--force", OPT_FLAG, &force, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > MERGE_MAX_INPUTS + 6
                                ? (gb_fail(&err, "at most %d inputs", MERGE_MAX_INPUTS), OPTIONS_BAD)
                                : options_parse(argc, argv, opts, dirs, &j.count, &err);
    if (how == OPTIONS_OK && (j.count < 1 || !j.out))
        how = (gb_fail(&err, "expects one or more run folders and --out DIR"), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("merge", merge_usage, how, &err);
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
    return rc;
}
