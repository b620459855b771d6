/* protocol.h: parsing of the worker protocol's replies (README, "Worker
 * protocol").  Pure functions over one line of text: no I/O. */
#ifndef GB_PROTOCOL_H
#define GB_PROTOCOL_H

#include <stdint.h>

#define GB_REPLY_TEXT_LEN 512

typedef enum {
    GB_REPLY_READY,
    GB_REPLY_OK,
    GB_REPLY_ANSWER,
    GB_REPLY_SAMPLE,
    GB_REPLY_ALLOC,
    GB_REPLY_BYE,
    GB_REPLY_ERROR,
    GB_REPLY_GARBAGE,
} gb_reply_kind;

typedef struct gb_answer_value {
    int is_float;
    double value;
    uint64_t digest;
} gb_answer_value;

typedef struct gb_reply {
    gb_reply_kind kind;
    gb_answer_value answer;     /* GB_REPLY_ANSWER */
    uint64_t ns;                /* GB_REPLY_SAMPLE */
    uint64_t gc_collections;
    uint64_t gc_ns;
    int64_t alloc_bytes;        /* GB_REPLY_ALLOC; -1 when not measured */
    char text[GB_REPLY_TEXT_LEN]; /* error message, ready banner, or the garbage */
} gb_reply;

/* Parses one reply line (without its newline).  Anything that is not
 * exactly a valid reply is GB_REPLY_GARBAGE with the line kept in text. */
void protocol_parse(const char *line, gb_reply *out);

/* Name of a reply kind, for messages ("sample", "answer", ...). */
const char *protocol_kind_name(gb_reply_kind kind);

/* 1 when two answers agree: digests exactly, floats within the relative
 * tolerance; a float never equals a digest. */
int protocol_answers_agree(const gb_answer_value *a, const gb_answer_value *b, double tolerance);

/* Writes an answer as text: "float 1.5" or "digest 00ff...". */
void protocol_answer_text(const gb_answer_value *a, char *out, int cap);

#endif
