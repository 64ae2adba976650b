"""Run one screening simulation three ways: our prioritiser, random order, and ASReview.

Every method sees the same units, the same labels and the same two priors (one include and one exclude),
chosen exactly as ``asreview simulate --n-prior-included 1 --n-prior-excluded 1 --prior-seed SEED`` chooses
them, so ASReview can be given them by position and the published ASReview figures are reproducible.

Metrics follow ASReview's convention (checked: this reproduces the published 0.725 / 0.653 / 0.960 on
Nagtegaal): the order starts with the priors, ``N`` counts every record, recall counts every include.
"""
from __future__ import annotations

import csv
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

from screening_sim_data import ROOT, SimSet

sys.path.insert(0, str(ROOT / "src"))
from synthesis.screening.prioritise import recall_at, replay, wss_at  # noqa: E402

FRACTIONS = (0.10, 0.25, 0.50)
ASREVIEW_VERSION = "3.0.8"
ASREVIEW_VENV = ROOT / ".bench-venv-asreview"
WORK = ROOT / "benchmarks" / "_work" / "screening_sim"


def choose_priors(labels: np.ndarray, seed: int = 42) -> list[int]:
    """One include and one exclude, drawn as ``asreview simulate --prior-seed seed`` draws them."""
    inc = np.where(labels == 1)[0]
    exc = np.where(labels == 0)[0]
    return [int(np.random.RandomState(seed).choice(inc, 1, replace=False)[0]),
            int(np.random.RandomState(seed).choice(exc, 1, replace=False)[0])]


def metrics(labels_in_order) -> dict:
    lab = np.asarray(labels_in_order, dtype=int)
    out = {f"recall@{int(f * 100)}": recall_at(lab, f) for f in FRACTIONS}
    out["wss@95"] = wss_at(lab, 0.95)
    return out


def complete(order: list[int], n: int) -> list[int]:
    """Append the records a method never reached (after its last include) in row order."""
    seen = set(order)
    return list(order) + [i for i in range(n) if i not in seen]


# -- ours ---------------------------------------------------------------------------------------------------
def run_ours(s: SimSet, priors: list[int], **options) -> dict:
    """Replay with our prioritiser; also records the stopping aid at 10/25/50 % screened.

    ``options`` go to :func:`~synthesis.screening.prioritise.replay` (e.g. ``stop_at_recall``) and on to
    the :class:`~synthesis.screening.prioritise.Prioritiser`.
    """
    marks = {math.floor(f * s.n + 0.5): f for f in FRACTIONS}
    aids = {}
    fit_seconds = []
    fits = [0]

    def on_step(p, n_screened):
        if p.fits > fits[0]:  # one entry per retraining
            fit_seconds.append(p.last_fit_seconds)
            fits[0] = p.fits
        if n_screened in marks:
            a = p.stopping_aid()
            found = int(s.labels[order_so_far(p)].sum())
            aids[marks[n_screened]] = {"estimated_left": a.estimated_includes_left, "true_left": s.includes - found,
                                       "since_last_include": a.since_last_include}

    def order_so_far(p):
        return [p._pos[k] for k in p._decisions]

    started = time.perf_counter()
    cpu = time.process_time()
    order = replay(s.units, s.labels, priors, on_step=on_step, **options)
    return {"order": order, "seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu,
            "aids": aids, "fits": fits[0],
            "median_fit_ms": 1000 * float(np.median(fit_seconds)) if fit_seconds else float("nan")}


# -- random -------------------------------------------------------------------------------------------------
def run_random(s: SimSet, priors: list[int], seeds=range(10)) -> list[dict]:
    out = []
    rest = np.array([i for i in range(s.n) if i not in set(priors)])
    for seed in seeds:
        order = list(priors) + list(np.random.RandomState(seed).permutation(rest))
        out.append(metrics(s.labels[order]))
    return out


# -- ASReview -----------------------------------------------------------------------------------------------
def asreview_exe() -> Path:
    """The ``asreview`` command of the benchmark venv, creating the venv first if it is missing."""
    exe = ASREVIEW_VENV / "bin" / "asreview"
    if not exe.exists():
        print(f"creating {ASREVIEW_VENV} with asreview=={ASREVIEW_VERSION} (once; a few minutes)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(ASREVIEW_VENV)], check=True)
        subprocess.run([str(ASREVIEW_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        f"asreview=={ASREVIEW_VERSION}"], check=True)
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
    if ASREVIEW_VERSION not in version:
        raise RuntimeError(f"{exe} reports {version!r}, expected asreview {ASREVIEW_VERSION}")
    return exe


ASREVIEW_CACHE = WORK / "asreview_cache.json"


def asreview_metrics(s: SimSet, priors: list[int], seed: int, tag: str, rerun: bool = False) -> dict:
    """ASReview's metrics for a set and prior seed: from ``asreview_cache.json`` when it was run before with the
    same version and priors (a run takes minutes), else by :func:`run_asreview`, then cached."""
    cache = json.loads(ASREVIEW_CACHE.read_text()) if ASREVIEW_CACHE.exists() else {}
    key = f"{tag}@{seed}"
    hit = cache.get(key)
    if not rerun and hit and hit.get("version") == ASREVIEW_VERSION and hit.get("priors") == list(priors):
        return dict(hit["metrics"], seconds=hit.get("seconds"))
    asr = run_asreview(s, priors, seed=seed, tag=tag)
    out = metrics(s.labels[complete(asr["order"], s.n)])
    cache = json.loads(ASREVIEW_CACHE.read_text()) if ASREVIEW_CACHE.exists() else {}
    cache[key] = {"version": ASREVIEW_VERSION, "priors": list(priors), "metrics": out, "seconds": asr["seconds"]}
    ASREVIEW_CACHE.write_text(json.dumps(cache, indent=1))
    return dict(out, seconds=asr["seconds"])


def run_asreview(s: SimSet, priors: list[int], seed: int = 42, tag: str = "") -> dict:
    """``asreview simulate`` with the default model (ELAS u4), our priors by position, model seed ``seed``."""
    exe = asreview_exe()
    WORK.mkdir(parents=True, exist_ok=True)
    stem = (tag or s.name).replace(" ", "_")
    data = WORK / f"{stem}.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "abstract", "label_included"])
        for t, a, y in zip(s.units["title"], s.units["abstract"], s.labels):
            w.writerow([t, a, int(y)])
    project = WORK / f"{stem}.asreview"
    if project.exists():
        project.unlink()
    stale = project.with_suffix(".asreview.tmp")  # left behind by an interrupted run; asreview refuses it
    if stale.exists():
        shutil.rmtree(stale)
    cmd = [str(exe), "simulate", str(data), "--prior-idx", *map(str, priors), "--seed", str(seed),
           "-o", str(project)]
    started = time.perf_counter()
    env = dict(os.environ, TQDM_DISABLE="1")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=WORK)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"asreview simulate failed on {s.name}:\n{done.stderr[-2000:]}")
    with zipfile.ZipFile(project) as z:
        db = WORK / f"{stem}.results.db"
        db.write_bytes(z.read("results.db"))
    con = sqlite3.connect(db)
    try:
        row_of = dict(con.execute("select record_id, dataset_row from record"))
        labelled = [row_of[r] for (r,) in con.execute("select record_id from results order by rowid")]
    finally:
        con.close()
    if labelled[:2] != list(priors):
        raise RuntimeError(f"ASReview did not start from the given priors on {s.name}: {labelled[:2]} vs {priors}")
    return {"order": labelled, "seconds": seconds}
