#!/bin/sh
# bench/web/run.sh — quality and speed of storyline's HTML extraction (see README.md).
#   1. Scrapinghub article-extraction benchmark (181 pages): our scorer on the
#      published reference outputs (must reproduce the published F1), then storyline,
#      on the dev half (tuned on), the test half (held out) and all pages.
#   2. trafilatura evaluation set (990 pages): must / must-not snippets, same splits.
#   3. Speed on the same 181 pages, one core (taskset -c 0), extraction only (pages are
#      gunzipped before the clock starts), in process CPU time (the machine may be
#      shared), with peak RSS: storyline, boilerpipe
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
$PIN $TIME "$WB" extract "$SH/html" "$out/storyline.json" 2>"$out/extract.txt"
sl_rss=$( [ -n "$TIME" ] && cat "$out/rss.txt" || echo 0)
for s in dev test all; do "$WB" score "$SH/ground-truth.json" "$out/storyline.json" $s; done
echo
echo "## trafilatura evaluation set: storyline"
echo
for s in dev test all; do "$WB" tfeval "$TF/evaldata.json" "$TF/html" $s; done
echo
echo "## Speed, same 181 pages (31.5 MB), one core, extraction only"
echo
sl=$(sed -n 's/^extract: \([0-9]*\) pages, [0-9.]* MB, \([0-9.]*\) s.*/\1 \2/p' "$out/extract.txt")
echo "| extractor | pages | seconds | pages/s | peak RSS MB | F1 (all) |"
echo "|---|---|---|---|---|---|"
f1=$("$WB" score "$SH/ground-truth.json" "$out/storyline.json" all | sed 's/.*F1 \([0-9.]*\).*/\1/')
echo "$sl" | awk -v r="$sl_rss" -v f="$f1" '{ printf "| storyline | %d | %.2f | %.0f | %.0f | %s |\n", $1, $2, $1 / $2, r / 1024, f }'
sl_rate=$(echo "$sl" | awk '{ print $1 / $2 }')
files=$(ls "$SH"/html/*.html.gz)
if [ -f /usr/share/java/boilerpipe.jar ] && command -v javac >/dev/null; then
    mkdir -p "$out/java"
    javac -cp /usr/share/java/boilerpipe.jar -d "$out/java" "$here/bench/web/peers/BoilerpipeBench.java"
    cp="$out/java:/usr/share/java/boilerpipe.jar:/usr/share/java/nekohtml.jar:/usr/share/java/xercesImpl.jar"
    # shellcheck disable=SC2086
    $PIN $TIME java -cp "$cp" BoilerpipeBench "$out/boilerpipe.json" $files >"$out/bp.txt"
    rss=$( [ -n "$TIME" ] && cat "$out/rss.txt" || echo 0)
    f1=$("$WB" score "$SH/ground-truth.json" "$out/boilerpipe.json" all | sed 's/.*F1 \([0-9.]*\).*/\1/')
    awk -v r="$rss" -v f="$f1" -v s="$sl_rate" '{ printf "| boilerpipe 1.2.0 ArticleExtractor (JIT warmed) | %d | %.2f | %.0f | %.0f | %s | storyline is %.1fx faster\n", $2, $3, $2 / $3, r / 1024, f, s / ($2 / $3) }' "$out/bp.txt"
else
    echo "| boilerpipe | skipped: scripts/install-deps.sh --bench |"
fi
if /usr/bin/python3 -c 'import readability' 2>/dev/null; then
    # shellcheck disable=SC2086
    $PIN $TIME /usr/bin/python3 "$here/bench/web/peers/readability_bench.py" "$out/readability.json" $files >"$out/rl.txt"
    rss=$( [ -n "$TIME" ] && cat "$out/rss.txt" || echo 0)
    f1=$("$WB" score "$SH/ground-truth.json" "$out/readability.json" all | sed 's/.*F1 \([0-9.]*\).*/\1/')
    awk -v r="$rss" -v f="$f1" -v s="$sl_rate" '{ printf "| readability-lxml | %d | %.2f | %.0f | %.0f | %s | storyline is %.1fx faster\n", $2, $3, $2 / $3, r / 1024, f, s / ($2 / $3) }' "$out/rl.txt"
else
    echo "| readability-lxml | skipped: scripts/install-deps.sh --bench |"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
