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
eq "schema version recorded" "$(sql "$DB" 'pragma user_version')" 6
eq "feed state table comes with the schema" \
   "$(sql "$DB" "select count(*) from sqlite_master where name = 'feed_state'")" 1
# a v5 store whose watcher had made feed_state itself upgrades, its rows kept
cp "$DB" "$T/v5.db"
sql "$T/v5.db" "insert into feed_state(url, etag) values ('http://127.0.0.1/f.xml', 'e1');
                pragma user_version = 5" >/dev/null
"$BIN" stats --db "$T/v5.db" >/dev/null 2>&1
eq "v5 store with its own feed_state migrates to 6" "$(sql "$T/v5.db" 'pragma user_version')" 6
eq "its feed state is kept" "$(sql "$T/v5.db" "select etag from feed_state")" e1
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
eq "search index consistent after the kill" \
   "$(sql "$DB" "insert into articles_fts(articles_fts) values('integrity-check'); select 'ok'")" ok

# ---- the search index: left to the server by default, or built by --search-index;
# two threads give exactly what one gives
eq "plain ingest leaves the search index to the server" "$(sql "$DB" "select value from store_meta")" 0
"$BIN" ingest --db "$T/fts.db" --search-index --batch 7 "$T/gen.jsonl" 2>/dev/null
eq "--search-index indexes every article" "$(sql "$T/fts.db" "select value from store_meta")" 60000
eq "--search-index: index consistent" \
   "$(sql "$T/fts.db" "insert into articles_fts(articles_fts) values('integrity-check'); select 'ok'")" ok
eq "--search-index: a search finds them" \
   "$(sql "$T/fts.db" "select count(*) from articles_fts where articles_fts match 'centimetres'")" 60000
head -3000 "$T/gen.jsonl" | awk 'NR % 3 == 0 { sub(/Officials/, "Firemen") } { print }' >"$T/gen2.jsonl"
for t in 1 2; do
    "$BIN" ingest --db "$T/t$t.db" --threads $t --batch 100 --sort-window 50 "$FIX/ingest" "$T/gen2.jsonl" \
        "$T/gen.jsonl" >/dev/null 2>&1
    sql "$T/t$t.db" "select a.rid, a.id, a.hash, c.grp, c.match_rid, s.story, s.how, s.score
        from articles a join copies c using (rid) join story_articles s using (rid) order by a.rid" \
        >"$T/t$t.out"
done
check "--threads 2 stores what --threads 1 stores" cmp -s "$T/t1.out" "$T/t2.out"
eq "--threads 2: every article stored" "$(wc -l <"$T/t2.out")" 60004

# ---- web input: HTML pages, WARC(.gz), RSS/Atom feeds; extract; watch over HTTP
W=tests/fixtures/web
"$BIN" ingest --db "$T/web.db" --json "$W" >"$T/out" 2>"$T/err"
eq "web fixtures: one bad feed item makes ingest exit 1" "$?" 1
contains "web fixtures: 15 records read" "$T/out" '"read":15'
contains "web fixtures: the WARC and WARC.gz copies are the same articles" "$T/out" '"unchanged":2'
contains "web fixtures: non-HTML WARC records counted" "$T/err" "1 non-HTML responses skipped"
contains "web fixtures: the bad item is reported with its line" "$T/err" "feed-rss.xml:27: error"
eq "web fixtures: the page and its WARC copy stored with their title" "$(sql "$T/web.db" "select count(*) from articles where title like 'Harbour town votes%'")" 2
eq "web fixtures: the WARC copy keeps the page's author and agency too" "$(sql "$T/web.db" "select count(*) from articles where title like 'Harbour town votes%' and author like 'Maggie Thornbury%' and agencies = '[\"Reuters\"]'")" 2
"$BIN" extract --json "$W/article-en.html" >"$T/out" 2>"$T/err"
eq "extract --json exits 0" "$?" 0
contains "extract --json gives the title" "$T/out" '"title": "Harbour town votes to rebuild its old lighthouse"'
contains "extract --json gives the date source" "$T/out" '"date_from": "json-ld"'
check "extract drops the share bar" sh -c "! grep -q 'Share on Facebook' '$T/out'"
"$BIN" extract --explain <"$W/article-fr-latin1.html" >"$T/out" 2>&1
eq "extract from stdin exits 0" "$?" 0
contains "extract --explain shows dropped furniture" "$T/out" "drop"
contains "extract reads latin-1 by its meta" "$T/out" "WINDOWS-1252 (meta)"
contains "extract --explain: the resolved date and the string it came from" "$T/out" \
    "date      2026-08-28 (text: Publié le 28 août 2026)"
printf '<html><body><nav><a href="/">x</a></nav></body></html>' | "$BIN" extract >/dev/null 2>&1
eq "extract with no article text exits 1" "$?" 1
HS="$(dirname "$BIN")/httpd-stub"
if [ -x "$HS" ]; then
    mkdir -p "$T/srv"
    cp "$W/feed-rss.xml" "$W/feed-atom.xml" "$T/srv/"
    "$HS" "$T/srv" "$T/port" "$T/httpd.log" 60 &
    hs=$!
    i=0
    while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    P=$(cat "$T/port")
    printf '# test feeds\nhttp://127.0.0.1:%s/feed-rss.xml\nhttp://127.0.0.1:%s/feed-atom.xml\n\nhttp://127.0.0.1:%s/flaky/feed-atom.xml\n' \
        "$P" "$P" "$P" >"$T/feeds.txt"
    "$BIN" watch --db "$T/watch.db" --once --delay 20 --backoff 20 --retries 3 "$T/feeds.txt" >"$T/out" 2>"$T/err"
    eq "watch --once exits 0" "$?" 0
    eq "watch stored the 5 feed items" "$(sql "$T/watch.db" 'select count(*) from articles')" 5
    eq "watch retried the flaky feed twice" "$(grep -c 'GET /flaky/feed-atom.xml 503' "$T/httpd.log")" 2
    eq "watch kept the validators" "$(sql "$T/watch.db" 'select count(*) from feed_state where etag is not null and last_modified is not null')" 3
    t0=$(date +%s%N)
    "$BIN" watch --db "$T/watch.db" --once --delay 300 "$T/feeds.txt" >"$T/out" 2>"$T/err"
    eq "second watch exits 0" "$?" 0
    t1=$(date +%s%N)
    eq "second watch asks conditionally and gets 304s" "$(grep -c ' 304 conditional' "$T/httpd.log")" 3
    contains "second watch reports no change" "$T/err" "not modified"
    check "watch waits between requests to one host ($(( (t1 - t0) / 1000000 )) ms)" test $(( (t1 - t0) / 1000000 )) -ge 600
    eq "nothing new after the second watch" "$(sql "$T/watch.db" 'select count(*) from articles')" 5
    printf 'http://127.0.0.1:%s/missing.xml\n' "$P" >"$T/feeds2.txt"
    "$BIN" watch --db "$T/watch.db" --once --delay 0 --retries 1 --backoff 10 "$T/feeds2.txt" >"$T/out" 2>"$T/err"
    eq "watch on a missing feed exits 1" "$?" 1
    contains "watch reports the HTTP status" "$T/err" "HTTP status 404"
    kill "$hs" 2>/dev/null; wait "$hs" 2>/dev/null
