/* gb_protocol.h: the worker protocol, in one table (README, "Worker
 * protocol").  The harness formats its commands and parses the replies
 * from these tables; the C worker dispatches through the command table;
 * pyref/gbworker.py speaks the same words (its PROTOCOL_VERSION must equal
 * GB_PROTOCOL_VERSION: a unit test reads both).
 *
 * One command per line in, one reply per line out:
 *
 *   (start)                    -> ready gluebench-worker VERSION IMPL IMPL_VERSION
 *   variant ENTRY SETUP TEARDOWN -> ok            (SETUP/TEARDOWN "-" for none)
 *   param NAME VALUE           -> ok
 *   setup SEED                 -> ok
 *   answer                     -> answer float X | answer int N | answer digest HEX16
 *   sample LOOPS               -> sample NS GC_COUNT GC_NS CPU_NS GC_MAX_NS [NAME=VALUE ...]
 *   instr LOOPS                -> sample ...  (as sample, counting instructions: gb_count.h)
 *   alloc                      -> alloc BYTES | alloc -
 *   quit                       -> bye
 *   (any command)              -> error MESSAGE
 *
 * NS is the wall time of LOOPS calls; GC_COUNT and GC_NS the collections
 * and their time in the sample; CPU_NS the process's CPU time over the
 * sample (every thread); GC_MAX_NS the longest single collection; each
 * NAME=VALUE a named metric (pyref/gbmetrics.py), at most GB_MAX_METRICS.
 */
#ifndef GB_PROTOCOL_H
#define GB_PROTOCOL_H

#include "gb_limits.h"

#define GB_PROTOCOL_VERSION 2
#define GB_PROTOCOL_BANNER "ready gluebench-worker"

typedef enum {
    GB_CMD_VARIANT,
    GB_CMD_PARAM,
    GB_CMD_SETUP,
    GB_CMD_ANSWER,
    GB_CMD_SAMPLE,
    GB_CMD_INSTR,
    GB_CMD_ALLOC,
    GB_CMD_QUIT,
    GB_CMD_COUNT
} gb_command_id;

typedef enum {
    GB_REPLY_READY,
    GB_REPLY_OK,
    GB_REPLY_ANSWER,
    GB_REPLY_SAMPLE,
    GB_REPLY_ALLOC,
    GB_REPLY_BYE,
    GB_REPLY_ERROR,
    GB_REPLY_GARBAGE,
    GB_REPLY_COUNT
} gb_reply_kind;

typedef struct gb_command_spec {
    const char *word;
    int args;                  /* words after the command word */
    gb_reply_kind reply;       /* the reply a success gives */
} gb_command_spec;

/* Indexed by gb_command_id (gb_protocol.c). */
extern const gb_command_spec gb_commands[GB_CMD_COUNT];

typedef struct gb_reply_spec {
    const char *word;
    int min_words, max_words;  /* counting the reply word itself */
} gb_reply_spec;

/* Indexed by gb_reply_kind; ready and error carry free text. */
extern const gb_reply_spec gb_replies[GB_REPLY_COUNT];

/* The command id of `word`, or -1. */
int gb_protocol_command(const char *word);

#endif
