#!/bin/sh
# bench/digest/run.sh — digest quality and speed; the tables of README.md beside.
#
#   1. ROUGE check: our scorer on the 13 published DUC 2004 peers, beside the published
#      ROUGE-1.5.5 numbers.
#   2. DUC 2003 and 2004 task 2: storyline summarize (100 words) on every docset, and
#      Open Text Summarizer (Debian ots) on the same docsets, scored alike; time of both.
#   3. CL-TLS French: a digest per topic, its timeline's date F1 against the reference.
#   4. Speed: every story of a newsgen stream digested (bench/digest/digestbench.c).
#
# Needs ../shared/data (skipped with a message when absent), python3 (docset conversion,
# CL-TLS scoring) and ots, from `scripts/install-deps.sh --bench`.
# Usage: BUILD=build sh bench/digest/run.sh [duc|peers|cltls|speed]...
set -eu
BUILD=${BUILD:-build}
BIN=$PWD/$BUILD/storyline
DATA=${SHARED:-../shared}/data
OUT=bench/out/digest
HERE=bench/digest
mkdir -p "$OUT"
if [ ! -d "$DATA" ]; then
    echo "bench/digest: $DATA is absent: nothing to measure"
    exit 0
fi
WHAT=${*:-peers duc cltls speed}


peers() {
    echo "== ROUGE-1.5.5 reproduction: published DUC 2004 peers"
    "$BIN" eval summaries --peers "$DATA/duc2004-task2/peers" --models "$DATA/duc2004-task2/models" \
        --published "$DATA/duc2004-task2/peers_rouge_scores_mackie.txt" | tee "$OUT/peers.txt"
}

# duc YEAR: convert, summarize, ots, score
duc_year() {
    y=$1
    set_dir="$DATA/duc$y-task2"
    [ -d "$set_dir" ] || { echo "bench/digest: $set_dir absent"; return 0; }
    d="$OUT/duc$y"
    rm -rf "$d"
    mkdir -p "$d/jsonl" "$d/peers" "$d/peers-nofill" "$d/ots"
    for s in "$set_dir"/docs/*/; do
        t=$(basename "$s")
        python3 "$HERE/duc2jsonl.py" "$s" >"$d/jsonl/$t.jsonl"
    done
    # timed loops: CPU seconds (user + sys, children included) beside wall time, since
    # the machine may be shared
    /usr/bin/time -f '%e %U %S' -o "$d/t-fill" sh -c '
        for f in "$1"/jsonl/*.jsonl; do
            t=$(basename "$f" .jsonl); t=${t%t}
            "$2" summarize --words 100 --fill --format lines "$f" >"$1/peers/$t.storyline" 2>/dev/null
        done' sh "$d" "$BIN"
    /usr/bin/time -f '%e %U %S' -o "$d/t-nofill" sh -c '
        for f in "$1"/jsonl/*.jsonl; do
            t=$(basename "$f" .jsonl); t=${t%t}
            "$2" summarize --words 100 --format lines "$f" >"$1/peers-nofill/$t.storyline-nofill" 2>/dev/null
        done' sh "$d" "$BIN"
    # ots reads one text: the docset's articles one after the other; its ratio is the
    # smallest percentage giving 100 words or more (ROUGE cuts at 100, as for ours)
    for f in "$d"/jsonl/*.jsonl; do
        t=$(basename "$f" .jsonl); t=${t%t}
        python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["text"]); print()' "$f" >"$d/ots/$t.txt"
    done
    /usr/bin/time -f '%e %U %S' -o "$d/t-ots" sh -c '
        for f in "$1"/ots/*.txt; do
            t=$(basename "$f" .txt)
            w=$(wc -w <"$f")
            r=$(( (110 * 100 + w - 1) / w ))
            [ "$r" -ge 1 ] || r=1
            ots -r "$r" "$f" | tr -s " \n" " " | sed "s/\([.!?]\) /\1\n/g" >"$1/peers/$t.ots"
        done' sh "$d"
    cp "$d"/peers-nofill/* "$d/peers/"
    n=$(ls "$d"/jsonl | wc -l)
    echo "== DUC $y task 2 ($n docsets): ROUGE recall, 100 words"
    "$BIN" eval summaries --peers "$d/peers" --models "$set_dir/models" | tee "$d/scores.txt"
    cpu() { awk '{ printf "%.2f s CPU (%.2f s wall)", $2 + $3, $1 }' "$1"; }
    echo "time for $n docsets, one process each: storyline --fill $(cpu "$d/t-fill"), storyline $(cpu "$d/t-nofill"), ots $(cpu "$d/t-ots")" |
        tee -a "$d/scores.txt"
}

duc() {
    duc_year 2003
    duc_year 2004
}

cltls() {
    set_dir="$DATA/cltls-crisis"
    [ -d "$set_dir" ] || { echo "bench/digest: $set_dir absent"; return 0; }
    d="$OUT/cltls"
    mkdir -p "$d"
    topics=$(python3 "$HERE/cltls.py" prepare "$set_dir" fr "$d")
    echo "== CL-TLS French: one digest per topic, timeline date F1 (as many dates as the reference)"
    : >"$d/scores.jsonl"
    for t in $topics; do
        n=$(python3 "$HERE/cltls.py" ndates "$set_dir" fr "$t")
        "$BIN" summarize --format json --timeline "$n" "$d/fr-$t.jsonl" >"$d/fr-$t.digest.json" 2>/dev/null
        "$BIN" summarize --format text --timeline 12 "$d/fr-$t.jsonl" >"$d/fr-$t.digest.txt" 2>/dev/null
        python3 "$HERE/cltls.py" score "$d/fr-$t.digest.json" "$set_dir" fr "$t" "$d/fr-$t.jsonl" |
            tee -a "$d/scores.jsonl"
    done
    echo "(spot-check: $d/fr-TOPIC.digest.txt)"
}

speed() {
    stream="$OUT/scale-250k.jsonl"
    if [ ! -s "$stream" ]; then
        python3 "${SHARED:-../shared}/tools/newsgen" --mode scale --docs 250000 --out "$stream" \
            --gold "$OUT/scale-250k.gold.tsv" --quiet
    fi
    echo "== speed: every story of a newsgen scale stream (250,000 articles)"
    "$PWD/$BUILD/digestbench" "$stream" "$OUT/scale-250k.gold.tsv" | tee "$OUT/speed.txt"
}

for w in $WHAT; do
    case "$w" in
    peers) peers ;;
    duc) duc ;;
    cltls) cltls ;;
    speed) speed ;;
    *) echo "bench/digest: unknown part $w (peers duc cltls speed)" >&2; exit 2 ;;
    esac
done
