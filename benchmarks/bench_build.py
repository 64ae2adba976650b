"""How long `synthesis build` takes on a large living map: from scratch, unchanged, and after a new round.

Makes a project of N records (default 100,000) spread over R search rounds (default 10) of RIS exports,
built from realistic synthetic records with known duplicates (``make_corpus.py``, which draws its words
from the real labelled sets in ../shared/data/dedup), with the example's coding scheme and coded studies.
Then it times, in-process:

1. the build from scratch (no import cache);
2. an unchanged rebuild (the target: under 5 seconds);
3. a rebuild after one more round arrives (incremental: earlier exports come from the import cache, and
   deduplication takes over the last build's prepared fields and pair scores, see
   ``synthesis.dedup.incremental``); it prints how many earlier records changed group (0 expected);
4. a rebuild after a screening session (30 title/abstract decisions): the rebuild a reviewer runs most often,
   in which nothing deduplication depends on changed;
5. the same after a second reviewer's 5,000 decisions on the latest round (a screened review).

Usage::

    .venv/bin/python benchmarks/bench_build.py                 # 100,000 records, 10 rounds
    .venv/bin/python benchmarks/bench_build.py --records 20000 --rounds 4

Targets on 2 cores (issues: the living evidence map, deduplication): from scratch under 30 s, unchanged rebuild
under 5 s, rebuild after a 10,000-record round under 8 s. Time with ``--no-memory``: ``tracemalloc`` makes
Python several times slower.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_project(folder: Path, n_records: int, n_rounds: int, seed: int = 1) -> list[int]:
    """Write the project; return the number of records per round."""
    from make_corpus import make_corpus

    from synthesis.io.export import write_ris

    if folder.exists():
        shutil.rmtree(folder)
    (folder / "evidence").mkdir(parents=True)
    for name in ("coding_scheme.txt", "studies.csv", "study_codes.csv", "review.toml", "prisma_seed_figure1.json"):
        shutil.copy2(ROOT / "evidence" / name, folder / "evidence" / name)
    records, _truth = make_corpus(n_records, seed=seed)
    records = records.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # duplicates across rounds
    sizes = []
    per_round = -(-len(records) // n_rounds)
    for r in range(n_rounds):
        part = records.iloc[r * per_round:(r + 1) * per_round]
        folder_r = folder / "data" / "searches" / f"2026-{r + 1:02d}"
        folder_r.mkdir(parents=True)
        half = len(part) // 2
        write_ris(part.iloc[:half], folder_r / "scopus.ris")
        write_ris(part.iloc[half:], folder_r / "pubmed.ris")
        sizes.append(len(part))
    return sizes


def timed(label: str, fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<36} {seconds:8.2f} s   peak traced memory {peak / 2**20:8.0f} MiB", flush=True)
    return result, seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--folder", default=str(ROOT / "benchmarks" / "_work" / "living_map"))
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc (it slows Python down)")
    args = parser.parse_args(argv)

    from synthesis.build import build

    folder = Path(args.folder)
    t0 = time.perf_counter()
    sizes = make_project(folder, args.records, args.rounds - 1)  # the last round arrives later
    print(f"project: {sum(sizes)} records in {len(sizes)} rounds, written in {time.perf_counter() - t0:.1f} s")
    global tracemalloc
    if args.no_memory:
        class _NoTrace:
            start = stop = staticmethod(lambda: None)
            get_traced_memory = staticmethod(lambda: (0, 0))
        tracemalloc = _NoTrace()

    scratch, s1 = timed("build from scratch", lambda: build(folder, progress=False))
    print("   " + ", ".join(f"{k} {v:.1f}s" for k, v in scratch.timings.items()))
    same, s2 = timed("unchanged rebuild", lambda: build(folder, progress=False))
    assert not same.changed, "an unchanged rebuild must report no changes"
    # One more round arrives: 1/R of the records again, new and old papers mixed.
    from make_corpus import make_corpus
    from synthesis.io.export import write_ris

    extra, _ = make_corpus(args.records // args.rounds, seed=99)
    new_round = folder / "data" / "searches" / f"2026-{args.rounds:02d}"
    new_round.mkdir(parents=True)
    write_ris(extra, new_round / "scopus.ris")
    import pandas as pd

    before = pd.read_csv(folder / "output" / "duplicate_groups.csv", usecols=["record_id", "group_id"])
    update, s3 = timed("rebuild after a new round", lambda: build(folder, progress=False))
    print("   " + ", ".join(f"{k} {v:.1f}s" for k, v in update.timings.items()))
    for note in update.notes:
        if "taken over" in note:
            print("   " + note)
    after = pd.read_csv(folder / "output" / "duplicate_groups.csv", usecols=["record_id", "group_id"])
    moved = before.merge(after, on="record_id", suffixes=("", "_after"))
    print(f"   earlier records whose group id changed: {int((moved['group_id'] != moved['group_id_after']).sum())}")
    # A screening session: 30 title/abstract decisions, then the rebuild a reviewer runs most often.
    import json

    units = pd.read_csv(folder / "output" / "units.csv", usecols=["group_id"], nrows=30)["group_id"].tolist()
    (folder / "evidence" / "screening").mkdir(exist_ok=True)
    with open(folder / "evidence" / "screening" / "alice.jsonl", "w", encoding="utf-8") as fh:
        for k, key in enumerate(units):
            fh.write(json.dumps({"key": key, "stage": "title_abstract", "decision": "include" if k % 5 == 0
                                 else "exclude", "reason": "", "note": "", "labels": [], "reviewer": "alice",
                                 "timestamp": f"2026-12-06T09:00:{k:02d}.000+00:00", "resolution": False}) + "\n")
    decided, s4 = timed("rebuild after screening decisions", lambda: build(folder, progress=False))
    print("   " + ", ".join(f"{k} {v:.1f}s" for k, v in decided.timings.items()))
    # A screened review: a second reviewer's 5,000 decisions on the latest round (the screening step's cost grows
    # with the decisions; a set made once per decision once made it quadratic).
    rounds = pd.read_csv(folder / "output" / "units.csv", usecols=["group_id", "search_round"])
    latest = rounds.loc[rounds["search_round"] == rounds["search_round"].max(), "group_id"].tolist()[:5000]
    with open(folder / "evidence" / "screening" / "bob.jsonl", "w", encoding="utf-8") as fh:
        for k, key in enumerate(latest):
            fh.write(json.dumps({"key": key, "stage": "title_abstract", "decision": "include" if k % 7 == 0
                                 else "exclude", "reason": "", "note": "", "labels": [], "reviewer": "bob",
                                 "timestamp": f"2026-12-06T10:{k // 60 % 60:02d}:{k % 60:02d}.000+00:00",
                                 "resolution": False}) + "\n")
    screened, s5 = timed(f"rebuild after {len(latest):,} decisions", lambda: build(folder, progress=False))
    print("   " + ", ".join(f"{k} {v:.1f}s" for k, v in screened.timings.items()))
    print()
    print(f"{'measure':<34}{'seconds':>10}{'target':>10}{'ratio':>8}")
    for label, seconds, target in (("from scratch", s1, 30.0), ("unchanged rebuild", s2, 5.0),
                                   ("after a new round", s3, 8.0), ("after 30 screening decisions", s4, None),
                                   (f"after {len(latest):,} screening decisions", s5, None)):
        print(f"{label:<34}{seconds:>10.2f}" + (f"{target:>10.0f}{seconds / target:>8.2f}" if target else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
