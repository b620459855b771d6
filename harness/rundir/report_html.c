/* report_html.c: DIR/report.html, the report for a browser: verdicts first,
 * then per scenario its question, findings, the four answers, its charts
 * (the run's own SVGs, inlined, so the file works offline) and a table of
 * every point, with a navigation bar by scenario.  Everything comes from
 * the folder (rundir.h) and the judged findings: no number of its own. */
#include "export.h"

#include "atomicfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void esc(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

static void head(FILE *f, const gb_rundir *rd, const gb_judged_context *cs)
{
    char incomplete[256];
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>gluebench report</title><style>\n"
          "body{font-family:sans-serif;margin:0;color:#222}nav{position:sticky;top:0;"
          "background:#f3f1ea;padding:.5em 1em;border-bottom:1px solid #ccc}nav a{margin-right:1em}"
          "main{padding:1em 2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}"
          "td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;font-size:.9em}"
          ".confirmed{color:#1a6b1a;font-weight:bold}.contradicted{color:#a31515;font-weight:bold}"
          ".undecided{color:#8a6d00;font-weight:bold}.warn{background:#fde7e7;padding:.5em}"
          "figure{margin:1em 0}figure svg{max-width:100%;height:auto}\n"
          "</style></head><body>\n<nav>", f);
    if (rd->context_count > 1)
        for (int k = 0; k < rd->context_count; k++) {
            fprintf(f, "<a href=\"#c%d-verdicts\">", k);
            esc(f, cs[k].words);
            fputs("</a>", f);
        }
    else {
        fputs("<a href=\"#verdicts\">Verdicts</a>", f);
        for (int s = 0; s < rd->manifests.count; s++) {
            fprintf(f, "<a href=\"#%s\">", rd->manifests.items[s].name);
            esc(f, rd->manifests.items[s].name);
            fputs("</a>", f);
        }
    }
    fputs("</nav>\n<main>\n<h1>gluebench report</h1>\n", f);
    rundir_incomplete_text(rd, incomplete, sizeof incomplete);
    if (incomplete[0]) {
        fputs("<p class=\"warn\"><strong>Warning: ", f);
        esc(f, incomplete);
        fputs(".</strong></p>\n", f);
    }
}

static void verdicts(FILE *f, const gb_judged *js, int n, const char *pre)
{
    fprintf(f, "<h2 id=\"%sverdicts\">Verdicts</h2>\n<table><tr><th>scenario</th><th>finding</th>"
               "<th>expected</th><th>verdict</th></tr>\n", pre);
    for (int i = 0; i < n; i++) {
        const char *v = findings_verdict_name(js[i].verdict);
        fprintf(f, "<tr><td><a href=\"#%s%s\">%s</a></td><td>", pre, js[i].m->name, js[i].m->name);
        esc(f, js[i].sentence);
        fputs("</td><td>", f);
        esc(f, js[i].claim[0] ? js[i].claim : "-");
        fprintf(f, "</td><td class=\"%s\">%s</td></tr>\n", v, v);
    }
    fputs("</table>\n", f);
}

/* The run's SVG of a chart, inlined; nothing when plot has not drawn it. */
static void chart(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_chart *c)
{
    char path[GB_PATH_LEN + 200], buf[8192];
    snprintf(path, sizeof path, "%s/charts/%s-%s%s.svg", rd->dir, m->name, c->id, rd->chart_suffix);
    FILE *svg = fopen(path, "r");
    if (!svg)
        return;
    fputs("<figure>", f);
    size_t got;
    int skipped = 0;
    while ((got = fread(buf, 1, sizeof buf, svg)) > 0) {
        /* drop an XML declaration: it is not allowed inside HTML */
        const char *start = buf;
        if (!skipped && strncmp(buf, "<?xml", 5) == 0) {
            const char *end = strstr(buf, "?>");
            start = end ? end + 2 : buf;
        }
        skipped = 1;
        fwrite(start, 1, got - (size_t)(start - buf), f);
    }
    fclose(svg);
    fputs("</figure>\n", f);
}

