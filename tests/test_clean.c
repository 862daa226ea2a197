/*
 * test_clean.c — unit tests of the cleaner: its tables (folded, sorted,
 * consistent), its key builder, and edge inputs (empty, residue only,
 * huge lines, many lines, punctuation, odd bytes). Behaviour on real
 * article shapes is covered by the case files in tests/cases/clean/.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/extract/clean.h"
#include "../src/extract/clean_int.h"
#include "../src/util/buf.h"
#include "harness.h"

/* ---------------------------------------------------------------- helpers */

typedef struct run {
    sl_ctx *ctx;
    sl_arena *a;
    clean_result r;
} run;

static void run_clean(run *x, const char *text, size_t n, const char *title)
{
    x->ctx = sl_ctx_new(NULL, NULL);
    x->a = arena_new();
    clean_text(x->ctx, x->a, text, n, title, &x->r);
}

static void run_done(run *x)
{
    arena_free(x->a);
    sl_ctx_free(x->ctx);
}

/* Checks the invariants every result must hold. */
static void check_result(const clean_result *r, size_t n_in)
{
    CHECK(r->text != NULL);
    CHECK_INT(strlen(r->text), r->len);
    CHECK(r->len <= n_in + 1);
    for (size_t i = 0; i < r->n_paras; i++) {
        CHECK(r->paras[i].start < r->paras[i].end);
        CHECK(r->paras[i].end <= r->len);
        if (i)
            CHECK_INT(r->paras[i].start, r->paras[i - 1].end + 2);
    }
    for (size_t i = 0; i < r->n_removed; i++) {
        CHECK(r->removed[i].line >= 1);
        CHECK(r->removed[i].reason < SL_RM__COUNT);
        CHECK(r->removed[i].text && r->removed[i].text[0]);
        if (i)
            CHECK(r->removed[i].line > r->removed[i - 1].line);
    }
}

static size_t count_reason(const clean_result *r, sl_reason why)
{
    size_t c = 0;
    for (size_t i = 0; i < r->n_removed; i++)
        c += r->removed[i].reason == why;
    return c;
}

/* ---------------------------------------------------------------- tables */

static int cmp_bytes(const char *a, const char *b)
{
    return strcmp(a, b); /* strcmp compares as unsigned char */
}

/* Folds a table phrase; keeps a final '*' (stem marker) aside. */
static bool folded(const char *pat)
{
    char tmp[256], out[CKEY_CAP];
    size_t l = strlen(pat);
    if (l >= sizeof tmp)
        return false;
    memcpy(tmp, pat, l + 1);
    if (l && tmp[l - 1] == '*')
        tmp[--l] = 0;
    ckey_fold_phrase(tmp, out, sizeof out);
    return strcmp(out, tmp) == 0;
}

TEST(clean_rules_are_folded_and_sorted)
{
    for (size_t i = 0; i < clean_n_rules; i++) {
        const clean_rule *r = &clean_rules[i];
        if (!folded(r->pat))
            harness_fail(__FILE__, __LINE__, "rule \"%s\" is not in folded form", r->pat);
        if (i && cmp_bytes(clean_rules[i - 1].pat, r->pat) > 0)
            harness_fail(__FILE__, __LINE__, "rule \"%s\" is out of order", r->pat);
        CHECK(r->reason < SL_RM__COUNT);
        CHECK(r->kind == CR_EXACT || r->kind == CR_PREFIX);
        CHECK(r->handler <= CH_LABEL);
    }
    CHECK(clean_n_rules > 300);
}

TEST(clean_wordsets_are_folded_and_sorted)
{
    for (size_t s = 0; s < clean_n_wordsets; s++) {
        const clean_wordset *ws = clean_all_wordsets[s];
        CHECK(ws->n > 0);
        for (size_t i = 0; i < ws->n; i++) {
            if (!folded(ws->v[i].w) || strchr(ws->v[i].w, ' '))
                harness_fail(__FILE__, __LINE__, "set %s: \"%s\" not one folded word",
                             ws->name, ws->v[i].w);
            if (i && cmp_bytes(ws->v[i - 1].w, ws->v[i].w) >= 0)
                harness_fail(__FILE__, __LINE__, "set %s: \"%s\" out of order or twice",
                             ws->name, ws->v[i].w);
            CHECK(cws_find(ws, ws->v[i].w, strlen(ws->v[i].w)) == &ws->v[i]);
        }
        CHECK(cws_find(ws, "zzzzqqq", 7) == NULL);
    }
}

