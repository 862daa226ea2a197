/*
 * cases.c — reads the files tests/cases/KIND/NAME.case (format in cases.h), runs each
 * case through its kind's dumper and compares with the expected text. A
 * mismatch prints the case's file:line and both texts.
 */
#include "cases.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const struct {
    const char *kind;
    case_dump_fn fn;
} kinds[] = {
    {"clean", dump_clean},
    {"tokens", dump_tokens},
    {"sentences", dump_sentences},
    {"dates", dump_dates},
    {"entities", dump_entities},
    {"figures", dump_figures},
    {"quotes", dump_quotes},
    {"dups", dump_dups},
    {"align", dump_align},
};

static void trim_trailing_newlines(buf *b)
{
    while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
        b->data[--b->len] = 0;
}

/* The first differing line, for a readable failure. */
static void describe_diff(buf *d, const char *want, const char *got)
{
    int line = 1;
    const char *w = want, *g = got;
    while (*w && *g) {
        const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
        size_t wl = we ? (size_t)(we - w) : strlen(w), gl = ge ? (size_t)(ge - g) : strlen(g);
        if (wl != gl || memcmp(w, g, wl) != 0) {
            buf_printf(d, "  first difference at output line %d:\n    want: %.*s\n    got:  %.*s\n",
                       line, (int)wl, w, (int)gl, g);
            return;
        }
        w += wl + (we ? 1 : 0);
        g += gl + (ge ? 1 : 0);
        line++;
    }
    buf_printf(d, "  outputs differ in length at line %d (want %s, got %s)\n", line,
               *w ? "more" : "end", *g ? "more" : "end");
}

static void run_file(sl_ctx *ctx, const char *kind, case_dump_fn fn, const char *path,
                     const char *filter)
{
    size_t n;
    char *text = buf_load_file(path, &n);
    if (!text) {
        harness_add_result(path, 0, "cannot read case file\n");
        return;
    }
    enum { OUTSIDE, HEAD, INPUT, EXPECT } state = OUTSIDE;
    buf name, in, want;
    buf_init(&name);
    buf_init(&in);
    buf_init(&want);
    char *lang = NULL, *pub = NULL, *title = NULL;
    int case_line = 0, lineno = 0;
    char *p = text, *end = text + n;

    for (;;) {
        char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        size_t len = p < end ? (nl ? (size_t)(nl - p) : (size_t)(end - p)) : 0;
        int at_end = p >= end;
        if (!at_end)
            lineno++;
        int new_case = !at_end && len >= 4 && memcmp(p, "### ", 4) == 0 && state != INPUT;
        if ((new_case || at_end) && state == EXPECT) {
            trim_trailing_newlines(&in);
            trim_trailing_newlines(&want);
            char full[10240];
            snprintf(full, sizeof full, "%s:%d: [%s] %s", path, case_line, kind,
                     name.data ? name.data : "");
            if (!filter || strstr(full, filter)) {
                case_opts o = {lang, pub, title};
                buf got;
                buf_init(&got);
                fn(ctx, &o, in.data ? in.data : "", in.len, &got);
                trim_trailing_newlines(&got);
                const char *g = got.data ? got.data : "", *w = want.data ? want.data : "";
                int ok = strcmp(g, w) == 0;
                buf d;
                buf_init(&d);
                if (!ok) {
                    describe_diff(&d, w, g);
                    buf_printf(&d, "  --- expected\n%s\n  --- got\n%s\n", w, g);
                }
                harness_add_result(full, ok, d.data);
                buf_free(&d);
                buf_free(&got);
            }
            state = OUTSIDE;
        }
        if (at_end)
            break;
        if (new_case) {
            buf_clear(&name);
            buf_clear(&in);
            buf_clear(&want);
            buf_add(&name, p + 4, len - 4);
            free(lang);
            free(pub);
            free(title);
            lang = pub = title = NULL;
            case_line = lineno;
            state = HEAD;
        } else if (state == HEAD) {
            if (len == 3 && memcmp(p, "<<<", 3) == 0) {
                state = INPUT;
            } else if (len > 1 && p[0] == '@') {
                char *sp = memchr(p, ' ', len);
                if (sp) {
                    size_t kl = (size_t)(sp - p - 1);
                    char *val = strndup(sp + 1, len - (size_t)(sp + 1 - p));
                    if (kl == 4 && !memcmp(p + 1, "lang", 4))
                        free(lang), lang = val;
                    else if (kl == 3 && !memcmp(p + 1, "pub", 3))
                        free(pub), pub = val;
                    else if (kl == 5 && !memcmp(p + 1, "title", 5))
                        free(title), title = val;
                    else
                        free(val);
                }
            }
        } else if (state == INPUT) {
            if (len == 3 && memcmp(p, ">>>", 3) == 0) {
                state = EXPECT;
            } else {
                buf_add(&in, p, len);
                buf_addc(&in, '\n');
            }
        } else if (state == EXPECT) {
            buf_add(&want, p, len);
            buf_addc(&want, '\n');
        }
        p = nl ? nl + 1 : end;
    }
    free(lang);
    free(pub);
    free(title);
    buf_free(&name);
    buf_free(&in);
    buf_free(&want);
    free(text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int run_cases(const char *dir, const char *filter)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, kinds[k].kind);
        DIR *d = opendir(path);
        if (!d)
            continue;
        char *names[1024];
        int nn = 0;
        struct dirent *e;
        while ((e = readdir(d)) && nn < 1024) {
            size_t l = strlen(e->d_name);
            if (l > 5 && strcmp(e->d_name + l - 5, ".case") == 0)
                names[nn++] = strdup(e->d_name);
        }
        closedir(d);
        qsort(names, (size_t)nn, sizeof names[0], cmp_str);
        for (int i = 0; i < nn; i++) {
            char fp[8192];
            snprintf(fp, sizeof fp, "%s/%s", path, names[i]);
            run_file(ctx, kinds[k].kind, kinds[k].fn, fp, filter);
            free(names[i]);
        }
    }
    sl_ctx_free(ctx);
    return 0;
}
