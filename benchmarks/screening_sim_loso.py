"""Leave one review out: is the prioritiser's setting better than ASReview on a review it was not chosen on?

Every candidate setting (``--candidates``: a JSON list of ``{"tag": ..., **Prioritiser options}``; by default
the current defaults and the variants tried before) is replayed on every shared set and prior seed, as in
``bench_screening_simulation.py`` (WSS@95 only: each replay stops once 95 % of the includes are found). Then,
for each of the four reviews in turn (Nagtegaal: final and title/abstract labels; Kitchenham; wildfire: two
stages; forest: two stages, which share their records and so are held out together), the candidate with the
best mean margin over ASReview on the other three reviews is chosen and reported on the held-out one. That
is the number to compare with the issue's goal (mean at least 0.03 above ASReview, no review more than 0.02
below): the choice never saw the review it is judged on.

ASReview's WSS@95 per set and prior seed comes from ``_work/screening_sim/asreview_cache.json`` when
``bench_screening_simulation.py`` has run it on this machine, else from the table in that script's docstring
(ASReview 3.0.8, default model, the same priors; measured in session 19 and deterministic for given priors).

    .venv/bin/python benchmarks/screening_sim_loso.py                      # the default candidates
    .venv/bin/python benchmarks/screening_sim_loso.py --candidates '[{"tag": "svm", "model": "svm"}]'

Results (one line per candidate) are appended to ``_work/screening_sim/loso.jsonl``, so candidates can be
added over several runs; ``--report`` only prints the table from that file, and ``--pool TAG`` (repeated)
limits the choice to the named candidates (e.g. the defaults and one challenger: the more candidates in the
pool, the more a lucky one is chosen on three reviews and fails on the fourth).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screening_sim_data as data  # noqa: E402
from screening_sim_run import WORK, choose_priors  # noqa: E402

from synthesis.screening.prioritise import replay, wss_at  # noqa: E402

SEEDS = (42, 1, 2, 3)
REVIEWS = {"Nagtegaal": ["nagtegaal_final", "nagtegaal_tiab"], "Kitchenham": ["kitchenham_final"],
           "wildfire": ["wildfire_tiab", "wildfire_final"], "forest": ["forest_tiab", "forest_final"]}
# ASReview 3.0.8 default model, WSS@95 for prior seeds 42, 1, 2, 3 (bench_screening_simulation.py's table)
ASREVIEW_TABLE = {"nagtegaal_final": [.725, .738, .737, .733], "nagtegaal_tiab": [.389, .385, .386, .385],
                  "kitchenham_final": [.674, .674, .674, .674], "wildfire_tiab": [.073, .079, .125, .065],
                  "wildfire_final": [.525, .485, .509, .523], "forest_tiab": [.179, .181, .186, .176],
                  "forest_final": [.303, .302, .302, .299]}
DEFAULT_CANDIDATES = [
    {"tag": "defaults"},
    {"tag": "no title block", "title_weight": 0.0},
    {"tag": "svm", "model": "svm"},
    {"tag": "fixed C", "C_growth": 0.0},
    {"tag": "include weight 3", "include_weight": 3.0},
]
RESULTS = WORK / "loso.jsonl"


def asreview_wss() -> dict:
    cache = WORK / "asreview_cache.json"
    table = {k: list(v) for k, v in ASREVIEW_TABLE.items()}
    if cache.exists():
        hits = json.loads(cache.read_text())
        for name in table:
            got = [hits.get(f"{name}@{s}", {}).get("metrics", {}).get("wss@95") for s in SEEDS]
            if all(g is not None for g in got):
                table[name] = got
    return {k: float(np.mean(v)) for k, v in table.items()}


def _wordllama_vectors(units) -> np.ndarray:
    """256-d WordLlama vectors of title + abstract (the weights ship inside the ``wordllama`` wheel).

    Only for the ``"embed": "wordllama"`` candidates; ``wordllama`` is not a dependency of the project.
    Its loader looks for the tokenizer in a folder that does not exist and then tries the network, so
    the package folder is given as the cache, where both files are.
    """
    import wordllama
    from wordllama import WordLlama

    wl = WordLlama.load(dim=256, cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return wl.embed((units["title"] + " " + units["abstract"]).tolist())


def _one(job) -> tuple:
    name, seed, options = job
    s = data.ALL[name]()
    options = dict(options)
    if options.pop("embed", None) == "wordllama":
        options["embeddings"] = _wordllama_vectors(s.units)
    order = replay(s.units, s.labels, choose_priors(s.labels, seed), stop_at_recall=0.95,
                   **(options | {"seed": seed}))
    return name, seed, wss_at(s.labels[order], 0.95)


def run(candidate: dict, jobs: int) -> dict:
    options = {k: v for k, v in candidate.items() if k != "tag"}
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        done = list(pool.map(_one, [(n, k, options) for n in data.ALL for k in SEEDS]))
    per_seed: dict = {}
    for name, seed, w in done:
        per_seed.setdefault(name, {})[seed] = w
    return {"tag": candidate.get("tag", json.dumps(options)), "options": options, "seeds": list(SEEDS),
            "wss": {n: float(np.mean(list(v.values()))) for n, v in per_seed.items()}, "per_seed": per_seed,
            "seconds": time.perf_counter() - started}


def report(rows: list) -> dict:
    asr = asreview_wss()
    rows = [r for r in rows if set(r["wss"]) >= set(asr)]
    names = list(asr)

    def margin(r, sets):
        return float(np.mean([r["wss"][s] - asr[s] for s in sets]))

    print(f"{'WSS@95, mean of prior seeds':28s} " + " ".join(f"{n[:13]:>13s}" for n in names) + "    mean  vs ASR")
    print(f"{'ASReview 3.0.8':28s} " + " ".join(f"{asr[n]:13.3f}" for n in names) + f"   {np.mean(list(asr.values())):.3f}")
    for r in rows:
        print(f"{r['tag'][:28]:28s} " + " ".join(f"{r['wss'][n]:13.3f}" for n in names)
              + f"   {np.mean([r['wss'][n] for n in names]):.3f}  {margin(r, names):+.3f}")
    print("\nleave one review out (the setting is chosen on the other three reviews by mean margin over ASReview):")
    held = {}
    for review, sets in REVIEWS.items():
        rest = [n for n in names if n not in sets]
        best = max(rows, key=lambda r: margin(r, rest))
        for n in sets:
            held[n] = {"chosen": best["tag"], "ours": best["wss"][n], "asreview": asr[n]}
            print(f"  {n:18s} chosen on the others: {best['tag'][:24]:24s} ours {best['wss'][n]:.3f}  "
                  f"ASReview {asr[n]:.3f}  {best['wss'][n] - asr[n]:+.3f}")
    diffs = [h["ours"] - h["asreview"] for h in held.values()]
    print(f"  held out, mean over the seven sets: ours {np.mean([h['ours'] for h in held.values()]):.3f}, "
          f"ASReview {np.mean([h['asreview'] for h in held.values()]):.3f}: {np.mean(diffs):+.3f} "
          f"(goal >= +0.03); worst set {min(diffs):+.3f} (goal >= -0.02)")
    return held


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--candidates", help="JSON list of {tag, Prioritiser options}")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--report", action="store_true", help="only print the table from loso.jsonl")
    ap.add_argument("--pool", action="append", metavar="TAG",
                    help="choose only among these candidates (repeat the option; default: every one in the file)")
    args = ap.parse_args(argv)
    if not data.DATA.is_dir():
        print(f"real data not found at {data.DATA}: nothing to replay", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    if not args.report:
        for candidate in json.loads(args.candidates) if args.candidates else DEFAULT_CANDIDATES:
            row = run(candidate, args.jobs)
            print(f"{row['tag']}: " + " ".join(f"{k} {v:.3f}" for k, v in row["wss"].items())
                  + f" ({row['seconds']:.0f} s)", flush=True)
            with open(RESULTS, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(row) + "\n")
    rows = [json.loads(line) for line in RESULTS.read_text().splitlines()] if RESULTS.exists() else []
    latest = {r["tag"]: r for r in rows}  # a candidate run again: its latest result
    if args.pool:
        missing = [t for t in args.pool if t not in latest]
        if missing:
            print(f"not in {RESULTS}: {missing}", file=sys.stderr)
            return 2
        latest = {t: latest[t] for t in args.pool}
    report(list(latest.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