else
    echo "skip: watch test (no $HS; build it with make)"
fi

# ---- stories: clustering at ingest, listings, export, eval, recluster
DB="$T/st.db"
"$BIN" ingest --db "$DB" "$PWD/corpus" >"$T/out" 2>"$T/err"
eq "corpus ingest exits 0" "$?" 0
eq "every article placed in a story" "$(sql "$DB" 'select count(*) from story_articles')" 50
story_of() { sql "$DB" "select sa.story from story_articles sa join articles a on a.rid = sa.rid where a.id = '$1'"; }
eq "wire copies share a story" "$(story_of ic-20260314-crue-loire)" "$(story_of courrier-du-matin/crue-loire-01)"
eq "same event across languages and outlets" "$(story_of northbridge-herald/loire-flood-two-dead)" "$(story_of courrier-du-matin/crue-loire-01)"
check "two floods of one village months apart are two stories" \
    test "$(story_of courrier-du-matin/crue-loire-01)" != "$(story_of courrier-du-matin/crue-loire-02)"
check "different events are different stories" \
    test "$(story_of courrier-du-matin/incendie-saint-fons)" != "$(story_of courrier-du-matin/finale-coupe-de-france)"
"$BIN" stories --db "$DB" >"$T/out" 2>&1
eq "stories exits 0" "$?" 0
contains "stories lists a headline" "$T/out" "Kowal"
eq "stories --limit" "$("$BIN" stories --db "$DB" --limit 2 --json | wc -l)" 2
"$BIN" stories --db "$DB" --json --limit 0 >"$T/out"
contains "stories --json has outlets and languages" "$T/out" '"languages":["en","fr"]'
eq "stories --lang filters" "$("$BIN" stories --db "$DB" --lang en --json --limit 0 | grep -c '"en"')" \
   "$("$BIN" stories --db "$DB" --lang en --json --limit 0 | wc -l)"
eq "stories --since filters" "$("$BIN" stories --db "$DB" --since 2026-11-01 --json | wc -l)" 1
"$BIN" stories --db "$DB" --since yesterday >/dev/null 2>&1; eq "bad --since is a usage error" "$?" 2
# a time known only to the day is a date, not midnight (as in `articles`)
DP="$T/dayprec"
mkdir -p "$DP"
printf '%s\n' \
  '{"id":"dp-1","source":"Gazette A","date":"2026-02-03","title":"Ferry runs aground near Brest","text":"A ferry carrying 212 passengers ran aground near Brest on Tuesday morning. Rescue boats reached it within the hour and nobody was hurt, the coastguard said."}' \
  '{"id":"dp-2","source":"Gazette B","date":"2026-02-03T10:15:00Z","title":"Ferry runs aground near Brest","text":"A ferry carrying 212 passengers ran aground near Brest on Tuesday morning. Rescue boats reached it within the hour and nobody was hurt, the coastguard said."}' \
  >"$DP/a.jsonl"
"$BIN" ingest --db "$DP/d.db" "$DP/a.jsonl" >/dev/null 2>&1
"$BIN" stories --db "$DP/d.db" >"$DP/out" 2>&1
eq "stories: one story of two articles" "$(awk 'NR == 2 { print $4 }' "$DP/out")" 2
eq "stories: a day-precise first time prints as the date" "$(awk 'NR == 2 { print $2 }' "$DP/out")" 2026-02-03
eq "stories: a minute-precise last time keeps its minute" "$(awk 'NR == 2 { print $3 }' "$DP/out")" 2026-02-03T10:15Z
"$BIN" stories --db "$DP/d.db" --json >"$DP/out.json" 2>&1
contains "stories --json: the date alone too" "$DP/out.json" '"first":"2026-02-03","last":"2026-02-03T10:15Z"'
"$BIN" story --db "$DP/d.db" 1 >"$DP/out" 2>&1
contains "story ID: its span by precision too" "$DP/out" "2 articles, 2026-02-03 to 2026-02-03T10:15Z"
eq "story ID: a day-precise member time is the date" "$(awk '/ started .* dp-1 / { print $1 }' "$DP/out")" 2026-02-03
sid=$(story_of courrier-du-matin/crue-loire-01)
"$BIN" story --db "$DB" "$sid" >"$T/out" 2>&1
eq "story ID exits 0" "$?" 0
contains "story shows members" "$T/out" "ic-20260314-crue-loire"
contains "story shows copy groups" "$T/out" "copy groups:"
"$BIN" story --db "$DB" --json "s$sid" >"$T/out" 2>&1
contains "story --json lists copy groups" "$T/out" '"copy_groups"'
"$BIN" story --db "$DB" 99999 >/dev/null 2>&1; eq "unknown story exits 1" "$?" 1
# one story, one headline: once a digest is stored (as `serve` stores them),
# the listings show its headline, as the API and the story's page do
nav=$(story_of courrier-du-matin/golfe-de-guinee-petrolier)
sql "$DB" "insert into story_text (story, headline, summary, digest, n_articles, updated_at)
           select id, 'Digest headline of the tanker story', '', '{}', n_articles, updated_at
           from stories where id = $nav"
"$BIN" stories --db "$DB" --limit 0 >"$T/out" 2>&1
contains "stories: the stored digest's headline" "$T/out" "Digest headline of the tanker story"
"$BIN" stories --db "$DB" --limit 0 --json >"$T/out" 2>&1
contains "stories --json: the stored digest's headline" "$T/out" \
    "\"id\":$nav,\"headline\":\"Digest headline of the tanker story\""
