/* test_manifest.c: the manifest loader, on a valid manifest and on one
 * broken manifest per kind of mistake; each error must name the file, the
 * line and what is wrong. */
#include "entries.h"
#include "gbtest.h"
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef GB_TEST_DIR
#error "GB_TEST_DIR must point at tests/"
#endif

/* The broken manifests are good.lua with one mistake each, written to a
 * temporary folder by the test that needs them, so each test shows its
 * mistake and no fixture file repeats the valid one. */
static char scratch[] = "/tmp/gbtest-manifest-XXXXXX";
static int scratch_made;

static char *read_good(void)
{
    static char text[8192];
    FILE *f = fopen(GB_TEST_DIR "/manifests/good.lua", "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    return text;
}

/* Writes <scratch>/<name>.lua: good.lua with the first `from` replaced by
 * `to`, and the scenario renamed `name` (as the loader requires). */
static void write_variant(const char *name, const char *from, const char *to)
{
    char path[256], renamed[64];
    const char *good = read_good();
    const char *at = strstr(good, from);
    const char *name_at = strstr(good, "name = \"good\"");
    CHECK(at != NULL && name_at != NULL);
    if (!at || !name_at)
        return;
    if (!scratch_made)
        CHECK((scratch_made = mkdtemp(scratch) != NULL));
    snprintf(path, sizeof path, "%s/%s.lua", scratch, name);
    snprintf(renamed, sizeof renamed, "name = \"%s\"", name);
    FILE *f = fopen(path, "w");
    for (const char *p = good; f && *p;) {
        if (p == at) {
            fputs(to, f);
            p += strlen(from);
        } else if (p == name_at && at != name_at) {
            fputs(renamed, f);
            p += strlen("name = \"good\"");
        } else
            fputc(*p++, f);
    }
    if (f)
        fclose(f);
}

/* Loads a manifest expected to fail: a fixture (tests/manifests/<name>.lua)
 * or one write_variant made; returns the message. */
static const char *load_error_from(const char *dir, const char *name)
{
    static gb_error err;
    char path[1024];
    gb_manifest m;
    snprintf(path, sizeof path, "%s/%s.lua", dir, name);
    err.msg[0] = '\0';
    if (manifest_load(path, &m, &err) == 0) {
        manifest_free(&m);
        return "(loaded without error)";
    }
    fprintf(stderr, "%s -> %s\n", name, err.msg);
    return err.msg;
}

static const char *load_error(const char *name)
{
    return load_error_from(GB_TEST_DIR "/manifests", name);
}

/* good.lua with one mistake, loaded: the error message. */
static const char *mistake(const char *name, const char *from, const char *to)
{
    write_variant(name, from, to);
    return load_error_from(scratch, name);
}

#define FIRST_LINE "-- A valid manifest: the reference the error cases are cut from."

GB_TEST(manifest_good)
{
    gb_manifest m;
    gb_error err;
    CHECK(manifest_load(GB_TEST_DIR "/manifests/good.lua", &m, &err) == 0);
    CHECK(strcmp(m.name, "good") == 0 && strcmp(m.baseline, "py") == 0);
    CHECK(m.param_count == 2 && m.variant_count == 2 && m.chart_count == 1);
    CHECK(m.finding_count == 1 && m.findings[0].at_last == 0 && m.findings[0].at.count == 2);
    CHECK_NEAR(m.tolerance, 1e-6, 1e-12);
    CHECK_NEAR(m.timeout, 5, 0);
    CHECK(strcmp(m.variants[0].setup, "good:make_input") == 0);
    CHECK(m.variants[1].kind == GB_KIND_C && m.variants[1].line == 19);
    CHECK(manifest_point_count(&m, GB_PROFILE_QUICK) == 6);
    CHECK(manifest_point_count(&m, GB_PROFILE_FULL) == 6); /* full defaults to quick */
    gb_bindings p;
    manifest_point(&m, GB_PROFILE_QUICK, 3, &p); /* n varies slowest */
    CHECK(p.values[0] == 100 && p.values[1] == 8);
    CHECK(manifest_variant_applies(&m.variants[1], &p));
    manifest_point(&m, GB_PROFILE_QUICK, 5, &p);
    CHECK(!manifest_variant_applies(&m.variants[1], &p));
    manifest_free(&m);
}

GB_TEST(manifest_syntax_error)
{
    const char *msg = mistake("syntax_error", "    quick = { n = { 10, 100, 1000 }, batch = { 1, 8 } },", "    quick = { n = { 10, 100, 1000 } batch = { 1, 8 } },");
    CHECK_CONTAINS(msg, "syntax_error.lua:12:");
    CHECK_CONTAINS(msg, "'}' expected");
}

GB_TEST(manifest_missing_field)
{
    const char *msg = mistake("missing_field", "  baseline = \"py\",\n", "");
    CHECK_CONTAINS(msg, "missing_field.lua:2: scenario: missing field 'baseline'");
}

GB_TEST(manifest_wrong_type)
{
    const char *msg = mistake("wrong_type", "  title = \"A valid manifest\",", "  title = 42,");
    CHECK_CONTAINS(msg, "wrong_type.lua:2: scenario: field 'title' must be a string, not number");
}

GB_TEST(manifest_unknown_kind)
{
    const char *msg = mistake("unknown_kind", "kind = \"c\", entry", "kind = \"rust\", entry");
    CHECK_CONTAINS(msg, "unknown_kind.lua:19: variant 'c': field 'kind' must be");
    CHECK_CONTAINS(msg, "not \"rust\"");
}

GB_TEST(manifest_duplicate_variant)
{
    const char *msg = mistake("duplicate_variant", "variant { name = \"c\", label = \"C\"", "variant { name = \"py\", label = \"C\"");
    CHECK_CONTAINS(msg, "duplicate_variant.lua:19:");
    CHECK_CONTAINS(msg, "duplicate variant 'py' (first at line 18)");
}

GB_TEST(manifest_endless_loop)
{
    const char *msg = mistake("endless_loop", FIRST_LINE, "local i = 0\nwhile true do i = i + 1 end");
    CHECK_CONTAINS(msg, "endless_loop.lua:2: instruction budget");
    CHECK_CONTAINS(msg, "endless loop");
}

GB_TEST(manifest_unknown_field)
{
    CHECK_CONTAINS(mistake("unknown_field", "  talk = \"000\",", "  talk = \"000\", titel = \"typo\","), "unknown_field.lua:2: scenario: unknown field 'titel'");
}

GB_TEST(manifest_no_io)
{
    const char *msg = mistake("no_io", FIRST_LINE, "local f = io.open(\"/etc/passwd\")");
    CHECK_CONTAINS(msg, "no_io.lua:1:");
    CHECK_CONTAINS(msg, "global 'io'");
}

GB_TEST(manifest_no_load)
{
    CHECK_CONTAINS(mistake("no_load", FIRST_LINE, "load(\"x = 1\")()"), "global 'load'");
}

GB_TEST(manifest_memory_cap)
{
    CHECK_CONTAINS(mistake("memory_cap", FIRST_LINE, "local big = string.rep(\"x\", 64 * 1024 * 1024)"), "memory_cap.lua:1: string.rep: the result would be over 16 MiB");
    /* A cap reached by many small allocations: Lua's bare "not enough
     * memory" comes back with the file's name. */
    const char *msg = mistake("memory_cap_table", FIRST_LINE,
                              "local t = {} for i = 1, 1e6 do t[i] = string.rep(\"y\", 1000) .. i end");
    CHECK_CONTAINS(msg, "memory_cap_table.lua: the manifest needs more than the 16 MiB it may use");
}

/* Each hazard ends well within 2 s and names the file. */
static const char *timed_mistake(const char *name, const char *code, double *seconds)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *msg = mistake(name, FIRST_LINE, code);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    return msg;
}

