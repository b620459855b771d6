/* test_protocol.c: worker replies, well-formed and malformed. */
#include "gbtest.h"
#include "protocol.h"

#include <stdio.h>

static gb_reply_kind kind_of(const char *line)
{
    gb_reply r;
    protocol_parse(line, &r);
    return r.kind;
}

GB_TEST(protocol_valid_replies)
{
    gb_reply r;
    protocol_parse("sample 123456 2 789", &r);
    CHECK(r.kind == GB_REPLY_SAMPLE && r.ns == 123456 && r.gc_collections == 2 && r.gc_ns == 789);
    protocol_parse("answer float 313.9150285720825", &r);
    CHECK(r.kind == GB_REPLY_ANSWER && r.answer.is_float && r.answer.value == 313.9150285720825);
    protocol_parse("answer digest 00000000000000ff", &r);
    CHECK(r.kind == GB_REPLY_ANSWER && !r.answer.is_float && r.answer.digest == 255);
    protocol_parse("alloc 4096", &r);
    CHECK(r.kind == GB_REPLY_ALLOC && r.alloc_bytes == 4096);
    protocol_parse("alloc -", &r);
    CHECK(r.kind == GB_REPLY_ALLOC && r.alloc_bytes == -1);
    CHECK(kind_of("ok") == GB_REPLY_OK && kind_of("bye") == GB_REPLY_BYE);
    CHECK(kind_of("ready gluebench-worker 1 python 3.11.7") == GB_REPLY_READY);
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
        "", "hello", "sample", "sample 12", "sample 1 2", "sample 1 2 3 4", "sample -1 0 0",
        "sample 1x 0 0", "sample 99999999999999999999999 0 0", "answer", "answer float",
        "answer float 1.5x", "answer digest 12", "answer digest 0123456789abcdefg",
        "answer int 3", "alloc", "alloc many", "ok ok", "bye now", "error", "error ",
        "ready gluebench-worker 2 python", "Traceback (most recent call last):", NULL};
    for (int i = 0; bad[i]; i++) {
        gb_reply r;
        protocol_parse(bad[i], &r);
        if (r.kind != GB_REPLY_GARBAGE)
            fprintf(stderr, "accepted: '%s'\n", bad[i]);
        CHECK(r.kind == GB_REPLY_GARBAGE);
        CHECK(strcmp(r.text, bad[i]) == 0);
    }
}

GB_TEST(protocol_answer_tolerance)
{
    gb_answer_value a = {1, 100.0, 0}, b = {1, 100.0 + 1e-8, 0}, d = {0, 0, 7}, e = {0, 0, 7};
    CHECK(protocol_answers_agree(&a, &b, 1e-9));
    b.value = 100.001;
    CHECK(!protocol_answers_agree(&a, &b, 1e-9));
    CHECK(protocol_answers_agree(&a, &b, 1e-3));
    CHECK(protocol_answers_agree(&d, &e, 0));
    e.digest = 8;
    CHECK(!protocol_answers_agree(&d, &e, 1.0));
    CHECK(!protocol_answers_agree(&a, &d, 1.0)); /* a float never equals a digest */
}
