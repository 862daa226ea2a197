/*
 * harness.h — the project's small test harness.
 *
 * TEST(name) { ... } registers a test; CHECK* record failures and go on.
 * The runner prints one line per failure and closes with
 * "N passed, N failed" (the line CI reads).
 */
#ifndef SL_HARNESS_H
#define SL_HARNESS_H

#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void harness_register(const char *name, test_fn fn, const char *file);
void harness_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Registers a test computed at run time (data-driven cases). */
void harness_add_result(const char *name, int ok, const char *detail);

#define TEST(name)                                                                   \
    static void name(void);                                                          \
    __attribute__((constructor)) static void reg_##name(void)                        \
    {                                                                                \
        harness_register(#name, name, __FILE__);                                     \
    }                                                                                \
    static void name(void)

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond))                                                                 \
            harness_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                    \
    } while (0)

#define CHECK_INT(a, b)                                                              \
    do {                                                                             \
        long long va_ = (long long)(a), vb_ = (long long)(b);                        \
        if (va_ != vb_)                                                              \
            harness_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, va_, vb_); \
    } while (0)

#define CHECK_STR(a, b)                                                              \
    do {                                                                             \
        const char *sa_ = (a), *sb_ = (b);                                           \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0)                                   \
            harness_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a,    \
                         sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                \
    } while (0)

#endif
