/*
 * export.c — a static HTML site of all stories: one page per story
 * (story-ID.html, the same page `storyline story ID --format html` prints)
 * and an index.html listing them, newest first. Pages are self-contained:
 * inline style, inline SVG maps, no script, no outside resource, so the
 * folder can be opened from disk or served by anything.
 *
 * Pages are written as stories are added; only the index lines are kept in
 * memory (a few hundred bytes per story), so ten thousand stories export in
 * one pass without holding their digests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ctx.h"
#include "../facts/dates.h"
#include "digest.h"

typedef struct idx_row {
    int64_t last;
    char *html; /* the <li> of the index */
} idx_row;

struct sl_html_export {
    sl_ctx *ctx;
    char *dir;
    idx_row *rows;
    size_t n, cap;
    int failed;
};

/* Story ids become file names: anything but [A-Za-z0-9_-] turns into '_'
 * (no dot, no slash: a page never lands outside dir). */
static void file_name(buf *out, const char *id)
{
    buf_adds(out, "story-");
    for (const char *p = id; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        buf_addc(out, ok ? c : '_');
    }
    buf_adds(out, ".html");
}

static int write_file(sl_html_export *x, const char *name, const char *data, size_t n)
{
    buf path;
    buf_init(&path);
    buf_printf(&path, "%s/%s", x->dir, name);
    FILE *f = fopen(path.data, "w");
    int rc = 0;
    if (!f || fwrite(data, 1, n, f) != n)
        rc = -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc)
        sl_diag(x->ctx, SL_ERROR, path.data, 0, "cannot write: %s", strerror(errno));
    buf_free(&path);
    return rc;
}

sl_html_export *sl_html_export_open(sl_ctx *ctx, const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        sl_diag(ctx, SL_ERROR, dir, 0, "cannot create the export folder: %s", strerror(errno));
        return NULL;
    }
    sl_html_export *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->ctx = ctx;
    x->dir = strdup(dir);
    return x;
}

int sl_html_export_add(sl_html_export *x, const char *story_id, const sl_digest *d)
{
    if (!x || !d || !story_id)
        return -1;
    buf name;
    buf_init(&name);
    file_name(&name, story_id);
    char *page = sl_digest_render(d, SL_FORMAT_HTML, story_id);
    int rc = write_file(x, name.data, page, strlen(page));
    free(page);
    if (rc)
        x->failed = 1;
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 64;
        idx_row *r = realloc(x->rows, x->cap * sizeof *r);
        if (!r)
            abort();
        x->rows = r;
    }
    buf li;
    buf_init(&li);
    buf_adds(&li, "<li><a href=\"");
    dg_html_escape(&li, name.data);
    buf_adds(&li, "\">");
    dg_html_escape(&li, *d->headline ? d->headline : story_id);
    buf_adds(&li, "</a> <span class=\"meta\">");
    char t[40] = "-";
    if (d->first != SL_TIME_NONE) {
        /* as precisely as the first sources date it: a report dated
         * "2026-03" starts the story in March, not on March 1st */
        uint8_t prec = 0;
        for (size_t i = 0; i < d->n_sources; i++)
            if (d->sources[i].published == d->first && d->sources[i].published_prec > prec)
                prec = d->sources[i].published_prec;
        dates_format(d->first, prec && prec < SL_PREC_DAY ? prec : SL_PREC_DAY, t);
    }
    buf_printf(&li, "%s · %zu source%s · %s</span></li>\n", t, d->n_sources,
               d->n_sources == 1 ? "" : "s", d->lang);
    x->rows[x->n].last = d->last != SL_TIME_NONE ? d->last : d->first;
    x->rows[x->n].html = buf_steal(&li);
    x->n++;
    buf_free(&name);
    return rc;
}

static int cmp_newest(const void *a, const void *b)
{
    const idx_row *x = a, *y = b;
    return (x->last < y->last) - (x->last > y->last);
}

int sl_html_export_close(sl_html_export *x)
{
    if (!x)
        return -1;
    qsort(x->rows, x->n, sizeof *x->rows, cmp_newest);
    buf page;
    buf_init(&page);
    buf_adds(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
                    "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>storyline — stories</title>\n<style>");
    buf_adds(&page, dg_html_style);
    buf_adds(&page, "</style>\n</head>\n<body>\n<h1>Stories</h1>\n");
    buf_printf(&page, "<p class=\"meta\">%zu stor%s, newest first</p>\n<ul class=\"sum\">\n", x->n,
               x->n == 1 ? "y" : "ies");
    for (size_t i = 0; i < x->n; i++) {
        buf_adds(&page, x->rows[i].html);
        free(x->rows[i].html);
    }
    buf_adds(&page, "</ul>\n</body>\n</html>\n");
    int rc = write_file(x, "index.html", page.data, page.len);
    buf_free(&page);
    rc = rc || x->failed ? -1 : 0;
    free(x->rows);
    free(x->dir);
    free(x);
    return rc;
}
