/* interpreters.c: probing CPython interpreters and building the extension
 * modules for them. */
#include "interpreters.h"

#include "clock.h"
#include "worker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#if !defined(GB_BINARY_DIR) || !defined(GB_CMAKE_COMMAND)
#error "GB_BINARY_DIR and GB_CMAKE_COMMAND must be defined by the build"
#endif

#define PROBE_TIMEOUT_S 20.0      /* a cold start from a slow disk included */
#define CONFIGURE_TIMEOUT_S 300.0
#define BUILD_TIMEOUT_S 900.0
#define PROBE_OUTPUT_CAP 8192
#define PROBE_MARK "gluebench-probe"
#define STAMP_FILE "gluebench-interpreter"  /* the base_prefix a build folder is for */
#define MAX_SAME_VERSION 9        /* folders "3.12.1", "3.12.1-2", ... */
#define DISCOVER_CANDIDATES 256

/* Runs with -E -S (no PYTHON* variables, no site), so what the harness
 * exports for its workers cannot change the answer; Python 2 can run it
 * too, so that it is reported as too old rather than as not Python. */
static const char probe_program[] =
    "import platform, sys, sysconfig\n"
    "v = sys.version_info\n"
    "sys.stdout.write('\\n'.join(['" PROBE_MARK "', platform.python_implementation(),\n"
    "    platform.python_version(), '%d %d' % (v[0], v[1]), getattr(sys, 'abiflags', ''),\n"
    "    sys.executable or '', getattr(sys, 'base_prefix', sys.prefix),\n"
    "    sysconfig.get_paths()['include'], sysconfig.get_config_var('EXT_SUFFIX') or ''])\n"
    "    + '\\n')\n";

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first executable file `name` in a PATH folder, into out. */
static int search_path(const char *name, char *out, size_t cap)
{
    const char *path = getenv("PATH");
    char cwd[GB_PATH_LEN];
    for (const char *dir = path ? path : ""; *dir;) {
        size_t len = strcspn(dir, ":");
        if (len == 0 && getcwd(cwd, sizeof cwd))
            snprintf(out, cap, "%s/%s", cwd, name); /* an empty entry is "." */
        else
            snprintf(out, cap, "%.*s/%s", (int)len, dir, name);
        if (is_file(out) && access(out, X_OK) == 0)
            return 0;
        dir += len + (dir[len] == ':');
    }
    return -1;
}

/* An absolute path for python without resolving links: a venv's
 * bin/python is a link to its base, and only its own path runs the venv. */
static int resolve(const char *python, char *out, size_t cap, gb_error *err)
{
    char cwd[GB_PATH_LEN];
    if (!*python)
        return gb_fail(err, "an empty interpreter name");
    if (!strchr(python, '/')) {
        if (search_path(python, out, cap) != 0)
            return gb_fail(err, "%s: not found on PATH", python);
    } else if (python[0] != '/' && getcwd(cwd, sizeof cwd))
        snprintf(out, cap, "%s/%s", cwd, python);
    else
        snprintf(out, cap, "%s", python);
    if (!is_file(out))
        return gb_fail(err, "%s: not found", python);
    if (access(out, X_OK) != 0)
        return gb_fail(err, "%s: not executable", python);
    return 0;
}

/* The line of what fd (a temporary file) holds that says most: the last
 * one of a Python traceback (the exception), else the first one (a
 * launcher's or the kernel's complaint). */
static void telling_line(int fd, char *out, size_t cap)
{
    char buf[4096];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    char *line = buf + strspn(buf, "\n");
    if (strncmp(line, "Traceback", 9) == 0 && strrchr(line, '\n'))
        line = strrchr(line, '\n') + 1;
    snprintf(out, cap, "%.*s", (int)strcspn(line, "\n"), line);
}

/* Reads w's stdout to its end, at most cap - 1 bytes kept, until deadline. */
static gb_read_status read_all(gb_worker *w, char *buf, size_t cap, double deadline)
{
    size_t len = 0, got;
    char chunk[4096];
    gb_read_status st;
    while ((st = worker_read_chunk(w, chunk, sizeof chunk, &got, deadline - clock_now_s())) ==
           GB_READ_OK) {
        size_t keep = got < cap - 1 - len ? got : cap - 1 - len;
        memcpy(buf + len, chunk, keep);
        len += keep;
    }
    buf[len] = '\0';
    return st;
}

