/*
 * rouge.h — ROUGE-N recall as ROUGE-1.5.5 computes it for the published DUC
 * numbers (`-n 2 -m -l 100 -f A`, stopwords kept).
 *
 * A summary is read line by line (one sentence a line), cut at the first
 * `word_limit` whitespace-separated words, tokenised, stemmed, and turned
 * into the sequence of its token hashes. Scores against several references
 * use ROUGE's "model average" formula: the clipped n-gram hits summed over
 * the references divided by the references' n-gram counts summed (not a mean
 * of per-reference recalls). There is no jackknifing: ROUGE removed it in 1.4.
 *
 * Two tokenisers:
 *   "en" — exactly ROUGE-1.5.5's: ASCII lowercase, hyphens split off, every
 *          byte that is not [A-Za-z0-9] a separator, tokens longer than three
 *          letters stemmed with the original Porter stemmer (libstemmer's
 *          "porter").
 *   other languages — the same steps over Unicode: letters, marks and digits
 *          make words, NFKC case folding, every word stemmed with the
 *          language's Snowball stemmer (none when libstemmer has none).
 */
#ifndef SL_ROUGE_H
#define SL_ROUGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct rouge rouge;

/* A tokenised summary: hashes of its stemmed tokens, in order (malloc'd). */
typedef struct rouge_text {
    uint64_t *tok;
    size_t n;
} rouge_text;

/* Clipped n-gram hits and the n-gram counts of both sides. */
typedef struct rouge_count {
    double hit, model, peer;
} rouge_count;

/* Opens a scorer for lang ("en" for the ROUGE-1.5.5 rules). stem = 0 turns
 * stemming off. Returns NULL on allocation failure. */
rouge *rouge_new(const char *lang, int stem);
void rouge_free(rouge *r);

/* Adds an irregular form: word is replaced by base instead of being stemmed
 * (ROUGE-1.5.5 looks its WordNet exception table up first). A later entry
 * for the same word replaces the earlier one. */
void rouge_exception(rouge *r, const char *word, const char *base);
/* Loads a WordNet exception file (lines "form base ..."); returns the
 * number of entries, -1 when the file cannot be read. */
long rouge_load_exceptions(rouge *r, const char *path);

/* Tokenises text[0..len) (need not be NUL-terminated; any bytes) cut at
 * word_limit words (0: no limit) into *out, which the caller releases with
 * rouge_text_free. */
void rouge_read(rouge *r, const char *text, size_t len, unsigned word_limit, rouge_text *out);
void rouge_text_free(rouge_text *t);

/* Adds to *acc the n-gram statistics of peer against every model (ROUGE's
 * formula A: hits and counts summed over the models). n ≥ 1. */
void rouge_ngram(const rouge_text *peer, const rouge_text *models, size_t n_models, int n,
                 rouge_count *acc);

/* hit / model (0 when the models have no n-gram). */
double rouge_recall(const rouge_count *c);
double rouge_precision(const rouge_count *c);

#endif
