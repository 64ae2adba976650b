"""How good are the coding widget's suggested codes? Leave-one-out top-3 precision and recall vs a majority baseline.

The worked example's 49 studies have no titles or abstracts, so the suggester (synthesis.coding.suggest:
TF-IDF of title + abstract, one logistic regression per code) is evaluated on labelled public records from
``../shared/data/imports``, whose controlled labels play the part of a coding scheme's codes:

* ``wos``: a Web of Science tab-delimited export (ScientoPy, 71 records); codes = Web of Science
  categories (``WC``), 1-3 per record;
* ``mesh``: a PubMed export (citation-file-formatting baseline, 50 records); codes = MeSH headings
  (``MH``, subheadings and the major-topic star removed);
* ``keywords``: a Zotero RIS export (ASySD, 1,000 records, 776 with an abstract); codes = the 20 most
  frequent author/index keywords (lower-cased).

The widget's suggester also reads a study's PDF text when it has one; none of these labelled sets comes with
PDFs, and the seven real PDFs of ``../shared/data/fulltext`` carry no labels, so the PDF text is not in this
evaluation.

A label counts as a code when at least 3 records carry it; records with none are left out. For each
record, the suggester is trained on all the others (leave-one-out) and its top 3 compared with the
record's codes: precision@3 = hits / 3, recall@3 = hits / number of codes. The baseline ranks codes by how
many training records have them (the same 3 for every record). ``--at 20`` also trains on 20 random records
only (where the widget starts suggesting) and tests on the rest, 5 seeds.

    nice .venv/bin/python benchmarks/bench_suggest_codes.py [--sets wos mesh keywords] [--at 20]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synthesis.coding.suggest import CodeSuggester, majority_ranking  # noqa: E402

IMPORTS = ROOT.parent / "shared" / "data" / "imports"


def _raw(rec) -> dict:
    raw = rec["raw"]
    return json.loads(raw) if isinstance(raw, str) else (raw or {})


def _text(rec) -> str:
    return " ".join(str(x) for x in (rec.get("title"), rec.get("abstract")) if x and str(x) != "nan")


def _as_list(v) -> list:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def load_set(name: str):
    """(texts, label sets, description) of one labelled set."""
    import synthesis as syn

    if name == "wos":
        path = IMPORTS / "wos_tabdelimited" / "ScientoPy__wos_2026_04_02_4071.txt"
        recs = syn.read_files([path]).records.to_dict("records")
        pairs = [(_text(r), {c.strip() for v in _as_list(_raw(r).get("WC")) for c in str(v).split(";") if c.strip()})
                 for r in recs]
        what = "Web of Science categories"
    elif name == "mesh":
        path = IMPORTS / "nbib" / "citation-file-formatting___baseline_pubmed.ris"
        recs = syn.read_files([path]).records.to_dict("records")
        pairs = [(_text(r), {re.sub(r"\*", "", str(m)).split("/")[0].strip() for m in _as_list(_raw(r).get("MH"))})
                 for r in recs]
        what = "MeSH headings"
    elif name == "keywords":
        path = IMPORTS / "ris" / "ASySD__zotero_export.ris"
        recs = [r for r in syn.read_files([path]).records.to_dict("records") if str(r.get("abstract") or "").strip()]
        kw = [{str(k).strip().lower() for k in _as_list(r.get("keywords")) if str(k).strip()} for r in recs]
        top = {k for k, _ in Counter(k for s in kw for k in s).most_common(20)}
        pairs = [(_text(r), s & top) for r, s in zip(recs, kw)]
        what = "the 20 most frequent keywords"
    else:
        raise SystemExit(f"unknown set {name!r}")
    counts = Counter(c for _, s in pairs for c in s)
    keep = {c for c, n in counts.items() if n >= 3}
    pairs = [(t, s & keep) for t, s in pairs if t.strip() and s & keep]
    return [t for t, _ in pairs], [s for _, s in pairs], f"{path.name}: {what}"


def _score(ranked, truth):
    hits = len(set(ranked[:3]) & truth)
    return hits / 3, hits / len(truth)


def leave_one_out(texts, labels):
    model_p, model_r, base_p, base_r = [], [], [], []
    for i in range(len(texts)):
        tr_t = texts[:i] + texts[i + 1:]
        tr_l = labels[:i] + labels[i + 1:]
        ranked = [c for c, _ in CodeSuggester().fit(tr_t, tr_l).rank(texts[i], top=3)]
        p, r = _score(ranked, labels[i])
        model_p.append(p)
        model_r.append(r)
        p, r = _score(majority_ranking(tr_l), labels[i])
        base_p.append(p)
        base_r.append(r)
    m = statistics.mean
    return m(model_p), m(model_r), m(base_p), m(base_r)


def trained_on(texts, labels, n, seeds=5):
    out = []
    for seed in range(seeds):
        idx = list(range(len(texts)))
        random.Random(seed).shuffle(idx)
        train, test = idx[:n], idx[n:]
        s = CodeSuggester().fit([texts[i] for i in train], [labels[i] for i in train])
        base = majority_ranking([labels[i] for i in train])
        mp = [_score([c for c, _ in s.rank(texts[i], top=3)], labels[i]) for i in test]
        bp = [_score(base, labels[i]) for i in test]
        out.append((statistics.mean(p for p, _ in mp), statistics.mean(r for _, r in mp),
                    statistics.mean(p for p, _ in bp), statistics.mean(r for _, r in bp)))
    return tuple(statistics.mean(x[k] for x in out) for k in range(4))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["wos", "mesh", "keywords"])
    ap.add_argument("--at", type=int, default=20, help="also train on this many records only (0: skip)")
    args = ap.parse_args(argv)
    if not IMPORTS.is_dir():
        sys.exit(f"no labelled data at {IMPORTS}")
    print("| set | records | codes | codes per record | model P@3 | model R@3 | majority P@3 | majority R@3 |"
          + (f" P@3 / R@3 trained on {args.at} (majority) |" if args.at else ""))
    print("|---|---|---|---|---|---|---|---|" + ("---|" if args.at else ""))
    for name in args.sets:
        t0 = time.perf_counter()
        texts, labels, what = load_set(name)
        codes = len({c for s in labels for c in s})
        per = statistics.mean(len(s) for s in labels)
        mp, mr, bp, br = leave_one_out(texts, labels)
        row = f"| {name} ({what}) | {len(texts)} | {codes} | {per:.1f} | {mp:.3f} | {mr:.3f} | {bp:.3f} | {br:.3f} |"
        if args.at and len(texts) > args.at + 5:
            ap_, ar, bp2, br2 = trained_on(texts, labels, args.at)
            row += f" {ap_:.3f} / {ar:.3f} ({bp2:.3f} / {br2:.3f}) |"
        print(row + f"  <!-- {time.perf_counter() - t0:.0f} s -->", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