/* Why a finished probe gave no answer, into err; 0 if it did. */
static int probe_outcome(const char *exe, gb_read_status st, const gb_exit *ex, int err_fd,
                         const char *output, gb_error *err)
{
    char text[128], line[512];
    if (st == GB_READ_TIMEOUT)
        return gb_fail(err, "%s: no answer from the probe within %.0f s", exe, PROBE_TIMEOUT_S);
    if (st == GB_READ_INTERRUPTED)
        return gb_fail(err, "%s: interrupted", exe);
    if (ex->signaled || ex->code != 0) {
        worker_exit_text(ex, text, sizeof text);
        telling_line(err_fd, line, sizeof line);
        return gb_fail(err, "%s: not a Python interpreter the probe could run (%s%s%s)", exe,
                       text, *line ? ": " : "", line);
    }
    if (strncmp(output, PROBE_MARK "\n", sizeof PROBE_MARK) != 0)
        return gb_fail(err, "%s: not a Python interpreter (the probe printed no answer)", exe);
    return 0;
}

/* Copies the next line of *text into out; 0, or -1 when there is none. */
static int next_line(char **text, char *out, size_t cap)
{
    char *nl = strchr(*text, '\n');
    if (!nl)
        return -1;
    snprintf(out, cap, "%.*s", (int)(nl - *text), *text);
    *text = nl + 1;
    return 0;
}

/* The probe's answer: one field a line, in probe_program's order. */
static int parse_probe(char *output, const char *exe, gb_interp_probe *p, gb_error *err)
{
    char mark[32], numbers[32], inc[GB_PATH_LEN + 16];
    char *at = output;
    memset(p, 0, sizeof *p);
    if (next_line(&at, mark, sizeof mark) || next_line(&at, p->implementation, sizeof p->implementation) ||
        next_line(&at, p->version, sizeof p->version) || next_line(&at, numbers, sizeof numbers) ||
        next_line(&at, p->abiflags, sizeof p->abiflags) ||
        next_line(&at, p->executable, sizeof p->executable) ||
        next_line(&at, p->base_prefix, sizeof p->base_prefix) ||
        next_line(&at, p->include_dir, sizeof p->include_dir) ||
        next_line(&at, p->ext_suffix, sizeof p->ext_suffix) ||
        sscanf(numbers, "%d %d", &p->major, &p->minor) != 2)
        return gb_fail(err, "%s: the probe's answer is incomplete", exe);
    /* sys.executable may be empty or relative in an embedded or odd setup. */
    if (p->executable[0] != '/' || !is_file(p->executable))
        snprintf(p->executable, sizeof p->executable, "%s", exe);
    snprintf(inc, sizeof inc, "%s/Python.h", p->include_dir);
    p->has_headers = is_file(inc);
    return 0;
}

int interp_probe(const char *python, gb_interp_probe *out, gb_error *err)
{
    char exe[GB_PATH_LEN], output[PROBE_OUTPUT_CAP];
    if (resolve(python, exe, sizeof exe, err) != 0)
        return -1;
    FILE *errors = tmpfile();
    if (!errors)
        return gb_fail(err, "cannot create a temporary file: %s", strerror(errno));
    char *argv[] = {exe, "-E", "-S", "-c", (char *)probe_program, NULL};
    gb_worker w;
    gb_exit ex;
    int rc = worker_start(&w, argv, fileno(errors), 0, err);
    if (rc == 0) {
        worker_close_input(&w);
        gb_read_status st = read_all(&w, output, sizeof output, clock_now_s() + PROBE_TIMEOUT_S);
        worker_finish(&w, st == GB_READ_CLOSED ? 2.0 : 0.0, &ex);
        rc = probe_outcome(exe, st, &ex, fileno(errors), output, err);
    }
    if (rc == 0)
        rc = parse_probe(output, exe, out, err);
    fclose(errors);
    return rc;
}

static int new_enough(const gb_interp_probe *p)
{
    return p->major > GB_INTERP_MIN_MAJOR ||
           (p->major == GB_INTERP_MIN_MAJOR && p->minor >= GB_INTERP_MIN_MINOR);
}