TEST(clean_phrase_tables_are_folded)
{
    for (size_t i = 0; i < clean_n_contains; i++)
        if (!folded(clean_contains_rules[i].pat))
            harness_fail(__FILE__, __LINE__, "contains \"%s\" not folded",
                         clean_contains_rules[i].pat);
    for (size_t i = 0; i < clean_n_cooc; i++) {
        const clean_cooc *c = &clean_cooc_rules[i];
        CHECK(folded(c->anchor));
        for (const char *const *p = c->strong; p && *p; p++)
            if (!folded(*p))
                harness_fail(__FILE__, __LINE__, "cooc \"%s\" not folded", *p);
        for (const char *const *p = c->weak; p && *p; p++)
            if (!folded(*p))
                harness_fail(__FILE__, __LINE__, "cooc \"%s\" not folded", *p);
    }
    for (size_t i = 0; i < agency_n_defs; i++)
        CHECK(folded(agency_defs[i].pat));
}

/* Every table phrase, written as a line on its own, is offered by the
 * lookup (catches a phrase the binary search cannot reach, or a maxw
 * smaller than the phrase itself). */
typedef struct seen {
    const clean_rule *want;
    bool found;
} seen;

static bool saw_rule(void *user, const clean_rule *r, size_t m)
{
    seen *s = user;
    if (r == s->want)
        s->found = true;
    (void)m;
    return false; /* keep walking */
}

TEST(clean_rules_are_reachable)
{
    ckey *k = malloc(sizeof *k);
    for (size_t i = 0; i < clean_n_rules; i++) {
        char line[256];
        size_t l = 0;
        for (const char *p = clean_rules[i].pat; *p && l < sizeof line - 4; p++) {
            if (*p == '#') {
                line[l++] = '1';
                line[l++] = '2';
            } else {
                line[l++] = *p;
            }
        }
        ckey_build(k, line, l);
        seen s = {&clean_rules[i], false};
        crule_each(k, saw_rule, &s);
        if (!s.found)
            harness_fail(__FILE__, __LINE__, "rule \"%s\" unreachable", clean_rules[i].pat);
    }
    free(k);
}

/* ---------------------------------------------------------------- keys */

TEST(clean_key_folds_case_accents_punctuation)
{
    ckey *k = malloc(sizeof *k);
    const char *s = "  >> À LIRE AUSSI : L’Œuvre de Müller, «Straße» — 12/03 ";
    ckey_build(k, s, strlen(s));
    CHECK_STR(k->k, "a lire aussi l oeuvre de muller strasse 12 03");
    CHECK_INT(k->nw, 10);
    CHECK(!k->trunc);
    /* raw spans point at the original words */
    CHECK(memcmp(s + k->w[0].rs, "À", k->w[0].re - k->w[0].rs) == 0);
    CHECK(memcmp(s + k->w[7].rs, "Straße", k->w[7].re - k->w[7].rs) == 0);
    CHECK(ckey_word_upper(k, 2));  /* AUSSI */
    CHECK(!ckey_word_upper(k, 7)); /* Straße */
    CHECK(ckey_word_cap(k, 0));    /* À */
    CHECK(ckey_word_digits(k, 8));
    CHECK(cpat_match("a lire aussi", k, 0, false) == 3);
    CHECK(cpat_match("a lire aussi", k, 0, true) == 0);
    CHECK(cpat_match("# #", k, 8, true) == 2);
    CHECK(cpat_match("a lire", k, 1, false) == 0);
    free(k);
}

TEST(clean_key_truncates_long_lines)
{
    size_t n = 200000;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 5);
    ckey *k = malloc(sizeof *k);
    ckey_build(k, s, n);
    CHECK(k->trunc);
    CHECK(k->nw <= CKEY_MAXW);
    CHECK(k->kn <= CKEY_CAP);
    CHECK_INT(strlen(k->k), k->kn);
    /* one giant word: truncated, no words, never "empty" */
    memset(s, 'x', n);
    ckey_build(k, s, n);
    CHECK(k->trunc);
    CHECK_INT(k->nw, 0);
    free(k);
    free(s);
}

