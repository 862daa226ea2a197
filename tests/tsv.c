/*
 * tsv.c — reading the sample corpus's tables for the acceptance tests
 * (see tsv.h): getline, trailing CR/LF dropped, columns cut in place and
 * copied.
 */
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tsv_load(const char *path, tsv_row *rows, int max, int ncols, int min_cols)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    int n = 0, first = 1;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0 && n < max) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (first) { /* header */
            first = 0;
            continue;
        }
        char *col[4] = {line, "", "", ""};
        int nc = 1;
        for (char *p = line; *p && nc < ncols && nc < 4; p++)
            if (*p == '\t') {
                *p = 0;
                col[nc++] = p + 1;
            }
        if (nc < min_cols)
            continue;
        rows[n].id = strdup(col[0]);
        rows[n].kind = strdup(col[1]);
        rows[n].value = strdup(col[2]);
        rows[n].detail = strdup(col[3]);
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

void tsv_free(tsv_row *rows, int n)
{
    for (int i = 0; i < n; i++)
        free(rows[i].id), free(rows[i].kind), free(rows[i].value), free(rows[i].detail);
}
