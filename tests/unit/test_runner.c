/* test_runner.c: the runner's judging of a variant's answers at a point
 * (runner_judge), on hand-made measurements. */
#include "gbtest.h"
#include "runner.h"

#include <stdlib.h>
#include <string.h>

static gb_measurement *cells(int rounds, double answer)
{
    gb_measurement *c = calloc((size_t)rounds, sizeof *c);
    for (int r = 0; r < rounds; r++) {
        c[r].status = GB_STATUS_OK;
        c[r].answer = (gb_answer_value){.kind = GB_VALUE_FLOAT, .value = answer};
    }
    return c;
}

GB_TEST(runner_judge_agrees_and_differs)
{
    gb_answer_value base = {.kind = GB_VALUE_FLOAT, .value = 100};
    const char *msg;
    gb_measurement *c = cells(3, 100 * (1 + 1e-12));
    CHECK(runner_judge(c, 3, NULL, &base, 1e-9, &msg) == GB_STATUS_OK && msg[0] == '\0');
    c[2].answer.value = 101;   /* the last round's answer drifts: wrong */
    CHECK(runner_judge(c, 3, NULL, &base, 1e-9, &msg) == GB_STATUS_WRONG);
    CHECK_CONTAINS(msg, "differs from the baseline");
    CHECK(runner_judge(c, 3, NULL, &base, 0.05, &msg) == GB_STATUS_OK);
    free(c);
}

GB_TEST(runner_judge_failures_skips_and_no_baseline)
{
    gb_answer_value base = {.kind = GB_VALUE_FLOAT, .value = 1};
    const char *msg;
    gb_measurement *c = cells(3, 1);
    CHECK(runner_judge(c, 3, "outside the variant's limit", &base, 0, &msg) == GB_STATUS_SKIPPED);
    CHECK_CONTAINS(msg, "outside");
    CHECK(runner_judge(c, 3, NULL, NULL, 0, &msg) == GB_STATUS_UNCHECKED);
    c[1].status = GB_STATUS_CRASHED;
    strcpy(c[1].message, "worker died during 'sample 10'");
    CHECK(runner_judge(c, 3, NULL, &base, 0, &msg) == GB_STATUS_CRASHED);
    CHECK_CONTAINS(msg, "worker died");
    c[0].status = GB_STATUS_SKIPPED;  /* never ran: Ctrl-C before round 1 */
    CHECK(runner_judge(c, 3, NULL, &base, 0, &msg) == GB_STATUS_INTERRUPTED);
    free(c);
}

GB_TEST(runner_judge_digest_against_int)
{
    /* An int answer and a digest of the same decimal text agree. */
    gb_answer_value base = {.kind = GB_VALUE_DIGEST, .digest = 0xaf63ad4c86019caf};
    gb_measurement *c = cells(1, 0);
    const char *msg;
    c[0].answer = (gb_answer_value){.kind = GB_VALUE_INT, .ivalue = 1, .digest = 0xaf63ad4c86019caf};
    CHECK(runner_judge(c, 1, NULL, &base, 0, &msg) == GB_STATUS_OK);
    c[0].answer.digest ^= 1;
    CHECK(runner_judge(c, 1, NULL, &base, 0, &msg) == GB_STATUS_WRONG);
    free(c);
}
