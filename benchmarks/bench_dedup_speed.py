"""Deduplication's own CPU time, this checkout against another (issue 12's limit: at most 10 % slower).

Run from the project root, with another checkout's ``src`` (e.g. ``git worktree add /tmp/old 9700fe1``)::

    .venv/bin/python benchmarks/bench_dedup_speed.py --before /tmp/old/src [--rounds 3] [--runs 7]

Each side deduplicates the labelled sets of ``../shared/data/dedup`` (read once, as each checkout reads them)
in a process of its own, ``--runs`` times; its best CPU time (``time.process_time``) per set is kept. The two
sides take turns for ``--rounds`` rounds, so that both meet the same moments of a shared machine. Printed:
each round's totals and their ratio now / before, and the median of the ratios.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ["asysd_diabetes", "rathbone_cytology", "rathbone_haematology", "rathbone_stroke", "special_cases"]

ONE_SIDE = r'''
import json, sys, time, warnings
sys.path.insert(0, sys.argv[1])
warnings.simplefilter("ignore")
from pathlib import Path
from synthesis.dedup import deduplicate
from synthesis.dedup.evaluate import load_labelled_set
tables = [load_labelled_set(Path(sys.argv[2]) / name)[0] for name in json.loads(sys.argv[3])]
for t in tables:
    deduplicate(t)  # modules loaded, first-use work done
best = [float("inf")] * len(tables)
for _ in range(int(sys.argv[4])):
    for k, t in enumerate(tables):
        start = time.process_time()
        deduplicate(t)
        best[k] = min(best[k], time.process_time() - start)
print(json.dumps(best))
'''


def side(src: Path, data: Path, runs: int) -> list[float]:
    out = subprocess.run([sys.executable, "-c", ONE_SIDE, str(src), str(data), json.dumps(SETS), str(runs)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the src folder of the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "dedup"))
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"no labelled sets at {data}", file=sys.stderr)
        return 1
    ratios = []
    for r in range(args.rounds):
        order = [("now", ROOT / "src"), ("before", Path(args.before))]
        if r % 2:
            order.reverse()
        times = {name: side(src, data, args.runs) for name, src in order}
        ratio = sum(times["now"]) / sum(times["before"])
        ratios.append(ratio)
        print(f"round {r + 1}: before {sum(times['before']) * 1000:6.0f} ms  now {sum(times['now']) * 1000:6.0f} ms  "
              f"now/before {ratio:.2f}  (per set now: {', '.join(f'{t * 1000:.0f}' for t in times['now'])} ms)")
    print(f"median now/before over {args.rounds} rounds: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