"$BIN" story --db "$DB" "$nav" >"$T/out" 2>&1
contains "story ID: the stored digest's headline" "$T/out" "story $nav: Digest headline of the tanker story"
sql "$DB" "delete from story_text where story = $nav"
# ... and on a store that only went through `ingest` (no digest stored): the
# clusterer chose each headline by the digest's rule, so the listing and the
# digest say the same for every story
one_headline() { # one_headline DB: stories whose listed headline is not their digest's
    "$BIN" stories --db "$1" --limit 0 --json | python3 -c '
import json, subprocess, sys
bad = 0
for l in sys.stdin:
    s = json.loads(l)
    d = subprocess.run([sys.argv[1], "story", "--db", sys.argv[2], str(s["id"]), "--format", "json"],
                       capture_output=True, text=True).stdout
    if not d or json.loads(d)["headline"] != s["headline"]:
        bad += 1
        print("story", s["id"], repr(s["headline"]), file=sys.stderr)
print(bad)' "$BIN" "$1"
}
eq "stories: 9 stories in the corpus" "$("$BIN" stories --db "$DB" --limit 0 --json | wc -l)" 9
eq "stories and story ID --format: one headline per story (ingest alone)" "$(one_headline "$DB")" 0
# the same when stories were reloaded by a second ingest and grew there
mkdir -p "$T/half1" "$T/half2"
for d in "$PWD"/corpus/*/; do
    case $(basename "$d") in courrier-du-matin | echo-rhodanien | feeds) cp -r "$d" "$T/half1/" ;;
                             *) cp -r "$d" "$T/half2/" ;; esac
done
"$BIN" ingest --db "$T/two.db" "$T/half1" >/dev/null 2>&1
"$BIN" ingest --db "$T/two.db" "$T/half2" >/dev/null 2>&1
eq "two ingests: every corpus article placed" "$(sql "$T/two.db" 'select count(*) from story_articles')" \
   "$(sql "$DB" 'select count(*) from story_articles')"
eq "stories and story ID --format: one headline per story (stories reloaded)" \
   "$(one_headline "$T/two.db")" 0
# no member title passes the rule (form residue, too few words): the listing
# shows the digest's fallback sentence, not the rejected title
cat >"$T/residue.jsonl" <<'EOF2'
{"id": "res-1", "title": "Email Address *", "date": "2026-04-02T08:00:00Z", "source": "Valley Post", "text": "The Orvelle dam on the upper Tarn river was closed on Thursday after engineers found a crack in its northern wall. Villagers below the Orvelle dam were told to move to higher ground until the inspection ends. The regional prefect said the crack was long but shallow."}
{"id": "res-2", "title": "Subscribe!", "date": "2026-04-02T09:30:00Z", "source": "Tarn Daily", "text": "Engineers closed the Orvelle dam on the upper Tarn river on Thursday after a crack appeared in its northern wall. Families living below the Orvelle dam moved to higher ground for the night. The inspection of the crack should end on Saturday, the prefect said."}
EOF2
"$BIN" ingest --db "$T/residue.db" "$T/residue.jsonl" >/dev/null 2>&1
eq "residue titles: one story" "$(sql "$T/residue.db" 'select count(*) from stories')" 1
eq "residue titles: stories and story ID --format say the same headline" \
   "$(one_headline "$T/residue.db")" 0
"$BIN" stories --db "$T/residue.db" >"$T/out" 2>&1
check "residue titles: no rejected title as the headline" sh -c "! grep -q 'Email Address' '$T/out'"
# columns stay aligned whether a time is a date or has its minute
"$BIN" stories --db "$DB" --limit 0 >"$T/out" 2>&1
eq "stories: the langs column is aligned on every row" \
   "$(awk 'NR == 1 { c = index($0, "langs") } NR > 1 && index($0, "en,fr") != c { bad++ }
           END { print bad + 0 }' "$T/out")" 0
check "stories: some rows have minute times, some dates" \
    sh -c "grep -q '^[0-9]* *2026-[0-9-]*T' '$T/out' && grep -q '^[0-9]* *2026-[0-9-]* ' '$T/out'"
# a .txt without a source: line takes its directory (the outlet slug) as outlet, named as
# the files beside it name the paper the slug stands for (www.echo-rhodanien.fr)
eq "txt without source: the outlet its directory stands for" \
   "$(sql "$DB" "select outlet from articles where id = 'echo-rhodanien/crue-loire-mars'")" \
   "L'Écho rhodanien"
eq "txt without source: one paper, one outlet" \
   "$(sql "$DB" "select count(*) from articles where outlet in ('echo-rhodanien', 'harbour-gazette')")" 0
eq "txt with a source: line keeps it" \
   "$(sql "$DB" "select outlet from articles where id = 'courrier-du-matin/crue-loire-01'")" \
   "Le Courrier du Matin"
"$BIN" story --db "$DB" "$(story_of echo-rhodanien/crue-loire-mars)" --format text >"$T/out" 2>&1
check "digest: no article id as an outlet" sh -c "! grep -q 'echo-rhodanien/crue-loire-mars' '$T/out'"
"$BIN" dups --db "$DB" >"$T/out" 2>&1
"$BIN" dups --db "$DB" --json >"$T/out.json" 2>&1
contains "dups: the directory's outlet" "$T/out.json" "\"outlet\":\"L'Écho rhodanien\""
# (columns counted in characters: UTF-8 continuation bytes dropped first)
eq "dups: the similarity column is aligned whatever the time's precision" \
   "$(LC_ALL=C sed 's/[\x80-\xbf]//g' "$T/out" |
      awk '/^  / && length($1) <= 32 && /J=/ { c[index($0, "J=")] = 1 }
           END { n = 0; for (k in c) n++; print n }')" 1
"$BIN" ingest --db "$T/one.db" "$PWD/corpus/harbour-gazette/rsv-nasal-vaccine.txt" >/dev/null 2>&1
eq "txt named alone: its directory's outlet too" \
   "$(sql "$T/one.db" "select outlet from articles")" "The Harbour Gazette"
# a slug no file beside it names stays the outlet
mkdir -p "$T/tarn-notes"
printf 'source: La Gazette du Tarn\nurl: https://www.gazette-du-tarn.fr/a\n\nLe barrage rouvre\n\nLe barrage de l\047Orvelle a rouvert lundi apr\303\250s trois jours de travaux.\n' \
    >"$T/tarn-notes/a.txt"
printf 'Le pont ferme\n\nLe pont de Brisley fermera mardi pour une inspection de sa pile centrale.\n' \
    >"$T/tarn-notes/b.txt"
"$BIN" ingest --db "$T/slug.db" "$T/tarn-notes/b.txt" >/dev/null 2>&1
eq "txt: a slug no file beside it names stays the outlet" \
   "$(sql "$T/slug.db" "select outlet from articles")" tarn-notes
"$BIN" story --db "$DB" abc >/dev/null 2>&1; eq "bad story id is a usage error" "$?" 2
"$BIN" export assignments --db "$DB" >"$T/asg.tsv"
eq "export assignments exits 0" "$?" 0
eq "export: header + one line per article" "$(wc -l <"$T/asg.tsv")" 51
eq "export header" "$(head -1 "$T/asg.tsv")" "$(printf 'article_id\tstory_id\tcopy_group')"
grp_of() { awk -F'\t' -v id="$1" '$1 == id { print $3 }' "$T/asg.tsv"; }
eq "export: copies share a copy group" "$(grp_of ic-20260314-crue-loire)" "$(grp_of courrier-du-matin/crue-loire-01)"
eq "export: an article alone is its own copy group" "$(grp_of meridian-2026-0316-a)" meridian-2026-0316-a
"$BIN" export nothing --db "$DB" >/dev/null 2>&1; eq "unknown export kind is a usage error" "$?" 2
"$BIN" eval clusters --db "$DB" --gold "$T/asg.tsv" >"$T/out" 2>&1
contains "eval reads its own export: perfect" "$T/out" "F1 1.0000"
"$BIN" eval clusters --db "$DB" --gold "$PWD/corpus/gold.tsv" --json >"$T/out" 2>&1
eq "eval clusters on the corpus gold exits 0" "$?" 0
contains "eval clusters reports NMI" "$T/out" '"nmi"'
b3=$(sed -n 's/.*"b3_precision": \([0-9.]*\).*/\1/p' "$T/out")
check "corpus stories: B-cubed precision >= 0.9 ($b3)" awk -v x="$b3" 'BEGIN { exit !(x >= 0.9) }'
n_st=$(sql "$DB" 'select count(*) from stories')
"$BIN" ingest --db "$DB" "$PWD/corpus" >/dev/null 2>&1
eq "re-ingest makes no story" "$(sql "$DB" 'select count(*) from stories')" "$n_st"
eq "re-ingest keeps assignments" "$(story_of ic-20260314-crue-loire)" "$sid"
"$BIN" recluster --db "$DB" --dry-run >"$T/out" 2>&1
eq "recluster --dry-run exits 0" "$?" 0
contains "recluster reports" "$T/out" "stories looked at"
"$BIN" recluster --db "$DB" >"$T/out" 2>&1
eq "recluster exits 0" "$?" 0
eq "recluster keeps every article placed" "$(sql "$DB" 'select count(*) from story_articles')" 50
eq "merged stories point to a live story" \
   "$(sql "$DB" 'select count(*) from stories s where merged_into is not null and not exists (select 1 from stories t where t.id = s.merged_into and t.merged_into is null)')" 0

