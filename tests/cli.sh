#!/bin/sh
# cli.sh — end-to-end tests of the storyline command: real files in, a real
# SQLite store out, checked with the sqlite3 shell. Closes with
# "N passed, N failed". Needs SL_BIN (the storyline binary).
set -u
BIN=${SL_BIN:-build/storyline}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
FIX="$PWD/tests/fixtures"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL cli: $*" >&2; }
check() { # check DESCRIPTION COMMAND... : passes when the command succeeds
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else ko "$d"; fi
}
eq() { # eq DESCRIPTION GOT WANT
    if [ "$2" = "$3" ]; then ok; else ko "$1: got '$2', want '$3'"; fi
}
contains() { # contains DESCRIPTION FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else ko "$1: '$3' not in $2"; sed 's/^/    | /' "$2" | head -20 >&2; fi
}
sql() { sqlite3 "$1" "$2"; }

# ---- ingest a directory: ids from paths, formats detected
DB="$T/a.db"
"$BIN" ingest --db "$DB" "$FIX/ingest" >"$T/out" 2>"$T/err"
eq "ingest fixture dir exits 0" "$?" 0
eq "4 articles stored" "$(sql "$DB" 'select count(*) from articles')" 4
eq "txt id is the relative path without extension" \
   "$(sql "$DB" "select count(*) from articles where id in ('news/0042','news/0043')")" 2
eq "jsonl ids kept" "$(sql "$DB" "select count(*) from articles where id in ('wire-1','wire-2')")" 2
eq "schema version recorded" "$(sql "$DB" 'pragma user_version')" 1
eq "WAL mode" "$(sql "$DB" 'pragma journal_mode')" wal
eq "outlet from metadata line" "$(sql "$DB" "select outlet from articles where id='news/0042'")" "Le Petit Veilleur"
eq "outlet from url host when absent" "$(sql "$DB" "select outlet from articles where id='wire-1'")" "The Meridian Post"
eq "jsonl date parsed" "$(sql "$DB" "select published from articles where id='wire-1'")" 1775116800

# ---- idempotent re-ingest, then an update
"$BIN" ingest --db "$DB" --json "$FIX/ingest" >"$T/out" 2>"$T/err"
eq "re-ingest exits 0" "$?" 0
contains "re-ingest: nothing new" "$T/out" '"new":0,"updated":0,"unchanged":4'
eq "re-ingest keeps 4 articles" "$(sql "$DB" 'select count(*) from articles')" 4
mkdir -p "$T/upd/news"
sed 's/1.500 habitants/1.600 habitants/' "$FIX/ingest/news/0042.txt" >"$T/upd/news/0042.txt"
"$BIN" ingest --db "$DB" --json "$T/upd" >"$T/out" 2>"$T/err"
contains "changed content updates the article" "$T/out" '"new":0,"updated":1'
eq "update keeps one row" "$(sql "$DB" "select count(*) from articles where id='news/0042'")" 1

# ---- bad input: reported as file:line, skipped, the rest kept, exit 1
DB="$T/b.db"
"$BIN" ingest --db "$DB" "$FIX/bad" >"$T/out" 2>"$T/err"
eq "bad input exits 1" "$?" 1
contains "malformed JSON line reported with file:line" "$T/err" "mixed.jsonl:2: error: invalid JSON"
contains "non-object line reported" "$T/err" "mixed.jsonl:4: error: not a JSON object"
contains "line without text reported" "$T/err" "mixed.jsonl:5: error: no \"text\""
contains "empty file warned" "$T/err" "empty.txt: warning: empty file"
contains "binary file refused" "$T/err" "random.txt: error: binary content"
contains "invalid UTF-8 warned" "$T/err" "invalid-utf8.txt:1: warning: 3 invalid UTF-8 bytes replaced"
eq "good records kept" "$(sql "$DB" "select count(*) from articles where id in ('ok-1','ok-2','invalid-utf8')")" 3
eq "errors kept in the store" "$(sql "$DB" 'select count(*) from ingest_errors')" 4
eq "replacement character stored" \
   "$(sql "$DB" "select instr(text, char(65533)) > 0 from articles where id='invalid-utf8'")" 1

# ---- stdin, huge article cut with a warning
DB="$T/c.db"
printf '{"id":"s1","title":"From stdin","text":"Read from standard input, one line."}\n' |
    "$BIN" ingest --db "$DB" - >"$T/out" 2>"$T/err"
