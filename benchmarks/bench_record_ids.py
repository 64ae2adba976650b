"""What content record ids cost: the id step alone, the old formula (path, position, cleaned title, DOI) against
today's (a hash of the record's raw content), on every record of the shared RIS exports, interleaved; and the
whole ``read_file`` of the same files for scale. CPU time.

Usage::

    .venv/bin/python benchmarks/bench_record_ids.py [DATA] [RUNS]    (default ../shared/data/imports 11)
"""
import csv
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import synthesis.records as R  # noqa: E402
from synthesis.ids import legacy_record_id  # noqa: E402
from synthesis.io import read_file  # noqa: E402
from synthesis.io.decode import decode_bytes  # noqa: E402
from synthesis.io.sources import reader  # noqa: E402

data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "imports"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 11
rows = list(csv.DictReader(open(data / "PROVENANCE.tsv"), delimiter="\t"))
files = [data / r["local_file"] for r in rows if r["records"] and r["format"] == "ris"]
parsed = [reader("ris").parse(decode_bytes(f.read_bytes(), str(f))[0], str(f)).records for f in files]
for recs, f in zip(parsed, files):
    for r in recs: r["source_file"] = str(f)
cols = []
for recs in parsed:
    saved = R._ids; R._ids = lambda records, columns: [""] * len(records)
    c = R._exact_columns(recs) or R._coerced_columns(recs); R._ids = saved
    cols.append((recs, c))
n = sum(len(r) for r in parsed)
old = lambda recs, c: [legacy_record_id(f, i, t, d) for f, i, t, d in zip(c["source_file"], c["source_index"], c["title"], c["doi"])]
t = {"before": [], "after": [], "read_file": []}
for k in range(runs):
    for label in (("before", "after") if k % 2 == 0 else ("after", "before")):
        fn = old if label == "before" else R._ids
        gc.collect(); s = time.process_time()
        for recs, c in cols: fn(recs, c)
        t[label].append(time.process_time() - s)
    gc.collect(); s = time.process_time()
    for f in files: read_file(f)
    t["read_file"].append(time.process_time() - s)
b, a, rf = (statistics.median(t[x]) for x in ("before", "after", "read_file"))
print(f"{len(files)} RIS files, {n:,} records (medians of {runs} interleaved rounds): ids before {b*1000:.0f} ms "
      f"({b/n*1e6:.1f} us/record), after {a*1000:.0f} ms ({a/n*1e6:.1f} us/record); read_file of all {rf*1000:.0f} ms; "
      f"the added {1000*(a-b):.0f} ms = {100*(a-b)/(rf-(a-b)):.1f} % of read_file before")