# later ingests extend stored stories; ids stay
DB="$T/st2.db"
mkdir -p "$T/part1" "$T/part2"
cp -r "$PWD/corpus/courrier-du-matin" "$PWD/corpus/northbridge-herald" "$T/part1/"
cp -r "$PWD/corpus/feeds" "$T/part2/"
"$BIN" ingest --db "$DB" "$T/part1" >/dev/null 2>&1
first=$(story_of courrier-du-matin/crue-loire-01)
max1=$(sql "$DB" 'select max(id) from stories')
"$BIN" ingest --db "$DB" "$T/part2" >/dev/null 2>&1
eq "story ids stable across ingests" "$(story_of courrier-du-matin/crue-loire-01)" "$first"
eq "a later copy joins the stored story" "$(story_of ic-20260314-crue-loire)" "$first"
check "a later article joins a story of the first ingest" \
    test "$(story_of meridian-2026-0928-a)" -le "$max1"

# dates: undated and untrusted articles are placed and marked; input is sorted
DB="$T/st3.db"
{
  printf '{"id":"d3","date":"2026-02-03T10:00:00Z","title":"Third","text":"The Orla river fell in Marbeck, said mayor Ilse Brandt."}\n'
  printf '{"id":"d1","date":"2026-02-01T10:00:00Z","title":"First","text":"The Orla river flooded Marbeck, mayor Ilse Brandt said."}\n'
  printf '{"id":"nodate","title":"No date","text":"Mayor Ilse Brandt of Marbeck spoke about the Orla river."}\n'
  printf '{"id":"future","date":"2999-01-01T00:00:00Z","title":"Far","text":"The Orla river in Marbeck, mayor Ilse Brandt."}\n'
  printf '{"id":"d2","date":"2026-02-02T10:00:00Z","title":"Second","text":"Marbeck mayor Ilse Brandt said the Orla river rose."}\n'
} >"$T/dates.jsonl"
"$BIN" ingest --db "$DB" "$T/dates.jsonl" >/dev/null 2>&1
eq "all dated and undated articles placed" "$(sql "$DB" 'select count(*) from story_articles')" 5
eq "undated article marked" "$(sql "$DB" "select sa.time_how from story_articles sa join articles a on a.rid = sa.rid where a.id = 'nodate'")" 1
eq "far-future date not trusted" "$(sql "$DB" "select sa.time_how from story_articles sa join articles a on a.rid = sa.rid where a.id = 'future'")" 2
eq "batch sorted by time before clustering" \
   "$(sql "$DB" "select group_concat(id, ' ') from (select id from articles where id like 'd_' order by rid)")" "d1 d2 d3"
eq "far-future date does not stretch the story" "$(sql "$DB" 'select max(last) < 2000000000 from stories')" 1

# a flood of identical articles: one story
DB="$T/st4.db"
awk 'BEGIN { for (i = 0; i < 300; i++)
    printf "{\"id\":\"same-%d\",\"date\":\"2026-03-01T10:%02d:00Z\",\"title\":\"Same\",\"text\":\"The same wire text about the Orla river in Marbeck, again and again.\"}\n", i, i % 60 }' >"$T/same.jsonl"
"$BIN" ingest --db "$DB" "$T/same.jsonl" >/dev/null 2>&1
eq "identical articles: one story" "$(sql "$DB" 'select count(distinct story) from story_articles')" 1
eq "identical articles: counted" "$(sql "$DB" 'select n_articles from stories')" 300
# no usable terms: each is placed, alone
printf '{"id":"stop1","lang":"en","text":"Of the, and to it was."}\n{"id":"stop2","lang":"fr","text":"Et le la les de des."}\n' >"$T/empty.jsonl"
"$BIN" ingest --db "$DB" "$T/empty.jsonl" >/dev/null 2>&1
eq "articles without terms are placed" "$(sql "$DB" "select count(*) from story_articles sa join articles a on a.rid = sa.rid where a.id like 'stop%'")" 2
for c in stories story export recluster; do
    "$BIN" "$c" --help >"$T/out" 2>&1
    eq "$c --help exits 0" "$?" 0
done
"$BIN" stories --db "$T/none.db" >/dev/null 2>&1; eq "stories on a missing store exits 1" "$?" 1