static int cpython_new_enough(const gb_interp_probe *p)
{
    return strcmp(p->implementation, "CPython") == 0 && new_enough(p);
}

int interp_check(const gb_interp_probe *p, gb_error *err)
{
    if (strcmp(p->implementation, "CPython") != 0)
        return gb_fail(err, "%s: %s %s is not CPython (the extension modules use CPython's C API)",
                       p->executable, p->implementation, p->version);
    if (!new_enough(p))
        return gb_fail(err, "%s: Python %s is too old (gluebench needs CPython >= %d.%d)",
                       p->executable, p->version, GB_INTERP_MIN_MAJOR, GB_INTERP_MIN_MINOR);
    if (!p->has_headers)
        return gb_fail(err, "%s: no Python.h in %s (on Debian, install python%d.%d-dev)",
                       p->executable, p->include_dir, p->major, p->minor);
    return 0;
}

/* A venv and its base, or the same install reached by two paths. */
static int same_interpreter(const gb_interp_probe *a, const gb_interp_probe *b)
{
    return strcmp(a->base_prefix, b->base_prefix) == 0 && strcmp(a->version, b->version) == 0 &&
           strcmp(a->abiflags, b->abiflags) == 0;
}

/* ---- building ---------------------------------------------------------- */

/* Runs argv with its stdout and stderr appended to log_fd; 0, or -1 with
 * why (the exit, a timeout, an interruption) in why. */
static int run_step(char *const argv[], int log_fd, double timeout_s, char *why, size_t cap)
{
    gb_worker w;
    gb_exit ex;
    gb_error err;
    char chunk[16384];
    size_t got;
    gb_read_status st;
    double deadline = clock_now_s() + timeout_s;
    if (worker_start(&w, argv, log_fd, 0, &err) != 0)
        return snprintf(why, cap, "%s", err.msg), -1;
    worker_close_input(&w);
    while ((st = worker_read_chunk(&w, chunk, sizeof chunk, &got, deadline - clock_now_s())) ==
           GB_READ_OK)
        if (write(log_fd, chunk, got) != (ssize_t)got)
            break; /* a full disk: the exit status still says how the step went */
    worker_finish(&w, st == GB_READ_CLOSED ? deadline - clock_now_s() : 0.0, &ex);
    if (st == GB_READ_INTERRUPTED)
        return snprintf(why, cap, "interrupted"), -1;
    if (st == GB_READ_TIMEOUT || ex.killed_by_us)
        return snprintf(why, cap, "no end within %.0f s", timeout_s), -1;
    if (ex.signaled || ex.code != 0)
        return worker_exit_text(&ex, why, cap), -1;
    return 0;
}

/* Configures (again: cheap, and it follows a changed executable path) and
 * builds dir for p; output into dir/build.log. */
static int build_extensions(const gb_interp_probe *p, const gb_paths *paths, const char *dir,
                            gb_error *err)
{
    char log_path[GB_PATH_LEN + 16], why[256], exe_def[GB_PATH_LEN + 32];
    snprintf(log_path, sizeof log_path, "%s/build.log", dir);
    int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (log_fd < 0)
        return gb_fail(err, "%s: cannot write: %s", log_path, strerror(errno));
    snprintf(exe_def, sizeof exe_def, "-DPython3_EXECUTABLE=%s", p->executable);
    char *configure[] = {GB_CMAKE_COMMAND, "-S", (char *)paths->source_dir, "-B", (char *)dir,
                         "-DGB_EXTENSIONS_ONLY=ON", exe_def, "-DCMAKE_BUILD_TYPE=Release", NULL};
    char *build[] = {GB_CMAKE_COMMAND, "--build", (char *)dir, "-j", "2", NULL};
    int rc = 0;
    dprintf(log_fd, "gluebench: configuring for %s\n", p->executable);
    if (run_step(configure, log_fd, CONFIGURE_TIMEOUT_S, why, sizeof why) != 0)
        rc = gb_fail(err, "%s: configuring its extension modules failed (%s; see %s)",
                     p->executable, why, log_path);
    if (rc == 0 && run_step(build, log_fd, BUILD_TIMEOUT_S, why, sizeof why) != 0)
        rc = gb_fail(err, "%s: building its extension modules failed (%s; see %s)", p->executable,
                     why, log_path);
    close(log_fd);
    return rc;
}

