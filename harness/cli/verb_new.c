/* verb_new.c: `gluebench new NAME [--c] [--dir ROOT]`: scaffolds a scenario
 * that builds and runs at once, with variants that agree.
 *
 * The templates live here, in this one file, rather than in a folder of
 * template files: the binary then scaffolds from any checkout (--dir) or
 * none, and a template cannot go missing or drift from the code that fills
 * it.  "@name@" in a template becomes the scenario's name, "@NAME@" its
 * upper-case form (header guards).  What each file holds and why is in
 * docs/adding-a-scenario.md. */
#include "gb_limits.h"
#include "options.h"
#include "paths.h"
#include "verbs.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
    "usage: gluebench new NAME [--c] [--dir ROOT]\n"
    "Scaffolds scenario NAME (a lowercase identifier) that builds and runs at once:\n"
    "  scenarios/NAME.lua      the manifest: a sweep over n, the variants, a chart, a finding\n"
    "  pyref/NAME.py           the input and two Python variants that agree\n"
    "  tests/py/test_NAME.py   the differential test (CTest py.NAME)\n"
    "  with --c also:\n"
    "  kernels/NAME.c, .h      the C kernel, with a C-only variant for the C worker\n"
    "  kernels/ext/NAME.c      the extension _gb_NAME, compiled together with kernels/NAME.c\n"
    "Then: make build && build/bin/gluebench check NAME.  See docs/adding-a-scenario.md.\n"
    "  --c         add the C kernel and its extension (and their variants)\n"
    "  --dir ROOT  scaffold into another checkout (default: this one)\n"
    "Exit codes: 0 written; 2 a bad or taken name, or bad usage; 3 a file could not be written.\n";

/* ---- templates ------------------------------------------------------------ */

static const char lua_head[] =
    "-- @name@: scaffolded by `gluebench new @name@`.  Make it yours: the question,\n"
    "-- the work in pyref/@name@.py, the sweep, the charts, the findings\n"
    "-- (docs/adding-a-scenario.md).\n"
    "scenario {\n"
    "  name = \"@name@\",\n"
    "  title = \"@name@: a scaffolded scenario\",\n"
    "  talk = \"000\",\n"
    "  question = \"What does one builtin call save over a plain loop for a sum of squares?\",\n"
    "  about = [[\n"
    "The sum of the squares of n integers below 1000 (an int answer, shown as\n"
    "its value).  Every variant computes the same sum.]],\n"
    "  params = { \"n\" },\n"
    "  items = \"n\",\n"
    "  sweep = {\n"
    "    smoke = { n = { 1000, 10000 } },\n"
    "    quick = { n = { 1000, 10000, 100000 } },\n"
    "    full  = { n = { 1000, 10000, 100000, 1000000 } },\n"
    "  },\n"
    "  baseline = \"py_loop\",\n"
    "  variants = {\n"
    "    variant { name = \"py_loop\", label = \"plain Python loop\", kind = \"python\",\n"
    "              entry = \"@name@:py_loop\", style = \"python\" },\n"
    "    variant { name = \"py_builtin\", label = \"sum() over a generator\", kind = \"python\",\n"
    "              entry = \"@name@:py_builtin\", style = \"builtin\" },\n";

static const char lua_c[] =
    "    variant { name = \"ext_batch\", label = \"C extension, one buffer\", kind = \"python\",\n"
    "              entry = \"@name@:ext_batch\", setup = \"@name@:make_array\", style = \"ext_batch\" },\n"
    "    variant { name = \"c_only\", label = \"C only\", kind = \"c\",\n"
    "              entry = \"@name@:sum_squares\", style = \"c\" },\n";

static const char lua_tail[] =
    "  },\n"
    "  charts = {\n"
    "    chart { id = \"ns_per_item\", type = \"lines\", x = \"n\", y = \"ns_per_item\",\n"
    "            logx = true, logy = true, title = \"Time per item against items per call\" },\n"
    "  },\n"
    "  findings = {\n"
    "    -- No expect: the report shows the ratio without a verdict.  State what\n"
    "    -- your source claims (expect = \"faster\", at_least = X), never the data.\n"
    "    finding { variant = \"py_builtin\", than = \"py_loop\", at = \"last\",\n"
    "              why = \"One builtin call drives the loop.\" },\n"
    "  },\n"
    "}\n";

