#!/bin/sh
# bench/web/run.sh — quality and speed of storyline's HTML extraction (see README.md).
#   1. Scrapinghub article-extraction benchmark (181 pages): our scorer on the
#      published reference outputs (must reproduce the published F1), then storyline,
#      on the dev half (first), the test half (second) and all pages (which half was
#      tuned on in which session: README.md, "Splits").
#   2. trafilatura evaluation set (990 pages): must / must-not snippets, same splits.
#   3. Speed on the same 181 pages, one core (taskset -c 0), extraction only (pages are
#      gunzipped before the clock starts), in process CPU time (the machine may be
#      shared), median of $RUNS runs (default 3), with peak RSS: storyline with its own
#      tokenizer and with libxml2's parser (STORYLINE_HTML_PARSER=libxml2), boilerpipe
#      ArticleExtractor (Debian libboilerpipe-java), readability-lxml (python3-readability).
# Needs ../shared (skipped with a message when absent); peers need
# `scripts/install-deps.sh --bench`, and are skipped when missing.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$here/../shared}
B=${BUILD:-build}
WB=$here/$B/webbench
out=$here/bench/out/web
SH=$shared/data/scrapinghub-article-extraction-benchmark
TF=$shared/data/trafilatura-eval
if [ ! -d "$SH" ] || [ ! -d "$TF" ]; then
    echo "bench/web: $SH or $TF not found, skipped"
    exit 0
fi
[ -x "$WB" ] || (cd "$here" && make -s BUILD="$B" "$B/webbench")
mkdir -p "$out"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
RUNS=${RUNS:-3}
TIME=""
[ -x /usr/bin/time ] && TIME="/usr/bin/time -f %M -o $out/rss.txt"

echo "## Scrapinghub benchmark: scorer check on published outputs (all 181 pages)"
echo
for r in trafilatura rs_trafilatura readability_js readability boilerpipe; do
    gunzip -c "$SH/reference-outputs/$r.json.gz" >"$out/ref-$r.json"
    printf '%-16s ' "$r"
    "$WB" score "$SH/ground-truth.json" "$out/ref-$r.json" all
done
echo
echo "## Scrapinghub benchmark: storyline"
echo
"$WB" extract "$SH/html" "$out/storyline.json" 2>"$out/extract.txt"
for s in dev test all; do "$WB" score "$SH/ground-truth.json" "$out/storyline.json" $s; done
echo "with STORYLINE_HTML_PARSER=libxml2 (libxml2's parser instead of html_tok.c):"
STORYLINE_HTML_PARSER=libxml2 "$WB" extract "$SH/html" "$out/storyline-libxml2.json" 2>/dev/null
"$WB" score "$SH/ground-truth.json" "$out/storyline-libxml2.json" all
echo
echo "## trafilatura evaluation set: storyline"
echo
for s in dev test all; do "$WB" tfeval "$TF/evaldata.json" "$TF/html" $s; done
echo "with STORYLINE_HTML_PARSER=libxml2:"
STORYLINE_HTML_PARSER=libxml2 "$WB" tfeval "$TF/evaldata.json" "$TF/html" all
echo
echo "## Speed, same 181 pages (31.5 MB), one core, extraction only, median of $RUNS runs"
echo
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# storyline_speed LABEL [ENV=VALUE]: extract $RUNS times; prints "pages seconds rss_kb"
storyline_speed() {
    : >"$out/secs.txt"
    i=0
    while [ $i -lt "$RUNS" ]; do
        # shellcheck disable=SC2086
        env ${2:-} $PIN $TIME "$WB" extract "$SH/html" "$out/$1.json" 2>"$out/extract-$1.txt"
        sed -n 's/^extract: \([0-9]*\) pages, [0-9.]* MB, \([0-9.]*\) s.*/\2/p' \
            "$out/extract-$1.txt" >>"$out/secs.txt"
        i=$((i + 1))
    done
    pages=$(sed -n 's/^extract: \([0-9]*\) pages.*/\1/p' "$out/extract-$1.txt")
    rss=$( [ -n "$TIME" ] && cat "$out/rss.txt" || echo 0)
    echo "$pages $(median <"$out/secs.txt") $rss"
}
# peer_speed COMMAND...: runs $RUNS times; prints "pages seconds rss_kb"
peer_speed() {
    : >"$out/secs.txt"
    i=0
    while [ $i -lt "$RUNS" ]; do
        # shellcheck disable=SC2086
        $PIN $TIME "$@" >"$out/peer.txt"
        awk '{ print $3 }' "$out/peer.txt" >>"$out/secs.txt"
        i=$((i + 1))
    done
    rss=$( [ -n "$TIME" ] && cat "$out/rss.txt" || echo 0)
    echo "$(awk '{ print $2 }' "$out/peer.txt") $(median <"$out/secs.txt") $rss"
}
f1_of() { "$WB" score "$SH/ground-truth.json" "$1" all | sed 's/.*F1 \([0-9.]*\).*/\1/'; }
echo "| extractor | pages | seconds | pages/s | peak RSS MB | F1 (all) | storyline is |"
echo "|---|---|---|---|---|---|---|"
sl=$(storyline_speed storyline)
sl_rate=$(echo "$sl" | awk '{ print $1 / $2 }')
echo "$sl" | awk -v f="$(f1_of "$out/storyline.json")" \
    '{ printf "| storyline (own tokenizer) | %d | %.3f | %.0f | %.0f | %s | |\n", $1, $2, $1 / $2, $3 / 1024, f }'
