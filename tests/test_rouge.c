/*
 * test_rouge.c — ROUGE-N as ROUGE-1.5.5 computes it, on cases counted by
 * hand: clipping, the model-average formula over several references, the
 * word cut (with Perl's split quirk), tokenisation (hyphens, dots, bytes
 * that are not ASCII), Porter stemming only above three letters, WordNet
 * exceptions, and the Unicode reading for other languages.
 */
#include <math.h>
#include <string.h>

#include "../src/eval/rouge.h"
#include "harness.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

/* Recall of peer against the models (NULL-terminated), n-gram size n. */
static double recall(rouge *r, const char *peer, const char *const *models, int n, unsigned limit,
                     rouge_count *out)
{
    rouge_text p, m[8];
    size_t k = 0;
    rouge_read(r, peer, strlen(peer), limit, &p);
    for (; models[k]; k++)
        rouge_read(r, models[k], strlen(models[k]), limit, &m[k]);
    rouge_count c = {0};
    rouge_ngram(&p, m, k, n, &c);
    rouge_text_free(&p);
    for (size_t i = 0; i < k; i++)
        rouge_text_free(&m[i]);
    if (out)
        *out = c;
    return rouge_recall(&c);
}

TEST(rouge_unigrams_and_bigrams_by_hand)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"the cat was on the mat", NULL};
    rouge_count c;
    /* model unigrams: the×2 cat was on mat = 6; peer hits the×2 cat on mat = 5 */
    CHECK(NEAR(recall(r, "the cat sat on the mat", m, 1, 0, &c), 5.0 / 6.0));
    CHECK(NEAR(c.hit, 5) && NEAR(c.model, 6) && NEAR(c.peer, 6));
    /* bigrams: model "the cat" "cat was" "was on" "on the" "the mat"; hits 3 */
    CHECK(NEAR(recall(r, "the cat sat on the mat", m, 2, 0, NULL), 3.0 / 5.0));
    CHECK(NEAR(recall(r, "dogs bark", m, 1, 0, NULL), 0.0));
    rouge_free(r);
}

TEST(rouge_clips_repeated_ngrams)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"the cat and the dog", NULL};
    /* peer has "the" ×4 but the model only ×2: 2 hits of 5 */
    CHECK(NEAR(recall(r, "the the the the", m, 1, 0, NULL), 2.0 / 5.0));
    rouge_free(r);
}

TEST(rouge_model_average_sums_hits_and_counts)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"red green blue", "red yellow", NULL};
    rouge_count c;
    /* hits 2 + 1 over counts 3 + 2 = 0.6, not the mean of 2/3 and 1/2 */
    CHECK(NEAR(recall(r, "red green", m, 1, 0, &c), 0.6));
    CHECK(NEAR(c.peer, 4)); /* the peer's count is added once per model */
    CHECK(NEAR(rouge_precision(&c), 3.0 / 4.0));
    rouge_free(r);
}

TEST(rouge_cuts_at_the_word_limit)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"four five", NULL}, *m1[] = {"one two", NULL};
    CHECK(NEAR(recall(r, "one two three four five", m, 1, 3, NULL), 0.0)); /* cut before */
    CHECK(NEAR(recall(r, "one two three four five", m1, 1, 3, NULL), 1.0));
    CHECK(NEAR(recall(r, "one two three four five", m, 1, 0, NULL), 1.0)); /* no limit */
    /* the model is cut too: 3 of its 3 kept words */
    const char *m2[] = {"alpha beta gamma delta", NULL};
    CHECK(NEAR(recall(r, "alpha beta gamma delta", m2, 1, 3, NULL), 1.0));
    CHECK(NEAR(recall(r, "delta", m2, 1, 3, NULL), 0.0)); /* delta was cut from the model */
    /* across lines: two words, then three: the cut falls in the second line */
    const char *m3[] = {"a1 a2 b1", NULL};
    CHECK(NEAR(recall(r, "a1 a2\nb1 b2 b3", m3, 1, 3, NULL), 1.0));
    const char *m4[] = {"b2", NULL};
    CHECK(NEAR(recall(r, "a1 a2\nb1 b2 b3", m4, 1, 3, NULL), 0.0));
    /* words are counted on blanks before tokenising: "U.S.-led" is one word */
    const char *m5[] = {"the u s led coalition", NULL};
    CHECK(NEAR(recall(r, "the U.S.-led coalition", m5, 1, 2, NULL), 2.0 / 2.0));
    rouge_free(r);
}

