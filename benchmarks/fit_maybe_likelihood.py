"""Refit the maybe-pair likelihood model (synthesis/dedup/likelihood.py) and check its calibration.

Run from the project root::

    .venv/bin/python benchmarks/fit_maybe_likelihood.py           # leave-one-set-out check only
    .venv/bin/python benchmarks/fit_maybe_likelihood.py --write   # also rewrite the fitted block

Before shipping a refit, compare the maybe lists it gives with ``bench_dedup.py`` (benchmarks/README.md,
session 28: a refit on today's pairs ranked worse than the shipped coefficients, which were kept).

The pairs are the open ``maybe`` pairs (records in different groups, not merged automatically) of the
labelled sets in ../shared/data/dedup, found with no likelihood floor; the answer comes from each set's key.
Pairs a rule already decides (a generic title with different DOIs, issues or pages: likelihood 0) are left
out. The model is scikit-learn's ``LogisticRegression`` on :func:`synthesis.dedup.likelihood.pair_features`.
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


def leave_one_set_out(sets: dict) -> pd.DataFrame:
    """Every set's open pairs with ``prob``, the likelihood a model fitted on the other sets gives them."""
    held_out = []
    for name, pairs in sets.items():
        train = pd.concat([p for n, p in sets.items() if n != name])
        coefficients, intercept = fit(train)
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
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no labelled sets at {DATA}", file=sys.stderr)
        return 1
    sets = {name: open_pairs(name) for name in LABELLED_SETS}
    floor = DecisionRules().maybe_floor
    held_out = []
    rows = []
    for name, pairs in sets.items():
        train = pd.concat([p for n, p in sets.items() if n != name])
        coefficients, intercept = fit(train)
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
    coefficients, intercept = fit(everything)
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
