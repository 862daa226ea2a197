/*
 * web_util.h — helpers shared by the web reader tests (test_warc.c,
 * test_feed.c): run a reader over bytes in memory as if they were a
 * file, keep copies of the records and of the diagnostics.
 */
#ifndef SL_WEB_UTIL_H
#define SL_WEB_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/extract/reader.h"
#include "../src/util/buf.h"

#define WU_MAX 64

typedef struct wu_rec {
    char *url, *title, *date, *text, *source, *id, *format;
    unsigned line;
} wu_rec;

typedef struct wu_run {
    wu_rec r[WU_MAX];
    int n;
    long returned;
    buf diags; /* "sev:line:msg\n" per diagnostic */
    int errors, warnings;
} wu_run;

static char *wu_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static bool wu_on_raw(void *user, const sl_raw *raw)
{
    wu_run *x = user;
    if (x->n < WU_MAX) {
        wu_rec *r = &x->r[x->n];
        r->url = wu_dup(raw->url);
        r->title = wu_dup(raw->title);
        r->date = wu_dup(raw->date);
        r->text = raw->text ? strndup(raw->text, raw->text_len) : NULL;
        r->source = wu_dup(raw->source);
        r->id = wu_dup(raw->id);
        r->format = wu_dup(raw->format);
        r->line = raw->line;
    }
    x->n++;
    return true;
}

static void wu_diag(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    wu_run *x = user;
    (void)file;
    x->errors += sev == SL_ERROR;
    x->warnings += sev == SL_WARNING;
    buf_printf(&x->diags, "%s:%u:%s\n",
               sev == SL_ERROR     ? "E"
               : sev == SL_WARNING ? "W"
                                   : "I",
               line, msg);
}

/* Runs reader r over data[0..n) as file "name". */
static void wu_read(wu_run *x, const reader_ops *r, const char *name, const void *data, size_t n)
{
    memset(x, 0, sizeof *x);
    buf_init(&x->diags);
    sl_ctx *ctx = sl_ctx_new(wu_diag, x);
    size_t head = n < 4096 ? n : 4096;
    static char nothing[1];
    FILE *f = n > head ? fmemopen((char *)data + head, n - head, "rb") : fmemopen(nothing, 1, "rb");
    if (n == head)
        fgetc(f);
    reader_input in = {f, name, NULL, data, head};
    int stopped = 0;
    x->returned = r->read(ctx, &in, wu_on_raw, x, &stopped);
    fclose(f);
    sl_ctx_free(ctx);
}

static void wu_free(wu_run *x)
{
    for (int i = 0; i < x->n && i < WU_MAX; i++) {
        wu_rec *r = &x->r[i];
        free(r->url), free(r->title), free(r->date), free(r->text), free(r->source);
        free(r->id), free(r->format);
    }
    buf_free(&x->diags);
}

static int wu_said(const wu_run *x, const char *s)
{
    return x->diags.data && strstr(x->diags.data, s) != NULL;
}

static char *wu_load(const char *path, size_t *n)
{
    return buf_load_file(path, n);
}

#endif
