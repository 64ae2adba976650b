"""Deduplication against the labelled sets in ../shared/data/dedup: no false merges, sensitivity floors.

The floors are the sensitivities measured by benchmarks/bench_dedup.py (rounded down), so a change that
loses duplicates fails here; zero false merges is asserted on every set.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from synthesis.dedup import DecisionRules, deduplicate
from synthesis.dedup.evaluate import accuracy, load_labelled_set

# set -> sensitivity floor of the automatic tier (measured: see the benchmark's table). Lower than before the
# locator rules (0.999, 0.99, 0.85, 0.99): copies of one article whose databases disagree on the issue or first
# page within one journal volume, or that share a generic title without issue and page, are now maybe pairs.
FLOORS = {
    "asysd_diabetes": 0.994,
    "rathbone_cytology": 0.98,
    "rathbone_haematology": 0.82,
    "rathbone_stroke": 0.985,
    "special_cases": 1.0,
}


def _run(folder, **kwargs):
    records, truth = load_labelled_set(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return records, truth, deduplicate(records, **kwargs)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_false_merges_and_sensitivity_floor(shared_data, name):
    folder = shared_data / "dedup" / name
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    records, truth, result = _run(folder)
    acc = accuracy(result.groups["group_id"], truth)
    assert acc["FP"] == 0, f"{name}: {acc['FP']} false merges"
    assert acc["sensitivity"] >= FLOORS[name], acc
    # nothing lost: every input record is in the groups table once, in order
    assert result.groups["record_id"].tolist() == records["record_id"].tolist()
    assert result.library["n_members"].sum() == len(records)


@pytest.mark.parametrize("name", ["rathbone_stroke", "special_cases"])
def test_maybe_pairs_cover_the_rest(shared_data, name):
    """Counting the maybe pairs as found (a perfect reviewer's verdicts), sensitivity reaches 0.99."""
    folder = shared_data / "dedup" / name
    records, truth, result = _run(folder)
    entity = dict(zip(records["record_id"], truth))
    maybe = result.pairs[result.pairs["decision"] == "maybe"]
    verdicts = pd.DataFrame({"record_id_1": maybe["record_id_1"], "record_id_2": maybe["record_id_2"],
                             "verdict": ["duplicate" if entity[a] == entity[b] else "not_duplicate"
                                         for a, b in zip(maybe["record_id_1"], maybe["record_id_2"])]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reviewed = deduplicate(records, verdicts=verdicts)
    acc = accuracy(reviewed.groups["group_id"], truth)
    assert acc["FP"] == 0
    assert acc["sensitivity"] >= 0.99


def test_special_cases_maybe_pair(shared_data):
    """The hand-made hard case listed in maybe_pairs.csv (same title, different DOIs) is a maybe, not merged."""
    folder = shared_data / "dedup" / "special_cases"
    records, truth, result = _run(folder)
    expected = pd.read_csv(folder / "maybe_pairs.csv")
    ids = dict(zip(records["source_id"], records["record_id"]))
    group = dict(zip(result.groups["record_id"], result.groups["group_id"]))
    maybe = {tuple(sorted(p)) for p in zip(result.maybe_pairs["record_id_1"], result.maybe_pairs["record_id_2"])}
    for case in expected["case"].unique():
        a, b = (ids[x] for x in case.split(";"))
        assert group[a] != group[b], f"{case} merged automatically"
        assert tuple(sorted((a, b))) in maybe, f"{case} not offered as a maybe pair"
    # the conference paper (2003) is kept apart from the journal article (2004)
    conf = result.groups.loc[records["source_id"] == "id_0000012", "group_id"].item()
    journal = result.groups.loc[records["source_id"] == "id_0000007", "group_id"].item()
    assert conf != journal


def test_second_process_gives_the_same_result(shared_data):
    """Preparing and blocking half the records in a forked helper process changes nothing."""
    import numpy as np

    from synthesis.dedup.block import candidate_pairs
    from synthesis.dedup.parallel import can_fork
    from synthesis.dedup.prep import prepare_columns

    folder = shared_data / "dedup" / "rathbone_stroke"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    if not can_fork():
        pytest.skip("no fork on this platform (the helper process is Linux-only)")
    records, _ = load_labelled_set(folder)
    alone, helped = prepare_columns(records), prepare_columns(records, parallel=True)
    assert alone.keys() == helped.keys()
    for name in alone:
        assert alone[name].dtype == helped[name].dtype and np.array_equal(alone[name], helped[name]), name
    assert np.array_equal(candidate_pairs(alone), candidate_pairs(alone, parallel=True))


def test_recurring_titles_never_merge_across_items():
    """A journal's recurring columns in every issue for 20 years, from two databases: no false merge."""
    from synthesis.dedup.evaluate import recurring_title_set

    records, truth = recurring_title_set()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = deduplicate(records)
    messages = " ".join(str(w.message) for w in caught)
    assert "recurring or generic titles" in messages and "issue number in the volume field" in messages
    acc = accuracy(result.groups["group_id"], truth)
    assert acc["FP"] == 0, acc
    # the same item from both databases is still found when its DOI, or its issue and pages, agree
    assert acc["sensitivity"] >= 0.8, acc
    # no group holds two issues or two first pages of one volume
    table = records.assign(group=result.groups["group_id"].to_numpy())
    both = table[(table["issue"] != "") & (table["volume"] != "")]
    assert (both.groupby(["group", "volume"])["issue"].nunique() <= 1).all()
    # the maybe list is short, and with it decided every copy is found, still without a false merge
    from synthesis.dedup.evaluate import maybe_list_quality

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quality = maybe_list_quality(records, truth, result)
    assert quality["maybe_per_100"] <= 5, quality
    assert quality["with_maybe"]["FP"] == 0 and quality["with_maybe"]["sensitivity"] >= 0.98, quality
    assert quality["first_half_share"] >= min(0.9, quality["first_half_best"]), quality


# Share of the real duplicates of the maybe list found in its first half. The target is 0.9, or the best
# possible share where more than half the list is real (then not all of them fit in its first half).
# rathbone_haematology misses it: five of its 27 real pairs are trial-registry records of one sponsor
# ("Open Label Controlled Trial of Eculizumab in Adult/Adolescent Patients With Plasma Therapy-Sensitive/
# Resistant aHUS", no journal or pages) that the set labels as one study, while a pair of the same kind
# (paediatric against adult patients) is labelled distinct: nothing in the fields tells them apart.
FIRST_HALF = {"asysd_diabetes": 0.9, "rathbone_cytology": 0.9, "rathbone_haematology": 0.8,
              "rathbone_stroke": 0.9}


@pytest.mark.parametrize("name", sorted(FIRST_HALF))
def test_maybe_list_short_ranked_and_complete(shared_data, name):
    """At most 5 maybe pairs per 100 records; with them decided, sensitivity 0.98 (less the pairs only a rule
    keeps apart); the real duplicates near the top; no false merge after the review either."""
    from synthesis.dedup.evaluate import maybe_list_quality

    folder = shared_data / "dedup" / name
    records, truth, result = _run(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quality = maybe_list_quality(records, truth, result)
    assert quality["maybe_per_100"] <= 5, quality
    assert quality["with_maybe"]["FP"] == 0
    assert quality["sensitivity_with_maybe_less_rules"] >= 0.98, quality
    assert quality["first_half_share"] >= min(FIRST_HALF[name], quality["first_half_best"]), quality
    # the pairs only a rule kept apart first, then the rest most likely first, none of them under the floor
    kept = result.maybe_pairs["rule_kept"].to_numpy(dtype=bool)
    assert not (~kept[:-1] & kept[1:]).any(), "a rule-kept pair below one that is not"
    for block in (kept, ~kept):
        likelihood = result.maybe_pairs["likelihood"].to_numpy()[block]
        assert (likelihood[:-1] >= likelihood[1:]).all()
    assert (result.maybe_pairs["likelihood"].to_numpy()[~kept] >= DecisionRules().maybe_floor).all()
    assert result.maybe_pairs["reason"].str.len().gt(0).all()


def test_rule_kept_pairs_are_real_duplicates(shared_data):
    """The pairs that head the list because only a never-merge rule kept them apart are nearly all real
    duplicates on the labelled sets (measured: 22 of 22), which is why they come first."""
    real = total = 0
    for name in ("asysd_diabetes", "rathbone_cytology", "rathbone_haematology", "rathbone_stroke"):
        records, truth, result = _run(shared_data / "dedup" / name)
        entity = dict(zip(records["record_id"], truth))
        kept = result.maybe_pairs[result.maybe_pairs["rule_kept"].astype(bool)]
        real += sum(entity[a] == entity[b] for a, b in zip(kept["record_id_1"], kept["record_id_2"]))
        total += len(kept)
    assert total >= 10 and real >= 0.9 * total, (real, total)


def test_likelihood_calibrated_on_sets_it_was_not_fitted_on(shared_data):
    """Leave one set out: a model fitted on the other sets beats the base rate's Brier score on each set."""
    import sys

    import numpy as np

    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        import fit_maybe_likelihood as fit
    finally:
        sys.path.remove(str(bench))
    from synthesis.dedup import likelihood as model

    sets = {n: fit.open_pairs(n) for n in ("asysd_diabetes", "rathbone_cytology", "rathbone_haematology",
                                           "rathbone_stroke")}
    for name, pairs in sets.items():
        coefficients, intercept = fit.fit(pd.concat([p for n, p in sets.items() if n != name]))
        prob = model.duplicate_likelihood(pairs, coefficients, intercept)
        truth = pairs["truth"].to_numpy()
        brier = np.mean((prob - truth) ** 2)
        assert brier < truth.mean() * (1 - truth.mean()), (name, brier)
        # the pairs it calls likely are mostly duplicates, the unlikely ones rarely
        assert truth[prob >= 0.8].mean() >= 0.7 and truth[prob < 0.05].mean() <= 0.05, name


def test_the_default_floor_hides_at_most_one_real_duplicate_of_a_set_the_model_was_not_fitted_on(shared_data):
    """Leave one set out, a floor of 0.05 hid 7 of the 34 real duplicates among the open pairs of the shared sets
    (six in rathbone_haematology, between 0.03 and 0.05): the default floor hides at most one."""
    from synthesis.dedup.evaluate import LABELLED_SETS

    fit = _fit_script()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        held_out = fit.leave_one_set_out({n: fit.open_pairs(n) for n in LABELLED_SETS})
    table = fit.floor_table(held_out, floors=(DecisionRules().maybe_floor,))
    assert table["real"].iloc[0] >= 30 and table["real hidden"].iloc[0] <= 1, table


def test_the_signed_fit_holds_each_weight_to_its_sign():
    """An agreement that goes with distinct pairs in the data (a DOI shared by a supplement's abstracts) gets
    weight 0, not a negative one; a free feature keeps the sign the data give it."""
    import numpy as np

    fit = _fit_script()
    rng = np.random.default_rng(1)
    x = rng.integers(0, 2, size=(400, 3)).astype(float)
    z = 2.0 * x[:, 0] - 1.5 * x[:, 1] - 1.0 * x[:, 2] - 0.5
    y = rng.random(400) < 1 / (1 + np.exp(-z))
    free, _ = fit.bounded_logistic(x, y, 0.001, [None] * 3, [None] * 3)
    assert free[0] > 1 and free[1] < -1 and free[2] < -0.5
    # the second and third held to be agreements (>= 0), the third also left out (0, 0)
    held, _ = fit.bounded_logistic(x, y, 0.001, [None, 0.0, 0.0], [None, None, 0.0])
    assert held[0] > 1 and held[1] == 0 and held[2] == 0
    assert set(fit.SIGNS) == set(fit.model.FEATURES)


def _fit_script():
    """``benchmarks/fit_maybe_likelihood.py`` as a module."""
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        import fit_maybe_likelihood
    finally:
        sys.path.remove(str(bench))
    return fit_maybe_likelihood


@pytest.mark.parametrize("name", ["asysd_diabetes", "rathbone_cytology", "rathbone_haematology"])
def test_a_new_round_gives_the_groups_of_a_run_from_scratch(shared_data, name):
    """The last fifth of a set arrives as a new round: run against the earlier groups (``previous=``), the groups
    are those of a run from scratch over everything, and every earlier group keeps its id."""
    folder = shared_data / "dedup" / name
    records, truth = load_labelled_set(folder)
    earlier = records.iloc[: int(len(records) * 0.8)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = deduplicate(earlier)
        incremental = deduplicate(records, previous=first.groups)
        scratch = deduplicate(records)
    assert incremental.groups["group_id"].tolist() == scratch.groups["group_id"].tolist()
    before = dict(zip(first.groups["record_id"], first.groups["group_id"]))
    after = dict(zip(incremental.groups["record_id"], incremental.groups["group_id"]))
    assert all(after[r] == g for r, g in before.items())