eq "stdin ingest exits 0" "$?" 0
eq "stdin article stored" "$(sql "$DB" "select id from articles")" s1
awk 'BEGIN { s = "A long line of words that repeats to make a very large article. ";
             for (i = 0; i < 100000; i++) print s }' >"$T/huge.txt"
"$BIN" ingest --db "$DB" "$T/huge.txt" >"$T/out" 2>"$T/err"
eq "huge article ingested" "$?" 0
contains "huge article cut with a warning" "$T/err" "larger than 5 MB"
eq "huge article stored truncated" "$(sql "$DB" "select truncated from articles where id='huge'")" 1

# ---- listings and views
DB="$T/a.db"
"$BIN" articles --db "$DB" >"$T/out" 2>&1
eq "articles exits 0" "$?" 0
eq "articles lists 4 lines" "$(wc -l <"$T/out" | tr -d ' ')" 4
"$BIN" articles --db "$DB" --json --lang en >"$T/out" 2>&1
check "articles --json is JSON Lines" sh -c "while read -r l; do printf '%s' \"\$l\" | python3 -m json.tool >/dev/null || exit 1; done <'$T/out'"
"$BIN" article --db "$DB" news/0042 --removed >"$T/out" 2>&1
eq "article exits 0" "$?" 0
contains "article view shows the removed lines header" "$T/out" "removed by cleaning"
"$BIN" article --db "$DB" --json wire-1 >"$T/out" 2>&1
check "article --json is valid JSON" python3 -m json.tool "$T/out"
"$BIN" article --db "$DB" no/such/id >"$T/out" 2>&1
eq "unknown article exits 1" "$?" 1
"$BIN" stats --db "$DB" --json >"$T/out" 2>&1
check "stats --json is valid JSON" python3 -m json.tool "$T/out"
contains "stats counts articles" "$T/out" '"articles": 4'
"$BIN" stats --db "$T/none.db" >"$T/out" 2>&1
eq "stats on a missing store exits 1" "$?" 1
check "stats does not create a store" test ! -e "$T/none.db"

# ---- usage errors exit 2, --help everywhere exits 0
"$BIN" ingest >/dev/null 2>&1; eq "ingest without paths is a usage error" "$?" 2
"$BIN" ingest --nope x >/dev/null 2>&1; eq "unknown option is a usage error" "$?" 2
"$BIN" frobnicate >/dev/null 2>&1; eq "unknown command is a usage error" "$?" 2
"$BIN" articles --limit abc >/dev/null 2>&1; eq "bad number is a usage error" "$?" 2
for c in ingest articles article stats; do
    "$BIN" "$c" --help >"$T/out" 2>&1
    eq "$c --help exits 0" "$?" 0
    contains "$c --help shows usage" "$T/out" "usage: storyline $c"
done

# ---- a crash mid-ingest loses nothing that was committed
DB="$T/crash.db"
awk 'BEGIN { for (i = 0; i < 60000; i++)
    printf "{\"id\":\"gen-%d\",\"title\":\"Generated report number %d\",\"date\":\"2026-01-01T00:00:00Z\",\"lang\":\"en\",\"text\":\"Report %d says the river rose by %d centimetres overnight. Officials said %d homes were evacuated and schools stayed closed.\\n\\nThe mayor asked residents to stay away from the banks.\"}\n", i, i, i, i % 90, i % 700 }' >"$T/gen.jsonl"
"$BIN" ingest --db "$DB" --batch 500 "$T/gen.jsonl" >/dev/null 2>&1 &
pid=$!
# wait until at least one batch is committed, then kill without warning
i=0
while [ $i -lt 200 ]; do
    n=$(sqlite3 "$DB" 'select count(*) from articles' 2>/dev/null || echo 0)
    [ "${n:-0}" -ge 1000 ] && break
    sleep 0.05; i=$((i + 1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
eq "store intact after kill -9" "$(sql "$DB" 'pragma integrity_check')" ok
n=$(sql "$DB" 'select count(*) from articles')
check "some batches were committed before the kill ($n)" test "$n" -ge 1000
eq "only whole batches committed" "$((n % 500))" 0
"$BIN" ingest --db "$DB" --json "$T/gen.jsonl" >"$T/out" 2>"$T/err"
eq "re-ingest after crash exits 0" "$?" 0
eq "all 60000 articles present after resuming" "$(sql "$DB" 'select count(*) from articles')" 60000
contains "resume skips what was committed" "$T/out" "\"unchanged\":$n"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
