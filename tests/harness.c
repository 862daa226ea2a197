/*
 * harness.c — runs the registered tests (optionally filtered by a substring
 * given as argv[1]) and the data-driven cases, then prints the summary.
 */
#include "harness.h"

#include <stdarg.h>
#include <stdlib.h>

#define MAX_TESTS 4096

static struct {
    const char *name, *file;
    test_fn fn;
} tests[MAX_TESTS];
static int n_tests;
static int cur_failed;
static int passed, failed;

void harness_register(const char *name, test_fn fn, const char *file)
{
    if (n_tests < MAX_TESTS) {
        tests[n_tests].name = name;
        tests[n_tests].fn = fn;
        tests[n_tests].file = file;
        n_tests++;
    }
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    cur_failed++;
}

void harness_add_result(const char *name, int ok, const char *detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s\n%s%s", name, detail ? detail : "",
                detail && *detail && detail[strlen(detail) - 1] != '\n' ? "\n" : "");
    }
}

int run_cases(const char *dir, const char *filter); /* cases.c */

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    const char *cases_dir = getenv("SL_CASES_DIR");
    for (int i = 0; i < n_tests; i++) {
        if (filter && !strstr(tests[i].name, filter) && !strstr(tests[i].file, filter))
            continue;
        cur_failed = 0;
        tests[i].fn();
        if (cur_failed) {
            failed++;
            fprintf(stderr, "FAIL %s (%s)\n", tests[i].name, tests[i].file);
        } else {
            passed++;
        }
    }
    run_cases(cases_dir ? cases_dir : "tests/cases", filter);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
