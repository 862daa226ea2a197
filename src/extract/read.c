/*
 * read.c — sl_read_path: walks files, directories and stdin, detects each
 * input's format and hands it to its reader.
 *
 * Directories are walked recursively in name order (so ids and ingest order
 * are stable), hidden entries skipped. A file's article id is its path
 * relative to the argument without the extension ("news/0042").
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/buf.h"
#include "reader.h"

#define HEAD_BYTES 4096

static const reader_ops *const readers[] = {&reader_jsonl, &reader_txt, &reader_html,
                                            &reader_warc, &reader_feed};

typedef struct walk {
    sl_ctx *ctx;
    sl_raw_fn fn;
    void *user;
    long count;
    int stopped;
} walk;

/* Looks like text (not a binary file)? NULs or many control bytes say no. */
static int looks_binary(const unsigned char *p, size_t n)
{
    size_t ctl = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0)
            return 1;
        if (p[i] < 32 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t' && p[i] != '\f')
            ctl++;
    }
    return n && ctl * 10 > n;
}

static const reader_ops *pick_reader(const char *filename, const unsigned char *head, size_t n)
{
    const reader_ops *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        int s = readers[i]->sniff(filename, head, n);
        if (s > best_score) {
            best_score = s;
            best = readers[i];
        }
    }
    return best;
}

static void read_stream(walk *w, FILE *f, const char *name, const char *filename,
                        const char *path_id)
{
    unsigned char head[HEAD_BYTES];
    size_t n = fread(head, 1, sizeof head, f);
    if (ferror(f)) {
        sl_diag(w->ctx, SL_ERROR, name, 0, "cannot read: %s, skipped", strerror(errno));
        return;
    }
    if (n == 0) {
        sl_diag(w->ctx, SL_WARNING, name, 0, "empty file, skipped");
        return;
    }
    /* gzip is read only as a WARC.gz (warc.c inflates it) */
    int gz = n >= 2 && head[0] == 0x1f && head[1] == 0x8b;
    if (!gz && looks_binary(head, n)) {
        sl_diag(w->ctx, SL_ERROR, name, 0, "binary content (not text), skipped");
        return;
    }
    const reader_ops *r = pick_reader(filename, head, n);
    if (gz && r != &reader_warc) {
        sl_diag(w->ctx, SL_ERROR, name, 0, "gzip-compressed but not a WARC, skipped");
        return;
    }
    if (!r) {
        sl_diag(w->ctx, SL_ERROR, name, 0, "unknown format, skipped");
        return;
    }
    reader_input in = {f, name, path_id, head, n};
    w->count += r->read(w->ctx, &in, w->fn, w->user, &w->stopped);
}

/* "dir/news/0042.txt" relative to "dir" → "news/0042". */
static char *make_path_id(const char *rel)
{
    char *id = strdup(rel);
    if (!id)
        abort();
    char *slash = strrchr(id, '/');
    char *dot = strrchr(id, '.');
    if (dot && dot > id && (!slash || dot > slash + 1))
        *dot = 0;
    return id;
}

/* In a directory walk only files with a known article extension are read
 * (README.md or a gold.tsv beside the articles is not an article); a file
 * named on the command line is read whatever its name. */
static int known_extension(const char *filename)
{
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
        if (readers[i]->sniff(filename, NULL, 0) >= 50)
            return 1;
    return 0;
}

static void read_file(walk *w, const char *path, const char *rel)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sl_diag(w->ctx, SL_ERROR, path, 0, "cannot open: %s, skipped", strerror(errno));
        return;
    }
    char *pid = make_path_id(rel);
    read_stream(w, f, path, path, pid);
    free(pid);
    fclose(f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_dir(walk *w, const char *path, const char *rel, int depth)
{
    if (depth > 64) {
        sl_diag(w->ctx, SL_ERROR, path, 0, "directories nested too deep, skipped");
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        sl_diag(w->ctx, SL_ERROR, path, 0, "cannot open directory: %s, skipped", strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                abort();
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && !w->stopped; i++) {
        buf full, r;
        buf_init(&full);
        buf_init(&r);
        buf_printf(&full, "%s/%s", path, names[i]);
        if (*rel)
            buf_printf(&r, "%s/%s", rel, names[i]);
        else
            buf_adds(&r, names[i]);
        struct stat st;
        if (stat(full.data, &st) != 0)
            sl_diag(w->ctx, SL_ERROR, full.data, 0, "cannot stat: %s, skipped", strerror(errno));
        else if (S_ISDIR(st.st_mode))
            read_dir(w, full.data, r.data, depth + 1);
        else if (S_ISREG(st.st_mode) && known_extension(names[i]))
            read_file(w, full.data, r.data);
        buf_free(&full);
        buf_free(&r);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

long sl_read_path(sl_ctx *ctx, const char *path, sl_raw_fn fn, void *user)
{
    walk w = {ctx, fn, user, 0, 0};
    if (strcmp(path, "-") == 0) {
        read_stream(&w, stdin, "-", NULL, NULL);
        return w.count;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        sl_diag(ctx, SL_ERROR, path, 0, "cannot open: %s, skipped", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t l = strlen(path);
        char *p = strdup(path);
        while (l > 1 && p[l - 1] == '/')
            p[--l] = 0;
        read_dir(&w, p, "", 0);
        free(p);
    } else {
        const char *base = strrchr(path, '/');
        read_file(&w, path, base ? base + 1 : path);
    }
    return w.count;
}

char *reader_slurp(reader_input *in, size_t cap, size_t *len, int *truncated)
{
    buf b;
    buf_init(&b);
    *truncated = 0;
    size_t take = in->head_len < cap ? in->head_len : cap;
    buf_add(&b, in->head, take);
    if (take < in->head_len)
        *truncated = 1;
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, in->f)) > 0) {
        if (b.len >= cap) {
            *truncated = 1;
            continue; /* drain */
        }
        size_t room = cap - b.len;
        if (k > room) {
            *truncated = 1;
            k = room;
        }
        buf_add(&b, tmp, k);
    }
    *len = b.len;
    return buf_steal(&b);
}