/* 1 if dir/STAMP_FILE names base_prefix, 0 if it names another, -1 if
 * there is none yet. */
static int stamp_matches(const char *dir, const char *base_prefix)
{
    char path[GB_PATH_LEN + 32], line[GB_PATH_LEN + 2];
    snprintf(path, sizeof path, "%s/" STAMP_FILE, dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int found = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    return found && strcmp(line, base_prefix) == 0;
}

static int write_stamp(const char *dir, const char *base_prefix, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    snprintf(path, sizeof path, "%s/" STAMP_FILE, dir);
    FILE *f = fopen(path, "w");
    if (!f || fprintf(f, "%s\n", base_prefix) < 0 || fclose(f) != 0)
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}

/* Opens and locks dir/.lock (a second gluebench preparing the same
 * interpreter waits for the first one's build); the fd, or -1 with err. */
static int lock_folder(const char *dir, gb_error *err)
{
    char path[GB_PATH_LEN + 16];
    snprintf(path, sizeof path, "%s/.lock", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return gb_fail(err, "%s: cannot open: %s", path, strerror(errno));
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR) {
            close(fd);
            return gb_fail(err, "%s: cannot lock: %s", path, strerror(errno));
        }
    return fd;
}

static int make_dir(const char *dir, gb_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gb_fail(err, "%s: cannot create: %s", dir, strerror(errno));
    return 0;
}

/* Claims the build folder for p: <build>/python/<version><abiflags>, or
 * "-2", "-3", ... when another install of that version holds it (or, as
 * `reserved`, the harness's own interpreter has that name).  Fills name
 * and dir; returns the locked folder's fd, or -1 with err. */
static int claim_folder(const gb_interp_probe *p, const char *reserved, char *name, size_t name_cap,
                        char *dir, size_t dir_cap, gb_error *err)
{
    char root[GB_PATH_LEN];
    snprintf(root, sizeof root, "%s/python", GB_BINARY_DIR);
    if (make_dir(root, err) != 0)
        return -1;
    for (int k = 1; k <= MAX_SAME_VERSION; k++) {
        snprintf(name, name_cap, k == 1 ? "%s%s" : "%s%s-%d", p->version, p->abiflags, k);
        if (strcmp(name, reserved) == 0)
            continue;
        snprintf(dir, dir_cap, "%s/%s", root, name);
        int fd = make_dir(dir, err) == 0 ? lock_folder(dir, err) : -1;
        if (fd < 0)
            return -1;
        int match = stamp_matches(dir, p->base_prefix);
        if (match == 1 || (match < 0 && write_stamp(dir, p->base_prefix, err) == 0))
            return fd;
        close(fd);
        if (match < 0)
            return -1; /* the stamp could not be written */
    }
    return gb_fail(err, "%s: more than %d installs of Python %s", p->executable, MAX_SAME_VERSION,
                   p->version);
}

/* The extension modules of p in ext_dir: _gb_count, which every build has. */
static int check_built(const gb_interp_probe *p, const char *ext_dir, const char *what,
                       gb_error *err)
{
    char path[GB_PATH_LEN + 96];
    snprintf(path, sizeof path, "%s/_gb_count%s", ext_dir, p->ext_suffix);
    if (!is_file(path))
        return gb_fail(err, "%s: no %s (%s)", p->executable, path, what);
    return 0;
}

static void fill(gb_interp *out, const gb_interp_probe *p, const char *name, const char *ext_dir)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", name);
    snprintf(out->executable, sizeof out->executable, "%s", p->executable);
    snprintf(out->base_prefix, sizeof out->base_prefix, "%s", p->base_prefix);
    snprintf(out->ext_dir, sizeof out->ext_dir, "%s", ext_dir);
    out->major = p->major;
    out->minor = p->minor;
}

