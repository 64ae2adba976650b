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

from ..wording import counted
from .log import LogReading, current_decisions, read_logs
from .settings import STAGE_LABELS, STAGES, ScreeningSettings, ScreeningError


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
                     settings: ScreeningSettings | None = None) -> pd.DataFrame:
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
              settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """Percent agreement and Cohen's kappa for every pair of reviewers at a stage.

    Parameters
    ----------
    decisions : LogReading, folder, or list of Decision
    stage : {"title_abstract", "full_text"}
    reviewers : list of str, optional
        Which reviewers to pair (default: everyone with a decision at the stage).
    keys : iterable of str, optional
        The unit table's keys; decisions for other records are left out.
    pilot : iterable of str or False, optional
        Restrict to a calibration subset of records. By default, when ``settings`` name a pilot
        (``settings.pilot``), its rows follow those of the whole stage (as ``synthesis screening status`` and the
        build report them); ``False``: the whole stage only.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``reviewer_a``, ``reviewer_b``, ``n`` (records both decided), ``agreed``,
        ``percent_agreement`` (0-100), ``kappa``, ``subset`` (``"all"`` or ``"pilot"``).
    """
    if pilot is None and settings is not None and settings.pilot:
        return pd.concat([agreement(decisions, stage, reviewers, keys, False, settings),
                          agreement(decisions, stage, reviewers, keys, settings.pilot, settings)], ignore_index=True)
    table = paired_decisions(decisions, stage, reviewers, keys, settings)
    if pilot is not None and pilot is not False:
        table = table[table.index.isin(set(map(str, pilot)))]
    rows = []
    for ra, rb in itertools.combinations(list(table.columns), 2):
        both = table[[ra, rb]].dropna()
        n = len(both)
        agreed = int((both[ra] == both[rb]).sum())
        rows.append({"stage": stage, "subset": "all" if pilot is None or pilot is False else "pilot", "reviewer_a": ra,
                     "reviewer_b": rb, "n": n, "agreed": agreed,
                     "percent_agreement": 100.0 * agreed / n if n else math.nan,
                     "kappa": cohen_kappa(both[ra], both[rb]) if n else math.nan})
    return pd.DataFrame(rows, columns=["stage", "subset", "reviewer_a", "reviewer_b", "n", "agreed",
                                       "percent_agreement", "kappa"])


def agreement_waits_for(decisions, stage: str = "title_abstract", keys=None,
                        settings: ScreeningSettings | None = None) -> str:
    """Why no agreement can be measured yet at a stage, in one sentence; ``""`` once two reviewers have decided
    the same record (and :func:`agreement` has a number to show).

    A notebook shows this in place of the empty table (a bare "Empty DataFrame" until a second reviewer decided).
    Arguments as for :func:`agreement`.

    >>> from synthesis.screening.log import Decision
    >>> agreement_waits_for([Decision("g1", "title_abstract", "include", "Ann"),
    ...                      Decision("g2", "title_abstract", "exclude", "Ann")])
    "Agreement at title/abstract needs two reviewers' decisions on the same records; so far only Ann has decided (2 records)."
    """
    table = paired_decisions(decisions, stage, keys=keys, settings=settings)
    if len(table) and int((table.notna().sum(axis=1) >= 2).sum()):
        return ""
    decided = {str(c): int(table[c].notna().sum()) for c in table.columns} if len(table) else {}
    decided = {who: n for who, n in decided.items() if n}
    if not decided:
        so_far = "nobody has decided any yet"
    elif len(decided) == 1:
        (who, n), = decided.items()
        so_far = f"so far only {who} has decided ({counted(n, 'record')})"
    else:
        names = list(decided)
        so_far = f"so far {', '.join(names[:-1])} and {names[-1]} have decided, but no record in common"
    return (f"Agreement at {STAGE_LABELS.get(stage, stage)} needs two reviewers' decisions on the same records; "
            f"{so_far}.")


