"""Import speed: synthesis against plain rispy (RIS, WoS plain text) and bibtexparser (BibTeX), same files.

Three levels, all in-process, CPU time (``time.process_time``: the machine is shared, and wall time would
mostly measure the other processes), the runs of the tools interleaved (in turn, the order reversed every
other round). Each row gives the best time of each tool and two ratios: of the best times, and the median
of the ratios within one round. On a shared host the best times of separate rounds can come from quieter
and busier moments; the two runs of a round are seconds apart, so their ratio is the steadier figure.

* **reader** - the text already decoded in memory: ``rispy.loads(text)`` against
  ``synthesis.io.sources.ris.parse(text)``. rispy returns raw tag dicts; synthesis also maps them to the
  record table's columns and normalises them (authors, DOIs, pages, years, entities, whitespace), keeps
  line numbers and handles the dialects (Ovid record numbers and trailing tags, 4-letter tags, truncation).
* **scan** - the same job as rispy's, text to raw tag dicts: ``rispy.loads(text)`` against
  ``tagged.scan(text, ris.RIS)`` (which also keeps where records start and places Ovid's record numbers
  and links).
* **first run** - the reader's first pass in a fresh process, where its caches (normalised authors,
  cleaned journal names) are still empty: what a reviewer importing files once waits.
  Each tool runs in its own new process, in turn.
* **file** - from the path: ``rispy.load(path)`` against ``synthesis.io.read_file(path)`` (decoding with
  encoding detection, format sniffing, database inference, the record table with its stable ids). A
  second row adds what a rispy user needs for a table, ``pandas.DataFrame(rispy.load(path))``.

Usage::

    .venv/bin/python benchmarks/bench_import.py [--runs 5] [--data ../shared/data/imports]

Prints records per second for each tool and the ratio synthesis / peer (> 1 means synthesis is faster).
"""
from __future__ import annotations

import argparse
import csv
import gc
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "imports"


def _files(data: Path, fmt: str) -> list[tuple[Path, int]]:
    with (data / "PROVENANCE.tsv").open(encoding="utf-8") as fh:
        return [(data / r["local_file"], int(r["records"])) for r in csv.DictReader(fh, delimiter="\t")
                if r["format"] == fmt and r["records"]]


class Times(list):
    """Each job's CPU time in every round (a list per job); ``best`` and the per-round ratio."""

    def best(self, i: int) -> float:
        return min(self[i])

    def round_ratio(self, peer: int, ours: int = 0) -> float:
        """Median over rounds of peer time / our time within the round."""
        return statistics.median(p / o for p, o in zip(self[peer], self[ours]))


def _best(runs: int, *jobs):
    """CPU times of each job over ``runs`` interleaved rounds (:class:`Times`) and the last results.

    The jobs run in turn, in reverse order every other round, so that neither always goes first.
    """
    times = Times([] for _ in jobs)
    results = [None] * len(jobs)
    for r in range(runs):
        order = range(len(jobs)) if r % 2 == 0 else range(len(jobs) - 1, -1, -1)
        for i in order:
            gc.collect()
            t = time.process_time()
            results[i] = jobs[i]()
            times[i].append(time.process_time() - t)
    return times, results


def _row(label: str, n: int, times: Times, peer_name: str, peer: int = 1) -> str:
    ours, theirs = times.best(0), times.best(peer)
    return (f"{label:<34} {n:>7,} records  synthesis {n / ours:>9,.0f} rec/s ({ours * 1000:7.1f} ms)  "
            f"{peer_name} {n / theirs:>9,.0f} rec/s ({theirs * 1000:7.1f} ms)  "
            f"ratio {theirs / ours:5.2f}x (per round {times.round_ratio(peer):5.2f}x)")


def bench_ris(data: Path, runs: int) -> list[str]:
    import pandas as pd
    import rispy

    from synthesis.io import read_file
    from synthesis.io.decode import decode_bytes
    from synthesis.io.sources import ris, tagged

    files = _files(data, "ris")
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files]
    expected = sum(n for _, n in files)
    times, (r_ours, r_peer) = _best(
        runs,
        lambda: [ris.parse(t, "") for t in texts],
        lambda: [rispy.loads(t) for t in texts])
    n_ours = sum(len(r.records) for r in r_ours)
    n_peer = sum(len(r) for r in r_peer)
    out = [f"RIS: {len(files)} files, {expected:,} records by PROVENANCE; synthesis read {n_ours:,}, rispy {n_peer:,}",
           _row("RIS reader (text in memory)", expected, times, "rispy")]
    times, _ = _best(
        runs,
        lambda: [tagged.scan(t, ris.RIS) for t in texts],
        lambda: [rispy.loads(t) for t in texts])
    out.append(_row("RIS scan only (raw tag dicts)", expected, times, "rispy"))
    times, _ = _best(
        runs,
        lambda: [read_file(p) for p, _ in files],
        lambda: [rispy.load(p, encoding="utf-8-sig") for p, _ in files],
        lambda: [pd.DataFrame(rispy.load(p, encoding="utf-8-sig")) for p, _ in files])
    out.append(_row("RIS file -> record table", expected, times, "rispy"))
    out.append(_row("RIS file -> table (rispy + pandas)", expected, times, "rispy+DataFrame", peer=2))
    # The largest single file, where per-file overheads matter least.
    big, n_big = max(files, key=lambda f: f[1])
    text = decode_bytes(big.read_bytes())[0]
    times, _ = _best(runs, lambda: ris.parse(text, ""), lambda: rispy.loads(text))
    out.append(_row(f"RIS reader, largest ({big.name[:20]})", n_big, times, "rispy"))
    return out


