/* test_manifest.c: the manifest loader, on a valid manifest and on one
 * broken manifest per kind of mistake; each error must name the file, the
 * line and what is wrong. */
#include "gbtest.h"
#include "manifest.h"

#include <stdio.h>

#ifndef GB_TEST_DIR
#error "GB_TEST_DIR must point at tests/"
#endif

/* Loads tests/manifests/<name>.lua, expecting failure; returns the message. */
static const char *load_error(const char *name)
{
    static gb_error err;
    char path[1024];
    gb_manifest m;
    snprintf(path, sizeof path, GB_TEST_DIR "/manifests/%s.lua", name);
    err.msg[0] = '\0';
    if (manifest_load(path, &m, &err) == 0) {
        manifest_free(&m);
        return "(loaded without error)";
    }
    fprintf(stderr, "%s -> %s\n", name, err.msg);
    return err.msg;
}

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
    const char *msg = load_error("syntax_error");
    CHECK_CONTAINS(msg, "syntax_error.lua:12:");
    CHECK_CONTAINS(msg, "'}' expected");
}

GB_TEST(manifest_missing_field)
{
    const char *msg = load_error("missing_field");
    CHECK_CONTAINS(msg, "missing_field.lua:2: scenario: missing field 'baseline'");
}

GB_TEST(manifest_wrong_type)
{
    const char *msg = load_error("wrong_type");
    CHECK_CONTAINS(msg, "wrong_type.lua:2: scenario: field 'title' must be a string, not number");
}

GB_TEST(manifest_unknown_kind)
{
    const char *msg = load_error("unknown_kind");
    CHECK_CONTAINS(msg, "unknown_kind.lua:19: variant 'c': field 'kind' must be");
    CHECK_CONTAINS(msg, "not \"rust\"");
}

GB_TEST(manifest_duplicate_variant)
{
    const char *msg = load_error("duplicate_variant");
    CHECK_CONTAINS(msg, "duplicate_variant.lua:19:");
    CHECK_CONTAINS(msg, "duplicate variant 'py' (first at line 18)");
}

GB_TEST(manifest_endless_loop)
{
    const char *msg = load_error("endless_loop");
    CHECK_CONTAINS(msg, "endless_loop.lua:2: instruction budget");
    CHECK_CONTAINS(msg, "endless loop");
}

GB_TEST(manifest_unknown_field)
{
    CHECK_CONTAINS(load_error("unknown_field"), "unknown_field.lua:2: scenario: unknown field 'titel'");
}

GB_TEST(manifest_no_io)
{
    const char *msg = load_error("no_io");
    CHECK_CONTAINS(msg, "no_io.lua:1:");
    CHECK_CONTAINS(msg, "global 'io'");
}

GB_TEST(manifest_no_load)
{
    CHECK_CONTAINS(load_error("no_load"), "global 'load'");
}

GB_TEST(manifest_memory_cap)
{
    CHECK_CONTAINS(load_error("memory_cap"), "not enough memory");
}

GB_TEST(manifest_bad_sweep)
{
    CHECK_CONTAINS(load_error("bad_sweep"), "field 'sweep.smoke.n' must be an integer, not number");
}

GB_TEST(manifest_unknown_baseline)
{
    CHECK_CONTAINS(load_error("unknown_baseline"), "field 'baseline' names no variant: 'pypy'");
}

GB_TEST(manifest_name_mismatch)
{
    CHECK_CONTAINS(load_error("name_mismatch"), "scenario name 'other' does not match the file name 'name_mismatch'");
}

GB_TEST(manifest_plain_table)
{
    CHECK_CONTAINS(load_error("plain_table"), "entry 2 of 'variants' must be written variant { ... }");
}

GB_TEST(manifest_bad_entry)
{
    CHECK_CONTAINS(load_error("bad_entry"), "variant 'py': field 'entry' must be \"module:function\"");
}

GB_TEST(manifest_no_scenario)
{
    CHECK_CONTAINS(load_error("no_scenario"), "never calls scenario");
}

GB_TEST(manifest_missing_file)
{
    CHECK_CONTAINS(load_error("does_not_exist"), "does_not_exist.lua: cannot open");
}
