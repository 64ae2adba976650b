"""When would a reviewer stop? The hypergeometric stopping test against "N irrelevant in a row", replayed.

Used by ``bench_screening_simulation.py``. Given the labels of one replay in prioritised order:

- the stopping test (:mod:`synthesis.screening.stopping`): screen in prioritised order until ``start``
  records in a row were irrelevant, then draw a random sample of the records not screened yet (one draw per
  ``sample_seeds``) and screen it until the test says stop (p < 1 - confidence) or the urn is empty;
- the heuristic: stop as soon as ``run`` records in a row were irrelevant.

For each: the recall actually reached when it stops, and the work saved then (1 - screened / N).
"""
from __future__ import annotations

import math
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.stats import hypergeom

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from synthesis.screening.stopping import hypergeometric_p  # noqa: E402


def first_run_of(labels_in_order, run: int) -> int:
    """Records screened when ``run`` irrelevant records in a row are first reached (N when never)."""
    since = 0
    for i, y in enumerate(labels_in_order):
        since = 0 if y else since + 1
        if since >= run:
            return i + 1
    return len(labels_in_order)


def first_stop(relevant_before: int, urn_labels, target: float = 0.95, confidence: float = 0.95) -> int:
    """Draws until the test first says stop (the whole urn when it never does before)."""
    urn_labels = np.asarray(urn_labels, dtype=np.int64)
    size = len(urn_labels)
    if size == 0:
        return 0
    tau = Fraction(str(target))
    k = np.cumsum(urn_labels)
    n = np.arange(1, size + 1)
    # K_tar = floor((r_AL + k) / tau - r_AL) + 1, in exact integer arithmetic
    k_tar = ((relevant_before + k) * tau.denominator) // tau.numerator - relevant_before + 1
    with np.errstate(all="ignore"):
        p = np.where(k_tar > size, 0.0, hypergeom.cdf(k, size, np.minimum(k_tar, size), n))
    stop = np.flatnonzero(p < 1 - confidence)
    n_stop = int(stop[0]) + 1 if len(stop) else size
    # the vectorised p is the library's p (checked on the stopping draw)
    assert math.isclose(p[n_stop - 1], hypergeometric_p(size, relevant_before, n_stop, int(k[n_stop - 1]), target),
                        abs_tol=1e-12)
    return n_stop


def stopping_outcomes(labels_in_order, starts=(50, 100), runs=(50, 100, 200), sample_seeds=range(20),
                      target: float = 0.95, confidence: float = 0.95) -> dict:
    lab = np.asarray(labels_in_order, dtype=np.int64)
    total, relevant = len(lab), int(lab.sum())
    out = {"test": {}, "in_a_row": {}}
    for start in starts:
        t = first_run_of(lab, start)
        r_al = int(lab[:t].sum())
        urn = lab[t:]
        rows = []
        for seed in sample_seeds:
            drawn = urn[np.random.RandomState(seed).permutation(len(urn))]
            n = first_stop(r_al, drawn, target, confidence)
            found = r_al + int(drawn[:n].sum())
            rows.append({"recall": found / relevant, "saved": 1 - (t + n) / total, "sample": n, "start": t})
        out["test"][start] = rows
    for run in runs:
        t = first_run_of(lab, run)
        out["in_a_row"][run] = {"recall": float(lab[:t].sum() / relevant), "saved": 1 - t / total, "screened": t}
    return out
