#!/usr/bin/python3
"""readability_bench.py — runs readability-lxml (Debian python3-readability)
over pages for bench/web/run.sh: every file is read (gunzipped) first, then
the extraction alone is timed (process CPU time). Prints "readability-lxml PAGES SECONDS" and
writes {"<id>": {"articleBody": text}} when an output path is given
(text = the summary HTML with tags removed, as the benchmark's own runner does)."""
import gzip, json, os, sys, time
import lxml.html
from readability import Document

def main():
    out, files = sys.argv[1], sys.argv[2:]
    pages = []
    for f in files:
        with gzip.open(f, 'rb') as fh:
            pages.append((os.path.basename(f).split('.htm')[0], fh.read().decode('utf-8', 'replace')))
    res = {}
    t0 = time.process_time()  # CPU time: the machine may be shared
    for pid, html in pages:
        try:
            summary = Document(html).summary(html_partial=True)
            text = lxml.html.fromstring(summary).text_content() if summary.strip() else ''
        except Exception:
            text = ''
        res[pid] = {'articleBody': text}
    secs = time.process_time() - t0
    print('readability-lxml %d %.3f' % (len(pages), secs))
    if out != '-':
        with open(out, 'w', encoding='utf-8') as fh:
            json.dump(res, fh, ensure_ascii=False)

main()