static const char py_head[] =
    "\"\"\"@name@: a scaffolded scenario (`gluebench new @name@`).\n"
    "\n"
    "Every variant returns the sum of the squares of the same n integers, an\n"
    "int (compared exactly, shown as its value).  Replace the work with yours;\n"
    "keep every variant's answer equal to py_loop's.\n"
    "\"\"\"\n"
    "\n"
    "@imports@"
    "import gbinput\n"
    "@import_ext@"
    "\n"
    "\n"
    "def make_input(params, seed):\n"
    "    \"\"\"n integers in [0, 1000) from the shared splitmix64 (gb_prng.h).\"\"\"\n"
    "    rng = gbinput.Rng(seed)\n"
    "    return [rng.below(1000) for _ in range(params[\"n\"])]\n"
    "\n"
    "\n"
    "def py_loop(xs):\n"
    "    \"\"\"A plain loop: the reference every variant agrees with.\"\"\"\n"
    "    total = 0\n"
    "    for x in xs:\n"
    "        total += x * x\n"
    "    return total\n"
    "\n"
    "\n"
    "def py_builtin(xs):\n"
    "    \"\"\"One builtin call, sum(), over a generator.\"\"\"\n"
    "    return sum(x * x for x in xs)\n";

static const char py_c[] =
    "\n"
    "\n"
    "def make_array(params, seed):\n"
    "    \"\"\"The same integers as an array('q'): a buffer the extension reads.\"\"\"\n"
    "    return array.array(\"q\", make_input(params, seed))\n"
    "\n"
    "\n"
    "def ext_batch(buf):\n"
    "    \"\"\"The C kernel called once on the whole buffer (the buffer protocol).\"\"\"\n"
    "    return _gb_@name@.sum_squares(buf)\n";

static const char test_head[] =
    "\"\"\"Differential tests of the @name@ scenario: every variant against the\n"
    "plain loop on the same inputs, adversarial ones included.\"\"\"\n"
    "\n"
    "@imports@"
    "import unittest\n"
    "\n"
    "@import_ext@"
    "import @name@\n"
    "\n"
    "SIZES = (0, 1, 2, 17, 1000)\n"
    "\n"
    "\n"
    "def variants(n, seed):\n"
    "    \"\"\"(name, answer) of every fast variant on the input of (n, seed).\"\"\"\n"
    "    xs = @name@.make_input({\"n\": n}, seed)\n"
    "    out = [(\"py_builtin\", @name@.py_builtin(xs))]\n"
    "@variants_c@"
    "    return xs, out\n"
    "\n"
    "\n"
    "class ScenarioTest(unittest.TestCase):\n"
    "    def test_variants_agree_with_py_loop(self):\n"
    "        for n in SIZES:\n"
    "            for seed in (1, 2, 3):\n"
    "                xs, answers = variants(n, seed)\n"
    "                for name, answer in answers:\n"
    "                    self.assertEqual(answer, @name@.py_loop(xs), (name, n, seed))\n"
    "\n"
    "    def test_largest_values(self):\n"
    "        xs = [999] * 5000\n"
    "        self.assertEqual(@name@.py_builtin(xs), 999 * 999 * 5000)\n"
    "@tests_c@"
    "\n"
    "\n"
    "if __name__ == \"__main__\":\n"
    "    unittest.main()\n";

static const char test_variants_c[] =
    "    out.append((\"ext_batch\", @name@.ext_batch(@name@.make_array({\"n\": n}, seed))))\n";

