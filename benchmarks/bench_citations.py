"""Cited-reference parsing and matching accuracy on the hand-labelled references, and their speed.

Run from the project root: ``python benchmarks/bench_citations.py``. The labels are
``tests/data/cited_references_labelled.csv`` (131 references of four shared exports, labelled by reading
them: 95 the parser's rules were corrected on, 36 labelled afterwards and not tuned on). The exports are read
from ``../shared/data``. Also times parsing every cited reference of the two Web of Science exports and
the two Scopus CSVs, and matching them against their export's records.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXPORTS = ["imports/wos_plaintext/metaknowledge__savedrecs.txt", "imports/wos_plaintext/bibliometrix__wos_sample.txt",
           "imports/csv/litstudy__scopus.csv", "imports/csv/citation-file-formatting___baseline_scopus.csv"]


def main() -> int:
    import pandas as pd

    from synthesis.citations.evaluate import evaluate
    from synthesis.citations.match import match_references
    from synthesis.citations.parse import references_of_record
    from synthesis.io import read_files

    if not SHARED.is_dir():
        print(f"no shared data at {SHARED}")
        return 1
    labels = ROOT / "tests" / "data" / "cited_references_labelled.csv"
    for subset in ("tuning", "held-out"):
        acc = evaluate(labels, SHARED, subset)
        print(f"== {subset}")
        print(acc.report())
        for text, field, labelled, parsed in acc.wrong:
            print(f"  wrong {field}: {text[:90]!r}: labelled {labelled!r}, parsed {parsed!r}")
    print("== speed (one run; CPU time of parsing and matching, after import)")
    for file in EXPORTS:
        records = read_files([SHARED / file]).records
        t0 = time.process_time()
        refs = [r for raw in records["raw"] for r in references_of_record(raw)]
        t1 = time.process_time()
        matched = match_references(pd.DataFrame(refs), records)
        t2 = time.process_time()
        found = int((matched["status"] == "found").sum())
        print(f"{Path(file).name}: {len(records)} records, {len(refs)} references: parse {1000 * (t1 - t0):.0f} ms, "
              f"match {1000 * (t2 - t1):.0f} ms; {found} found in the export itself")
    return 0


if __name__ == "__main__":
    sys.exit(main())