static void points_table(FILE *f, const gb_rundir *rd, const char *scenario)
{
    fputs("<table><tr><th>params</th><th>variant</th><th>status</th><th>ns/call (95% CI)</th>"
          "<th>speedup (95% CI)</th><th>rounds</th></tr>\n", f);
    for (int r = 0; r < rd->summary.rows; r++) {
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), scenario))
            continue;
        fputs("<tr><td>", f);
        esc(f, rundir_get(rd, r, GB_SUMMARY_PARAMS));
        fputs("</td><td>", f);
        esc(f, rundir_get(rd, r, GB_SUMMARY_VARIANT));
        fputs("</td><td>", f);
        esc(f, rundir_get(rd, r, GB_SUMMARY_STATUS));
        double t = rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL), s = rundir_number(rd, r, GB_SUMMARY_SPEEDUP);
        if (isnan(t))
            fputs("</td><td>-</td><td>-", f);
        else
            fprintf(f, "</td><td>%.4g (%.4g-%.4g)</td><td>%.3g (%.3g-%.3g)", t,
                    rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL_LO),
                    rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL_HI), s,
                    rundir_number(rd, r, GB_SUMMARY_SPEEDUP_LO), rundir_number(rd, r, GB_SUMMARY_SPEEDUP_HI));
        fprintf(f, "</td><td>%s</td></tr>\n", rundir_get(rd, r, GB_SUMMARY_ROUNDS));
    }
    fputs("</table>\n", f);
}

static void scenario(FILE *f, const gb_rundir *rd, const gb_manifest *m, const gb_judged *js, int n,
                     const gb_decision_opts *o, const char *pre)
{
    fprintf(f, "<section id=\"%s%s\"><h2>", pre, m->name);
    esc(f, m->title);
    fprintf(f, " (<code>%s</code>)</h2>\n<p><strong>Question (talk %s):</strong> ", m->name, m->talk);
    esc(f, m->question);
    fputs("</p>\n<p>", f);
    esc(f, m->about);
    fputs("</p>\n<h3>Findings</h3>\n<ul>\n", f);
    for (int i = 0; i < n; i++) {
        if (js[i].m != m)
            continue;
        const char *v = findings_verdict_name(js[i].verdict);
        fputs("<li>", f);
        esc(f, js[i].sentence);
        if (js[i].claim[0]) {
            fputs(" Expected: ", f);
            esc(f, js[i].claim);
            fputs(".", f);
        }
        fprintf(f, " <span class=\"%s\">%s</span></li>\n", v, v);
    }
    fputs("</ul>\n<h3>The four questions</h3>\n", f);
    decisions_write_html(f, rd, m, o);
    for (int c = 0; c < m->chart_count; c++)
        chart(f, rd, m, &m->charts[c]);
    points_table(f, rd, m->name);
    fputs("</section>\n", f);
}

int export_html(const gb_rundir *rd, const gb_judged_context *cs, const gb_decision_opts *o,
                const char *path, gb_error *err)
{
    gb_atomic out;
    FILE *f = atomic_open(&out, path, err);
    if (!f)
        return -1;
    head(f, rd, cs);
    for (int k = 0; k < rd->context_count; k++) {
        char pre[16] = "";
        const gb_rundir *view = &cs[k].view;
        if (rd->context_count > 1) {
            snprintf(pre, sizeof pre, "c%d-", k);
            fputs("<h1>", f);
            esc(f, cs[k].words);
            fputs("</h1>\n", f);
        }
        verdicts(f, cs[k].js, cs[k].n, pre);
        for (int s = 0; s < view->manifests.count; s++)
            scenario(f, view, &view->manifests.items[s], cs[k].js, cs[k].n, o, pre);
    }
    fputs("</main></body></html>\n", f);
    return atomic_close(&out, err);
}
