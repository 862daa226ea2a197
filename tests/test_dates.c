/*
 * test_dates.c — unit tests of src/facts/dates.c: stamp parsing, ISO
 * formatting, agreement with timegm()/gmtime_r(), and robustness on odd
 * input (empty, huge, random bytes, extreme publication times). The
 * behaviour on prose is covered by the case files in tests/cases/dates/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/facts/dates.h"
#include "harness.h"

/* Parses s as a stamp and formats the result ("none" if rejected). */
static const char *stamp(const char *s, char *out)
{
    int64_t t;
    uint8_t prec;
    if (!dates_parse_stamp(s, strlen(s), &t, &prec)) {
        strcpy(out, "none");
        return out;
    }
    dates_format(t, prec, out);
    return out;
}

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

TEST(dates_stamp_iso)
{
    char b[32];
    CHECK_STR(stamp("2017-11", b), "2017-11");
    CHECK_STR(stamp("2026-03-14", b), "2026-03-14");
    CHECK_STR(stamp("2026-03-14T10:32:00Z", b), "2026-03-14T10:32:00Z");
    CHECK_STR(stamp("2026-03-14T10:32:00+01:00", b), "2026-03-14T09:32:00Z");
    CHECK_STR(stamp("2026-03-14T10:32:00-05:00", b), "2026-03-14T15:32:00Z");
    CHECK_STR(stamp("2026-03-14T10:32:00+0530", b), "2026-03-14T05:02:00Z");
    CHECK_STR(stamp("2026-03-14T10:32:00+02", b), "2026-03-14T08:32:00Z");
    CHECK_STR(stamp("2026-03-14T10:32:00.999Z", b), "2026-03-14T10:32:00Z");
    CHECK_STR(stamp("2026-03-14T10:32Z", b), "2026-03-14T10:32Z");
    CHECK_STR(stamp("2026-03-14 10:32", b), "2026-03-14T10:32Z");
    CHECK_STR(stamp("2026-03-14T10:32:00", b), "2026-03-14T10:32:00Z"); /* no zone: UTC */
    CHECK_STR(stamp("2026-01-01T00:30:00+01:00", b), "2025-12-31T23:30:00Z");
    CHECK_STR(stamp("2025-12-31T23:30:00-01:00", b), "2026-01-01T00:30:00Z");
    CHECK_STR(stamp("2017", b), "2017");
    CHECK_STR(stamp(" date 2017-11 ", b), "2017-11");
    CHECK_STR(stamp("\t2026-03-14\n", b), "2026-03-14");
}

TEST(dates_stamp_rfc2822)
{
    char b[32];
    CHECK_STR(stamp("Sat, 14 Mar 2026 10:32:00 +0100", b), "2026-03-14T09:32:00Z");
    CHECK_STR(stamp("Sat, 14 Mar 2026 10:32:00 GMT", b), "2026-03-14T10:32:00Z");
    CHECK_STR(stamp("Sat, 14 Mar 2026 10:32:00 UT", b), "2026-03-14T10:32:00Z");
    CHECK_STR(stamp("Tue, 24 Oct 2017 09:05:00 EDT", b), "2017-10-24T13:05:00Z");
    CHECK_STR(stamp("Tue, 24 Oct 2017 09:05:00 PST", b), "2017-10-24T17:05:00Z");
    CHECK_STR(stamp("Mon, 2 Mar 2026 23:59:59 -0800", b), "2026-03-03T07:59:59Z");
    CHECK_STR(stamp("2 Mar 2026 08:00 CEST", b), "2026-03-02T06:00Z");
}

TEST(dates_stamp_visible)
{
    char b[32];
    CHECK_STR(stamp("Publié le 14/03/2026 à 10h32 - Mis à jour le 14/03/2026 à 12h05", b),
              "2026-03-14T10:32Z");
    CHECK_STR(stamp("Publié le 14 mars 2026 à 10h32", b), "2026-03-14T10:32Z");
    CHECK_STR(stamp("Published March 14, 2026 3:42 PM GMT", b), "2026-03-14T15:42Z");
    CHECK_STR(stamp("Published March 14, 2026 3:42 PM EST", b), "2026-03-14T20:42Z");
    CHECK_STR(stamp("Updated: 14 March 2026, 09:05", b), "2026-03-14T09:05Z");
    CHECK_STR(stamp("14 mars 2026", b), "2026-03-14");
    CHECK_STR(stamp("Veröffentlicht am 14.03.2026, 10:32 Uhr", b), "2026-03-14T10:32Z");
    CHECK_STR(stamp("Stand: 14.03.2026 18:05 Uhr", b), "2026-03-14T18:05Z");
    CHECK_STR(stamp("Publicado el 14 de marzo de 2026", b), "2026-03-14");
    CHECK_STR(stamp("Actualizado el 14/03/2026 a las 19:40", b), "2026-03-14T19:40Z");
    CHECK_STR(stamp("Pubblicato il 14 marzo 2026 alle 10:32", b), "2026-03-14T10:32Z");
    CHECK_STR(stamp("octobre 2017", b), "2017-10");
    CHECK_STR(stamp("Oct. 2017", b), "2017-10");
}