def _first_run(tool: str, data: Path) -> float:
    """CPU time of one pass over the RIS texts in a new process (imports and decoding not counted)."""
    out = subprocess.run([sys.executable, __file__, "--first-run-of", tool, "--data", str(data)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _first_run_child(tool: str, data: Path) -> None:
    from synthesis.io.decode import decode_bytes

    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in _files(data, "ris")]
    if tool == "rispy":
        import rispy

        job = lambda: [rispy.loads(t) for t in texts]  # noqa: E731
    else:
        from synthesis.io.sources import ris

        job = lambda: [ris.parse(t, "") for t in texts]  # noqa: E731
    t = time.process_time()
    job()
    print(time.process_time() - t)


def bench_first_run(data: Path, runs: int) -> list[str]:
    files = _files(data, "ris")
    expected = sum(n for _, n in files)
    times = Times([[], []])
    for r in range(max(3, runs // 2)):
        for i in ((0, 1) if r % 2 == 0 else (1, 0)):
            times[i].append(_first_run("synthesis" if i == 0 else "rispy", data))
    return [_row("RIS reader, first run (new process)", expected, times, "rispy")]


def bench_wos(data: Path, runs: int) -> list[str]:
    import rispy

    from synthesis.io.decode import decode_bytes
    from synthesis.io.sources import wos

    files = _files(data, "wos_plaintext")
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files]
    expected = sum(n for _, n in files)
    times, (r_ours, r_peer) = _best(
        runs,
        lambda: [wos.parse(t, "") for t in texts],
        # rispy's WokParser raises KeyError on a tag outside its table (WE, ...) unless told to skip them.
        lambda: [rispy.loads(t, implementation=rispy.WokParser, skip_unknown_tags=True) for t in texts])
    n_ours, n_peer = sum(len(r.records) for r in r_ours), sum(len(r) for r in r_peer)
    return [f"WoS plain text: {len(files)} files, {expected:,} records; synthesis read {n_ours:,}, rispy {n_peer:,}",
            _row("WoS reader (text in memory)", expected, times, "rispy")]


def bench_bibtex(data: Path, runs: int) -> list[str]:
    try:
        from synthesis.io.sources import bibtex
    except ImportError:
        return ["BibTeX: synthesis.io.sources.bibtex not available; skipped"]
    import bibtexparser

    from synthesis.io.decode import decode_bytes

    files = _files(data, "bibtex")
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files]
    expected = sum(n for _, n in files)
    times, (r_ours, r_peer) = _best(
        runs,
        lambda: [bibtex.parse(t, "") for t in texts],
        lambda: [bibtexparser.parse_string(t) for t in texts])
    n_ours, n_peer = sum(len(r.records) for r in r_ours), sum(len(r.entries) for r in r_peer)
    return [f"BibTeX: {len(files)} files, {expected:,} records; synthesis read {n_ours:,}, bibtexparser {n_peer:,}",
            _row("BibTeX reader (text in memory)", expected, times, "bibtexparser")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs (default %(default)s)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared imports folder")
    parser.add_argument("--first-run-of", choices=["synthesis", "rispy"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.first_run_of:  # the child process of bench_first_run
        _first_run_child(args.first_run_of, args.data)
        return 0
    logging.disable(logging.WARNING)  # bibtexparser logs every entry it cannot read; the counts say it
    if not (args.data / "PROVENANCE.tsv").exists():
        print(f"no test data at {args.data}", file=sys.stderr)
        return 1
    print(f"{args.runs} interleaved runs; ratio = peer CPU time / synthesis CPU time (> 1: synthesis faster), "
          "of the best times and (per round) the median within a round")
    for bench in (bench_ris, bench_first_run, bench_wos, bench_bibtex):
        for line in bench(args.data, args.runs):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