TEST(rouge_line_opening_blank_counts_an_empty_word)
{
    /* ROUGE-1.5.5 splits lines with split(/\s+/): a line that starts with a
     * blank yields an empty first field, which uses one word of the limit */
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"a b", NULL};
    CHECK(NEAR(recall(r, " a b c", m, 1, 2, NULL), 1.0 / 2.0));
    CHECK(NEAR(recall(r, "a b c", m, 1, 2, NULL), 1.0));
    rouge_free(r);
}

TEST(rouge_tokenises_like_rouge_155)
{
    rouge *r = rouge_new("en", 0); /* no stemming: compare tokens as they are */
    const char *m[] = {"post election talks in the u s", NULL};
    /* hyphen and dots separate; case folds */
    CHECK(NEAR(recall(r, "Post-election talks in the U.S.", m, 1, 0, NULL), 1.0));
    /* bytes outside ASCII separate too: "café" reads "caf" */
    const char *m2[] = {"caf", NULL};
    CHECK(NEAR(recall(r, "caf\xc3\xa9", m2, 1, 0, NULL), 1.0));
    /* punctuation never makes a token */
    const char *m3[] = {"yes", NULL};
    rouge_count c;
    recall(r, "-- yes ! ?", m3, 1, 0, &c);
    CHECK(NEAR(c.peer, 1));
    rouge_free(r);
}

TEST(rouge_stems_only_words_longer_than_three)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"runs", NULL};
    CHECK(NEAR(recall(r, "running", m, 1, 0, NULL), 1.0)); /* run = run */
    const char *m2[] = {"it", NULL};
    CHECK(NEAR(recall(r, "its", m2, 1, 0, NULL), 0.0)); /* "its" (3) is not stemmed */
    const char *m3[] = {"dog", NULL};
    CHECK(NEAR(recall(r, "dogs", m3, 1, 0, NULL), 1.0)); /* "dogs" (4) is */
    rouge_free(r);
    r = rouge_new("en", 0);
    CHECK(NEAR(recall(r, "running", m, 1, 0, NULL), 0.0));
    rouge_free(r);
}

TEST(rouge_exceptions_come_before_the_stemmer)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"go", NULL};
    CHECK(NEAR(recall(r, "went", m, 1, 0, NULL), 0.0));
    rouge_exception(r, "went", "go");
    CHECK(NEAR(recall(r, "went", m, 1, 0, NULL), 1.0));
    rouge_exception(r, "went", "walk"); /* a later entry replaces */
    CHECK(NEAR(recall(r, "went", m, 1, 0, NULL), 0.0));
    CHECK(rouge_load_exceptions(r, "/nonexistent/verb.exc") == -1);
    rouge_free(r);
}

TEST(rouge_unicode_reading_for_other_languages)
{
    rouge *r = rouge_new("fr", 1);
    const char *m[] = {"Les habitants évacués ont été relogés", NULL};
    /* case and stems: "Évacuées" ~ "évacués", "habitant" ~ "habitants" */
    CHECK(NEAR(recall(r, "HABITANT ÉVACUÉES", m, 1, 0, NULL), 2.0 / 6.0));
    /* apostrophes separate: l'école → l, école */
    const char *m2[] = {"l école", NULL};
    CHECK(NEAR(recall(r,
                      "l\xe2\x80\x99\xc3\xa9"
                      "cole",
                      m2, 1, 0, NULL),
               1.0));
    rouge_free(r);
    r = rouge_new("de", 1);
    const char *m3[] = {"Die Häuser wurden überflutet", NULL};
    CHECK(NEAR(recall(r, "das Haus wurde überflutet", m3, 1, 0, NULL), 3.0 / 4.0));
    rouge_free(r);
}

TEST(rouge_empty_and_odd_input)
{
    rouge *r = rouge_new("en", 1);
    const char *m[] = {"", NULL};
    rouge_count c;
    CHECK(NEAR(recall(r, "anything at all", m, 2, 100, &c), 0.0)); /* no model n-gram */
    CHECK(NEAR(c.model, 0));
    const char *m2[] = {"one", NULL};
    CHECK(NEAR(recall(r, "", m2, 1, 100, NULL), 0.0));
    CHECK(NEAR(recall(r, "one", m2, 2, 100, NULL), 0.0)); /* shorter than n */
    char junk[300];
    for (int i = 0; i < 299; i++)
        junk[i] = (char)(i * 7 + 1);
    junk[299] = 0;
    recall(r, junk, m2, 2, 5, NULL);
    rouge_free(r);
    r = rouge_new("xx", 1); /* no stemmer for this language: words as they are */
    CHECK(r != NULL);
    CHECK(NEAR(recall(r, "one", m2, 1, 0, NULL), 1.0));
    rouge_free(r);
}