TEST(dates_stamp_rejects)
{
    char b[32];
    CHECK_STR(stamp("Updated 3:42 PM GMT", b), "none");
    CHECK_STR(stamp("", b), "none");
    CHECK_STR(stamp("   ", b), "none");
    CHECK_STR(stamp("hier à 10h32", b), "none");
    CHECK_STR(stamp("yesterday", b), "none");
    CHECK_STR(stamp("le 14 mars", b), "none"); /* no year: cannot stand alone */
    CHECK_STR(stamp("31.02.2026", b), "none");
    CHECK_STR(stamp("29.02.2026", b), "none");
    CHECK_STR(stamp("2026-02-29", b), "none");
    CHECK_STR(stamp("2026-02-30T10:00:00Z", b), "none");
    CHECK_STR(stamp("2026-00-10", b), "none");
    CHECK_STR(stamp("2026-03-14T24:00:00Z", b), "none");
    CHECK_STR(stamp("2026-03-14T10:60:00Z", b), "none");
    CHECK_STR(stamp("0000-01-01", b), "none");
    CHECK_STR(stamp("0999", b), "none");
    CHECK_STR(stamp("Shared 500 times", b), "none");
    CHECK_STR(stamp("1 2017", b), "2017");
    CHECK_STR(stamp("31 avril 2026", b), "none");
    CHECK_STR(stamp("February 30, 2026", b), "none");
    int64_t t = 7;
    uint8_t p = 9;
    CHECK(!dates_parse_stamp(NULL, 0, &t, &p));
    CHECK(!dates_parse_stamp("2026-03-14", 0, &t, &p));
    CHECK_INT(t, 7); /* untouched on failure */
    CHECK_INT(p, 9);
}

TEST(dates_stamp_leap_and_extremes)
{
    char b[32];
    CHECK_STR(stamp("29.02.2024", b), "2024-02-29");
    CHECK_STR(stamp("29.02.2000", b), "2000-02-29");
    CHECK_STR(stamp("29.02.1900", b), "none");
    CHECK_STR(stamp("2100-02-29", b), "none");
    CHECK_STR(stamp("0001-01-01", b), "0001-01-01");
    CHECK_STR(stamp("9999-12-31T23:59:59Z", b), "9999-12-31T23:59:59Z");
    CHECK_STR(stamp("9999-12-31T23:59:59-01:00", b), "none"); /* past year 9999 */
    CHECK_STR(stamp("1969-12-31T23:59:59Z", b), "1969-12-31T23:59:59Z");
    int64_t t;
    uint8_t p;
    CHECK(dates_parse_stamp("1970-01-01T00:00:00Z", 20, &t, &p));
    CHECK_INT(t, 0);
    CHECK_INT(p, SL_PREC_SECOND);
    CHECK(dates_parse_stamp("0001-01-01", 10, &t, &p));
    CHECK_INT(t, -62135596800LL);
    CHECK_INT(p, SL_PREC_DAY);
}

/* A stamp read only up to n: the rest of the buffer is not looked at. */
TEST(dates_stamp_respects_length)
{
    int64_t t;
    uint8_t p;
    const char *s = "2026-03-14T10:32:00Z";
    CHECK(dates_parse_stamp(s, 10, &t, &p));
    CHECK_INT(p, SL_PREC_DAY);
    CHECK_INT(t, utc(2026, 3, 14, 0, 0, 0));
    CHECK(dates_parse_stamp(s, 7, &t, &p));
    CHECK_INT(p, SL_PREC_MONTH);
    CHECK(!dates_parse_stamp(s, 3, &t, &p));
}