GB_TEST(manifest_hang_rep_empty)
{
    double s;
    const char *msg = timed_mistake("hang_rep", "local s = string.rep(\"\", 1 << 60)\nlocal t = (\"\"):rep(1 << 60, \"\")", &s);
    CHECK(s < 2.0);
    /* An empty result costs nothing: the guard returns it at once, and the
     * manifest goes on to its next error-free line. */
    CHECK_CONTAINS(msg, "(loaded without error)");
    msg = timed_mistake("hang_rep_sep", "local s = string.rep(\"\", 1 << 40, \"ab\")", &s);
    CHECK(s < 2.0);
    CHECK_CONTAINS(msg, "hang_rep_sep.lua:1: string.rep: the result would be over 16 MiB");
}

GB_TEST(manifest_hang_backtracking)
{
    double s;
    const char *msg = timed_mistake("hang_find", "local s = string.rep(\"a\", 60)\n"
                                    "local i = string.find(s, \".-.-.-.-.-.-.-.-.-.-.-.-b\")", &s);
    CHECK(s < 2.0);
    CHECK_CONTAINS(msg, "hang_find.lua: the manifest did not finish within");
}

GB_TEST(manifest_hang_concat)
{
    double s;
    const char *msg = timed_mistake("hang_concat", "local s = \"\"\nfor i = 1, 1e7 do s = s .. \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" .. i if #s > 4e6 then s = \"\" .. s:sub(2) end end", &s);
    CHECK(s < 2.0);
    CHECK_CONTAINS(msg, "hang_concat.lua:");
}

GB_TEST(manifest_binary_chunk)
{
    CHECK_CONTAINS(mistake("binary_chunk", FIRST_LINE, "\x1bLua\x54\x00"), "binary_chunk.lua: attempt to load a binary chunk");
}

GB_TEST(manifest_error_level_zero)
{
    CHECK_CONTAINS(mistake("error_zero", FIRST_LINE, "error(\"plain\", 0)"), "error_zero.lua: plain");
    CHECK_CONTAINS(mistake("error_table", FIRST_LINE, "error({})"), "error_table.lua: the manifest raised an error that is a table");
}

GB_TEST(manifest_size_cap)
{
    char path[256];
    CHECK(load_error("good")[0] == '(');
    write_variant("huge", FIRST_LINE, FIRST_LINE);
    snprintf(path, sizeof path, "%s/huge.lua", scratch);
    FILE *f = fopen(path, "a");
    for (int i = 0; f && i < 20000; i++) /* 20000 lines of 64 bytes: over 1 MiB */
        fputs("-- padding padding padding padding padding padding padding pad\n", f);
    if (f)
        fclose(f);
    CHECK_CONTAINS(load_error_from(scratch, "huge"), "huge.lua: the manifest is ");
    CHECK_CONTAINS(load_error_from(scratch, "huge"), "over the cap of 1024 KiB");
    gb_manifest m;
    gb_error err;
    CHECK(manifest_load("/dev/zero", &m, &err) == -1); /* never read: it has no end */
    CHECK_CONTAINS(err.msg, "/dev/zero: the manifest is not a regular file");
}

GB_TEST(manifest_point_overflow)
{
    /* 65,536 x 65,536 points: 2^32, which wraps a 32-bit count to 0. */
    const char *msg = mistake("point_overflow", "    quick = { n = { 10, 100, 1000 }, batch = { 1, 8 } },",
                              "    quick = { n = (function() local t = {} for i = 1, 65536 do t[i] = i end return t end)(),"
                              " batch = (function() local t = {} for i = 1, 65536 do t[i] = i end return t end)() },");
    CHECK_CONTAINS(msg, "point_overflow.lua:");
    CHECK_CONTAINS(msg, "the quick sweep has more than 100000 points");
}

GB_TEST(manifest_string_number)
{
    CHECK_CONTAINS(mistake("string_number", "n = { 10, 100 }, batch", "n = { 10, \"1000\" }, batch"), "field 'sweep.smoke.n' must be an integer, not a string");
}

GB_TEST(manifest_nonpositive)
{
    CHECK_CONTAINS(mistake("zero_size", "n = { 10, 100 }, batch", "n = { 0, 100 }, batch"), "field 'sweep.smoke.n' has 0: values must be at least 1");
    CHECK_CONTAINS(mistake("negative_size", "n = { 10, 100 }, batch", "n = { -5, 100 }, batch"), "field 'sweep.smoke.n' has -5: values must be at least 1");
    CHECK_CONTAINS(mistake("zero_ok", "  items = \"n\",\n  sweep = {\n    smoke = { n = { 10, 100 }",
                           "  items = \"n\", may_be_zero = { \"n\" },\n  sweep = {\n    smoke = { n = { 0, 100 }"), "(loaded");
}

GB_TEST(manifest_bad_sweep)
{
    CHECK_CONTAINS(mistake("bad_sweep", "n = { 10, 100 }, batch", "n = { 10, 1.5 }, batch"), "field 'sweep.smoke.n' must be an integer, not a float 1.5");
}

GB_TEST(manifest_unknown_baseline)
{
    CHECK_CONTAINS(mistake("unknown_baseline", "  baseline = \"py\",", "  baseline = \"pypy\","), "field 'baseline' names no variant: 'pypy'");
}

GB_TEST(manifest_name_mismatch)
{
    CHECK_CONTAINS(mistake("name_mismatch", "name = \"good\"", "name = \"other\""), "scenario name 'other' does not match the file name 'name_mismatch'");
}

GB_TEST(manifest_plain_table)
{
    CHECK_CONTAINS(mistake("plain_table", "variant { name = \"c\", label = \"C\", kind = \"c\", entry = \"good:c\", limit = { n = 100 } },", "{ name = \"c\", label = \"C\", kind = \"c\", entry = \"good:c\" },"), "entry 2 of 'variants' must be written variant { ... }");
}

GB_TEST(manifest_bad_entry)
{
    CHECK_CONTAINS(mistake("bad_entry", "entry = \"good:py\"", "entry = \"good.py\""), "variant 'py': field 'entry' must be \"module:function\"");
}

GB_TEST(manifest_no_scenario)
{
    CHECK_CONTAINS(load_error("no_scenario"), "never calls scenario");
}

GB_TEST(manifest_missing_file)
{
    CHECK_CONTAINS(load_error("does_not_exist"), "does_not_exist.lua: cannot open");
}

/* ---- entry checks at load time (entries.h) ----------------------------- */

/* good.lua with one change, loaded, then checked against the project's
 * built kernels and plots and a scratch Python module good.py. */
static const char *entry_error(const char *name, const char *from, const char *to)
{
    static gb_error err;
    char path[1024];
    gb_paths paths;
    gb_manifest m;
    write_variant(name, from, to);
    snprintf(path, sizeof path, "%s/good.py", scratch);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("from os import (sep,\n    path as ospath)\n\n\ndef make_input(params, seed):\n"
              "    return params\n\n\ndef py(x):\n    def inner():\n        pass\n    return x\n",
              f);
        fclose(f);
    }
    CHECK(paths_init(&paths, NULL, &err) == 0);
    snprintf(paths.pythonpath, sizeof paths.pythonpath, "/nonexistent:%s", scratch);
    snprintf(path, sizeof path, "%s/%s.lua", scratch, name);
    if (manifest_load(path, &m, &err) != 0)
        return err.msg;
    int rc = entries_check(&m, &paths, &err);
    manifest_free(&m);
    fprintf(stderr, "%s -> %s\n", name, rc ? err.msg : "(resolves)");
    return rc ? err.msg : "(resolves)";
}

