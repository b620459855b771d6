/* test_manifest.c: the manifest loader, on a valid manifest and on one
 * broken manifest per kind of mistake; each error must name the file, the
 * line and what is wrong. */
#include "gbtest.h"
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>

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
    CHECK_CONTAINS(mistake("memory_cap", FIRST_LINE, "local big = string.rep(\"x\", 64 * 1024 * 1024)"), "not enough memory");
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