TEST(dates_format_precisions)
{
    char b[32];
    int64_t t = utc(2017, 10, 24, 10, 32, 5);
    dates_format(t, SL_PREC_YEAR, b);
    CHECK_STR(b, "2017");
    dates_format(t, SL_PREC_MONTH, b);
    CHECK_STR(b, "2017-10");
    dates_format(t, SL_PREC_DAY, b);
    CHECK_STR(b, "2017-10-24");
    dates_format(t, SL_PREC_MINUTE, b);
    CHECK_STR(b, "2017-10-24T10:32Z");
    dates_format(t, SL_PREC_SECOND, b);
    CHECK_STR(b, "2017-10-24T10:32:05Z");
    dates_format(t, SL_PREC_NONE, b); /* no precision: everything */
    CHECK_STR(b, "2017-10-24T10:32:05Z");
    dates_format(SL_TIME_NONE, SL_PREC_DAY, b);
    CHECK_STR(b, "?");
    dates_format(INT64_MAX, SL_PREC_DAY, b);
    CHECK_STR(b, "?");
    dates_format(INT64_MIN + 1, SL_PREC_SECOND, b);
    CHECK_STR(b, "?");
    dates_format(-1, SL_PREC_SECOND, b);
    CHECK_STR(b, "1969-12-31T23:59:59Z");
    dates_format(utc(1, 1, 1, 0, 0, 0), SL_PREC_DAY, b);
    CHECK_STR(b, "0001-01-01");
    dates_format(utc(9999, 12, 31, 23, 59, 59), SL_PREC_SECOND, b);
    CHECK_STR(b, "9999-12-31T23:59:59Z");
    dates_format(utc(2024, 2, 29, 0, 0, 0), SL_PREC_DAY, b);
    CHECK_STR(b, "2024-02-29");
}

/* The scanner's own calendar arithmetic must agree with timegm(): every
 * numeric date found in text equals the stamp of the same text. */
TEST(dates_calendar_agrees_with_timegm)
{
    sl_arena *a = arena_new();
    unsigned x = 12345;
    int bad = 0;
    for (int i = 0; i < 3000 && bad < 5; i++) {
        x = x * 1103515245u + 12345u;
        int y = 1000 + (int)((x >> 8) % 2000), mo = 1 + (int)((x >> 4) % 12);
        x = x * 1103515245u + 12345u;
        int d = 1 + (int)((x >> 8) % 28);
        char text[64];
        snprintf(text, sizeof text, "Le %02d.%02d.%04d.", d, mo, y);
        sl_date *out;
        size_t k = dates_find(a, "fr", text, strlen(text), NULL, 0, SL_TIME_NONE, 0, &out);
        if (k != 1 || out[0].time != utc(y, mo, d, 0, 0, 0)) {
            harness_fail(__FILE__, __LINE__, "%s: %zu mentions", text, k);
            bad++;
        }
    }
    arena_free(a);
}

/* Relative days against publication days spread over four centuries: the
 * day before and the weekday must agree with gmtime_r(). */
TEST(dates_relative_agrees_with_gmtime)
{
    static const char *const fr_days[7] = {"dimanche", "lundi",    "mardi",  "mercredi",
                                           "jeudi",    "vendredi", "samedi"};
    sl_arena *a = arena_new();
    unsigned x = 777;
    int bad = 0;
    for (int i = 0; i < 2000 && bad < 5; i++) {
        x = x * 1103515245u + 12345u;
        int64_t pub = -2208988800LL + (int64_t)(x % 4000000u) * 3217; /* 1900..2307 */
        time_t tt = (time_t)(pub - 86400);
        struct tm tm;
        gmtime_r(&tt, &tm);
        char want[32], got[32], text[64];
        snprintf(want, sizeof want, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday);
        /* "hier" and yesterday's weekday name, "<weekday> dernier" is then the same day */
        snprintf(text, sizeof text, "hier et %s dernier", fr_days[tm.tm_wday]);
        sl_date *out;
        size_t k = dates_find(a, "fr", text, strlen(text), NULL, 0, pub, SL_PREC_SECOND, &out);
        if (k != 2) {
            harness_fail(__FILE__, __LINE__, "%s: %zu mentions", text, k);
            bad++;
            continue;
        }
        dates_format(out[0].time, out[0].precision, got);
        if (strcmp(got, want) != 0) {
            harness_fail(__FILE__, __LINE__, "hier at %lld: %s, want %s", (long long)pub, got,
                         want);
            bad++;
        }
        dates_format(out[1].time, out[1].precision, got);
        if (strcmp(got, want) != 0) {
            harness_fail(__FILE__, __LINE__, "%s at %lld: %s, want %s", text, (long long)pub,
                         got, want);
            bad++;
        }
    }
    arena_free(a);
}

