/*
 * test_util.c — src/util's file helpers: the one whole-file loader (buf.c:
 * plain files, the cap `storyline extract` puts on a page, gzip files read
 * decompressed only when asked, files that are not there) and the sorted
 * folder listing (dir.c).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/util/buf.h"
#include "../src/util/dir.h"
#include "harness.h"

/* A file name of this test's own under /tmp. */
static void tmp_path(char *out, size_t n, const char *what)
{
    snprintf(out, n, "/tmp/sl-test-buf-%s-%d", what, (int)getpid());
}

static void write_file(const char *path, const char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(fwrite(p, 1, n, f), n);
    fclose(f);
}

TEST(buf_load_reads_a_whole_file)
{
    char path[128];
    tmp_path(path, sizeof path, "plain");
    write_file(path, "The ferry left at dawn.\n", 24);
    size_t n = 99;
    char *p = buf_load_file(path, &n);
    CHECK_STR(p, "The ferry left at dawn.\n");
    CHECK_INT(n, 24);
    free(p);
    write_file(path, "", 0);
    p = buf_load_file(path, &n);
    CHECK_STR(p, "");
    CHECK_INT(n, 0);
    free(p);
    unlink(path);
    CHECK(buf_load_file(path, &n) == NULL);
    /* "-" is a file name (here: none) unless standard input is asked for */
    if (access("-", F_OK) != 0)
        CHECK(buf_load_file("-", &n) == NULL);
}

TEST(buf_load_keeps_the_first_max_bytes_and_says_so)
{
    char path[128];
    tmp_path(path, sizeof path, "cap");
    /* more than one read chunk, so the cut falls inside a later chunk */
    size_t big = 200000;
    char *text = malloc(big);
    for (size_t i = 0; i < big; i++)
        text[i] = (char)('a' + i % 26);
    write_file(path, text, big);
    size_t n;
    int cut = -1;
    char *p = buf_load(path, 0, 100001, &n, &cut);
    CHECK_INT(n, 100001);
    CHECK_INT(cut, 1);
    CHECK(p && memcmp(p, text, n) == 0 && p[n] == 0);
    free(p);
    p = buf_load(path, 0, big, &n, &cut);
    CHECK_INT(n, big);
    CHECK_INT(cut, 0);
    free(p);
    p = buf_load(path, 0, 0, &n, &cut);
    CHECK_INT(n, big);
    CHECK_INT(cut, 0);
    free(p);
    free(text);
    unlink(path);
}

TEST(buf_load_decompresses_gzip_only_when_asked)
{
    char path[128];
    tmp_path(path, sizeof path, "gz");
    const char *text = "<p>The lighthouse will be rebuilt by the spring.</p>";
    gzFile g = gzopen(path, "wb");
    CHECK(g != NULL);
    if (!g)
        return;
    CHECK_INT(gzwrite(g, text, (unsigned)strlen(text)), strlen(text));
    gzclose(g);
    size_t n;
    char *p = buf_load(path, BUF_LOAD_GUNZIP, 0, &n, NULL);
    CHECK_STR(p, text);
    free(p);
    p = buf_load_file(path, &n); /* as it is on disk: the gzip magic first */
    CHECK(p && n > 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b);
    free(p);
    write_file(path, text, strlen(text)); /* not gzip: read as it is */
    p = buf_load(path, BUF_LOAD_GUNZIP, 0, &n, NULL);
    CHECK_STR(p, text);
    free(p);
    unlink(path);
    CHECK(buf_load(path, BUF_LOAD_GUNZIP, 0, &n, NULL) == NULL);
}

TEST(dir_list_sorts_names_and_leaves_hidden_ones_out)
{
    char dir[128], path[192];
    tmp_path(dir, sizeof dir, "dir");
    CHECK(mkdir(dir, 0700) == 0);
    const char *names[] = {"b.txt", ".hidden", "a.html", "C.txt", "sub"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (i == 4)
            CHECK(mkdir(path, 0700) == 0);
        else
            write_file(path, "x", 1);
    }
    size_t n = 99;
    char **v = dir_list(dir, &n);
    CHECK_INT(n, 4);
    if (v && n == 4) {
        CHECK_STR(v[0], "C.txt");
        CHECK_STR(v[1], "a.html");
        CHECK_STR(v[2], "b.txt");
        CHECK_STR(v[3], "sub");
    }
    dir_list_free(v, n);
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (i == 4)
            rmdir(path);
        else
            unlink(path);
    }
    CHECK(rmdir(dir) == 0);
    CHECK(dir_list(dir, &n) == NULL);
    CHECK_INT(n, 0);
}
