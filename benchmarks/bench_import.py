"""Import speed: synthesis against plain rispy (RIS, WoS plain text) and bibtexparser (BibTeX), same files.

Three levels, all in-process, best of N runs of CPU time (``time.process_time``: the machine is shared, and
wall time would mostly measure the other processes), the runs of the two tools interleaved:

* **reader** - the text already decoded in memory: ``rispy.loads(text)`` against
  ``synthesis.io.sources.ris.parse(text)``. rispy returns raw tag dicts; synthesis also maps them to the
  record table's columns and normalises them (authors, DOIs, pages, years, entities, whitespace), keeps
  line numbers and handles the dialects (Ovid record numbers and trailing tags, 4-letter tags, truncation).
* **scan** - the same job as rispy's, text to raw tag dicts: ``rispy.loads(text)`` against
  ``RisScanner().scan(text)`` (which also keeps line numbers and places Ovid's record numbers and links).
* **file** - from the path: ``rispy.load(path)`` against ``synthesis.io.read_file(path)`` (decoding with
  encoding detection, format sniffing, database inference, the record table with its stable ids).

Usage::

    .venv/bin/python benchmarks/bench_import.py [--runs 5] [--data ../shared/data/imports]

Prints records per second for each tool and the ratio synthesis / peer (> 1 means synthesis is faster).
"""
from __future__ import annotations

import argparse
import csv
import gc
import logging
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


def _best(runs: int, *jobs):
    """Best time of each job over ``runs`` interleaved rounds; also the result of the last run."""
    best = [float("inf")] * len(jobs)
    results = [None] * len(jobs)
    for _ in range(runs):
        for i, job in enumerate(jobs):
            gc.collect()
            t = time.process_time()
            results[i] = job()
            best[i] = min(best[i], time.process_time() - t)
    return best, results


def _row(label: str, n: int, ours: float, peer: float, peer_name: str) -> str:
    return (f"{label:<34} {n:>7,} records  synthesis {n / ours:>9,.0f} rec/s ({ours * 1000:7.1f} ms)  "
            f"{peer_name} {n / peer:>9,.0f} rec/s ({peer * 1000:7.1f} ms)  ratio {peer / ours:5.2f}x")


def bench_ris(data: Path, runs: int) -> list[str]:
    import rispy

    from synthesis.io import read_file
    from synthesis.io.decode import decode_bytes
    from synthesis.io.sources import ris

    files = _files(data, "ris")
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files]
    expected = sum(n for _, n in files)
    (ours, peer), (r_ours, r_peer) = _best(
        runs,
        lambda: [ris.parse(t, "") for t in texts],
        lambda: [rispy.loads(t) for t in texts])
    n_ours = sum(len(r.records) for r in r_ours)
    n_peer = sum(len(r) for r in r_peer)
    out = [f"RIS: {len(files)} files, {expected:,} records by PROVENANCE; synthesis read {n_ours:,}, rispy {n_peer:,}",
           _row("RIS reader (text in memory)", expected, ours, peer, "rispy")]
    (scan, peer_s), _ = _best(
        runs,
        lambda: [ris.RisScanner().scan(t) for t in texts],
        lambda: [rispy.loads(t) for t in texts])
    out.append(_row("RIS scan only (raw tag dicts)", expected, scan, peer_s, "rispy"))
    (ours_f, peer_f), _ = _best(
        runs,
        lambda: [read_file(p) for p, _ in files],
        lambda: [rispy.load(p, encoding="utf-8-sig") for p, _ in files])
    out.append(_row("RIS file -> record table", expected, ours_f, peer_f, "rispy"))
    # The largest single file, where per-file overheads matter least.
    big, n_big = max(files, key=lambda f: f[1])
    text = decode_bytes(big.read_bytes())[0]
    (o, p), _ = _best(runs, lambda: ris.parse(text, ""), lambda: rispy.loads(text))
    out.append(_row(f"RIS reader, largest ({big.name[:20]})", n_big, o, p, "rispy"))
    return out


def bench_wos(data: Path, runs: int) -> list[str]:
    import rispy

    from synthesis.io.decode import decode_bytes
    from synthesis.io.sources import wos

    files = _files(data, "wos_plaintext")
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files]
    expected = sum(n for _, n in files)
    (ours, peer), (r_ours, r_peer) = _best(
        runs,
        lambda: [wos.parse(t, "") for t in texts],
        # rispy's WokParser raises KeyError on a tag outside its table (WE, ...) unless told to skip them.
        lambda: [rispy.loads(t, implementation=rispy.WokParser, skip_unknown_tags=True) for t in texts])
    n_ours, n_peer = sum(len(r.records) for r in r_ours), sum(len(r) for r in r_peer)
    return [f"WoS plain text: {len(files)} files, {expected:,} records; synthesis read {n_ours:,}, rispy {n_peer:,}",
            _row("WoS reader (text in memory)", expected, ours, peer, "rispy")]


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
    (ours, peer), (r_ours, r_peer) = _best(
        runs,
        lambda: [bibtex.parse(t, "") for t in texts],
        lambda: [bibtexparser.parse_string(t) for t in texts])
    n_ours, n_peer = sum(len(r.records) for r in r_ours), sum(len(r.entries) for r in r_peer)
    return [f"BibTeX: {len(files)} files, {expected:,} records; synthesis read {n_ours:,}, bibtexparser {n_peer:,}",
            _row("BibTeX reader (text in memory)", expected, ours, peer, "bibtexparser")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs (default %(default)s)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared imports folder")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # bibtexparser logs every entry it cannot read; the counts say it
    if not (args.data / "PROVENANCE.tsv").exists():
        print(f"no test data at {args.data}", file=sys.stderr)
        return 1
    print(f"best of {args.runs} runs; ratio = peer time / synthesis time (> 1: synthesis faster)")
    for bench in (bench_ris, bench_wos, bench_bibtex):
        for line in bench(args.data, args.runs):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