# ---- copies: groups while ingesting, incremental, dups, compare, eval dups, article view
DB="$T/dups.db"
mkdir -p "$T/dups"
cat >"$T/dups/day1.jsonl" <<'EOF'
{"id":"wire-fr","source":"Agence Alpes","date":"2026-03-03T08:00:00Z","lang":"fr","title":"Coulée de boue","text":"Les pompiers de la vallée de l'Ubaye ont évacué mardi soir quarante habitants du hameau de Clos-Rivier, menacé par une coulée de boue après trois jours de pluies continues.\n\nLa préfecture a ouvert un gymnase à Barcelonnette pour accueillir les familles et a interdit la circulation sur la route départementale jusqu'à nouvel ordre.\n\nSelon les prévisionnistes, les précipitations devraient cesser jeudi, mais le sol gorgé d'eau reste instable et de nouveaux glissements ne sont pas exclus ce week-end."}
{"id":"copy-fr","source":"Le Courrier des Cimes","date":"2026-03-03T09:10:00Z","lang":"fr","title":"Ubaye : quarante habitants évacués","text":"Les pompiers de la vallée de l'Ubaye ont évacué mardi soir quarante habitants du hameau de Clos-Rivier, menacé par une coulée de boue après trois jours de pluies continues.\n\nLa préfecture a ouvert un gymnase à Barcelonnette pour accueillir les familles et a interdit la circulation sur la route départementale jusqu'à nouvel ordre."}
{"id":"other-en","source":"Harlow Post","date":"2026-03-03T09:30:00Z","lang":"en","title":"Budget approved","text":"The city council of Harlow Bay approved the budget for next year after a debate of six hours about the cost of the new tram line and the renovation of the central library, which has been closed since a fire damaged its roof in the spring."}
EOF
cat >"$T/dups/day2.jsonl" <<'EOF'
{"id":"mirror-fr","source":"Portail Alpin","date":"2026-03-03T10:00:00Z","lang":"fr","title":"Coulée de boue dans l'Ubaye","text":"Les pompiers de la vallée de l'Ubaye ont évacué mardi soir quarante habitants du hameau de Clos-Rivier, menacé par une coulée de boue après trois jours de pluies continues.\n\nLa préfecture a ouvert un gymnase à Barcelonnette pour accueillir les familles et a interdit la circulation sur la route départementale jusqu'à nouvel ordre.\n\nSelon les prévisionnistes, les précipitations devraient cesser jeudi, mais le sol gorgé d'eau reste instable et de nouveaux glissements ne sont pas exclus ce week-end."}
{"id":"copy-en","source":"Harlow Herald","date":"2026-03-03T11:00:00Z","lang":"en","title":"Council passes budget","text":"The city council of Harlow Bay approved the budget for next year after a debate of six hours about the cost of the new tram line and the renovation of the central library, which has been closed since a fire damaged its roof in the spring.\n\nThe opposition voted against it."}
EOF
"$BIN" ingest --db "$DB" "$T/dups/day1.jsonl" >/dev/null 2>&1
eq "copies: trimmed copy joins the wire group" \
   "$(sql "$DB" "select c.grp = w.rid from copies c join articles a on a.rid = c.rid, articles w where a.id = 'copy-fr' and w.id = 'wire-fr'")" 1
eq "copies: unrelated article is its own group" \
   "$(sql "$DB" "select c.grp = a.rid from copies c join articles a on a.rid = c.rid where a.id = 'other-en'")" 1
eq "copies: parameters recorded" "$(sql "$DB" "select value like 'k=5 %' from dedup_meta where key = 'params'")" 1
# a second run opens the index from the store and adds to it
"$BIN" ingest --db "$DB" "$T/dups/day2.jsonl" >/dev/null 2>&1
eq "copies: incremental ingest joins the earlier groups" \
   "$(sql "$DB" "select count(distinct grp) from copies")" 2
eq "copies: verbatim copy is exact" \
   "$(sql "$DB" "select exact from copies c join articles a on a.rid = c.rid where a.id = 'mirror-fr'")" 1
"$BIN" ingest --db "$DB" "$T/dups/day2.jsonl" >/dev/null 2>&1
eq "copies: re-ingesting changes nothing" "$(sql "$DB" "select count(*) || '/' || count(distinct grp) from copies")" "5/2"

"$BIN" dups --db "$DB" >"$T/out" 2>"$T/err"
eq "dups exits 0" "$?" 0
contains "dups lists the wire group first (largest)" "$T/out" "wire-fr  3 articles, 3 outlets"
contains "dups shows a member's similarity" "$T/out" "exact J=1.00 C=1.00"
contains "dups summary" "$T/err" "2 copy groups of 2 or more, 5 articles in them"
"$BIN" dups --db "$DB" --json >"$T/out"
eq "dups --json: one line per group" "$(wc -l <"$T/out" | tr -d ' ')" 2
contains "dups --json: members and outlets" "$T/out" '"size":3,"outlets":["Agence Alpes","Le Courrier des Cimes","Portail Alpin"]'
"$BIN" dups --db "$DB" --min-size 3 --json >"$T/out"
eq "dups --min-size" "$(wc -l <"$T/out" | tr -d ' ')" 1
"$BIN" dups --db "$DB" --params "jaccard=0.9" >/dev/null 2>&1
eq "dups --params without --reindex is a usage error" "$?" 2
"$BIN" dups --db "$DB" --reindex --params "jaccard=2" >/dev/null 2>&1
eq "dups --reindex with a bad parameter is a usage error" "$?" 2
# stricter thresholds: the trimmed copies no longer count, the exact copy does
"$BIN" dups --db "$DB" --reindex --params "jaccard=0.95 min_contain=1000" --json >"$T/out" 2>"$T/err"
eq "dups --reindex exits 0" "$?" 0
contains "dups --reindex says what it did" "$T/err" "reindexed 5 articles"
eq "reindex with strict thresholds: only the exact pair stays" "$(sql "$DB" "select count(distinct grp) from copies")" 4
eq "reindex records its parameters" "$(sql "$DB" "select value like '%jaccard=0.95 %' from dedup_meta")" 1
"$BIN" dups --db "$DB" --reindex --params "jaccard=0.5 containment=0.6 min_contain=20" >/dev/null 2>&1
eq "reindex back to the defaults restores the groups" "$(sql "$DB" "select count(distinct grp) from copies")" 2

