/* json.h: the one JSON string writer (meta.json, results.json). */
#ifndef GB_JSON_H
#define GB_JSON_H

#include <stdio.h>

/* Writes s as a quoted JSON string, escaping quotes, backslashes and
 * control characters. */
void json_string(FILE *f, const char *s);

#endif