static const char test_c[] =
    "        self.assertEqual(_gb_@name@.sum_squares(array.array(\"q\", xs)), 999 * 999 * 5000)\n"
    "\n"
    "    def test_c_input_matches_python(self):\n"
    "        lib = ctypes.CDLL(gbinput.kernel_library_path(\"@name@\"))\n"
    "        lib.gb_@name@_make_input.argtypes = [ctypes.c_size_t, ctypes.c_uint64]\n"
    "        lib.gb_@name@_make_input.restype = ctypes.POINTER(ctypes.c_int64)\n"
    "        for seed in (1, 2, 3):\n"
    "            ptr = lib.gb_@name@_make_input(100, seed)\n"
    "            try:\n"
    "                self.assertEqual(ptr[:100], @name@.make_input({\"n\": 100}, seed))\n"
    "            finally:\n"
    "                ctypes.CDLL(None).free(ptr)\n"
    "\n"
    "    def test_extension_rejects_other_buffers(self):\n"
    "        for bad in (array.array(\"d\", [1.0]), b\"12345678\", [1, 2]):\n"
    "            with self.assertRaises(TypeError):\n"
    "                _gb_@name@.sum_squares(bad)\n"
    "        self.assertEqual(_gb_@name@.sum_squares(memoryview(array.array(\"q\", [3, 4]))[1:]), 16)\n";

static const char kernel_h[] =
    "/* @name@.h: the kernel of the `@name@` scenario: a sum of squares.  The\n"
    " * extension (ext/@name@.c), the C worker and the tests (ctypes) call it. */\n"
    "#ifndef GB_@NAME@_H\n"
    "#define GB_@NAME@_H\n"
    "\n"
    "#include <stddef.h>\n"
    "#include <stdint.h>\n"
    "\n"
    "/* The sum of xs[i] * xs[i], left to right. */\n"
    "int64_t gb_@name@_sum_squares(const int64_t *xs, size_t n);\n"
    "\n"
    "/* n integers in [0, 1000), the same as pyref/@name@.py's make_input for the\n"
    " * seed; malloc'd (the caller frees it), NULL when out of memory. */\n"
    "int64_t *gb_@name@_make_input(size_t n, uint64_t seed);\n"
    "\n"
    "#endif\n";

static const char kernel_c[] =
    "/* @name@.c: the `@name@` scenario's C kernel and its C-only variant. */\n"
    "#include \"@name@.h\"\n"
    "\n"
    "#include \"gb_kernel.h\"\n"
    "#include \"gb_prng.h\"\n"
    "\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "\n"
    "int64_t gb_@name@_sum_squares(const int64_t *xs, size_t n)\n"
    "{\n"
    "    int64_t total = 0;\n"
    "    for (size_t i = 0; i < n; i++)\n"
    "        total += xs[i] * xs[i];\n"
    "    return total;\n"
    "}\n"
    "\n"
    "int64_t *gb_@name@_make_input(size_t n, uint64_t seed)\n"
    "{\n"
    "    int64_t *xs = malloc((n ? n : 1) * sizeof *xs);\n"
    "    gb_rng rng = gb_rng_new(seed);\n"
    "    for (size_t i = 0; xs && i < n; i++)\n"
    "        xs[i] = gb_rng_below(&rng, 1000);\n"
    "    return xs;\n"
    "}\n"
    "\n"
    "typedef struct input {\n"
    "    int64_t *xs;\n"
    "    size_t n;\n"
    "} input;\n"
    "\n"
    "static void *setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])\n"
    "{\n"
    "    input *in = malloc(sizeof *in);\n"
    "    in->n = in ? (size_t)gb_param(params, \"n\", 0) : 0;\n"
    "    if (in && !(in->xs = gb_@name@_make_input(in->n, seed))) {\n"
    "        free(in);\n"
    "        in = NULL;\n"
    "    }\n"
    "    if (!in)\n"
    "        snprintf(err, GB_ERR_LEN, \"out of memory\");\n"
    "    return in;\n"
    "}\n"
    "\n"
    "static gb_answer run(void *arg)\n"
    "{\n"
    "    const input *in = arg;\n"
    "    return gb_answer_int(gb_@name@_sum_squares(in->xs, in->n));\n"
    "}\n"
    "\n"
    "static void teardown(void *arg)\n"
    "{\n"
    "    input *in = arg;\n"
    "    free(in->xs);\n"
    "    free(in);\n"
    "}\n"
    "\n"
    "static const gb_cvariant variants[] = {\n"
    "    {\"sum_squares\", setup, run, teardown},\n"
    "    {NULL, NULL, NULL, NULL},\n"
    "};\n"
    "\n"
    "const gb_cvariant *gb_kernel_variants(void)\n"
    "{\n"
    "    return variants;\n"
    "}\n";

