/* dir.c — sorted folder listing: readdir, then qsort; aborts on OOM. */
#include "dir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int dir_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void *dir_check(void *p)
{
    if (!p) {
        fprintf(stderr, "storyline: out of memory, aborting\n");
        abort();
    }
    return p;
}

char **dir_list(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t cap = 64;
    char **v = dir_check(malloc(cap * sizeof *v));
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap)
            v = dir_check(realloc(v, (cap *= 2) * sizeof *v));
        v[(*n)++] = dir_check(strdup(e->d_name));
    }
    closedir(d);
    qsort(v, *n, sizeof *v, dir_cmp);
    return v;
}

void dir_list_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
