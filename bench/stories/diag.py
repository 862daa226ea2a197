#!/usr/bin/python3
"""diag.py DUMP GOLD [STREAM.jsonl] — where a clustering loses B-cubed points.

DUMP is `storybench --dump` (id, story, copy group) or `storyline export
assignments`; GOLD the newsgen / TDT gold TSV. Prints B-cubed P/R/F1 over
all articles and per kind of gold story (TDT event, distractor, crisis
window: newsgen's story id prefixes), B-cubed restricted to each kind (the
clustering cut to those articles), and how the gold stories of each kind are
split: fragments per story, the share of articles outside the story's main
fragment, and, with the stream, how many of those are in another language
than the main fragment or more than 7 days from it, and ceilings: the B-cubed
F1 if the non-crisis articles were clustered perfectly (crisis as given), and
if besides the crisis articles were split perfectly by topic and then cut
where 24 hours pass without an article (the best an event clusterer can
hope for on the crisis windows, which are calendar slices of a topic), or
cut into the generator's own 2-day calendar bins. Standard library only."""
import collections
import json
import sys


def kind(label):
    if label.startswith("cltls-"):
        return "crisis"
    if "-x" in label:
        return "distractor"
    return "event"


def read_gold(path):
    gold = {}
    with open(path) as f:
        head = f.readline().rstrip("\n").split("\t")
        col = next((head.index(c) for c in ("story_id", "tdt_topic", "cluster") if c in head), 1)
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) > col and r[0] not in gold:
                gold[r[0]] = r[col]
    return gold


def b3(pred, gold, ids):
    """B-cubed P, R, F1 of pred against gold over ids (clusters cut to ids)."""
    pc, gc, both = collections.Counter(), collections.Counter(), collections.Counter()
    for i in ids:
        pc[pred[i]] += 1
        gc[gold[i]] += 1
        both[pred[i], gold[i]] += 1
    p = sum(both[pred[i], gold[i]] / pc[pred[i]] for i in ids) / max(len(ids), 1)
    r = sum(both[pred[i], gold[i]] / gc[gold[i]] for i in ids) / max(len(ids), 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0


def contrib(pred, gold, ids_all):
    """Per-article B-cubed precision and recall over all articles."""
    pc, gc, both = collections.Counter(), collections.Counter(), collections.Counter()
    for i in ids_all:
        pc[pred[i]] += 1
        gc[gold[i]] += 1
        both[pred[i], gold[i]] += 1
    return ({i: both[pred[i], gold[i]] / pc[pred[i]] for i in ids_all},
            {i: both[pred[i], gold[i]] / gc[gold[i]] for i in ids_all})


def ceilings(pred, gold, ids, meta):
    import datetime
    when = {i: datetime.datetime.fromisoformat(meta[i][2][:19]) for i in ids if i in meta}
    crisis = lambda i: kind(gold[i]) == "crisis"
    base = {i: gold[i] if not crisis(i) else "p" + pred[i] for i in ids}
    print("ceiling, non-crisis perfect: B3 P %.4f R %.4f F1 %.4f" % b3(base, gold, ids))
    chains, bins = dict(base), dict(base)
    by_topic = collections.defaultdict(list)
    for i in ids:
        if crisis(i) and i in when:
            by_topic[gold[i].split("-")[1]].append(i)
    for t, mem in by_topic.items():
        mem.sort(key=when.get)
        c, prev = 0, None
        for i in mem:
            c += prev is not None and (when[i] - prev).total_seconds() > 86400
            prev = when[i]
            chains[i] = f"{t}#{c}"
            bins[i] = f"{t}@{(when[i].toordinal() + 1) // 2}"
    print("ceiling, + crisis by topic, cut at 24 h gaps: B3 P %.4f R %.4f F1 %.4f"
          % b3(chains, gold, ids))
    print("ceiling, + crisis by topic and 2-day calendar bins: B3 P %.4f R %.4f F1 %.4f"
          % b3(bins, gold, ids))


def main():
    dump, gpath = sys.argv[1], sys.argv[2]
    meta = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            for line in f:
                o = json.loads(line)
                meta[o["id"]] = (o.get("lang", "?"), o.get("date", "")[:10], o.get("date", ""))
    gold = read_gold(gpath)
    pred = {}
    with open(dump) as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if r[0] in gold:
                pred[r[0]] = r[1]
    ids = list(pred)
    p, r, f1 = b3(pred, gold, ids)
    print(f"all: {len(ids)} articles, B3 P {p:.4f} R {r:.4f} F1 {f1:.4f}")
    cp, cr = contrib(pred, gold, ids)
    n = len(ids)
    by = collections.defaultdict(list)
    for i in ids:
        by[kind(gold[i])].append(i)
    print(f"{'kind':10} {'articles':>8} {'stories':>7} | {'P loss':>7} {'R loss':>7} | "
          f"{'own P':>6} {'own R':>6} {'own F1':>6} | {'frag/st':>7} {'off-main':>8}")
    for k, kid in sorted(by.items()):
        ploss = sum(1 - cp[i] for i in kid) / n
        rloss = sum(1 - cr[i] for i in kid) / n
        op, orr, of = b3(pred, gold, kid)
        stories = collections.defaultdict(list)
        for i in kid:
            stories[gold[i]].append(i)
        frags = off = 0
        for s, mem in stories.items():
            c = collections.Counter(pred[i] for i in mem)
            frags += len(c)
            off += len(mem) - c.most_common(1)[0][1]
        print(f"{k:10} {len(kid):8} {len(stories):7} | {ploss:7.4f} {rloss:7.4f} | {op:6.4f} "
              f"{orr:6.4f} {of:6.4f} | {frags / len(stories):7.2f} {off / len(kid):8.3f}")
    if not meta:
        return
    ceilings(pred, gold, ids, meta)
    # off-main articles: other language than the main fragment's majority, far in time
    import datetime
    day = lambda s: datetime.date.fromisoformat(s).toordinal() if s else 0
    for k, kid in sorted(by.items()):
        stories = collections.defaultdict(list)
        for i in kid:
            stories[gold[i]].append(i)
        tot = xl = far = 0
        for s, mem in stories.items():
            c = collections.Counter(pred[i] for i in mem)
            main_c = c.most_common(1)[0][0]
            mm = [i for i in mem if pred[i] == main_c]
            langs = collections.Counter(meta[i][0] for i in mm if i in meta)
            ml = langs.most_common(1)[0][0] if langs else "?"
            days = sorted(day(meta[i][1]) for i in mm if i in meta)
            for i in mem:
                if pred[i] == main_c or i not in meta:
                    continue
                tot += 1
                xl += meta[i][0] != ml
                d = day(meta[i][1])
                far += bool(days) and min(abs(d - days[0]), abs(d - days[-1])) > 7 and \
                    not days[0] <= d <= days[-1]
        if tot:
            print(f"{k}: {tot} off-main articles, {xl / tot:.2f} in another language, "
                  f"{far / tot:.2f} > 7 days outside the main fragment's span")


if __name__ == "__main__":
    main()
