/* wordfreq.h: the kernel of the `wordfreq` scenario: word frequencies of
 * an ASCII text, split on whitespace as Python's str.split() splits it. */
#ifndef GB_WORDFREQ_H
#define GB_WORDFREQ_H

#include <stddef.h>
#include <stdint.h>

/* One distinct word: a slice of the counted text (not a copy). */
typedef struct gb_wordfreq_entry {
    const char *word;
    uint64_t hash;
    size_t len;
    int64_t count;
} gb_wordfreq_entry;

/* Open addressing, linear probing; `slots` is NULL until the first word. */
typedef struct gb_wordfreq_table {
    gb_wordfreq_entry *slots;
    size_t mask;
    size_t used;
} gb_wordfreq_table;

/* Counts the words of text[0..len) into t (empty or holding earlier
 * counts).  The table points into text, which must outlive it.
 * Returns 0, or -1 when out of memory (the counts so far are kept). */
int gb_wordfreq_count(gb_wordfreq_table *t, const char *text, size_t len);

/* Empties the table but keeps its slots, for the next text. */
void gb_wordfreq_clear(gb_wordfreq_table *t);

/* Frees the table's slots and empties it. */
void gb_wordfreq_free(gb_wordfreq_table *t);

/* Copies the n most frequent words to top, ordered by count descending
 * then by word (bytewise, a prefix first: Python's order for ASCII str).
 * Returns how many were copied (fewer than n when fewer words exist). */
size_t gb_wordfreq_top(const gb_wordfreq_table *t, gb_wordfreq_entry *top, size_t n);

/* Writes "word count\n" per entry into buf (NUL-terminated) and returns
 * the length, or the length it would need when cap is too small. */
size_t gb_wordfreq_format(const gb_wordfreq_entry *top, size_t n, char *buf, size_t cap);

/* The scenario's text: `words` words from a Zipf-like vocabulary, twelve
 * to a line.  Returns a malloc'ed NUL-terminated string, its length in
 * *len, or NULL when out of memory. */
char *gb_wordfreq_make_text(size_t words, uint64_t seed, size_t *len);

#endif