"$BIN" compare --db "$DB" wire-fr copy-fr >"$T/out" 2>&1
eq "compare exits 0" "$?" 0
contains "compare: shared passage" "$T/out" "[=1] Les pompiers de la vallée"
contains "compare: A's own passage" "$T/out" "[A]  Selon les prévisionnistes"
contains "compare: source guess" "$T/out" "source: A (A was published 1 h 10 min earlier"
contains "compare: similarity line" "$T/out" "B inside A 1.00"
if grep -q "$(printf '\033')" "$T/out"; then ko "compare: no colour when piped"; else ok; fi
"$BIN" compare --db "$DB" --color wire-fr copy-fr >"$T/out" 2>&1
if grep -q "$(printf '\033\\[32m')" "$T/out"; then ok; else ko "compare --color: green shared passages"; fi
"$BIN" compare --db "$DB" --json other-en copy-en >"$T/out" 2>&1
contains "compare --json: B's own passage" "$T/out" '"text": "The opposition voted against it"'
contains "compare --json: direction" "$T/out" '"source": "a"'
"$BIN" compare --db "$DB" wire-fr nope >"$T/out" 2>&1
eq "compare: unknown id exits 1" "$?" 1
contains "compare: says which id" "$T/out" "no article with id 'nope'"
"$BIN" compare --db "$DB" --color --plain wire-fr copy-fr >/dev/null 2>&1
eq "compare: --color with --plain is a usage error" "$?" 2

"$BIN" article --db "$DB" copy-fr >"$T/out" 2>&1
contains "article view shows its copy group" "$T/out" "copies:    3 articles carry this text (closest: wire-fr"
"$BIN" article --db "$DB" other-en --json >"$T/out" 2>&1
contains "article --json: copies" "$T/out" '"size": 2'

# eval dups: newsgen-style gold (header, extra columns), plain id<TAB>group, --column
printf 'id\tstory_id\tdup_group\nwire-fr\ts1\tg1\ncopy-fr\ts1\tg1\nmirror-fr\ts1\tg1\nother-en\ts2\tg2\ncopy-en\ts2\tg2\nabsent\ts3\tg3\n' >"$T/gold.tsv"
"$BIN" eval dups --db "$DB" --gold "$T/gold.tsv" >"$T/out" 2>&1
eq "eval dups exits 0" "$?" 0
contains "eval dups: perfect pairwise F1" "$T/out" "precision 1.0000  recall 1.0000  F1 1.0000  (pairs: 4 ours, 4 gold, 4 both)"
contains "eval dups: counts gold ids not in the store" "$T/out" "5 scored, 1 of the gold file not in the store"
printf 'wire-fr\tg1\ncopy-fr\tg1\nmirror-fr\tg2\nother-en\tg3\ncopy-en\tg3\n' >"$T/gold2.tsv"
"$BIN" eval dups --db "$DB" --gold "$T/gold2.tsv" --json >"$T/out" 2>&1
contains "eval dups without a header: column 2; P = 2/4" "$T/out" '"pair_precision": 0.5'
contains "eval dups: R = 2/2" "$T/out" '"pair_recall": 1.0'
"$BIN" eval dups --db "$DB" --gold "$T/gold.tsv" --column 2 >"$T/out" 2>&1
contains "eval --column by number (story_id): same pairs here" "$T/out" "F1 1.0000"
"$BIN" eval dups --db "$DB" --gold "$T/gold.tsv" --column story_id >"$T/out" 2>&1
contains "eval --column by name" "$T/out" "F1 1.0000"
"$BIN" eval dups --db "$DB" --gold "$T/gold.tsv" --column nope >"$T/out" 2>&1
eq "eval: unknown column exits 1" "$?" 1
contains "eval: unknown column message" "$T/out" "no column 'nope' in the header"
"$BIN" eval dups --db "$DB" >/dev/null 2>&1
eq "eval without --gold is a usage error" "$?" 2
"$BIN" eval nosuchkind --db "$DB" --gold "$T/gold.tsv" >/dev/null 2>&1
eq "eval: unknown kind is a usage error" "$?" 2
printf 'wire-fr\n' >"$T/gold3.tsv"
"$BIN" eval dups --db "$DB" --gold "$T/gold3.tsv" >"$T/out" 2>&1
eq "eval: a gold line without a label exits 1" "$?" 1
contains "eval: says where" "$T/out" "gold3.tsv:1: fewer than 2 columns"

