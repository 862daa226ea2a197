/*
 * dir.h — a folder's entries as a sorted list of names, for the callers
 * that walk a folder in a stable order (eval summaries, benchmarks, tests).
 */
#ifndef SL_DIR_H
#define SL_DIR_H

#include <stddef.h>

/* The names of dir's entries, hidden ones (".…") left out, sorted by
 * strcmp: a malloc'd array of malloc'd names, their count in *n; NULL
 * (and *n = 0) when dir cannot be opened. dir_list_free releases it. */
char **dir_list(const char *dir, size_t *n);
void dir_list_free(char **names, size_t n);

#endif
