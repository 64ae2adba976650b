"""Make large, realistic record tables with known duplicates, for the deduplication scale benchmark.

The words, author names and journal names come from the real labelled sets in ../shared/data/dedup. Each
synthetic *paper* takes a real title and swaps some of its words for others from the same vocabulary (a fifth
to a half of them, so distinct papers share topic words, as they do in a real search), gets real-looking authors, a journal, year,
volume, pages and usually a DOI. About a third of the papers then appear more than once, as another
database would export them: typos, changed case and punctuation, a dropped DOI or abstract, an abbreviated
journal, "Family GI" instead of "Family, Given" authors, or an exact re-export.

Usage::

    .venv/bin/python benchmarks/make_corpus.py 100000 -o benchmarks/_work/corpus_100k.pkl

or from Python: ``records, truth = make_corpus(100_000, seed=1)``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synthesis.dedup.evaluate import LABELLED_SETS, load_labelled_set  # noqa: E402
from synthesis.ids import legacy_record_id  # noqa: E402
from synthesis.records import RECORD_COLUMNS  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dedup"


def _pools():
    tables = [load_labelled_set(DATA / name)[0] for name in LABELLED_SETS if (DATA / name).is_dir()]
    if not tables:
        raise SystemExit(f"no labelled sets under {DATA}: the corpus is made from their real records")
    real = pd.concat(tables, ignore_index=True)
    titles = sorted({t for t in real["title"] if isinstance(t, str) and len(t.split()) >= 4})
    words = sorted({w for t in titles for w in t.split() if w.isalpha() and len(w) >= 4})
    families = sorted({a.split(",")[0].strip() for authors in real["authors"] for a in authors
                       if "," in a and a.split(",")[0].strip().isalpha()})
    journals = sorted({j for j in real["journal"] if isinstance(j, str) and 3 <= len(j) <= 80 and "onference" not in j})
    abstracts = [a for a in real["abstract"] if isinstance(a, str) and len(a) > 200]
    return titles, words, families, journals, abstracts


def _typo(rng, text: str) -> str:
    if len(text) < 10:
        return text
    k = int(rng.integers(1, len(text) - 1))
    op = rng.integers(0, 3)
    if op == 0:
        return text[:k] + text[k + 1:]  # a letter dropped
    if op == 1:
        return text[:k] + text[k + 1] + text[k] + text[k + 2:]  # two letters swapped
    return text[:k] + text[k] + text[k:]  # a letter doubled


def _abbreviate(journal: str) -> str:
    stop = {"of", "the", "and", "in", "for", "on", "&"}
    return " ".join(w[:4] if len(w) > 5 else w for w in journal.split() if w.lower() not in stop)


def _medline_author(author: str) -> str:
    family, _, given = author.partition(", ")
    return f"{family} {''.join(p[0] for p in given.replace('.', ' ').split())}".strip()


def make_corpus(n: int, seed: int = 1, duplicate_share: float = 0.35) -> tuple[pd.DataFrame, np.ndarray]:
    """A record table of about ``n`` records and the true paper of each record.

    Parameters
    ----------
    n : int
        Number of records wanted (exact).
    seed : int
    duplicate_share : float
        Share of papers exported more than once.

    Returns
    -------
    (records, truth)
        ``records`` has :data:`synthesis.records.RECORD_COLUMNS`; ``truth[k]`` is record k's paper number.
    """
    rng = np.random.default_rng(seed)
    titles, words, families, journals, abstracts = _pools()
    # papers: about n / 1.55 of them, since a share are exported 2-4 times
    n_papers = max(1, int(n / (1 + duplicate_share * 1.6)))
    base = rng.integers(0, len(titles), n_papers)
    papers = []
    for p in range(n_papers):
        t = titles[base[p]].split()
        for _ in range(max(2, int(len(t) * rng.uniform(0.2, 0.5)))):  # swap words: a new paper on a similar topic
            t[int(rng.integers(0, len(t)))] = words[int(rng.integers(0, len(words)))]
        n_auth = int(rng.integers(1, 9))
        authors = [f"{families[int(i)]}, {chr(65 + int(rng.integers(0, 26)))}. {chr(65 + int(rng.integers(0, 26)))}."
                   for i in rng.integers(0, len(families), n_auth)]
        start = int(rng.integers(1, 2000))
        papers.append({
            "title": " ".join(t), "authors": authors, "year": int(rng.integers(1990, 2025)),
            "journal": journals[int(rng.integers(0, len(journals)))], "volume": str(int(rng.integers(1, 300))),
            "issue": str(int(rng.integers(1, 13))), "pages": f"{start}-{start + int(rng.integers(2, 20))}",
            "doi": f"10.{int(rng.integers(1000, 9999))}/corpus.{seed}.{p}" if rng.random() < 0.7 else "",
            "abstract": abstracts[int(rng.integers(0, len(abstracts)))][:600] if rng.random() < 0.8 else "",
        })
    rows, truth = [], []
    copies = np.where(rng.random(n_papers) < duplicate_share, rng.integers(2, 5, n_papers), 1)
    for p, paper in enumerate(papers):
        for c in range(int(copies[p])):
            rec = dict(paper)
            if c > 0 and rng.random() < 0.8:  # another database's export of the same paper
                r = rng.random(7)
                if r[0] < 0.3:
                    rec["title"] = _typo(rng, rec["title"])
                if r[1] < 0.3:
                    rec["title"] = rec["title"].upper() if rng.random() < 0.3 else rec["title"].lower()
                if r[2] < 0.3:
                    rec["title"] = rec["title"].replace(" ", " - ", 1) + "."
                if r[3] < 0.4:
                    rec["doi"] = ""
                if r[4] < 0.4:
                    rec["abstract"] = ""
                if r[5] < 0.4:
                    rec["journal"] = _abbreviate(rec["journal"])
                if r[6] < 0.4:
                    rec["authors"] = [_medline_author(a) for a in rec["authors"]]
            rows.append(rec)
            truth.append(p)
            if len(rows) == n:
                break
        if len(rows) == n:
            break
    while len(rows) < n:  # top up with single papers
        rows.append(dict(papers[len(rows) % n_papers], doi="", title=papers[len(rows) % n_papers]["title"] + " again"))
        truth.append(n_papers + len(rows))
    order = rng.permutation(n)  # databases do not export in the same order
    rows = [rows[k] for k in order]
    truth = np.asarray(truth)[order]
    db = np.array(["PubMed", "Scopus", "Embase", "Web of Science"])[rng.integers(0, 4, n)]
    table = pd.DataFrame(rows)
    table["source_file"] = [f"corpus/{d}.ris" for d in db]
    table["source_index"] = np.arange(1, n + 1)
    table["source_database"] = db
    # unique ids, the same as corpora made by earlier versions (so results can be compared across versions)
    table["record_id"] = [legacy_record_id(f, i, t, d) for f, i, t, d in
                          zip(table["source_file"], table["source_index"], table["title"], table["doi"])]
    for col in RECORD_COLUMNS:
        if col not in table:
            table[col] = [{} for _ in range(n)] if col == "raw" else ([[] for _ in range(n)] if col == "keywords" else "")
    table = table[RECORD_COLUMNS]
    table["year"] = pd.array(table["year"], dtype="Int64")
    return table, truth


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", required=True, help=".pkl (records and truth) or .csv")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    records, truth = make_corpus(args.n, args.seed)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        records.assign(true_paper=truth).drop(columns="raw").to_csv(out, index=False)
    else:
        pd.to_pickle((records, truth), out)
    print(f"{len(records)} records of {len(set(truth))} papers -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
