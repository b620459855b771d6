/* schema.c: the run folder's file names and CSV columns (schema.h). */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#define GB_SCHEMA_NAME(id, name) name,

const char *const schema_samples[] = {GB_SAMPLES_COLUMNS(GB_SCHEMA_NAME) 0};
const char *const schema_summary[] = {GB_SUMMARY_COLUMNS(GB_SCHEMA_NAME) 0};
const char *const schema_metrics[] = {GB_METRICS_COLUMNS(GB_SCHEMA_NAME) 0};
const char *const schema_code[] = {GB_CODE_COLUMNS(GB_SCHEMA_NAME) 0};
static const char *const file_names[] = {GB_RUN_FILES(GB_SCHEMA_NAME) 0};

static const char *const context_columns[] = {GB_CONTEXT_COLUMNS(GB_SCHEMA_NAME) 0};

int schema_optional(const char *column)
{
    for (int i = 0; context_columns[i]; i++)
        if (strcmp(column, context_columns[i]) == 0)
            return 1;
    return 0;
}

int schema_count(const char *const *schema)
{
    int n = 0;
    while (schema[n])
        n++;
    return n;
}

const char *schema_file_name(gb_run_file file)
{
    return file >= 0 && file < GB_FILE_COUNT ? file_names[file] : "?";
}

int schema_path(char *out, size_t cap, const char *dir, gb_run_file file)
{
    int n = snprintf(out, cap, "%s/%s", dir, schema_file_name(file));
    return n >= 0 && (size_t)n < cap ? 0 : -1;
}