TEST(dates_find_fields)
{
    sl_arena *a = arena_new();
    const char *text = "Hier, le 24 octobre 2017 à 10h32, en juillet.";
    int64_t pub = utc(2026, 3, 14, 10, 32, 0);
    sl_date *d;
    size_t k = dates_find(a, "fr", text, strlen(text), NULL, 0, pub, SL_PREC_SECOND, &d);
    CHECK_INT(k, 3);
    if (k == 3) {
        CHECK_INT(d[0].start, 0);
        CHECK_INT(d[0].end, 4);
        CHECK_INT(d[0].kind, SL_DK_RELATIVE);
        CHECK_INT(d[0].precision, SL_PREC_DAY);
        CHECK_INT(d[0].time, utc(2026, 3, 13, 0, 0, 0));
        CHECK(d[0].confidence > 0.5f && d[0].confidence < 0.7f);
        CHECK_INT(d[1].start, 9);
        CHECK_INT(d[1].end, (long long)(strstr(text, ", en") - text));
        CHECK_INT(d[1].kind, SL_DK_ABSOLUTE);
        CHECK_INT(d[1].precision, SL_PREC_MINUTE);
        CHECK_INT(d[1].time, utc(2017, 10, 24, 10, 32, 0));
        CHECK(d[1].confidence > 0.9f);
        CHECK_INT(d[2].kind, SL_DK_PARTIAL);
        CHECK_INT(d[2].precision, SL_PREC_MONTH);
        CHECK_INT(d[2].time, utc(2025, 7, 1, 0, 0, 0));
        CHECK(d[2].confidence > d[0].confidence && d[2].confidence < d[1].confidence);
    }
    arena_free(a);
}

/* Ambiguous numeric dates get a lower confidence than unambiguous ones. */
TEST(dates_find_ambiguity_lowers_confidence)
{
    sl_arena *a = arena_new();
    sl_date *d;
    size_t k = dates_find(a, "en", "03/04/2026 and 03/24/2026", 25, NULL, 0, SL_TIME_NONE, 0, &d);
    CHECK_INT(k, 2);
    if (k == 2) {
        CHECK(d[0].confidence < d[1].confidence);
        CHECK_INT(d[0].time, utc(2026, 3, 4, 0, 0, 0));
        CHECK_INT(d[1].time, utc(2026, 3, 24, 0, 0, 0));
    }
    k = dates_find(a, "fr", "03/04/2026", 10, NULL, 0, SL_TIME_NONE, 0, &d);
    CHECK_INT(k, 1);
    if (k == 1)
        CHECK_INT(d[0].time, utc(2026, 4, 3, 0, 0, 0));
    arena_free(a);
}

TEST(dates_find_empty_and_null)
{
    sl_arena *a = arena_new();
    sl_date *d = (sl_date *)a;
    CHECK_INT(dates_find(a, "fr", "", 0, NULL, 0, SL_TIME_NONE, 0, &d), 0);
    CHECK(d == NULL);
    d = (sl_date *)a;
    CHECK_INT(dates_find(a, NULL, NULL, 0, NULL, 0, SL_TIME_NONE, 0, &d), 0);
    CHECK(d == NULL);
    CHECK_INT(dates_find(a, NULL, "hier", 4, NULL, 0, SL_TIME_NONE, 0, &d), 1);
    CHECK_INT(dates_find(a, "", "   \n\n  ", 7, NULL, 0, SL_TIME_NONE, 0, &d), 0);
    /* n shorter than the string: nothing past n is read */
    CHECK_INT(dates_find(a, "fr", "le 24 octobre 2017", 8, NULL, 0, SL_TIME_NONE, 0, &d), 0);
    arena_free(a);
}

/* Publication times at and beyond the edges: nothing crashes, relative
 * mentions stay unresolved when pub cannot be represented. */
TEST(dates_find_extreme_pub)
{
    sl_arena *a = arena_new();
    const char *text = "hier, demain, en juillet, le 3 mars, mercredi prochain, 24.10.2017";
    const int64_t pubs[] = {INT64_MAX, INT64_MIN + 1, -62135596800LL, 253402300799LL, 0, -1};
    for (size_t i = 0; i < sizeof pubs / sizeof pubs[0]; i++) {
        sl_date *d;
        size_t k = dates_find(a, "fr", text, strlen(text), NULL, 0, pubs[i], SL_PREC_SECOND, &d);
        CHECK_INT(k, 6);
        if (k != 6)
            continue;
        CHECK_INT(d[5].time, utc(2017, 10, 24, 0, 0, 0));
        for (size_t j = 0; j < k; j++) {
            char b[32];
            dates_format(d[j].time, d[j].precision, b); /* must not crash */
            CHECK(d[j].time == SL_TIME_NONE ||
                  (d[j].time >= -62135596800LL && d[j].time <= 253402300799LL));
        }
    }
    sl_date *d;
    size_t k = dates_find(a, "fr", text, strlen(text), NULL, 0, INT64_MAX, SL_PREC_SECOND, &d);
    CHECK_INT(k, 6);
    if (k == 6)
        CHECK(d[0].time == SL_TIME_NONE);
    arena_free(a);
}

