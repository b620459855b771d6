/* fuzz_protocol.c: libFuzzer target for the worker reply parser: any line
 * (up to GB_LINE_MAX) parses to some reply without reading out of bounds,
 * and an answer the parser accepts survives text and back. */
#include "protocol.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char line[GB_LINE_MAX];
    if (size >= sizeof line)
        size = sizeof line - 1;
    memcpy(line, data, size);
    line[size] = '\0';
    gb_reply reply;
    protocol_parse(line, &reply);
    if (reply.kind == GB_REPLY_ANSWER) {
        char text[128];
        gb_answer_value back;
        protocol_answer_text(&reply.answer, text, sizeof text);
        if (protocol_answer_parse(text, &back) != 0 ||
            !protocol_answers_agree(&reply.answer, &back, 0.0))
            __builtin_trap();
    }
    gb_answer_value any;
    protocol_answer_parse(line, &any);
    return 0;
}
