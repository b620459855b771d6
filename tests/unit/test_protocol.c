/* test_protocol.c: worker replies, well-formed and malformed; commands
 * formatted from the table; one protocol version on both sides. */
#include "gbtest.h"
#include "protocol.h"

#include <stdio.h>
#include <stdlib.h>

static gb_reply_kind kind_of(const char *line)
{
    gb_reply r;
    protocol_parse(line, &r);
    return r.kind;
}

GB_TEST(protocol_valid_replies)
{
    gb_reply r;
    protocol_parse("sample 123456 2 789 120000 500", &r);
    CHECK(r.kind == GB_REPLY_SAMPLE && r.ns == 123456 && r.gc_collections == 2 && r.gc_ns == 789);
    CHECK(r.cpu_ns == 120000 && r.gc_max_ns == 500 && r.metric_count == 0);
    protocol_parse("sample 10 0 0 9 0 lag_max_ms=12.5 hits=3", &r);
    CHECK(r.kind == GB_REPLY_SAMPLE && r.metric_count == 2);
    CHECK(strcmp(r.metric_names[0], "lag_max_ms") == 0 && r.metric_values[0] == 12.5);
    CHECK(strcmp(r.metric_names[1], "hits") == 0 && r.metric_values[1] == 3);
    protocol_parse("answer float 313.9150285720825", &r);
    CHECK(r.kind == GB_REPLY_ANSWER && r.answer.kind == GB_VALUE_FLOAT &&
          r.answer.value == 313.9150285720825);
    protocol_parse("answer digest 00000000000000ff", &r);
    CHECK(r.kind == GB_REPLY_ANSWER && r.answer.kind == GB_VALUE_DIGEST && r.answer.digest == 255);
    protocol_parse("answer int -42", &r);
    CHECK(r.kind == GB_REPLY_ANSWER && r.answer.kind == GB_VALUE_INT && r.answer.ivalue == -42);
    protocol_parse("alloc 4096", &r);
    CHECK(r.kind == GB_REPLY_ALLOC && r.alloc_bytes == 4096);
    protocol_parse("alloc -", &r);
    CHECK(r.kind == GB_REPLY_ALLOC && r.alloc_bytes == -1);
    CHECK(kind_of("ok") == GB_REPLY_OK && kind_of("bye") == GB_REPLY_BYE);
    CHECK(kind_of("ready gluebench-worker 2 python 3.11.7") == GB_REPLY_READY);
}

GB_TEST(protocol_error_reply)
{
    gb_reply r;
    protocol_parse("error ZeroDivisionError: division by zero", &r);
    CHECK(r.kind == GB_REPLY_ERROR);
    CHECK(strcmp(r.text, "ZeroDivisionError: division by zero") == 0);
}

GB_TEST(protocol_malformed_replies)
{
    static const char *const bad[] = {
        "", "hello", "sample", "sample 12", "sample 1 2", "sample 1 2 3 4", "sample 1 2 3 4 5x",
        "sample -1 0 0 0 0", "sample 1x 0 0 0 0", "sample 99999999999999999999999 0 0 0 0",
        "sample 1 0 0 0 0 =3", "sample 1 0 0 0 0 Lag=3", "sample 1 0 0 0 0 lag=", "sample 1 0 0 0 0 lag=nan",
        "answer", "answer float", "answer float 1.5x", "answer digest 12",
        "answer digest 0123456789abcdefg", "answer int 3x", "answer int 99999999999999999999",
        "alloc", "alloc many", "ok ok", "bye now", "error", "error ",
        "ready gluebench-worker 1 python 3.11", "ready gluebench-worker 3 python",
        "Traceback (most recent call last):", NULL};
    for (int i = 0; bad[i]; i++) {
        gb_reply r;
        protocol_parse(bad[i], &r);
        if (r.kind != GB_REPLY_GARBAGE)
            fprintf(stderr, "accepted: '%s'\n", bad[i]);
        CHECK(r.kind == GB_REPLY_GARBAGE);
        CHECK(strcmp(r.text, bad[i]) == 0);
    }
}

GB_TEST(protocol_too_many_metrics)
{
    char line[GB_LINE_MAX] = "sample 1 0 0 0 0";
    for (int i = 0; i <= GB_MAX_METRICS; i++)
        snprintf(line + strlen(line), sizeof line - strlen(line), " m%d=1", i);
    CHECK(kind_of(line) == GB_REPLY_GARBAGE);
}

GB_TEST(protocol_answer_tolerance)
{
    gb_answer_value a = {.kind = GB_VALUE_FLOAT, .value = 100.0};
    gb_answer_value b = {.kind = GB_VALUE_FLOAT, .value = 100.0 + 1e-8};
    gb_answer_value d = {.kind = GB_VALUE_DIGEST, .digest = 7}, e = d;
    CHECK(protocol_answers_agree(&a, &b, 1e-9));
    b.value = 100.001;
    CHECK(!protocol_answers_agree(&a, &b, 1e-9));
    CHECK(protocol_answers_agree(&a, &b, 1e-3));
    CHECK(protocol_answers_agree(&d, &e, 0));
    e.digest = 8;
    CHECK(!protocol_answers_agree(&d, &e, 1.0));
    CHECK(!protocol_answers_agree(&a, &d, 1.0)); /* a float never equals a digest */
}

GB_TEST(protocol_int_equals_its_digest)
{
    /* An int answer agrees with a variant that digests its decimal text, as
     * the Python worker digests a big int. */
    gb_reply i, d;
    protocol_parse("answer int 12345", &i);
    protocol_parse("answer digest 0000000000000000", &d);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char *p = "12345"; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
    d.answer.digest = h;
    CHECK(protocol_answers_agree(&i.answer, &d.answer, 0));
    char text[64];
    gb_answer_value back;
    protocol_answer_text(&i.answer, text, sizeof text);
    CHECK(strcmp(text, "int 12345") == 0);
    CHECK(protocol_answer_parse(text, &back) == 0 && back.ivalue == 12345);
}

GB_TEST(protocol_commands_from_the_table)
{
    char out[64];
    const char *sample[] = {"1000"}, *param[] = {"n", "10"}, *bad[] = {"a b"};
    CHECK(protocol_command(out, sizeof out, GB_CMD_SAMPLE, sample) == 0);
    CHECK(strcmp(out, "sample 1000") == 0);
    CHECK(protocol_command(out, sizeof out, GB_CMD_PARAM, param) == 0);
    CHECK(strcmp(out, "param n 10") == 0);
    CHECK(protocol_command(out, sizeof out, GB_CMD_QUIT, NULL) == 0 && strcmp(out, "quit") == 0);
    CHECK(protocol_command(out, sizeof out, GB_CMD_SETUP, bad) != 0);
    CHECK(protocol_command(out, 6, GB_CMD_SAMPLE, sample) != 0);
    CHECK(gb_protocol_command("answer") == GB_CMD_ANSWER && gb_protocol_command("nope") < 0);
}

GB_TEST(protocol_python_worker_speaks_this_version)
{
    char path[1024], line[512];
    int found = 0;
    snprintf(path, sizeof path, "%s/../pyref/gbworker.py", GB_TEST_DIR);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "PROTOCOL_VERSION = ", 19) == 0)
            found = atoi(line + 19);
    if (f)
        fclose(f);
    CHECK(found == GB_PROTOCOL_VERSION);
}
