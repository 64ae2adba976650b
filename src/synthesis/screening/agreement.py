"""Agreement between reviewers at a stage: percent agreement and Cohen's kappa, for all records or a pilot.

Only records that *both* reviewers decided count (their standing decisions; resolutions are not votes).
The categories are the decisions themselves (``include``, ``exclude``, ``maybe``).

Cohen's kappa is (p_o - p_e) / (1 - p_e): observed agreement p_o against the agreement p_e expected from
each reviewer's own rates. When p_e is 1 (both reviewers used a single identical category) kappa is
undefined and reported as NaN, as scikit-learn does.

Examples
--------
>>> cohen_kappa(["include", "exclude", "exclude", "include"], ["include", "exclude", "include", "include"])
0.5
"""
from __future__ import annotations

import itertools
import math

import pandas as pd

from .log import LogReading, current_decisions, read_logs
from .settings import STAGES, ReviewSettings, ScreeningError


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two equally long label sequences (NaN when undefined)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError("the two reviewers' decision lists differ in length")
    n = len(a)
    if n == 0:
        return math.nan
    cats = sorted(set(a) | set(b))
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    if p_e == 1:
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def _current(decisions, settings, keys):
    if isinstance(decisions, (str, bytes)) or hasattr(decisions, "joinpath"):
        decisions = read_logs(decisions, settings)
    entries = decisions.entries if isinstance(decisions, LogReading) else list(decisions)
    return current_decisions(entries, keys=keys)


def paired_decisions(decisions, stage: str = "title_abstract", reviewers=None, keys=None,
                     settings: ReviewSettings | None = None) -> pd.DataFrame:
    """A table of records (rows) by reviewers (columns) with each standing decision at a stage."""
    if stage not in STAGES:
        raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    cur = _current(decisions, settings, keys)
    cur = cur[(cur["stage"] == stage) & ~cur["resolution"].astype(bool)]
    table = cur.pivot(index="key", columns="reviewer", values="decision") if len(cur) else pd.DataFrame()
    if reviewers is not None:
        table = table.reindex(columns=list(reviewers))
    return table


def agreement(decisions, stage: str = "title_abstract", reviewers=None, keys=None, pilot=None,
              settings: ReviewSettings | None = None) -> pd.DataFrame:
    """Percent agreement and Cohen's kappa for every pair of reviewers at a stage.

    Parameters
    ----------
    decisions : LogReading, folder, or list of Decision
    stage : {"title_abstract", "full_text"}
    reviewers : list of str, optional
        Which reviewers to pair (default: everyone with a decision at the stage).
    keys : iterable of str, optional
        The unit table's keys; decisions for other records are left out.
    pilot : iterable of str, optional
        Restrict to a calibration subset of records (e.g. ``settings.pilot``).

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``reviewer_a``, ``reviewer_b``, ``n`` (records both decided), ``agreed``,
        ``percent_agreement`` (0-100), ``kappa``, ``subset`` (``"all"`` or ``"pilot"``).
    """
    table = paired_decisions(decisions, stage, reviewers, keys, settings)
    if pilot is not None:
        table = table[table.index.isin(set(map(str, pilot)))]
    rows = []
    for ra, rb in itertools.combinations(list(table.columns), 2):
        both = table[[ra, rb]].dropna()
        n = len(both)
        agreed = int((both[ra] == both[rb]).sum())
        rows.append({"stage": stage, "subset": "pilot" if pilot is not None else "all", "reviewer_a": ra,
                     "reviewer_b": rb, "n": n, "agreed": agreed,
                     "percent_agreement": 100.0 * agreed / n if n else math.nan,
                     "kappa": cohen_kappa(both[ra], both[rb]) if n else math.nan})
    return pd.DataFrame(rows, columns=["stage", "subset", "reviewer_a", "reviewer_b", "n", "agreed",
                                       "percent_agreement", "kappa"])


def conflict_list(decisions, units: pd.DataFrame, stage: str = "title_abstract",
                  settings: ReviewSettings | None = None) -> pd.DataFrame:
    """The records where reviewers disagree and no resolution is logged, with each reviewer's decision."""
    from .status import conflicts, screening_status

    status = conflicts(screening_status(decisions, units, stage, settings))
    info = units.set_index(units["group_id"].astype(str))
    status.insert(1, "title", [info.at[k, "title"] for k in status["group_id"]])
    return status
