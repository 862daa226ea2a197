/*
 * tsv.h — the sample corpus's tables (corpus/residue.tsv, corpus/facts.tsv)
 * for the acceptance tests that read them: a header line, then one row a
 * line of tab-separated columns id, kind, value and detail.
 */
#ifndef SL_TESTS_TSV_H
#define SL_TESTS_TSV_H

typedef struct tsv_row {
    char *id, *kind, *value, *detail; /* "" when the line has fewer columns */
} tsv_row;

/* Reads the rows of path after its header into rows (at most max): a line
 * is cut at its first ncols - 1 tabs (ncols 1 to 4), the last column keeping
 * any further tab; a line of fewer than min_cols columns is passed over.
 * Returns the row count, or -1 when the file cannot be opened. */
int tsv_load(const char *path, tsv_row *rows, int max, int ncols, int min_cols);

/* Frees the strings of rows[0..n). */
void tsv_free(tsv_row *rows, int n);

#endif
