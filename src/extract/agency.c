/*
 * agency.c — wire agencies credited in bylines, credit lines and
 * datelines, under one canonical name each ("Agence France-Presse", "AFP"
 * → "AFP"; "Associated Press", "AP" → "AP").
 *
 * Agencies are only looked for in credit positions (after "Par X avec",
 * inside a dateline's parentheses, on a credit line), never in running
 * text. Short all-caps names that are also ordinary words or initials in
 * other languages ("AP", "PA", "ATS", ...) must be written in capitals.
 */
#include <string.h>

#include "clean_int.h"

/* clang-format off */
const agency_def agency_defs[] = {
    {"afp", "AFP", false},
    {"agence france presse", "AFP", false},
    {"reuters", "Reuters", false},
    {"thomson reuters", "Reuters", false},
    {"ap", "AP", true},
    {"associated press", "AP", false},
    {"dpa", "dpa", false},
    {"deutsche presse agentur", "dpa", false},
    {"efe", "EFE", false},
    {"agencia efe", "EFE", false},
    {"ansa", "ANSA", false},
    {"agenzia ansa", "ANSA", false},
    {"belga", "Belga", false},
    {"agence belga", "Belga", false},
    {"ats", "ATS", true},
    {"keystone ats", "ATS", false},
    {"xinhua", "Xinhua", false},
    {"agence chine nouvelle", "Xinhua", false},
    {"anadolu", "Anadolu", false},
    {"anadolu agency", "Anadolu", false},
    {"agence anadolu", "Anadolu", false},
    {"europa press", "Europa Press", false},
    {"bloomberg", "Bloomberg", false},
    {"pa", "PA", true},
    {"pa media", "PA", false},
    {"press association", "PA", false},
    {"kyodo", "Kyodo", false},
    {"apa", "APA", true},
    {"anp", "ANP", true},
    {"tass", "TASS", false},
    {"upi", "UPI", true},
};
/* clang-format on */
const size_t agency_n_defs = sizeof agency_defs / sizeof agency_defs[0];

static bool all_upper(const ckey *k, size_t i, size_t n)
{
    for (size_t j = i; j < i + n; j++)
        if (!ckey_word_upper(k, j))
            return false;
    return true;
}

const char *agency_at(const ckey *k, size_t i, size_t *used)
{
    const char *best = NULL;
    size_t best_n = 0;
    if (i >= k->nw)
        return NULL;
    char c = ckey_wp(k, i)[0];
    for (size_t d = 0; d < agency_n_defs; d++) {
        const agency_def *a = &agency_defs[d];
        if (a->pat[0] != c)
            continue;
        size_t m = cpat_match(a->pat, k, i, false);
        if (m > best_n && (!a->upper || all_upper(k, i, m))) {
            best = a->name;
            best_n = m;
        }
    }
    *used = best_n;
    return best;
}

size_t agency_list(const ckey *k, size_t i, size_t end, const char **names, size_t cap)
{
    size_t n = 0;
    if (end > k->nw)
        end = k->nw;
    while (i < end) {
        size_t used;
        const char *a = agency_at(k, i, &used);
        if (a && i + used <= end) {
            bool dup = false;
            for (size_t j = 0; j < n && j < cap; j++)
                dup |= names[j] == a;
            if (!dup && n < cap)
                names[n++] = a;
            i += used;
            continue;
        }
        if (!cws_word(&cws_credit_join, k, i))
            return 0;
        i++;
    }
    return n;
}