def conflict_list(decisions, units: pd.DataFrame, stage: str = "title_abstract",
                  settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """The records where reviewers disagree and no resolution is logged, with each reviewer's decision."""
    from .status import conflicts, screening_status

    status = conflicts(screening_status(decisions, units, stage, settings))
    info = units.set_index(units["group_id"].astype(str))
    status.insert(1, "title", [info.at[k, "title"] for k in status["group_id"]])
    return status


# ---------------------------------------------------------------------------------------------- teams
# Agreement among any number of reviewers, each record rated by some of them (missing ratings allowed).
# All three start from the same table: for record i and category c, r_ic = reviewers who chose c.

def _rating_counts(ratings):
    """(counts array records x categories, category list) from a records x reviewers table (None/NaN = missing)."""
    import numpy as np

    rows = [[v for v in row if v is not None and not (isinstance(v, float) and math.isnan(v))]
            for row in (ratings.itertuples(index=False) if isinstance(ratings, pd.DataFrame) else ratings)]
    cats = sorted({v for row in rows for v in row}, key=str)
    index = {c: j for j, c in enumerate(cats)}
    counts = np.zeros((len(rows), len(cats)))
    for i, row in enumerate(rows):
        for v in row:
            counts[i, index[v]] += 1
    return counts, cats


def _observed_and_shares(counts):
    """Observed agreement over records rated at least twice, and each category's share (Gwet 2014, ch. 2)."""
    import numpy as np

    r = counts.sum(axis=1)
    rated = r >= 1
    pairs = r >= 2
    if not pairs.any():
        return math.nan, None
    c2, r2 = counts[pairs], r[pairs]
    p_a = float(np.mean((c2 * (c2 - 1)).sum(axis=1) / (r2 * (r2 - 1))))
    shares = (counts[rated] / r[rated, None]).mean(axis=0)
    return p_a, shares


def fleiss_kappa(ratings) -> float:
    """Fleiss' kappa for any number of reviewers; records may miss some reviewers' ratings.

    ``ratings`` is a records x reviewers table (DataFrame or list of rows; ``None``/NaN for "did not
    rate"). With every record rated by the same number of reviewers this is Fleiss (1971); with missing
    ratings, Gwet's generalisation (Handbook of Inter-Rater Reliability, 2014): observed agreement over the
    records rated at least twice, category shares averaged over the records rated at least once.

    >>> round(fleiss_kappa([["in", "in"], ["out", "out"], ["in", "out"], ["out", "out"]]), 3)
    0.467
    """
    counts, cats = _rating_counts(ratings)
    if len(cats) == 0:
        return math.nan
    p_a, shares = _observed_and_shares(counts)
    if shares is None:
        return math.nan
    p_e = float((shares ** 2).sum())
    return math.nan if p_e == 1 else (p_a - p_e) / (1 - p_e)


def gwet_ac1(ratings) -> float:
    """Gwet's AC1 for any number of reviewers with missing ratings (Gwet 2008; Handbook, 2014).

    Chance agreement is ``sum(pi_c * (1 - pi_c)) / (q - 1)`` over the q categories used, which keeps AC1
    stable when nearly every record is excluded (where kappa collapses: the "kappa paradox").

    >>> round(gwet_ac1([["in", "in"], ["out", "out"], ["in", "out"], ["out", "out"]]), 3)
    0.529
    """
    counts, cats = _rating_counts(ratings)
    q = len(cats)
    p_a, shares = _observed_and_shares(counts)
    if shares is None:
        return math.nan
    if q < 2:
        return 1.0 if p_a == 1 else math.nan
    p_e = float((shares * (1 - shares)).sum() / (q - 1))
    return (p_a - p_e) / (1 - p_e)


def krippendorff_alpha(ratings) -> float:
    """Krippendorff's alpha, nominal, for any number of reviewers with missing ratings.

    ``1 - D_o / D_e`` from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's alpha"):
    only records rated at least twice count ("pairable" values).

    >>> round(krippendorff_alpha([["in", "in"], ["out", "out"], ["in", "out"], ["out", "out"]]), 3)
    0.533
    """
    import numpy as np

    counts, cats = _rating_counts(ratings)
    m = counts.sum(axis=1)
    counts = counts[m >= 2]
    m = m[m >= 2]
    if not len(counts):
        return math.nan
    # coincidences o_ck = sum_i n_ic (n_ik - [c == k]) / (m_i - 1)
    o = np.einsum("ic,ik,i->ck", counts, counts, 1 / (m - 1)) - np.diag((counts / (m - 1)[:, None]).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    observed = o.sum() - np.trace(o)
    expected = (n * n - (n_c ** 2).sum()) / (n - 1)
    if expected == 0:
        return math.nan
    return float(1 - observed / expected)


def team_agreement(decisions, stage: str = "title_abstract", reviewers=None, keys=None, pilot=None,
                   settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """Agreement of the whole team at a stage: one row with Fleiss' kappa, Krippendorff's alpha, Gwet's AC1.

    Every record decided by at least one reviewer counts (missing ratings are allowed by all three);
    resolutions are not votes. ``n`` is the records rated by at least two reviewers, ``reviewers`` how
    many people rated anything.
    """
    table = paired_decisions(decisions, stage, reviewers, keys, settings)
    if pilot is not None:
        table = table[table.index.isin(set(map(str, pilot)))]
    rows = [list(r) for r in table.itertuples(index=False)] if len(table) else []
    n_pairs = int((table.notna().sum(axis=1) >= 2).sum()) if len(table) else 0
    row = {"stage": stage, "subset": "pilot" if pilot is not None else "all",
           "reviewers": int(table.shape[1]) if len(table) else 0, "n": n_pairs,
           "fleiss_kappa": fleiss_kappa(rows) if rows else math.nan,
           "krippendorff_alpha": krippendorff_alpha(rows) if rows else math.nan,
           "gwet_ac1": gwet_ac1(rows) if rows else math.nan}
    return pd.DataFrame([row])