static const char ext_c[] =
    "/* _gb_@name@: the `@name@` kernel as a CPython extension, compiled together\n"
    " * with kernels/@name@.c.  Thin: convert the arguments, call the kernel.\n"
    " * sum_squares(buf) is batched: a buffer of int64 (array('q'), a memoryview\n"
    " * of one) read through the buffer protocol, the GIL released around the\n"
    " * C loop.  A per-item call would be METH_O (one object) or METH_FASTCALL\n"
    " * (several, no argument tuple). */\n"
    "#define PY_SSIZE_T_CLEAN\n"
    "#include <Python.h>\n"
    "\n"
    "#include \"@name@.h\"\n"
    "\n"
    "/* 1 when the view holds 64-bit signed integers ('q', or 'l' where a long is 8 bytes). */\n"
    "static int int64_format(const Py_buffer *view)\n"
    "{\n"
    "    if (view->itemsize != sizeof(int64_t) || !view->format)\n"
    "        return 0;\n"
    "    return strcmp(view->format, \"q\") == 0 || (strcmp(view->format, \"l\") == 0 && sizeof(long) == 8);\n"
    "}\n"
    "\n"
    "static PyObject *sum_squares(PyObject *self, PyObject *arg)\n"
    "{\n"
    "    (void)self;\n"
    "    Py_buffer view;\n"
    "    if (PyObject_GetBuffer(arg, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)\n"
    "        return NULL;\n"
    "    if (!int64_format(&view)) {\n"
    "        PyBuffer_Release(&view);\n"
    "        PyErr_SetString(PyExc_TypeError, \"sum_squares needs a contiguous buffer of int64\");\n"
    "        return NULL;\n"
    "    }\n"
    "    int64_t total;\n"
    "    Py_BEGIN_ALLOW_THREADS\n"
    "    total = gb_@name@_sum_squares(view.buf, (size_t)(view.len / view.itemsize));\n"
    "    Py_END_ALLOW_THREADS\n"
    "    PyBuffer_Release(&view);\n"
    "    return PyLong_FromLongLong(total);\n"
    "}\n"
    "\n"
    "static PyMethodDef methods[] = {\n"
    "    {\"sum_squares\", sum_squares, METH_O, \"sum_squares(buffer of int64) -> sum of squares.\"},\n"
    "    {NULL, NULL, 0, NULL},\n"
    "};\n"
    "\n"
    "static struct PyModuleDef module = {\n"
    "    PyModuleDef_HEAD_INIT, \"_gb_@name@\", \"The @name@ scenario's C kernel.\", -1, methods,\n"
    "    NULL, NULL, NULL, NULL,\n"
    "};\n"
    "\n"
    "PyMODINIT_FUNC PyInit__gb_@name@(void)\n"
    "{\n"
    "    return PyModule_Create(&module);\n"
    "}\n";

/* ---- filling and writing ---------------------------------------------------- */

typedef struct scaffold {
    char name[GB_NAME_LEN];
    char upper[GB_NAME_LEN];
    int with_c;
    char root[GB_PATH_LEN];
} scaffold;