TEST(clean_agencies_need_credit_position_and_case)
{
    ckey *k = malloc(sizeof *k);
    const char *names[8];
    const char *s1 = "avec AFP et Associated Press";
    ckey_build(k, s1, strlen(s1));
    CHECK_INT(agency_list(k, 0, k->nw, names, 8), 2);
    CHECK_STR(names[0], "AFP");
    CHECK_STR(names[1], "AP");
    const char *s2 = "avec ap"; /* lowercase "ap" is not the agency */
    ckey_build(k, s2, strlen(s2));
    CHECK_INT(agency_list(k, 0, k->nw, names, 8), 0);
    const char *s3 = "Reuters and Reuters";
    ckey_build(k, s3, strlen(s3));
    CHECK_INT(agency_list(k, 0, k->nw, names, 8), 1);
    const char *s4 = "AFP et le ministre";
    ckey_build(k, s4, strlen(s4));
    CHECK_INT(agency_list(k, 0, k->nw, names, 8), 0);
    free(k);
}

/* ---------------------------------------------------------------- edge inputs */

TEST(clean_empty_input)
{
    run x;
    run_clean(&x, "", 0, NULL);
    check_result(&x.r, 0);
    CHECK_INT(x.r.len, 0);
    CHECK_INT(x.r.n_paras, 0);
    CHECK_INT(x.r.n_removed, 0);
    CHECK(x.r.title == NULL);
    run_done(&x);
    run_clean(&x, NULL, 0, "Titre donné");
    CHECK_INT(x.r.len, 0);
    run_done(&x);
    run_clean(&x, "\n\n  \n\t\n", 6, NULL);
    check_result(&x.r, 6);
    CHECK_INT(x.r.len, 0);
    CHECK_INT(x.r.n_removed, 0);
    run_done(&x);
}

TEST(clean_only_residue)
{
    const char *s = "Publicité\nPartager cet article\n\nTemps de lecture : 3 min\n"
                    "Nous utilisons des cookies pour améliorer votre expérience.\n"
                    "Accepter et fermer\n12 commentaires\n";
    run x;
    run_clean(&x, s, strlen(s), NULL);
    check_result(&x.r, strlen(s));
    CHECK_INT(x.r.len, 0);
    CHECK_INT(x.r.n_paras, 0);
    CHECK_INT(x.r.n_removed, 6);
    CHECK_INT(x.r.removed[0].line, 1);
    CHECK_INT(x.r.removed[0].reason, SL_RM_AD);
    CHECK_INT(x.r.removed[2].line, 4);
    CHECK_INT(x.r.removed[2].reason, SL_RM_READTIME);
    CHECK_INT(count_reason(&x.r, SL_RM_COOKIE), 2);
    CHECK_INT(x.r.removed[5].reason, SL_RM_COMMENTS);
    run_done(&x);
}

TEST(clean_giant_line)
{
    size_t n = 1u << 20;
    char *s = malloc(n);
    const char *sent = "Le conseil municipal a voté le budget, après un long débat. ";
    size_t sl = strlen(sent);
    for (size_t i = 0; i < n; i++)
        s[i] = sent[i % sl];
    run x;
    run_clean(&x, s, n, NULL);
    check_result(&x.r, n);
    CHECK_INT(x.r.n_paras, 1);
    CHECK_INT(x.r.n_removed, 0);
    CHECK(x.r.len >= n - sl && x.r.len <= n);
    CHECK(x.r.title == NULL);
    run_done(&x);
    /* the same, ending like a caption: still one line, decided on its tail */
    memcpy(s + n - 24, " (Photo Jean Roux / AFP)", 24);
    run_clean(&x, s, n, NULL);
    check_result(&x.r, n);
    CHECK_INT(x.r.n_removed, 1);
    CHECK_INT(x.r.removed[0].reason, SL_RM_CAPTION);
    run_done(&x);
    free(s);
}

TEST(clean_many_short_lines)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < 10000; i++) {
        switch (i % 5) {
        case 0:
            buf_printf(&b, "Le maire de la ville %d a présenté son projet aux habitants.\n", i);
            break;
        case 1: buf_adds(&b, "Publicité\n"); break;
        case 2: buf_printf(&b, "%d commentaires\n", i); break;
        case 3: buf_adds(&b, "\n"); break;
        default: buf_printf(&b, "ligne %d\n", i); break;
        }
    }
    run x;
    run_clean(&x, b.data, b.len, "Un titre");
    check_result(&x.r, b.len);
    CHECK_INT(count_reason(&x.r, SL_RM_AD), 2000);
    CHECK_INT(count_reason(&x.r, SL_RM_COMMENTS), 2000);
    CHECK_INT(x.r.n_removed, 4000);
    /* "ligne N" starts lowercase after a finished sentence: own paragraph */
    CHECK_INT(x.r.n_paras, 4000);
    CHECK(x.r.removed[3999].line == 9998);
    run_done(&x);
    buf_free(&b);
}