/* Mentions come in order, inside the text, without overlap. */
static int spans_ok(const sl_date *d, size_t k, size_t n)
{
    uint32_t last = 0;
    for (size_t i = 0; i < k; i++) {
        if (d[i].start < last || d[i].end <= d[i].start || d[i].end > n)
            return 0;
        if (d[i].kind > SL_DK_RELATIVE || d[i].precision > SL_PREC_SECOND)
            return 0;
        if (!(d[i].confidence > 0.0f && d[i].confidence <= 1.0f))
            return 0;
        last = d[i].end;
    }
    return 1;
}

/* Random bytes, with a bias towards digits, separators and date words. */
TEST(dates_find_random_bytes)
{
    static const char *const bits[] = {"24", ".", "/", "-", " ", "octobre", "2017", "le ",
                                       "mars", "hier", "\xc3", "\xa9", "\xe2\x80\x99", ":",
                                       "h", "1er", "May", "de ", "\n", "T", "+01:00", "\xff"};
    sl_arena *a = arena_new();
    char *buf = malloc(4096);
    unsigned x = 99;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        x = x * 1103515245u + 12345u;
        size_t want = (x >> 8) % 4000;
        while (n < want) {
            x = x * 1103515245u + 12345u;
            if ((x >> 20) & 1) {
                const char *b = bits[(x >> 8) % (sizeof bits / sizeof bits[0])];
                size_t l = strlen(b);
                if (n + l > 4096)
                    break;
                memcpy(buf + n, b, l);
                n += l;
            } else {
                buf[n++] = (char)(x >> 12);
            }
        }
        sl_date *d;
        int64_t pub = round % 3 ? utc(2026, 3, 14, 10, 32, 0) : SL_TIME_NONE;
        size_t k = dates_find(a, round % 2 ? "fr" : "en", buf, n, NULL, 0, pub,
                              SL_PREC_SECOND, &d);
        if (!spans_ok(d, k, n)) {
            harness_fail(__FILE__, __LINE__, "bad spans in round %d", round);
            break;
        }
        int64_t t;
        uint8_t p;
        if (dates_parse_stamp(buf, n, &t, &p))
            CHECK(p >= SL_PREC_YEAR && p <= SL_PREC_SECOND);
    }
    free(buf);
    arena_free(a);
}

/* A large article: many mentions, long runs of digits and letters. */
TEST(dates_find_huge)
{
    size_t n = 3u << 20;
    char *buf = malloc(n);
    const char *pat = "Le 24 octobre 2017, hier, 1 500 personnes ; ";
    size_t pl = strlen(pat), i = 0;
    for (; i + pl <= n / 2; i += pl)
        memcpy(buf + i, pat, pl);
    size_t reps = i / pl;
    memset(buf + i, '7', n / 4); /* one enormous number */
    memset(buf + i + n / 4, 'a', n - i - n / 4); /* one enormous word */
    sl_arena *a = arena_new();
    sl_date *d;
    size_t k = dates_find(a, "fr", buf, n, NULL, 0, utc(2026, 3, 14, 0, 0, 0), SL_PREC_DAY, &d);
    CHECK_INT(k, reps * 2);
    CHECK(spans_ok(d, k, n));
    int64_t t;
    uint8_t p;
    CHECK(!dates_parse_stamp(buf + n / 2, n / 2, &t, &p));
    CHECK(dates_parse_stamp(buf, n, &t, &p));
    arena_free(a);
    free(buf);
}

/* Sizes of the result grow in the arena: hundreds of mentions. */
TEST(dates_find_many_mentions)
{
    char buf[8192];
    size_t n = 0;
    for (int i = 0; i < 400; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%d.%d.2020 ", 1 + i % 28, 1 + i % 12);
    sl_arena *a = arena_new();
    sl_date *d;
    size_t k = dates_find(a, "de", buf, n, NULL, 0, SL_TIME_NONE, 0, &d);
    CHECK_INT(k, 400);
    if (k == 400) {
        CHECK_INT(d[399].time, utc(2020, 4, 8, 0, 0, 0)); /* i = 399: 1 + 399 % 28, 1 + 399 % 12 */
        CHECK(spans_ok(d, k, n));
    }
    arena_free(a);
}