/* Writes one template to f, replacing each @key@ by its value. */
static void fill(FILE *f, const char *tpl, const scaffold *s)
{
    const char *py_imports = s->with_c ? "import array\n\n" : "";
    const char *test_imports = s->with_c ? "import array\nimport ctypes\n" : "";
    struct { const char *key, *value; } keys[] = {
        {"@name@", s->name}, {"@NAME@", s->upper},
        {"@imports@", tpl == test_head ? test_imports : py_imports},
        {"@import_ext@", !s->with_c ? "" : tpl == test_head ? "import _gb_@name@\nimport gbinput\n"
                                                              : "\nimport _gb_@name@\n"},
        {"@variants_c@", s->with_c ? test_variants_c : ""},
        {"@tests_c@", s->with_c ? test_c : ""},
    };
    while (*tpl) {
        size_t k = 0, count = sizeof keys / sizeof keys[0];
        while (k < count && strncmp(tpl, keys[k].key, strlen(keys[k].key)) != 0)
            k++;
        if (k == count) {
            fputc(*tpl++, f);
            continue;
        }
        tpl += strlen(keys[k].key);
        if (k < 2)
            fputs(keys[k].value, f);
        else
            fill(f, keys[k].value, s);   /* a part may hold @name@ itself */
    }
}

typedef struct part {
    const char *path;     /* under the root; "@name@" filled in */
    const char *tpl[3];
    int c_only;
} part;

static const part parts[] = {
    {"scenarios/@name@.lua", {lua_head, NULL, lua_tail}, 0},
    {"pyref/@name@.py", {py_head, NULL, NULL}, 0},
    {"tests/py/test_@name@.py", {test_head, NULL, NULL}, 0},
    {"kernels/@name@.h", {kernel_h, NULL, NULL}, 1},
    {"kernels/@name@.c", {kernel_c, NULL, NULL}, 1},
    {"kernels/ext/@name@.c", {ext_c, NULL, NULL}, 1},
};

#define PART_COUNT (sizeof parts / sizeof parts[0])

static void part_path(const scaffold *s, const part *p, char *out, size_t cap)
{
    const char *at = strstr(p->path, "@name@");
    snprintf(out, cap, "%s/%.*s%s%s", s->root, (int)(at - p->path), p->path, s->name, at + 6);
}

/* The middle template of a part: the C variants when --c. */
static const char *part_middle(const part *p, const scaffold *s)
{
    if (!s->with_c)
        return NULL;
    return p->tpl[0] == lua_head ? lua_c : p->tpl[0] == py_head ? py_c : NULL;
}

static int write_part(const scaffold *s, const part *p, gb_error *err)
{
    char path[GB_PATH_LEN + 64], tmp[GB_PATH_LEN + 80];
    part_path(s, p, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return gb_fail(err, "%s: cannot write: %s", tmp, strerror(errno));
    fill(f, p->tpl[0], s);
    if (part_middle(p, s))
        fill(f, part_middle(p, s), s);
    if (p->tpl[2])
        fill(f, p->tpl[2], s);
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    }
    printf("  wrote %s\n", path);
    return 0;
}

/* ---- validation ------------------------------------------------------------ */

/* A name that is a Python keyword cannot be imported as a module. */
static int is_keyword(const char *name)
{
    static const char *const words[] = {
        "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield", NULL,
    };
    for (int i = 0; words[i]; i++)
        if (strcmp(name, words[i]) == 0)
            return 1;
    return 0;
}

/* 1 when pyref/NAME.py would shadow a standard-library module (`new json`
 * would break every import of json): the interpreter's own list. */
