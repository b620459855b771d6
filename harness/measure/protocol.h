/* protocol.h: parsing of the worker protocol's replies (the tables and the
 * version are in kernels/common/gb_protocol.h).  Pure functions over one
 * line of text: no I/O. */
#ifndef GB_PROTOCOL_PARSE_H
#define GB_PROTOCOL_PARSE_H

#include "gb_protocol.h"

#include <stddef.h>
#include <stdint.h>

#define GB_REPLY_TEXT_LEN 512
#define GB_REPLY_WORDS_MAX (6 + GB_MAX_METRICS)   /* the longest reply: a sample */

typedef enum { GB_VALUE_DIGEST, GB_VALUE_FLOAT, GB_VALUE_INT } gb_value_kind;

/* An answer as the harness keeps it.  An int is also digested (its
 * decimal text), so it compares with a variant that returns a digest. */
typedef struct gb_answer_value {
    gb_value_kind kind;
    double value;        /* GB_VALUE_FLOAT */
    int64_t ivalue;      /* GB_VALUE_INT */
    uint64_t digest;     /* GB_VALUE_DIGEST and GB_VALUE_INT */
} gb_answer_value;

typedef struct gb_reply {
    gb_reply_kind kind;
    gb_answer_value answer;     /* GB_REPLY_ANSWER */
    uint64_t ns;                /* GB_REPLY_SAMPLE */
    uint64_t gc_collections;
    uint64_t gc_ns;
    uint64_t cpu_ns;
    uint64_t gc_max_ns;
    int metric_count;
    char metric_names[GB_MAX_METRICS][GB_NAME_LEN];
    double metric_values[GB_MAX_METRICS];
    int64_t alloc_bytes;        /* GB_REPLY_ALLOC; -1 when not measured */
    int version;                /* GB_REPLY_READY */
    char text[GB_REPLY_TEXT_LEN]; /* error message, ready banner, or the garbage */
} gb_reply;

/* Parses one reply line (without its newline).  Anything that is not
 * exactly a valid reply of this protocol version is GB_REPLY_GARBAGE with
 * the line kept in text. */
void protocol_parse(const char *line, gb_reply *out);

/* Formats command `id` with its arguments (the table says how many) into
 * out.  Returns 0, or -1 when it does not fit or an argument holds a
 * space or a newline. */
int protocol_command(char *out, size_t cap, gb_command_id id, const char *const *args);

/* 1 when two answers agree: floats within the relative tolerance, else
 * digests exactly; a float never equals a digest or an int. */
int protocol_answers_agree(const gb_answer_value *a, const gb_answer_value *b, double tolerance);

/* Writes an answer as text: "float 1.5", "int 42" or "digest 00ff...". */
void protocol_answer_text(const gb_answer_value *a, char *out, size_t cap);

/* Parses the text protocol_answer_text wrote back; 0 or -1. */
int protocol_answer_parse(const char *text, gb_answer_value *out);

#endif
