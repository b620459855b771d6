/* schema.h: the columns of samples.csv and summary.csv, in one place.
 * The README's "Output" section documents each column; plots and reports
 * find columns by these names. */
#ifndef GB_SCHEMA_H
#define GB_SCHEMA_H

extern const char *const schema_samples[];
extern const char *const schema_summary[];

/* Number of columns in a NULL-terminated schema. */
int schema_count(const char *const *schema);

#endif
