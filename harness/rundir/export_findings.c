/* export_findings.c: DIR/findings.json, the judged findings, for the decks
 * and the bench figures (they read this, never summary.md). */
#include "export.h"

#include "atomicfile.h"
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.6g", v);
    else
        fputs("null", f);
}

static void key_string(FILE *f, const char *key, const char *value)
{
    fprintf(f, "\"%s\": ", key);
    json_string(f, value);
    fputs(", ", f);
}

static void key_number(FILE *f, const char *key, double value)
{
    fprintf(f, "\"%s\": ", key);
    number(f, value);
    fputs(", ", f);
}

static void write_params(FILE *f, const char *params)
{
    char name[128];
    fputs("\"params\": {", f);
    for (const char *p = params; *p;) {
        size_t len = strcspn(p, "="), item = strcspn(p, ";");
        snprintf(name, sizeof name, "%.*s", (int)(len < item ? len : item), p);
        fprintf(f, "%s", p == params ? "" : ", ");
        json_string(f, name);
        fprintf(f, ": %s", len < item ? "" : "0");
        if (len < item)
            fprintf(f, "%.*s", (int)(item - len - 1), p + len + 1);
        p += item + (p[item] == ';');
    }
    fputs("}, ", f);
}

static const char *label_of(const gb_manifest *m, const char *variant)
{
    const gb_variant *v = manifest_variant(m, variant);
    return v ? v->label : variant;
}

static void write_finding(FILE *f, const gb_judged *j)
{
    const gb_finding *fd = j->f;
    fprintf(f, "        {\"index\": %d, ", j->index);
    key_string(f, "variant", fd->variant);
    key_string(f, "variant_label", label_of(j->m, fd->variant));
    key_string(f, "than", fd->than);
    key_string(f, "than_label", label_of(j->m, fd->than));
    key_string(f, "y", fd->y);
    fprintf(f, "\"point\": %d, ", j->point);
    write_params(f, j->params);
    key_string(f, "params_text", j->params);
    key_string(f, "params_words", j->params_words);
    key_number(f, "ratio", j->ratio);
    key_number(f, "lo", j->lo);
    key_number(f, "hi", j->hi);
    key_string(f, "direction", j->verdict == FINDING_NOT_MEASURED ? "" : j->direction);
    key_number(f, "factor", j->verdict == FINDING_NOT_MEASURED ? NAN : j->factor);
    key_number(f, "factor_lo", j->verdict == FINDING_NOT_MEASURED ? NAN : j->factor_lo);
    key_number(f, "factor_hi", j->verdict == FINDING_NOT_MEASURED ? NAN : j->factor_hi);
    key_string(f, "expect", manifest_expect_name(fd->expect));
    key_number(f, "at_least", fd->at_least);
    key_number(f, "below", fd->below);
    fputs("\"between\": ", f);
    if (isnan(fd->between_lo))
        fputs("null, ", f);
    else
        fprintf(f, "[%.6g, %.6g], ", fd->between_lo, fd->between_hi);
    key_string(f, "claim", j->claim);
    key_string(f, "verdict", findings_verdict_name(j->verdict));
    key_string(f, "sentence", j->sentence);
    fputs("\"why\": ", f);
    json_string(f, fd->why);
    fputs("}", f);
}

static void write_scenario(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_judged *js,
                           int n, const gb_decision_opts *o)
{
    fputs("    {", f);
    key_string(f, "name", m->name);
    key_string(f, "title", m->title);
    key_string(f, "talk", m->talk);
    key_string(f, "question", m->question);
    key_string(f, "about", m->about);
    fputs("\"charts\": [", f);
    for (int c = 0; c < m->chart_count; c++) {
        fputs(c ? ", " : "", f);
        json_string(f, m->charts[c].id);
    }
    fputs("],\n      \"findings\": [", f);
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (js[i].m != m)
            continue;
        fputs(first ? "\n" : ",\n", f);
        first = 0;
        write_finding(f, &js[i]);
    }
    fputs(first ? "],\n      \"decisions\": " : "\n      ],\n      \"decisions\": ", f);
    decisions_write_json(f, rd, m, o);
    fputs("}", f);
}

static void write_scenarios(FILE *f, const gb_judged_context *c, const gb_decision_opts *o)
{
    const gb_rundir *rd = &c->view;
    fputs("[\n", f);
    for (int s = 0; s < rd->manifests.count; s++) {
        write_scenario(f, rd, &rd->manifests.items[s], c->js, c->n, o);
        fputs(s + 1 < rd->manifests.count ? ",\n" : "\n", f);
    }
    fputs("  ]", f);
}

int export_findings(const gb_rundir *rd, const gb_judged_context *cs, const gb_decision_opts *o,
                    const char *path, gb_error *err)
{
    gb_atomic out;
    FILE *f = atomic_open(&out, path, err);
    if (!f)
        return -1;
    fprintf(f, "{\n  \"schema\": \"gluebench-findings/1\",\n  \"run\": {\"complete\": %s, "
               "\"measurements\": %lld, \"planned\": %lld},\n  \"scenarios\": ",
            rd->complete ? "true" : "false", rd->done, rd->planned);
    write_scenarios(f, &cs[0], o);
    fputs(",\n  \"contexts\": [", f);
    for (int k = 0; k < rd->context_count; k++) {
        fputs(k ? ",\n  {" : "\n  {", f);
        key_string(f, "machine", rd->contexts[k].machine);
        key_string(f, "python", rd->contexts[k].python);
        key_string(f, "words", cs[k].words);
        fputs("\"scenarios\": ", f);
        write_scenarios(f, &cs[k], o);
        fputs("}", f);
    }
    fputs("\n  ]\n}\n", f);
    return atomic_close(&out, err);
}
