#!/bin/sh
# run.sh SECONDS — builds every fuzz/fuzz_*.c target with libFuzzer + ASan +
# UBSan (clang) and runs each for SECONDS, seeded from tests/fixtures
# (fuzz_digest: tests/fixtures/fuzz-digest, invented stories; see fuzz/README.md).
# Crashes leave their input in build-fuzz/crash-*; the script then fails.
# FUZZ_BUILD=dir builds and runs elsewhere than build-fuzz.
set -eu
secs=${1:-10}
out=${FUZZ_BUILD:-build-fuzz}
mkdir -p "$out"
make -s BUILD=$out CC=clang OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    $out/libstoryline.a >/dev/null
LIBS="$(pkg-config --libs libutf8proc sqlite3 jansson zlib libxxhash libexttextcat libxml-2.0 libcurl) -lstemmer -lm -lpthread"
status=0
for src in fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    clang -std=c17 -O1 -g -D_GNU_SOURCE -Iinclude $(pkg-config --cflags libexttextcat) \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        "$src" $out/libstoryline.a $LIBS -o "$out/$name"
    corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    case $name in
    fuzz_jsonl) find tests/fixtures -name '*.jsonl' -exec cp {} "$corpus/" \; ;;
    fuzz_html | fuzz_html_tok) find tests/fixtures -name '*.html' -exec cp {} "$corpus/" \; ;;
    fuzz_warc) find tests/fixtures -name '*.warc' -o -name '*.warc.gz' | xargs -I{} cp {} "$corpus/" ;;
    fuzz_feed) find tests/fixtures -name '*.xml' -exec cp {} "$corpus/" \; ;;
    fuzz_digest) cp tests/fixtures/fuzz-digest/*.seed "$corpus/" ;;
    *) find tests/fixtures -name '*.txt' -exec cp {} "$corpus/" \; ;;
    esac
    echo "fuzz: $name for ${secs}s"
    if ! (cd "$out" && ./"$name" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
            -print_final_stats=1 "corpus-$name" >"$name.log" 2>&1); then
        echo "fuzz: $name FAILED, see $out/$name.log" >&2
        tail -40 "$out/$name.log" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units" "$out/$name.log" | sed "s/^/fuzz: $name /"
    fi
done
exit $status
