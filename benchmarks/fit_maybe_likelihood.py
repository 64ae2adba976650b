"""Refit the maybe-pair likelihood model (synthesis/dedup/likelihood.py) and check its calibration.

Run from the project root::

    .venv/bin/python benchmarks/fit_maybe_likelihood.py           # leave-one-set-out check only
    .venv/bin/python benchmarks/fit_maybe_likelihood.py --write   # also rewrite the fitted block
    .venv/bin/python benchmarks/fit_maybe_likelihood.py --signed  # agreements only raise, disagreements lower

Before shipping a refit, compare the maybe lists it gives with ``bench_dedup.py`` (benchmarks/README.md,
session 28: a refit on today's pairs ranked worse than the shipped coefficients, which were kept).

The pairs are the open ``maybe`` pairs (records in different groups, not merged automatically) of the
labelled sets in ../shared/data/dedup, found with no likelihood floor; the answer comes from each set's key.
Pairs a rule already decides (a generic title with different DOIs, issues or pages: likelihood 0) are left
out. The model is scikit-learn's ``LogisticRegression`` on :func:`synthesis.dedup.likelihood.pair_features`;
with ``--signed`` it is a logistic regression whose weights are held to the sign :data:`SIGNS` gives each
feature (an agreement can only raise the likelihood, a disagreement only lower it; some features left out),
fitted with scipy's bounded L-BFGS-B, its L2 penalty chosen by the held-out log loss of leaving one set out.
``ONE_PLACE``, the least likelihood of a pair whose records stand at one place in a volume
(:func:`~synthesis.dedup.likelihood.one_place`), is the share of such pairs that were duplicates, with one
duplicate and one distinct pair added (Laplace's rule of succession: a handful of pairs does not make it
certain).

Calibration is checked leave one set out: for each labelled set, a model fitted on the other sets predicts
its pairs. Printed: per set the pairs, real duplicates, Brier score (mean squared error of the probability;
0 is perfect, always saying the base rate scores its variance), and the pairs and real duplicates above the
default floor, and the maybe list the held-out model gives (maybe pairs per 100 records, sensitivity once a
perfect reviewer decided it, also less the duplicates only a rule keeps apart, real duplicates in its first
half); then the reliability table over all held-out predictions (per band of predicted probability:
pairs, mean prediction, share that were real duplicates), and what each likelihood floor would hide of those
predictions (:func:`floor_table`): the default floor (``DecisionRules.maybe_floor``) is the highest that hides
at most one real duplicate there (:func:`choose_floor`). The coefficients written are fitted on all sets.
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synthesis.dedup import DecisionRules, deduplicate  # noqa: E402
from synthesis.dedup import likelihood as model  # noqa: E402
from synthesis.dedup.evaluate import LABELLED_SETS, load_labelled_set  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dedup"
MODULE = ROOT / "src" / "synthesis" / "dedup" / "likelihood.py"
C = 1.0  # scikit-learn's default regularisation; not tuned


def open_pairs(name: str) -> pd.DataFrame:
    records, truth = load_labelled_set(DATA / name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(records, rules=DecisionRules(maybe_floor=0.0))
    entity = dict(zip(records["record_id"], truth))
    pairs = result.pairs
    pairs = pairs[(pairs["decision"] == "maybe") & (pairs["group_id_1"] != pairs["group_id_2"])].copy()
    pairs["truth"] = [entity[a] == entity[b] for a, b in zip(pairs["record_id_1"], pairs["record_id_2"])]
    pairs = pairs[~model.two_items(pairs)]  # likelihood 0 by rule: not the model's to learn
    pairs["set"] = name
    pairs["records"] = len(records)
    return pairs


def one_place_share(pairs: pd.DataFrame) -> float:
    """The likelihood of a pair at one place: the share that were duplicates, one of each kind added."""
    placed = pairs[model.one_place(pairs)]
    return round((int(placed["truth"].sum()) + 1) / (len(placed) + 2), 4)


def held_out_list(name: str, coefficients: dict, intercept: float, one_place: float) -> dict:
    """The maybe list of a set with a model fitted without it (the shipped constants swapped meanwhile)."""
    from synthesis.dedup.evaluate import maybe_list_quality

    records, truth = load_labelled_set(DATA / name)
    saved = model.COEFFICIENTS, model.INTERCEPT, model.ONE_PLACE
    model.COEFFICIENTS, model.INTERCEPT, model.ONE_PLACE = coefficients, intercept, one_place
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return maybe_list_quality(records, truth, deduplicate(records))
    finally:
        model.COEFFICIENTS, model.INTERCEPT, model.ONE_PLACE = saved


FLOORS = (0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1)
#: How each feature may move the likelihood in the sign-constrained fit (``--signed``): "+" an agreement, which
#: can only raise it; "-" a disagreement, which can only lower it; "free" a flag standing in for an empty field
#: (whose similarity is 0 then) or for a generic title (whose similarity is left out); "out" left out, a near
#: copy of another feature (the title's words, the journal's similarity) or one with nothing to say apart from
#: the others (an issue alike, an abstract's similarity: one abstract is printed in two places).
SIGNS = {"title": "+", "title_95": "+", "title_low": "out", "title_far": "-", "title_missing": "free",
         "words": "out", "authors": "+", "authors_missing": "free", "authors_low": "-", "first_same": "+",
         "journal": "out", "journal_same": "+", "journal_diff": "-", "abstract": "out", "abstract_missing": "out",
         "year_same": "+", "year_far": "-", "doi_same": "+", "doi_diff": "-", "pmid_same": "+", "pmid_diff": "-",
         "volume_same": "+", "volume_diff": "-", "issue_same": "out", "issue_diff": "-", "page_same": "+",
         "page_diff": "-", "numbers_differ": "-", "kind_differs": "-", "conference_differs": "out", "generic": "free"}
#: The L2 penalties (per pair, on the mean log loss) tried for the signed fit.
PENALTIES = (0.001, 0.002, 0.003, 0.005, 0.01, 0.03)


def bounded_logistic(x: np.ndarray, y: np.ndarray, penalty: float, lower, upper) -> tuple[np.ndarray, float]:
    """A logistic regression whose weights stay within ``lower``/``upper`` (``None``: unbounded); L2 penalty on
    the weights, not the intercept. Returns ``(weights, intercept)``."""
    from scipy.optimize import minimize

    y = np.asarray(y, dtype=float)
    k = x.shape[1]

    def loss(theta):
        z = x @ theta[:k] + theta[k]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
        value = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * penalty * theta[:k] @ theta[:k]
        gradient = np.append(x.T @ (p - y) / len(y) + penalty * theta[:k], np.mean(p - y))
        return value, gradient

    result = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B",
                      bounds=list(zip(lower, upper)) + [(None, None)], options={"maxiter": 5000})
    return result.x[:k], float(result.x[k])


def fit_signed(pairs: pd.DataFrame, penalty: float):
    """The model fitted with each weight held to its sign in :data:`SIGNS`."""
    lower = [0.0 if SIGNS[f] in ("+", "out") else None for f in model.FEATURES]
    upper = [0.0 if SIGNS[f] in ("-", "out") else None for f in model.FEATURES]
    weights, intercept = bounded_logistic(model.pair_features(pairs), pairs["truth"].to_numpy(), penalty, lower, upper)
    return dict(zip(model.FEATURES, (round(float(c), 4) + 0.0 for c in weights))), round(intercept, 4)


def held_out_log_loss(held_out: pd.DataFrame) -> float:
    """Mean log loss of held-out predictions over the pairs of groups a person would be shown, less rule-kept."""
    shown = one_per_pair_of_groups(held_out)
    shown = shown[~shown["rule_kept"].astype(bool)]
    p, y = np.clip(shown["prob"].to_numpy(), 1e-6, 1 - 1e-6), shown["truth"].to_numpy(dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def choose_penalty(sets: dict) -> tuple[float, pd.DataFrame]:
    """The penalty of the signed fit whose leave-one-set-out predictions have the least log loss."""
    rows = [{"penalty": lam, "held-out log loss": round(held_out_log_loss(
        leave_one_set_out(sets, lambda pairs, lam=lam: fit_signed(pairs, lam))), 4)} for lam in PENALTIES]
    table = pd.DataFrame(rows)
    return float(table.loc[table["held-out log loss"].idxmin(), "penalty"]), table


def one_per_pair_of_groups(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pair a person is shown for each pair of groups, as the maybe list picks it: a rule-kept one first,
    then the most likely (column ``prob``)."""
    lo = np.minimum(pairs["group_id_1"], pairs["group_id_2"])
    hi = np.maximum(pairs["group_id_1"], pairs["group_id_2"])
    shown = pairs.assign(_lo=lo, _hi=hi).sort_values(["rule_kept", "prob"], ascending=False, kind="mergesort")
    return shown.drop_duplicates(["set", "_lo", "_hi"]).drop(columns=["_lo", "_hi"])