int interp_prepare(const char *python, const gb_paths *paths, gb_interp *out, gb_error *err)
{
    gb_interp_probe p, own;
    char name[32], dir[GB_PATH_LEN], ext_dir[GB_PATH_LEN + 8], own_name[48] = "";
    if (interp_probe(python, &p, err) != 0 || interp_check(&p, err) != 0)
        return -1;
    if (interp_probe(paths->python, &own, NULL) == 0) {
        snprintf(own_name, sizeof own_name, "%s%s", own.version, own.abiflags);
        if (same_interpreter(&p, &own)) {
            if (check_built(&p, paths->ext_dir, "the harness's own build: run make build", err))
                return -1;
            fill(out, &p, own_name, paths->ext_dir);
            return 0;
        }
    }
    int lock = claim_folder(&p, own_name, name, sizeof name, dir, sizeof dir, err);
    if (lock < 0)
        return -1;
    int rc = build_extensions(&p, paths, dir, err);
    snprintf(ext_dir, sizeof ext_dir, "%s/ext", dir);
    if (rc == 0)
        rc = check_built(&p, ext_dir, "the build made no module", err);
    close(lock);
    if (rc == 0)
        fill(out, &p, name, ext_dir);
    return rc;
}

/* ---- discovery --------------------------------------------------------- */

/* python3.N with N >= GB_INTERP_MIN_MINOR, nothing after it. */
static int wanted_name(const char *name)
{
    char *end;
    if (strncmp(name, "python3.", 8) != 0 || name[8] < '0' || name[8] > '9')
        return 0;
    long minor = strtol(name + 8, &end, 10);
    return *end == '\0' && minor >= GB_INTERP_MIN_MINOR;
}

typedef struct candidates {
    char (*paths)[GB_PATH_LEN];
    int count, cap;
} candidates;

/* Adds dir's wanted names, each real file once (/bin may be /usr/bin). */
static void add_folder(candidates *c, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[GB_PATH_LEN], real[PATH_MAX], other[PATH_MAX];
    while (d && (e = readdir(d)) != NULL && c->count < c->cap) {
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!wanted_name(e->d_name) || !realpath(path, real) || access(path, X_OK) != 0)
            continue;
        int seen = 0;
        for (int i = 0; i < c->count && !seen; i++)
            seen = realpath(c->paths[i], other) && strcmp(other, real) == 0;
        if (!seen)
            snprintf(c->paths[c->count++], GB_PATH_LEN, "%s", path);
    }
    if (d)
        closedir(d);
}

static void add_path_folders(candidates *c)
{
    const char *path = getenv("PATH");
    char dir[GB_PATH_LEN];
    for (const char *at = path ? path : ""; *at;) {
        size_t len = strcspn(at, ":");
        snprintf(dir, sizeof dir, "%.*s", (int)(len ? len : 1), len ? at : ".");
        add_folder(c, dir);
        at += len + (at[len] == ':');
    }
}

static void add_pyenv_folders(candidates *c)
{
    const char *root = getenv("PYENV_ROOT"), *home = getenv("HOME");
    char versions[GB_PATH_LEN], bin[GB_PATH_LEN + 300];
    if (root && *root)
        snprintf(versions, sizeof versions, "%s/versions", root);
    else if (home && *home)
        snprintf(versions, sizeof versions, "%s/.pyenv/versions", home);
    else
        return;
    DIR *d = opendir(versions);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            snprintf(bin, sizeof bin, "%s/%s/bin", versions, e->d_name);
            add_folder(c, bin);
        }
    if (d)
        closedir(d);
}

/* Orders by version (numerically: strverscmp), then by path. */
static int compare_probes(const void *pa, const void *pb)
{
    const gb_interp_probe *a = pa, *b = pb;
    int v = strverscmp(a->version, b->version);
    return v ? v : strcmp(a->executable, b->executable);
}

int interp_discover(gb_interp_probe *out, int cap)
{
    candidates c = {calloc(DISCOVER_CANDIDATES, GB_PATH_LEN), 0, DISCOVER_CANDIDATES};
    int n = 0;
    if (!c.paths)
        return 0;
    add_path_folders(&c);
    add_folder(&c, "/usr/bin");
    add_folder(&c, "/usr/local/bin");
    add_pyenv_folders(&c);
    for (int i = 0; i < c.count && n < cap; i++) {
        if (interp_probe(c.paths[i], &out[n], NULL) != 0 || !cpython_new_enough(&out[n]))
            continue;
        int dup = 0;
        for (int j = 0; j < n && !dup; j++)
            dup = same_interpreter(&out[j], &out[n]);
        n += !dup;
    }
    free(c.paths);
    qsort(out, (size_t)n, sizeof *out, compare_probes);
    return n;
}