# ---- digests: summarize a folder of articles, story --format, export --html, eval summaries
jv() { sqlite3 :memory: "select $2 from (select readfile('$1') as j)"; } # jv FILE SQL-EXPR-ON-j
F="$PWD/corpus"
grep -h -e '"id": *"ic-20260314-crue-loire"' -e '"id": *"meridian-2026-0316-a"' "$F"/feeds/*.jsonl >"$T/flood.jsonl"
FLOOD="$F/courrier-du-matin/crue-loire-01.txt $F/echo-rhodanien/crue-loire-mars.txt $F/northbridge-herald/loire-flood-two-dead.txt $F/voix-estuaire/crue-loire-bilan.txt $F/voix-estuaire/crue-vallieres-temoignages.txt $T/flood.jsonl"
# shellcheck disable=SC2086
"$BIN" summarize --format json $FLOOD >"$T/d.json" 2>"$T/err"
eq "summarize exits 0" "$?" 0
eq "summarize json is valid" "$(jv "$T/d.json" 'json_valid(j)')" 1
eq "digest lists the 7 flood articles as sources" "$(jv "$T/d.json" "json_array_length(j, '\$.sources')")" 7
n_sum=$(jv "$T/d.json" "json_array_length(j, '\$.summary')")
check "summary has sentences ($n_sum)" test "$n_sum" -ge 2
eq "every summary sentence names an outlet" \
   "$(jv "$T/d.json" "(select count(*) from json_each(j, '\$.summary') where json_array_length(value, '\$.outlets') >= 1)")" "$n_sum"
eq "no summary sentence twice (copies counted once)" \
   "$(jv "$T/d.json" "(select count(distinct json_extract(value, '\$.text')) from json_each(j, '\$.summary'))")" "$n_sum"
check "a wire sentence names its carriers and the agency" test \
   "$(jv "$T/d.json" "(select count(*) from json_each(j, '\$.summary') where json_extract(value, '\$.agency') = 'AFP' and json_array_length(value, '\$.outlets') >= 2)")" -ge 1
eq "timeline lines are distinct" \
   "$(jv "$T/d.json" "(select count(*) - count(distinct json_extract(value, '\$.date') || json_extract(value, '\$.text')) from json_each(j, '\$.timeline'))")" 0
eq "timeline in time order" \
   "$(jv "$T/d.json" "(select count(*) from json_each(j, '\$.timeline') a join json_each(j, '\$.timeline') b on b.key = a.key + 1 where json_extract(b.value, '\$.date') < json_extract(a.value, '\$.date'))")" 0
# shellcheck disable=SC2086
"$BIN" summarize --format md $FLOOD >"$T/d.md" 2>&1
eq "summarize md exits 0" "$?" 0
check "md opens with the headline" grep -q '^# ' "$T/d.md"
contains "md has a summary section" "$T/d.md" "## Summary"
awk '/^## Summary/ { on = 1; next } /^## / { on = 0 } on && /^- / { n++; if ($0 ~ /\*\(.+\)\*$/) a++ } END { exit !(n > 0 && n == a) }' "$T/d.md"
eq "md: every summary bullet ends with its outlets" "$?" 0
# shellcheck disable=SC2086
"$BIN" summarize $FLOOD >"$T/d.txt" 2>&1
awk '/^SUMMARY/ { on = 1; next } /^$/ { on = 0 } on { n++; if ($0 ~ /\[[^]]+\]$/) a++ } END { exit !(n > 0 && n == a) }' "$T/d.txt"
eq "text: every summary line ends with [outlets]" "$?" 0
# shellcheck disable=SC2086
eq "lines: one line per summary sentence" "$("$BIN" summarize --format lines $FLOOD | wc -l)" "$n_sum"
# shellcheck disable=SC2086
"$BIN" summarize --format html $FLOOD >"$T/d.html" 2>&1
check "html is a whole page" grep -q '^<!DOCTYPE html>' "$T/d.html"
check "html has no script" sh -c "! grep -q '<script' '$T/d.html'"
# shellcheck disable=SC2086
"$BIN" summarize --format lines --words 40 $FLOOD >"$T/d40.txt"
w40=$(wc -w <"$T/d40.txt"); l40=$(wc -l <"$T/d40.txt")
check "--words 40 keeps the budget ($w40 words, $l40 lines)" sh -c "[ $w40 -le 40 ] || [ $l40 -eq 1 ]"
"$BIN" summarize --format pdf "$F/courrier-du-matin/crue-loire-01.txt" >/dev/null 2>&1; eq "unknown format is a usage error" "$?" 2
"$BIN" summarize --words 0 "$F/courrier-du-matin/crue-loire-01.txt" >/dev/null 2>&1; eq "--words 0 is a usage error" "$?" 2
"$BIN" summarize "$T/no-such-dir" >/dev/null 2>&1; eq "summarize with nothing readable exits 1" "$?" 1
"$BIN" summarize --help >"$T/out" 2>&1; eq "summarize --help exits 0" "$?" 0
DB="$T/st.db"
sid=$(story_of courrier-du-matin/crue-loire-01)
"$BIN" story --db "$DB" "$sid" --format json >"$T/s.json" 2>&1
eq "story --format json exits 0" "$?" 0
eq "story --format json is valid" "$(jv "$T/s.json" 'json_valid(j)')" 1
eq "story digest: every summary sentence names an outlet" \
   "$(jv "$T/s.json" "(select count(*) from json_each(j, '\$.summary') where json_array_length(value, '\$.outlets') < 1)")" 0
check "story digest has a summary" test "$(jv "$T/s.json" "json_array_length(j, '\$.summary')")" -ge 1
"$BIN" story --db "$DB" "$sid" --format md >"$T/s.md" 2>&1
contains "story --format md" "$T/s.md" "## Sources"
"$BIN" story --db "$DB" "$sid" --format nope >/dev/null 2>&1; eq "story: unknown format is a usage error" "$?" 2
"$BIN" story --db "$DB" 99999 --format text >/dev/null 2>&1; eq "story --format: unknown story exits 1" "$?" 1
"$BIN" export --db "$DB" --html "$T/site" >/dev/null 2>&1
eq "export --html exits 0" "$?" 0
check "export --html writes an index" test -s "$T/site/index.html"
eq "export --html: one page per live story" "$(ls "$T/site" | grep -c '^story-.*\.html$')" \
   "$(sql "$DB" 'select count(*) from stories where merged_into is null and n_articles > 0')"
check "export --html: the index links the pages" grep -q "href=\"story-$sid.html\"" "$T/site/index.html"
mkdir -p "$T/peers" "$T/models"
printf 'the cat sat on the mat\n' >"$T/peers/t1.sys"
printf 'the cat was on the mat\n' >"$T/models/t1.m.a"
"$BIN" eval summaries --peers "$T/peers" --models "$T/models" --wordnet none >"$T/out" 2>&1
eq "eval summaries exits 0" "$?" 0
contains "eval summaries: ROUGE-1 recall 5/6" "$T/out" "83.33"
contains "eval summaries: ROUGE-2 recall 3/5" "$T/out" "60.00"
"$BIN" eval summaries --peers "$T/peers" >/dev/null 2>&1; eq "eval summaries without --models is a usage error" "$?" 2
"$BIN" eval summaries --peers "$T/no-peers" --models "$T/models" >"$T/out" 2>&1
eq "eval summaries: a missing peers folder exits 1" "$?" 1
contains "eval summaries: a missing peers folder is named" "$T/out" "no peers in $T/no-peers"
check "eval summaries: the references read are freed (make asan)" sh -c "! grep -q LeakSanitizer '$T/out'"

# ---- what --help says is what the commands do
# every command with --db names $STORYLINE_DB, and every one of them honours it
for c in $("$BIN" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    "$BIN" "$c" --help >"$T/out" 2>&1
    if grep -qF -- '--db FILE' "$T/out"; then
        contains "$c --help names \$STORYLINE_DB" "$T/out" '$STORYLINE_DB'
    fi
done
printf 'x\t1\n' >"$T/env-gold.tsv"
for args in "articles" "article x" "stats" "dups" "compare x y" "eval dups --gold $T/env-gold.tsv" \
            "stories" "story 1" "export assignments" "recluster"; do
    # shellcheck disable=SC2086
    STORYLINE_DB="$T/env-none.db" "$BIN" $args >"$T/out" 2>&1
    contains "${args%% *} reads the store \$STORYLINE_DB names" "$T/out" "$T/env-none.db"
done
STORYLINE_DB="$T/env.db" "$BIN" ingest --quiet "$FIX/ingest" >/dev/null 2>&1
eq "ingest writes the store \$STORYLINE_DB names" "$(sql "$T/env.db" 'select count(*) from articles')" 4
printf '# no feeds\n' | STORYLINE_DB="$T/env-watch.db" "$BIN" watch --once - >"$T/out" 2>&1
eq "watch - reads the feed list from stdin" "$?" 0
contains "watch - polls the feeds of stdin" "$T/out" "0 feeds polled"
check "watch opens the store \$STORYLINE_DB names" test -s "$T/env-watch.db"
# ingest --help lists the formats the web input section above reads
"$BIN" ingest --help >"$T/out" 2>&1
for f in .txt .jsonl .html .warc .warc.gz .rss .atom .xml STORYLINE_HTML_PARSER; do
    contains "ingest --help names $f" "$T/out" "$f"
done
# README's usage block: every option it shows is one its command has
sed -n '/^## Usage/,/^```$/p' README.md | sed -n 's/^storyline \([a-z]*\) \(.*\)/\1 \2/p' >"$T/usage"
n_usage=0
while read -r c rest; do
    "$BIN" "$c" --help >"$T/out" 2>&1 || continue
    for o in $(printf '%s\n' "${rest%%#*}" | grep -o -- '--[a-z-]*'); do
        n_usage=$((n_usage + 1))
        contains "README usage: $c has $o" "$T/out" "  $o"
    done
done <"$T/usage"
check "README usage block read ($n_usage options)" test "$n_usage" -ge 20
# README's server section names every option of serve --help
sed -n '/^## The server/,/^### API/p' README.md >"$T/readme-serve"
for o in $("$BIN" serve --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
    [ "$o" = --help ] || check "README's server section names $o" \
        grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$T/readme-serve"
done
# README's input formats: in a directory walk these extensions are read, others not
mkdir -p "$T/exts/site"
printf 'The ferry to Ilvar sailed again on Monday after a week of storms.\n' >"$T/exts/site/a.text"
for e in b.xhtml c.shtml; do
    printf '<html><head><title>Ferry back</title></head><body><article><p>The ferry to Ilvar sailed again on Monday after a week of storms kept it in port, the harbour office said.</p><p>Passengers who had waited in the town since Tuesday were the first to board.</p></article></body></html>' >"$T/exts/site/$e"
done
cp "$T/exts/site/a.text" "$T/exts/site/d.notes"
"$BIN" ingest --db "$T/exts.db" "$T/exts" >/dev/null 2>&1
eq "a directory walk reads .text, .xhtml and .shtml (README), not .notes" \
   "$(sql "$T/exts.db" 'select group_concat(id) from (select id from articles order by id)')" \
   "site/a,site/b,site/c"
"$BIN" extract --help >"$T/out" 2>&1
contains "extract --help names \$STORYLINE_HTML_PARSER" "$T/out" '$STORYLINE_HTML_PARSER=libxml2'
STORYLINE_HTML_PARSER=libxml2 "$BIN" extract --json "$FIX/web/article-en.html" >"$T/out" 2>&1
contains "extract with \$STORYLINE_HTML_PARSER=libxml2 reads the page" "$T/out" \
    '"title": "Harbour town votes to rebuild its old lighthouse"'

# ---- review4: what a reader sees in stats, stories and story views
mkdir -p "$T/r4/chronique"
printf ' date 2026-03 \n\nLa digue a cédé dans la nuit\n\nLa digue de la Maison-Rouge a cédé dans la nuit de vendredi à samedi, a annoncé la préfecture.\n' \
    >"$T/r4/chronique/digue-mars.txt"
printf 'source: Le Veilleur\ndate: 2026-03-14T08:00:00Z\n\nLa Loire monte encore\n\nLa Loire a atteint samedi 6,12 mètres à Ancenis, selon le service de prévision des crues.\n' \
    >"$T/r4/chronique/loire-jour.txt"
"$BIN" ingest --db "$T/r4.db" --quiet "$T/r4" >/dev/null 2>&1
"$BIN" stats --db "$T/r4.db" --json >"$T/out" 2>&1
contains "stats counts a month-precision article under its month" "$T/out" '"2026-03": 1'
contains "stats counts a day-precision article under its day" "$T/out" '"2026-03-14": 1'
if grep -qF '"2026-03-01"' "$T/out"; then ko "stats shows a month-precision date as day 01"; else ok; fi
"$BIN" stats --db "$T/r4.db" >"$T/out" 2>&1
contains "stats text shows the month alone" "$T/out" "  2026-03  "

R4C="$T/r4c.db"
"$BIN" ingest --db "$R4C" --quiet "$PWD/corpus" >/dev/null 2>&1
r4_story() { # the story of a corpus article
    sql "$R4C" "select s.story from story_articles s join articles a on a.rid = s.rid where a.id = '$1'"
}
s1=$(r4_story echo-rhodanien/crue-loire-mars)
"$BIN" story --db "$R4C" "$s1" --format text >"$T/out" 2>&1
# times of day, days and months in one column: the outlet starts at one column in every row
eq "story text: the sources' outlets start at one column" \
   "$(sed -n '/^SOURCES/,$p' "$T/out" | grep '^  [0-9]' | awk '{ print index($0, $2) }' | sort -u | wc -l)" 1
s6=$(r4_story courrier-du-matin/brennholt-vandersteen)
"$BIN" story --db "$R4C" "$s6" --format text >"$T/out" 2>&1
eq "story text: the timeline's texts start at one column" \
   "$(sed -n '/^TIMELINE/,/^$/p' "$T/out" | grep '^  [0-9]' | awk '{ print index($0, $2) }' | sort -u | wc -l)" 1

"$BIN" articles --db "$R4C" --limit 0 >"$T/out" 2>&1
# ids longer than 32 characters (voix-estuaire/crue-vallieres-temoignages) pushed their row
eq "articles: the time column starts at one column in every row" \
   "$(awk '{ print index($0, $2) }' "$T/out" | sort -u | wc -l)" 1

"$BIN" story --db "$R4C" "$s6" >"$T/out" 2>&1
# the members' titles start at one column, whatever the length of their ids
eq "story: the members' titles start at one column" \
   "$(grep '^  20' "$T/out" | awk '{ match($0, / [0-9]\.[0-9][0-9]  [^ ]+ +/); print RSTART + RLENGTH }' | sort -u | wc -l)" 1
contains "story: an untitled member says so" "$T/out" "(no title)"
if grep -q '^  20[^ ]*\*' "$T/out" || ! grep -qF '(* time not' "$T/out"; then ok; else ko "story: the * legend without a starred row"; fi

"$BIN" dups --db "$R4C" >"$T/out" 2>/dev/null
# ids longer than 32 characters (harbour-gazette/dock-strike-antwerp-rotterdam) pushed their row:
# in each group the members' times start at one column
eq "dups: the time column starts at one column in each group" \
   "$(awk '/^[^ ]/ { g++ } /^  / { print g, index($0, $2) }' "$T/out" | sort -u | awk '{ print $1 }' | uniq -d | wc -l)" 0
contains "dups: an untitled member says so" "$T/out" "(no title)"

# a missing argument is named, not the whole usage line
"$BIN" summarize >/dev/null 2>"$T/err"; eq "summarize without PATH: usage error" "$?" 2
check "summarize without PATH: says PATH is missing" grep -q "^storyline summarize: missing PATH " "$T/err"
"$BIN" compare x >/dev/null 2>"$T/err"
check "compare with one id: says ID_B is missing" grep -q "^storyline compare: missing ID_B " "$T/err"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
