/*
 * dates_bench.c — speed of dates_find() on synthetic ~2.2 KB articles.
 *
 * The articles are assembled from invented sentences in fr/en/de/es/it,
 * some with dates, most without (numbers, names, capitalised words), so the
 * scanner sees a realistic mix of digits and anchor-like words.
 *
 *   cc -std=c17 -O2 -D_GNU_SOURCE -Iinclude bench/dates_bench.c \
 *      src/facts/dates.c src/util/arena.c -o /tmp/dates_bench && /tmp/dates_bench
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../src/facts/dates.h"
#include "../src/util/arena.h"

static const char *const sentences[] = {
    "Le conseil municipal s'est réuni mercredi soir pour examiner le budget de 2,4 millions "
    "d'euros prévu pour la rénovation des écoles du quartier. ",
    "Selon la préfecture, 1 500 personnes ont défilé dans le 7e arrondissement, à 10h32 les "
    "premiers cortèges atteignaient la place. ",
    "Le 24 octobre 2017, le tribunal avait déjà rejeté une première demande de l'association. ",
    "The company said on Tuesday that its quarterly revenue rose 12 percent to $3.4 billion, "
    "beating analysts' expectations for the third time this year. ",
    "Officials expect the new bridge to open in July, although heavy rains in March delayed "
    "construction by several weeks. ",
    "Die Bundesregierung hat am Mittwoch neue Zahlen vorgelegt: Demnach stieg die Zahl der "
    "Beschäftigten um 0,8 Prozent auf 45,9 Millionen. ",
    "El ministro anunció ayer que el plan entrará en vigor el 1 de enero de 2027 en todas las "
    "comunidades autónomas. ",
    "Il sindaco ha spiegato che i lavori, iniziati a luglio, dureranno almeno altri otto mesi "
    "secondo le stime dei tecnici comunali. ",
    "Les résultats, publiés jeudi dernier, montrent une hausse de 3,2 % des ventes par rapport "
    "à la même période de l'année précédente. ",
    "Analysts at several banks said the central bank could raise rates again next month if "
    "inflation stays above the 2 percent target. ",
    "Der Verein teilte mit, dass das Spiel mit 3:1 endete und rund 25 000 Zuschauer im Stadion "
    "waren. ",
    "La policía detuvo a dos personas en Madrid y otras tres en Barcelona durante la operación, "
    "que se prolongó durante varias horas. ",
    "The report, published October 24, 2017, found that 40 of the 52 sites inspected failed "
    "basic safety checks. ",
    "Secondo i dati dell'istituto, la produzione industriale è cresciuta dello 0,5 per cento "
    "rispetto al mese precedente. ",
    /* and many sentences without any date, as in real articles */
    "Les habitants du quartier réclament depuis longtemps une piste cyclable et davantage "
    "d'arbres le long de l'avenue principale. ",
    "Le gouvernement a présenté un projet de loi visant à simplifier les démarches "
    "administratives des petites entreprises. ",
    "The committee heard testimony from several experts who warned that the proposed changes "
    "would raise costs for families across the region. ",
    "Police said the suspect, a 34-year-old man from the northern suburbs, was arrested without "
    "incident after a brief chase. ",
    "Die Opposition kritisierte den Entwurf scharf und forderte eine gründliche Überarbeitung "
    "vor der Abstimmung im Parlament. ",
    "Nach Angaben der Feuerwehr wurde niemand verletzt, der Sachschaden wird auf rund 200 000 "
    "Euro geschätzt. ",
    "Los vecinos denunciaron que el servicio de autobuses sigue siendo insuficiente en las "
    "zonas más alejadas del centro. ",
    "La empresa asegura que invertirá 120 millones de euros en la nueva planta, que dará empleo "
    "a unas 800 personas. ",
    "Gli esperti sottolineano che la situazione resta delicata e che servono interventi rapidi "
    "per evitare nuovi disagi. ",
    "Il progetto prevede la costruzione di 250 nuovi alloggi e di un parco pubblico di oltre "
    "tre ettari. ",
};

int main(void)
{
    enum { N_ART = 64, ROUNDS = 2000 };
    static char arts[N_ART][4096];
    size_t lens[N_ART], total = 0;
    size_t ns = sizeof sentences / sizeof sentences[0];
    for (int a = 0; a < N_ART; a++) {
        size_t len = 0;
        unsigned x = (unsigned)a * 2654435761u + 1;
        while (len < 2200) {
            x = x * 1103515245u + 12345u; /* any order of the sentences */
            const char *s = sentences[(x >> 16) % ns];
            size_t l = strlen(s);
            if (len + l >= sizeof arts[a])
                break;
            memcpy(arts[a] + len, s, l);
            len += l;
        }
        lens[a] = len;
        total += len;
    }
    int64_t pub;
    uint8_t prec;
    dates_parse_stamp("2026-03-14T10:32:00Z", 20, &pub, &prec);
    sl_arena *ar = arena_new();
    size_t found = 0;
    double best = 1e9;
    for (int rep = 0; rep < 5; rep++) { /* best of 5 in CPU time: the machine may be busy */
        struct timespec t0, t1;
        found = 0;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        for (int r = 0; r < ROUNDS; r++) {
            for (int a = 0; a < N_ART; a++) {
                sl_date *d;
                found += dates_find(ar, "und", arts[a], lens[a], NULL, 0, pub, prec, &d);
                arena_reset(ar);
            }
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (secs < best)
            best = secs;
    }
    double n_art = (double)N_ART * ROUNDS;
    printf("%.0f articles (avg %.0f bytes), %zu mentions/article: %.2f us/article, "
           "%.0f articles/s, %.0f MB/s (best of 5, CPU time)\n",
           n_art, (double)total / N_ART, found / ROUNDS / N_ART, best / n_art * 1e6,
           n_art / best, (double)total * ROUNDS / best / 1e6);
    arena_free(ar);
    return 0;
}
