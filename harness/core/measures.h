/* measures.h: what a chart's y (or x) and a finding's y may name besides a
 * scenario's own metrics: each built-in measure, where its value lives in
 * summary.csv and, for the ones a finding can judge, in samples.csv. */
#ifndef GB_MEASURES_H
#define GB_MEASURES_H

#include "schema.h"

typedef struct gb_measure {
    const char *name;      /* as the manifest writes it */
    const char *label;     /* an axis label */
    const char *words;     /* in a sentence: "time per call" */
    int column, lo, hi;    /* gb_summary_column ids; -1: none */
    double scale;          /* the column times this is the value */
    int per_item;          /* ... divided by the row's items */
    int divide;            /* ... divided by this summary column; -1: none */
    int sample;            /* gb_samples_column of a sample's value; -1: no samples */
    int sample_per;        /* its denominator column (loops or ns_total); -1: none */
    int time_like;         /* a time: lower is faster */
} gb_measure;

/* The measure of that name, or NULL. */
const gb_measure *measures_find(const char *name);

#endif
