#!/usr/bin/env python3
"""duc2jsonl.py — one DUC docset folder (TREC-style SGML) → JSON Lines articles.

Usage: duc2jsonl.py DOCSET_DIR > docset.jsonl

Each <DOC> becomes {"id", "source", "date", "lang", "text"}:
  id      the DOCNO;
  source  the wire the DOCNO names (APW → "AP Worldstream", NYT → "New York Times",
          XIE → "Xinhua English");
  date    <DATE_TIME> when present (DUC 2003), else the day in the DOCNO (DUC 2004);
  text    the <TEXT> body: paragraphs from <P> tags or tab/space indents (DUC 2003),
          lines of a paragraph joined; DUC 2004 has no paragraph marks, so its text is
          one paragraph. Headers, slugs and operator notes outside <TEXT> are left out.
No headline exists in these files, so there is no title.
Evaluation data only: the output is written to bench/out, never to the repository.
"""
import json
import os
import re
import sys

WIRES = {"APW": "AP Worldstream", "NYT": "New York Times", "XIE": "Xinhua English"}


def field(doc, tag):
    m = re.search(r"<%s>\s*(.*?)\s*</%s>" % (tag, tag), doc, re.S)
    return m.group(1) if m else None


def paragraphs(body):
    if "<P>" in body:
        parts = re.findall(r"<P>(.*?)</P>", body, re.S)
    else:
        # a paragraph starts at a line indented by a tab or 2+ spaces
        parts, cur = [], []
        for line in body.split("\n"):
            if re.match(r"^(\t| {2,})\s*\S", line) and cur:
                parts.append("\n".join(cur))
                cur = []
            cur.append(line)
        if cur:
            parts.append("\n".join(cur))
    out = []
    for p in parts:
        p = " ".join(p.split())
        if p:
            out.append(p)
    return out


def date_of(doc, docno):
    dt = field(doc, "DATE_TIME")
    if dt:
        m = re.match(r"(\d\d)/(\d\d)/(\d{4}) (\d\d):(\d\d)", dt)
        if m:
            return "%s-%s-%sT%s:%s:00Z" % (m.group(3), m.group(1), m.group(2), m.group(4), m.group(5))
        m = re.match(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)", dt)
        if m:
            return "%s-%s-%sT%s:%s:00Z" % m.groups()
    m = re.match(r"[A-Z]+(\d{4})(\d\d)(\d\d)\.(\d+)", docno)
    if m:
        return "%s-%s-%s" % m.groups()[:3]
    return None


def main():
    d = sys.argv[1]
    for name in sorted(os.listdir(d)):
        raw = open(os.path.join(d, name), encoding="latin-1").read()
        for doc in re.findall(r"<DOC>(.*?)</DOC>", raw, re.S):
            docno = field(doc, "DOCNO") or name
            body = field(doc, "TEXT") or ""
            text = "\n\n".join(paragraphs(body))
            rec = {"id": docno, "source": WIRES.get(docno[:3], docno[:3]), "lang": "en", "text": text}
            date = date_of(doc, docno)
            if date:
                rec["date"] = date
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