static int shadows_stdlib(const char *python, const char *name)
{
    pid_t pid = fork();
    if (pid == 0) {
        char code[GB_NAME_LEN + 80];
        snprintf(code, sizeof code, "import sys; sys.exit(%d if '%s' in sys.stdlib_module_names else 0)",
                 17, name);
        execl(python, python, "-I", "-c", code, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 17;
}

static int check_name(const char *name, const char *python, gb_error *err)
{
    size_t len = strlen(name);
    int ok = len > 0 && len < GB_NAME_LEN - 8 && islower((unsigned char)name[0]);
    for (size_t i = 0; ok && i < len; i++)
        ok = islower((unsigned char)name[i]) || isdigit((unsigned char)name[i]) || name[i] == '_';
    if (!ok)
        return gb_fail(err, "'%s' is not a lowercase identifier (a-z first, then a-z, 0-9 or _, "
                       "at most %d characters)", name, GB_NAME_LEN - 9);
    if (is_keyword(name))
        return gb_fail(err, "'%s' is a Python keyword: pyref/%s.py could not be imported", name, name);
    if (shadows_stdlib(python, name))
        return gb_fail(err, "'%s' is a standard-library module: pyref/%s.py would shadow it", name,
                       name);
    return 0;
}

/* Refuses a name any of whose files exists, before anything is written. */
static int check_free(const scaffold *s, gb_error *err)
{
    char path[GB_PATH_LEN + 64];
    for (size_t i = 0; i < PART_COUNT; i++) {
        part_path(s, &parts[i], path, sizeof path);
        if (access(path, F_OK) == 0)
            return gb_fail(err, "scenario '%s' exists: %s (choose another name)", s->name, path);
    }
    snprintf(path, sizeof path, "%s/scenarios", s->root);
    if (access(path, F_OK) != 0)
        return gb_fail(err, "%s: no scenarios/ folder: is %s a gluebench checkout?", path, s->root);
    return 0;
}

static int make_dirs(const scaffold *s, gb_error *err)
{
    static const char *const dirs[] = {"pyref", "tests", "tests/py", "kernels", "kernels/ext"};
    char path[GB_PATH_LEN + 32];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (!s->with_c && strncmp(dirs[i], "kernels", 7) == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", s->root, dirs[i]);
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return gb_fail(err, "%s: cannot create: %s", path, strerror(errno));
    }
    return 0;
}

static int scaffold_all(const scaffold *s, gb_error *err)
{
    if (check_free(s, err) != 0)
        return GB_EXIT_USAGE;
    if (make_dirs(s, err) != 0)
        return GB_EXIT_IO;
    printf("gluebench new: scenario %s%s in %s\n", s->name, s->with_c ? " with a C kernel" : "",
           s->root);
    for (size_t i = 0; i < PART_COUNT; i++)
        if ((!parts[i].c_only || s->with_c) && write_part(s, &parts[i], err) != 0)
            return GB_EXIT_IO;
    printf("next: make build && build/bin/gluebench check %s && (cd build && ctest -R 'py\\.%s|check\\.%s')\n"
           "then: docs/adding-a-scenario.md\n", s->name, s->name, s->name);
    return GB_EXIT_OK;
}

int verb_new(int argc, char **argv)
{
    scaffold s;
    gb_paths paths;
    gb_error err;
    const char *dir = NULL, *pos[2] = {NULL, NULL};
    const char **positional = calloc((size_t)argc + 1, sizeof *positional);
    int npos = 0;
    memset(&s, 0, sizeof s);
    const gb_option opts[] = {
        {"--c", OPT_FLAG, &s.with_c, 0, 0},
        {"--dir", OPT_STRING, &dir, 0, 0},
        {NULL, 0, NULL, 0, 0},
    };
    gb_options_result how = positional ? options_parse(argc, argv, opts, positional, &npos, &err)
                                       : (gb_fail(&err, "out of memory"), OPTIONS_BAD);
    if (how == OPTIONS_OK && npos != 1)
        how = (gb_fail(&err, "name one scenario (got %d names)", npos), OPTIONS_BAD);
    pos[0] = how == OPTIONS_OK ? positional[0] : NULL;
    free(positional);
    if (how != OPTIONS_OK)
        return verb_usage("new", usage, how, &err);
    /* The interpreter (for the standard-library check) and this checkout;
     * with --dir the other checkout need not hold a build. */
    if (paths_init(&paths, NULL, &err) != 0 && !dir)
        return verb_fail("new", GB_EXIT_USAGE, "%s", err.msg);
    snprintf(s.root, sizeof s.root, "%s", dir ? dir : paths.source_dir);
    if (check_name(pos[0], paths.python, &err) != 0)
        return verb_fail("new", GB_EXIT_USAGE, "%s", err.msg);
    snprintf(s.name, sizeof s.name, "%s", pos[0]);
    for (size_t i = 0; s.name[i]; i++)
        s.upper[i] = (char)toupper((unsigned char)s.name[i]);
    int rc = scaffold_all(&s, &err);
    return rc == GB_EXIT_OK ? rc : verb_fail("new", rc, "%s", err.msg);
}
