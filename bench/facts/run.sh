#!/bin/sh
# bench/facts/run.sh [N] — facts extraction speed on one core: the sample
# corpus (50 articles, many rounds) and, when ../shared/tools/newsgen is
# there, N generated scale articles (default 20000).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
N=${1:-20000}
cd "$here"
make -s -j2 BUILD="$BUILD"
cc -std=c17 -O2 -D_GNU_SOURCE -Iinclude -o "$BUILD/facts-bench" bench/facts/facts_bench.c \
    "$BUILD/libstoryline.a" $(pkg-config --libs libutf8proc sqlite3 jansson zlib libxxhash \
    libexttextcat libxml-2.0 libcurl) -lstemmer -lm -lpthread
echo "== sample corpus"
"$BUILD/facts-bench" corpus 200
shared=${SHARED:-$here/../shared}
if [ -x "$shared/tools/newsgen" ]; then
    mkdir -p bench/out
    data=bench/out/scale-$N.jsonl
    [ -s "$data" ] || "$shared/tools/newsgen" --mode scale --docs "$N" --out "$data" \
        --gold "bench/out/scale-$N.gold.tsv" --quiet
    echo "== newsgen scale, $N articles"
    "$BUILD/facts-bench" "$data" 3
else
    echo "(no $shared/tools/newsgen: scale run skipped)"
fi