lx=$(storyline_speed storyline-libxml2 STORYLINE_HTML_PARSER=libxml2)
echo "$lx" | awk -v f="$(f1_of "$out/storyline-libxml2.json")" -v s="$sl_rate" \
    '{ printf "| storyline, STORYLINE_HTML_PARSER=libxml2 | %d | %.3f | %.0f | %.0f | %s | %.1fx faster |\n", $1, $2, $1 / $2, $3 / 1024, f, s / ($1 / $2) }'
files=$(ls "$SH"/html/*.html.gz)
if [ -f /usr/share/java/boilerpipe.jar ] && command -v javac >/dev/null; then
    mkdir -p "$out/java"
    javac -cp /usr/share/java/boilerpipe.jar -d "$out/java" "$here/bench/web/peers/BoilerpipeBench.java"
    cp="$out/java:/usr/share/java/boilerpipe.jar:/usr/share/java/nekohtml.jar:/usr/share/java/xercesImpl.jar"
    # shellcheck disable=SC2086
    bp=$(peer_speed java -cp "$cp" BoilerpipeBench "$out/boilerpipe.json" $files)
    echo "$bp" | awk -v f="$(f1_of "$out/boilerpipe.json")" -v s="$sl_rate" \
        '{ printf "| boilerpipe 1.2.0 ArticleExtractor (JIT warmed) | %d | %.3f | %.0f | %.0f | %s | %.1fx faster |\n", $1, $2, $1 / $2, $3 / 1024, f, s / ($1 / $2) }'
else
    echo "| boilerpipe | skipped: scripts/install-deps.sh --bench |"
fi
if /usr/bin/python3 -c 'import readability' 2>/dev/null; then
    # shellcheck disable=SC2086
    rl=$(peer_speed /usr/bin/python3 "$here/bench/web/peers/readability_bench.py" "$out/readability.json" $files)
    echo "$rl" | awk -v f="$(f1_of "$out/readability.json")" -v s="$sl_rate" \
        '{ printf "| readability-lxml | %d | %.3f | %.0f | %.0f | %s | %.1fx faster |\n", $1, $2, $1 / $2, $3 / 1024, f, s / ($1 / $2) }'
else
    echo "| readability-lxml | skipped: scripts/install-deps.sh --bench |"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
