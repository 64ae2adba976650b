"""``synthesis dedupe`` against bib-dedupe 0.11 as whole processes: start-up, read, deduplicate, write.

Run from the project root (bib-dedupe in ``.bench-venv-bibdedupe``, see bench_dedup.py)::

    .venv/bin/python benchmarks/bench_dedup_process.py            # 7,000 records
    .venv/bin/python benchmarks/bench_dedup_process.py --records 20000

A synthetic export of ``--records`` records with known duplicates (benchmarks/make_corpus.py, built from the
real labelled sets) is written once as a CSV with BibTeX-like columns, which both tools read. Each tool then
runs as its own process, three times in turn, and the median wall time is printed with the ratio: ours is
``synthesis dedupe corpus.csv -o groups.csv``; bib-dedupe's is a small script that reads the same CSV, runs
prep, block, match and cluster, and writes its groups as CSV. ``synthesis --help`` is timed too (start-up),
and so is a bare interpreter importing numpy, pandas and rapidfuzz: the floor of any run that needs them.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
WORK = ROOT / "benchmarks" / "_work"
PEER = ROOT / ".bench-venv-bibdedupe" / "bin" / "python"
OURS = Path(sys.executable).with_name("synthesis")

PEER_SCRIPT = r'''
import sys, warnings
warnings.filterwarnings("ignore")
import pandas as pd
import bib_dedupe.bib_dedupe as bd
from bib_dedupe import verbose_print
verbose_print.verbosity_level = 0
records = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
prep = bd.prep(records, verbosity_level=0)
pairs = bd.block(prep, verbosity_level=0)
matched = bd.match(pairs, verbosity_level=0)
clusters = bd.cluster(matched, verbosity_level=0)
rows = [(member, k) for k, cluster in enumerate(clusters) for member in cluster]
pd.DataFrame(rows, columns=["ID", "group"]).to_csv(sys.argv[2], index=False)
'''


def write_corpus(n: int, path: Path) -> None:
    import pandas as pd

    from make_corpus import make_corpus

    records, _ = make_corpus(n, seed=7)
    pd.DataFrame({
        "ID": records["record_id"], "ENTRYTYPE": "article", "title": records["title"],
        "author": records["authors"].map(" and ".join), "year": records["year"].astype("string").fillna(""),
        "journal": records["journal"], "volume": records["volume"], "number": records["issue"],
        "pages": records["pages"], "doi": records["doi"], "abstract": records["abstract"],
    }).to_csv(path, index=False)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-1500:]}")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=7000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / f"process_corpus_{args.records}.csv"
    if not corpus.exists():
        write_corpus(args.records, corpus)
    script = WORK / "bibdedupe_process.py"
    script.write_text(PEER_SCRIPT)
    # the floor: the interpreter with the libraries deduplication cannot do without (pandas for the record
    # table, numpy and rapidfuzz for the comparisons), and nothing else
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "import only": [sys.executable, "-c", "import numpy, pandas, rapidfuzz"],
                "synthesis --help": [str(OURS), "--help"],
                "synthesis dedupe": [str(OURS), "dedupe", str(corpus), "-o", str(WORK / "process_ours.csv")]}
    if PEER.exists():
        commands["bib-dedupe 0.11"] = [str(PEER), str(script), str(corpus), str(WORK / "process_peer.csv")]
    else:
        print(f"no bib-dedupe at {PEER} (see bench_dedup.py); ours only", file=sys.stderr)
    times: dict = {name: [] for name in commands}
    for _ in range(args.runs):  # in turn, so a busy moment of the machine hits both
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    print(f"{args.records} records, whole processes, median of {args.runs} runs (seconds)")
    for name, ts in times.items():
        print(f"  {name:18s} {statistics.median(ts):7.2f}   ({', '.join(f'{t:.2f}' for t in ts)})")
    if "bib-dedupe 0.11" in times:
        peer = statistics.median(times["bib-dedupe 0.11"])
        ratio = peer / statistics.median(times["synthesis dedupe"])
        print(f"  bib-dedupe / synthesis dedupe: {ratio:.1f} times")
        print(f"  bib-dedupe / importing numpy, pandas and rapidfuzz alone: "
              f"{peer / statistics.median(times['import only']):.1f} times (no run that imports them can beat it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
