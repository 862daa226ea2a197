#!/usr/bin/env python3
"""cltls.py — the CL-TLS crisis collection (../shared/data/cltls-crisis) for digests.

  cltls.py prepare DATA_DIR LANG OUT_DIR
      one JSONL per topic (OUT_DIR/LANG-TOPIC.jsonl) in storyline's input format:
      id, date (the folder day), lang, source (Global Voices for gv_*, else "web page"),
      text (the file's lines as paragraphs). Exact repeats inside a topic are dropped.
  cltls.py ndates DATA_DIR LANG TOPIC
      number of dates of the reference timeline (the usual TLS setting gives the system
      as many dates as the reference has).
  cltls.py score DIGEST.json DATA_DIR LANG TOPIC ARTICLES.jsonl
      date F1 of the digest's timeline against the reference timeline: precision =
      matched dates / our dates, recall = matched / reference dates; exact day, and
      within ±1 day (each reference date matched once). Beside it, a baseline: the
      days with the most articles published, as many as our timeline has dates.
      Prints one JSON line.

Evaluation only: the texts stay in bench/out, never in the repository.
"""
import datetime
import gzip
import json
import os
import sys


def prepare(data, lang, out):
    os.makedirs(out, exist_ok=True)
    files, seen = {}, {}
    with gzip.open(os.path.join(data, "%s.jsonl.gz" % lang), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            topic = r["topic"]
            key = hash(r["text"])
            if key in seen.setdefault(topic, set()):
                continue
            seen[topic].add(key)
            name = r["id"].rsplit("/", 1)[-1]
            rec = {
                "id": r["id"],
                "source": "Global Voices" if name.startswith("gv_") else "web page",
                "date": r["date"],
                "lang": r["lang"],
                "text": "\n\n".join(p.strip() for p in r["text"].split("\n") if p.strip()),
            }
            if topic not in files:
                files[topic] = open(os.path.join(out, "%s-%s.jsonl" % (lang, topic)), "w", encoding="utf-8")
            files[topic].write(json.dumps(rec, ensure_ascii=False) + "\n")
    for f in files.values():
        f.close()
    print(" ".join(sorted(files)))


def reference(data, lang, topic):
    with open(os.path.join(data, "timelines", lang, "%s.json" % topic), encoding="utf-8") as f:
        return sorted({e["date"] for e in json.load(f)["entries"]})


def day(s):
    return datetime.date.fromisoformat(s[:10])


def f1(ours, ref, tol):
    used, hit = set(), 0
    for d in ours:
        for i, r in enumerate(ref):
            if i not in used and abs((day(d) - day(r)).days) <= tol:
                used.add(i)
                hit += 1
                break
    p = hit / len(ours) if ours else 0.0
    r = hit / len(ref) if ref else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def busiest_days(articles, n):
    count = {}
    with open(articles, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line).get("date", "")[:10]
            if d:
                count[d] = count.get(d, 0) + 1
    return sorted(sorted(count, key=lambda d: (-count[d], d))[:n])


def score(digest, data, lang, topic, articles):
    with open(digest, encoding="utf-8") as f:
        d = json.load(f)
    ours = sorted({t["date"][:10] for t in d["timeline"] if t["precision"] == "day"})
    ref = reference(data, lang, topic)
    p0, r0, f0 = f1(ours, ref, 0)
    p1, r1, f1_ = f1(ours, ref, 1)
    base = busiest_days(articles, len(ours))
    bf0 = f1(base, ref, 0)[2]
    bf1 = f1(base, ref, 1)[2]
    print(json.dumps({"lang": lang, "topic": topic, "ours": len(ours), "reference": len(ref),
                      "p": round(p0, 4), "r": round(r0, 4), "f1": round(f0, 4),
                      "p_1day": round(p1, 4), "r_1day": round(r1, 4), "f1_1day": round(f1_, 4),
                      "busiest_days_f1": round(bf0, 4), "busiest_days_f1_1day": round(bf1, 4)}))


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "prepare" and len(sys.argv) == 5:
        prepare(*sys.argv[2:])
    elif cmd == "ndates" and len(sys.argv) == 5:
        print(len(reference(*sys.argv[2:])))
    elif cmd == "score" and len(sys.argv) == 7:
        score(*sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