def floor_table(held_out: pd.DataFrame, floors=FLOORS) -> pd.DataFrame:
    """What each likelihood floor hides of held-out predictions: per floor the pairs of groups listed (rule-kept
    ones always are), the real duplicates among the pairs not kept by a rule, and how many of those it hides."""
    shown = one_per_pair_of_groups(held_out)
    free = shown[~shown["rule_kept"].astype(bool)]
    rows = [{"floor": f, "listed": int(((shown["prob"] >= f) | shown["rule_kept"].astype(bool)).sum()),
             "real": int(free["truth"].sum()), "real hidden": int(free.loc[free["prob"] < f, "truth"].sum()),
             "pairs hidden": int((free["prob"] < f).sum())} for f in floors]
    return pd.DataFrame(rows)


def choose_floor(table: pd.DataFrame, hide_at_most: int = 1) -> float:
    """The highest floor that hides at most ``hide_at_most`` real duplicates (a floor hides more as it rises)."""
    ok = table[table["real hidden"] <= hide_at_most]
    return float(ok["floor"].max()) if len(ok) else float(table["floor"].min())


def leave_one_set_out(sets: dict, fitter=None) -> pd.DataFrame:
    """Every set's open pairs with ``prob``, the likelihood a model fitted on the other sets gives them
    (``fitter``: :func:`fit` unless given)."""
    fitter = fitter or fit
    held_out = []
    for name, pairs in sets.items():
        train = pd.concat([p for n, p in sets.items() if n != name])
        coefficients, intercept = fitter(train)
        saved, model.ONE_PLACE = model.ONE_PLACE, one_place_share(train)
        try:
            held_out.append(pairs.assign(prob=model.duplicate_likelihood(pairs, coefficients, intercept)))
        finally:
            model.ONE_PLACE = saved
    return pd.concat(held_out)