TEST(clean_punctuation_lines)
{
    const char *s = "***\n---\n. . .\n«»\n•\n—\nLe texte reste.\n!!!???\n";
    run x;
    run_clean(&x, s, strlen(s), NULL);
    check_result(&x.r, strlen(s));
    CHECK_STR(x.r.text, "Le texte reste.");
    CHECK_INT(count_reason(&x.r, SL_RM_OTHER), 7);
    run_done(&x);
}

TEST(clean_odd_bytes_do_not_crash)
{
    /* not valid UTF-8 (the contract says it is, but nothing may crash) */
    const unsigned char raw[] = {0xff, 0xfe, '\n', 0xc3, '\n', 'P', 'a', 'r', ' ', 0xe2, 0x80,
                                 '\n', '(', '@', '\n', 0xc2, 0xa9, '\n', 0, 'a', '\n', 0xf4,
                                 0x90, 0x80, 0x80, ' ', 'A', 'F', 'P', '\n', '(', '(', ')', ')',
                                 ' ', '/', ' ', '/', '\n', 0xe2, 0x80, 0x94, '\n'};
    run x;
    run_clean(&x, (const char *)raw, sizeof raw, NULL);
    check_result(&x.r, sizeof raw);
    run_done(&x);
    /* every prefix of a mixed residue text */
    const char *mix = "Par Claire Dubois avec AFP\nPublié le 14/03/2026 à 10h32\n"
                      "— Marie (@m) March 14, 2026\nAccueil > France\n© 2026 X\n(AP Photo/T)\n";
    for (size_t n = 0; n <= strlen(mix); n++) {
        run_clean(&x, mix, n, n % 2 ? "Titre" : NULL);
        check_result(&x.r, n);
        run_done(&x);
    }
}

TEST(clean_crlf_and_tabs_normalised)
{
    const char *s = "  Le\tmaire   a parlé.  \r\n\r\nIl a\t\tdit non.\r\n";
    run x;
    run_clean(&x, s, strlen(s), "T");
    CHECK_STR(x.r.text, "Le maire a parlé.\n\nIl a dit non.");
    CHECK_INT(x.r.n_paras, 2);
    run_done(&x);
}

TEST(clean_wrapped_lines_join)
{
    const char *s = "Le ministre a indiqué que la réforme\nserait votée avant l'été, "
                    "selon son entourage.\ndes fruits sont tombés.\n\n"
                    "mais le débat continue.\n";
    run x;
    run_clean(&x, s, strlen(s), "T");
    CHECK_INT(x.r.n_paras, 3);
    CHECK_STR(x.r.text, "Le ministre a indiqué que la réforme serait votée avant l'été, "
                        "selon son entourage.\n\ndes fruits sont tombés.\n\n"
                        "mais le débat continue.");
    run_done(&x);
}

TEST(clean_first_stamp_wins)
{
    const char *s = "Mis à jour le 15/03/2026 à 08h00\nPublié le 14/03/2026 à 10h32\n"
                    "Publié le 01/01/2020\nLe texte commence ici et continue longuement.\n";
    run x;
    run_clean(&x, s, strlen(s), "T");
    CHECK_STR(x.r.stamp, "Publié le 14/03/2026 à 10h32");
    CHECK_INT(count_reason(&x.r, SL_RM_TIMESTAMP), 3);
    run_done(&x);
    const char *u = "Updated 3:42 PM GMT\nThe council met on Tuesday to vote on the budget.\n";
    run_clean(&x, u, strlen(u), "T");
    CHECK_STR(x.r.stamp, "Updated 3:42 PM GMT");
    run_done(&x);
}

TEST(clean_agencies_deduplicated)
{
    const char *s = "Par Claire Dubois avec AFP\nPARIS (AFP) — Le gouvernement a tranché.\n"
                    "Avec AFP et Reuters\nLe texte continue (Reuters)\n";
    run x;
    run_clean(&x, s, strlen(s), "T");
    CHECK_INT(x.r.n_agencies, 2);
    CHECK_STR(x.r.agencies[0], "AFP");
    CHECK_STR(x.r.agencies[1], "Reuters");
    CHECK_STR(x.r.author, "Claire Dubois");
    run_done(&x);
}
