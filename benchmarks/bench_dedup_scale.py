"""How deduplication grows: records vs seconds vs peak memory, on generated corpora with known duplicates.

Run from the project root::

    .venv/bin/python benchmarks/bench_dedup_scale.py                  # 10k and 100k
    .venv/bin/python benchmarks/bench_dedup_scale.py 10000 100000 1000000

Each size runs in its own process: the corpus is made there (benchmarks/make_corpus.py, from the real
labelled records), then :func:`synthesis.dedup.deduplicate` is timed. Printed per size: wall seconds and CPU
seconds of the deduplication alone (CPU time shows the work done when the machine is shared; ``+help`` is the
CPU time of the helper process that prepares and blocks half the records from 20,000 records on), the load
average at the start and end, the process's peak resident memory and what deduplication added to it, the
peak of this process and its helper together (``all MB``: proportional set size, so pages the two share are
counted once; sampled four times a second), and the accuracy against the known duplicates. Targets
(issue 3): 100,000 records < 10 s; 1,000,000 < 2 min and < 8 GB.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, os, resource, sys, threading, time, warnings
sys.path.insert(0, sys.argv[2]); sys.path.insert(0, sys.argv[3])
warnings.simplefilter("ignore")
from make_corpus import make_corpus
from synthesis.dedup import deduplicate
from synthesis.dedup.evaluate import accuracy


def pss_mb(pid):
    # proportional set size: pages shared by the forked helper and this process are counted once overall
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


peak_total = [0.0]
running = [True]


def watch():  # the memory of this process and its helper process together, four times a second
    me = os.getpid()
    while running[0]:
        total = pss_mb(me) + sum(pss_mb(c) for c in children(me))
        peak_total[0] = max(peak_total[0], total)
        time.sleep(0.25)


n = int(sys.argv[1])
records, truth = make_corpus(n, seed=7)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
load = os.getloadavg()[0]
child_before = resource.getrusage(resource.RUSAGE_CHILDREN)
start, cpu = time.perf_counter(), time.process_time()
result = deduplicate(records, progress=False)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
child_after = resource.getrusage(resource.RUSAGE_CHILDREN)
running[0] = False
watcher.join()
child_cpu = (child_after.ru_utime + child_after.ru_stime) - (child_before.ru_utime + child_before.ru_stime)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
acc = accuracy(result.groups["group_id"].to_numpy(), truth)
print(json.dumps({"records": n, "seconds": seconds, "cpu_seconds": cpu, "helper_cpu_seconds": child_cpu,
                  "load_start": load, "load_end": os.getloadavg()[0],
                  "peak_mb_before": before, "peak_mb": peak, "helper_peak_rss_mb": child_after.ru_maxrss / 1024,
                  "peak_pss_total_mb": peak_total[0],
                  "candidate_pairs": result.summary["candidate_pairs"], "groups": result.summary["groups"],
                  "maybe_pairs": result.summary["maybe_pairs"], "stages": result.summary["stage_seconds"],
                  "FP": acc["FP"], "sensitivity": acc["sensitivity"], "true_duplicates": acc["true_duplicates"]}))
'''


def run(n: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(n), str(ROOT / "src"), str(ROOT / "benchmarks")],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {"records": n, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [10_000, 100_000]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start")
    print(f"{'records':>10} {'seconds':>8} {'cpu s':>7} {'+help':>6} {'load':>9} {'peak MB':>8} {'+MB':>7} "
          f"{'all MB':>7} {'pairs':>10} {'groups':>9} {'maybe':>7} {'FP':>4} {'sensitivity':>11}  stages (s)")
    for n in sizes:
        r = run(n)
        if "error" in r:
            print(f"{n:>10} failed: {r['error']}")
            continue
        stages = " ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())
        load = f"{r['load_start']:.1f}-{r['load_end']:.1f}"
        print(f"{r['records']:>10} {r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f} {r['helper_cpu_seconds']:>6.2f} "
              f"{load:>9} {r['peak_mb']:>8.0f} {r['peak_mb'] - r['peak_mb_before']:>7.0f} {r['peak_pss_total_mb']:>7.0f} "
              f"{r['candidate_pairs']:>10} {r['groups']:>9} {r['maybe_pairs']:>7} {r['FP']:>4} {r['sensitivity']:>11.4f}  "
              f"{stages}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