def fit(pairs: pd.DataFrame):
    from sklearn.linear_model import LogisticRegression

    x = model.pair_features(pairs)
    lr = LogisticRegression(C=C, max_iter=5000).fit(x, pairs["truth"].to_numpy())
    return dict(zip(model.FEATURES, (round(float(c), 4) for c in lr.coef_[0]))), round(float(lr.intercept_[0]), 4)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the fitted block of likelihood.py")
    parser.add_argument("--signed", action="store_true", help="hold each weight to its sign (SIGNS), the penalty "
                                                              "chosen by leaving one set out")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no labelled sets at {DATA}", file=sys.stderr)
        return 1
    sets = {name: open_pairs(name) for name in LABELLED_SETS}
    floor = DecisionRules().maybe_floor
    fitter = fit
    if args.signed:
        penalty, table = choose_penalty(sets)
        print(f"Signed fit: the penalty with the least held-out log loss is {penalty}")
        print(table.to_string(index=False) + "\n")
        fitter = lambda pairs: fit_signed(pairs, penalty)  # noqa: E731
    held_out = []
    rows = []
    for name, pairs in sets.items():
        train = pd.concat([p for n, p in sets.items() if n != name])
        coefficients, intercept = fitter(train)
        one_place = one_place_share(train)
        saved, model.ONE_PLACE = model.ONE_PLACE, one_place
        try:
            prob = model.duplicate_likelihood(pairs, coefficients, intercept)
        finally:
            model.ONE_PLACE = saved
        pairs = pairs.assign(prob=prob)
        held_out.append(pairs)
        above = pairs[pairs["prob"] >= floor]
        list_quality = held_out_list(name, coefficients, intercept, one_place)
        rows.append({"held-out set": name, "pairs": len(pairs), "real": int(pairs["truth"].sum()),
                     "Brier": round(float(np.mean((prob - pairs["truth"]) ** 2)), 4) if len(pairs) else None,
                     "Brier of base rate": round(float(pairs["truth"].mean() * (1 - pairs["truth"].mean())), 4)
                     if len(pairs) else None,
                     f"pairs >= {floor}": len(above), f"real >= {floor}": int(above["truth"].sum()),
                     "maybe/100": round(list_quality["maybe_per_100"], 2),
                     "sens. w/ maybe": round(list_quality["with_maybe"]["sensitivity"], 4),
                     "less rules": round(list_quality["sensitivity_with_maybe_less_rules"], 4),
                     "1st half": f"{list_quality['first_half']}/{list_quality['real']}"})
    print("Leave one set out (each set predicted by a model fitted on the others)")
    print(pd.DataFrame(rows).to_string(index=False))
    everything = pd.concat(held_out)
    bands = pd.cut(everything["prob"], [0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0], include_lowest=True)
    table = everything.groupby(bands, observed=True).agg(pairs=("truth", "size"), mean_predicted=("prob", "mean"),
                                                          share_real=("truth", "mean"))
    print("\nReliability of the held-out predictions")
    print(table.round(3).to_string())
    print(f"Brier over all held-out pairs: {np.mean((everything['prob'] - everything['truth']) ** 2):.4f}")
    table = floor_table(everything)
    print(f"\nWhat each floor hides of the held-out predictions (one pair per pair of groups; floor now {floor},"
          f" the highest that hides at most one real duplicate: {choose_floor(table)})")
    print(table.to_string(index=False))

    everything = pd.concat(sets.values())
    coefficients, intercept = fitter(everything)
    block = ("# --- fitted by benchmarks/fit_maybe_likelihood.py (do not edit by hand) ---\n"
             "COEFFICIENTS = {\n" + "".join(f"    {k!r}: {v},\n" for k, v in coefficients.items()) + "}\n"
             f"INTERCEPT = {intercept}\nONE_PLACE = {one_place_share(everything)}\n"
             "# --- end of fitted block ---\n")
    print("\nFitted on all sets:\n" + block)
    if args.write:
        text = MODULE.read_text()
        text = re.sub(r"# --- fitted by .*?# --- end of fitted block ---\n", lambda _: block, text, flags=re.S)
        MODULE.write_text(text)
        print(f"written to {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