#define C_GOOD "kind = \"c\", entry = \"good:c\""

GB_TEST(entries_resolve)
{
    CHECK_CONTAINS(entry_error("resolves", C_GOOD, "kind = \"c\", entry = \"overhead:empty\""), "(resolves)");
    CHECK_CONTAINS(entry_error("imported", C_GOOD, "kind = \"python\", entry = \"good:ospath\""), "(resolves)");
}

GB_TEST(entries_missing_module)
{
    CHECK_CONTAINS(entry_error("missing_module", "entry = \"good:py\"", "entry = \"nomod:py\""),
                   "missing_module.lua:18: variant 'py': entry 'nomod:py': no module 'nomod' in the Python path");
}

GB_TEST(entries_missing_function)
{
    CHECK_CONTAINS(entry_error("missing_function", "entry = \"good:py\"", "entry = \"good:inner\""),
                   "missing_function.lua:18: variant 'py': entry 'good:inner': ");
    CHECK_CONTAINS(entry_error("missing_function", "entry = \"good:py\"", "entry = \"good:inner\""),
                   "good.py defines no top-level 'inner'");
}

GB_TEST(entries_missing_cvariant)
{
    CHECK_CONTAINS(entry_error("missing_cvariant", C_GOOD, "kind = \"c\", entry = \"overhead:nope\""),
                   "missing_cvariant.lua:19: variant 'c': entry 'overhead:nope': the kernel of 'overhead:nope' has no variant 'nope'");
    CHECK_CONTAINS(entry_error("missing_kernel", C_GOOD, C_GOOD), "no libgbk_good.so in the kernel folders");
}

GB_TEST(entries_chart_script)
{
    const char *from = C_GOOD ", limit = { n = 100 } },\n  },\n  charts = {\n    chart { id = \"t\", type = \"lines\"";
    const char *to = "kind = \"c\", entry = \"overhead:empty\" },\n  },\n  charts = {\n    chart { id = \"t\", type = \"pie\"";
    CHECK_CONTAINS(entry_error("chart_script", from, to), "chart_script.lua:22: chart 't': type 'pie' has no script");
    CHECK_CONTAINS(entry_error("chart_script", from, to), "plots/pie.gp");
}
