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

    .venv/bin/python benchmarks/bench_import.py [--runs 5] [--data ../shared/data/imports] [--before SRC]

``--before SRC`` also runs the readers of another checkout (``git worktree add /tmp/old 9700fe1``, then
``--before /tmp/old/src``) in the same process, interleaved, and prints each row's time now / before.

Prints records per second for each tool and the ratio synthesis / peer (> 1 means synthesis is faster).
"""
from __future__ import annotations

import argparse
import csv
import gc
import importlib
import importlib.util
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


def _before_row(label: str, times: Times, before: int) -> str:
    """How much longer this code takes than the code of ``--before`` (> 1: slower now)."""
    now, then = times.best(0), times.best(before)
    return (f"{'  ' + label + ' vs --before':<34} before {then * 1000:7.1f} ms  now {now * 1000:7.1f} ms  "
            f"now/before {now / then:5.2f} (per round {statistics.median(o / b for o, b in zip(times[0], times[before])):5.2f})")


def _load_before(src: Path):
    """The ``synthesis`` package of another checkout's ``src`` (``--before``), as ``synthesis_before``, so
    that both run in one process, interleaved. Its readers import each other relatively."""
    name = "synthesis_before"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, src / "synthesis" / "__init__.py",
                                                      submodule_search_locations=[str(src / "synthesis")])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return name


class Bench:
    """What every row needs: the shared files, the number of runs, and the ``--before`` package if any."""

    def __init__(self, data: Path, runs: int, before: Path | None = None):
        self.data, self.runs, self.before_src = data, runs, before
        self.before = _load_before(before) if before else None

    def texts(self, fmt: str) -> tuple[list[tuple[Path, int]], list[str], int]:
        """The files of a format (PROVENANCE.tsv), their decoded texts and the records they hold."""
        from synthesis.io.decode import decode_bytes

        files = _files(self.data, fmt)
        return files, [decode_bytes(p.read_bytes(), str(p))[0] for p, _ in files], sum(n for _, n in files)

    def module(self, name: str, before: bool = False):
        return importlib.import_module(f"{self.before if before else 'synthesis'}.{name}")

    def compare(self, label: str, n: int, ours, peers: dict, before=None) -> tuple[list[str], list]:
        """Rows for ``ours`` against each peer job (name -> job) and, with ``--before``, against ``before``
        (the same job on the old package). Returns the rows and the last results of ours and the peers."""
        jobs = [ours, *peers.values()] + ([before] if self.before and before else [])
        times, results = _best(self.runs, *jobs)
        rows = [_row(label if i == 1 else f"{label} ({name})", n, times, name, peer=i)
                for i, name in enumerate(peers, start=1)]
        if self.before and before:
            rows.append(_before_row(label, times, len(jobs) - 1))
        return rows, results


def bench_ris(bench: Bench) -> list[str]:
    import pandas as pd
    import rispy

    files, texts, expected = bench.texts("ris")
    ris, tagged = bench.module("io.sources.ris"), bench.module("io.sources.tagged")
    old_ris = bench.module("io.sources.ris", before=True) if bench.before else None
    rows, (r_ours, r_peer, *_) = bench.compare(
        "RIS reader (text in memory)", expected, lambda: [ris.parse(t, "") for t in texts],
        {"rispy": lambda: [rispy.loads(t) for t in texts]},
        before=old_ris and (lambda: [old_ris.parse(t, "") for t in texts]))
    out = [f"RIS: {len(files)} files, {expected:,} records by PROVENANCE; synthesis read "
           f"{sum(len(r.records) for r in r_ours):,}, rispy {sum(len(r) for r in r_peer):,}"] + rows
    old_scan = None
    if old_ris is not None:  # the scanner's interface changed with the reader (9700fe1: RisScanner().scan)
        old_scan = (lambda: [old_ris.RisScanner().scan(t) for t in texts]) if hasattr(old_ris, "RisScanner") else \
            (lambda: [bench.module("io.sources.tagged", before=True).scan(t, old_ris.RIS) for t in texts])
    out += bench.compare("RIS scan only (raw tag dicts)", expected, lambda: [tagged.scan(t, ris.RIS) for t in texts],
                         {"rispy": lambda: [rispy.loads(t) for t in texts]}, before=old_scan)[0]
    read_file = bench.module("io").read_file
    old_read_file = bench.module("io", before=True).read_file if bench.before else None
    out += bench.compare("RIS file -> record table", expected, lambda: [read_file(p) for p, _ in files],
                         {"rispy": lambda: [rispy.load(p, encoding="utf-8-sig") for p, _ in files],
                          "rispy+DataFrame": lambda: [pd.DataFrame(rispy.load(p, encoding="utf-8-sig"))
                                                      for p, _ in files]},
                         before=old_read_file and (lambda: [old_read_file(p) for p, _ in files]))[0]
    # The largest single file, where per-file overheads matter least.
    (big, n_big), text = max(zip(files, texts), key=lambda f: f[0][1])
    out += bench.compare(f"RIS reader, largest ({big.name[:20]})", n_big, lambda: ris.parse(text, ""),
                         {"rispy": lambda: rispy.loads(text)},
                         before=old_ris and (lambda: old_ris.parse(text, "")))[0]
    return out


def _first_run(tool: str, bench: Bench) -> float:
    """CPU time of one pass over the RIS texts in a new process (imports and decoding not counted)."""
    cmd = [sys.executable, __file__, "--first-run-of", tool, "--data", str(bench.data)]
    if tool == "before":
        cmd += ["--before", str(bench.before_src)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _first_run_child(tool: str, bench: Bench) -> None:
    _, texts, _ = bench.texts("ris")
    if tool == "rispy":
        import rispy

        job = lambda: [rispy.loads(t) for t in texts]  # noqa: E731
    else:
        ris = bench.module("io.sources.ris", before=tool == "before")
        job = lambda: [ris.parse(t, "") for t in texts]  # noqa: E731
    t = time.process_time()
    job()
    print(time.process_time() - t)


def bench_first_run(bench: Bench) -> list[str]:
    expected = sum(n for _, n in _files(bench.data, "ris"))
    tools = ["synthesis", "rispy"] + (["before"] if bench.before else [])
    times = Times([] for _ in tools)
    for r in range(max(3, bench.runs // 2)):
        for i in (range(len(tools)) if r % 2 == 0 else reversed(range(len(tools)))):
            times[i].append(_first_run(tools[i], bench))
    out = [_row("RIS reader, first run (new process)", expected, times, "rispy")]
    if bench.before:
        out.append(_before_row("RIS reader, first run", times, 2))
    return out


def bench_wos(bench: Bench) -> list[str]:
    import rispy

    files, texts, expected = bench.texts("wos_plaintext")
    wos = bench.module("io.sources.wos")
    old_wos = bench.module("io.sources.wos", before=True) if bench.before else None
    rows, (r_ours, r_peer, *_) = bench.compare(
        "WoS reader (text in memory)", expected, lambda: [wos.parse(t, "") for t in texts],
        # rispy's WokParser raises KeyError on a tag outside its table (WE, ...) unless told to skip them.
        {"rispy": lambda: [rispy.loads(t, implementation=rispy.WokParser, skip_unknown_tags=True) for t in texts]},
        before=old_wos and (lambda: [old_wos.parse(t, "") for t in texts]))
    return [f"WoS plain text: {len(files)} files, {expected:,} records; synthesis read "
            f"{sum(len(r.records) for r in r_ours):,}, rispy {sum(len(r) for r in r_peer):,}"] + rows


def bench_bibtex(bench: Bench) -> list[str]:
    import bibtexparser

    files, texts, expected = bench.texts("bibtex")
    bibtex = bench.module("io.sources.bibtex")
    old_bibtex = bench.module("io.sources.bibtex", before=True) if bench.before else None
    rows, (r_ours, r_peer, *_) = bench.compare(
        "BibTeX reader (text in memory)", expected, lambda: [bibtex.parse(t, "") for t in texts],
        {"bibtexparser": lambda: [bibtexparser.parse_string(t) for t in texts]},
        before=old_bibtex and (lambda: [old_bibtex.parse(t, "") for t in texts]))
    return [f"BibTeX: {len(files)} files, {expected:,} records; synthesis read "
            f"{sum(len(r.records) for r in r_ours):,}, bibtexparser {sum(len(r.entries) for r in r_peer):,}"] + rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs (default %(default)s)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared imports folder")
    parser.add_argument("--before", type=Path, metavar="SRC",
                        help="also time the readers of another checkout's src folder (e.g. of an older commit), "
                             "interleaved in the same process, and print now/before")
    parser.add_argument("--first-run-of", choices=["synthesis", "rispy", "before"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    bench = Bench(args.data, args.runs, args.before)
    if args.first_run_of:  # the child process of bench_first_run
        _first_run_child(args.first_run_of, bench)
        return 0
    logging.disable(logging.WARNING)  # bibtexparser logs every entry it cannot read; the counts say it
    if not (args.data / "PROVENANCE.tsv").exists():
        print(f"no test data at {args.data}", file=sys.stderr)
        return 1
    print(f"{args.runs} interleaved runs; ratio = peer CPU time / synthesis CPU time (> 1: synthesis faster), "
          "of the best times and (per round) the median within a round")
    for run in (bench_ris, bench_first_run, bench_wos, bench_bibtex):
        for line in run(bench):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
