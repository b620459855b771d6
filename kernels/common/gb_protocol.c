/* gb_protocol.c: the protocol's tables (gb_protocol.h). */
#include "gb_protocol.h"

#include <string.h>

const gb_command_spec gb_commands[GB_CMD_COUNT] = {
    [GB_CMD_VARIANT] = {"variant", 3, GB_REPLY_OK},
    [GB_CMD_PARAM] = {"param", 2, GB_REPLY_OK},
    [GB_CMD_SETUP] = {"setup", 1, GB_REPLY_OK},
    [GB_CMD_ANSWER] = {"answer", 0, GB_REPLY_ANSWER},
    [GB_CMD_SAMPLE] = {"sample", 1, GB_REPLY_SAMPLE},
    [GB_CMD_INSTR] = {"instr", 1, GB_REPLY_SAMPLE},
    [GB_CMD_ALLOC] = {"alloc", 0, GB_REPLY_ALLOC},
    [GB_CMD_QUIT] = {"quit", 0, GB_REPLY_BYE},
};

const gb_reply_spec gb_replies[GB_REPLY_COUNT] = {
    [GB_REPLY_READY] = {"ready", 3, 8},
    [GB_REPLY_OK] = {"ok", 1, 1},
    [GB_REPLY_ANSWER] = {"answer", 3, 3},
    [GB_REPLY_SAMPLE] = {"sample", 6, 6 + GB_MAX_METRICS},
    [GB_REPLY_ALLOC] = {"alloc", 2, 2},
    [GB_REPLY_BYE] = {"bye", 1, 1},
    [GB_REPLY_ERROR] = {"error", 2, GB_LINE_MAX},
    [GB_REPLY_GARBAGE] = {"garbage", 0, 0},
};

int gb_protocol_command(const char *word)
{
    for (int i = 0; i < GB_CMD_COUNT; i++)
        if (strcmp(word, gb_commands[i].word) == 0)
            return i;
    return -1;
}
