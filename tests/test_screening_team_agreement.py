"""Fleiss' kappa, Krippendorff's alpha and Gwet's AC1 against the `krippendorff` package and published examples."""
from __future__ import annotations

import numpy as np
import pytest

from synthesis.screening import DecisionLog, read_logs
from synthesis.screening.agreement import fleiss_kappa, gwet_ac1, krippendorff_alpha, team_agreement

# The worked example of Fleiss' kappa (10 subjects, 14 raters, 5 categories: counts per category), as
# reprinted in the Wikipedia article on Fleiss' kappa: P = 0.378, Pe = 0.213, kappa = 0.210.
FLEISS_EXAMPLE = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                  [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
# Gwet's irrCAC package, dataset cont3x3abstractors (two abstractors, 100 records) and its published results:
# Gwet's AC1 0.8493305, Krippendorff's alpha 0.7972585, Scott's pi (= Fleiss' kappa with 2 raters) 0.7962397.
ABSTRACTORS = {("Ectopic", "Ectopic"): 13, ("AIU", "AIU"): 20, ("AIU", "NIU"): 7, ("NIU", "AIU"): 4,
               ("NIU", "NIU"): 56}


def rows_from_counts(table):
    return [[c for c, n in enumerate(row) for _ in range(n)] for row in table]


def test_fleiss_kappa_reproduces_the_worked_example():
    assert fleiss_kappa(rows_from_counts(FLEISS_EXAMPLE)) == pytest.approx(0.2099, abs=5e-5)


def test_gwets_published_example():
    rows = [[a, b] for (a, b), n in ABSTRACTORS.items() for _ in range(n)]
    assert gwet_ac1(rows) == pytest.approx(0.8493305, abs=1e-7)
    assert krippendorff_alpha(rows) == pytest.approx(0.7972585, abs=1e-7)
    assert fleiss_kappa(rows) == pytest.approx(0.7962397, abs=1e-7)


@pytest.mark.parametrize("seed", range(6))
def test_krippendorffs_alpha_matches_the_krippendorff_package_with_missing_ratings(seed):
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(seed)
    n_records, n_raters = rng.integers(10, 80), rng.integers(2, 7)
    # skewed like screening: mostly exclude
    data = rng.choice([0.0, 1.0, 2.0], size=(n_records, n_raters), p=[0.7, 0.2, 0.1])
    data[rng.random(data.shape) < 0.35] = np.nan
    expected = krippendorff.alpha(reliability_data=data.T, level_of_measurement="nominal")
    assert krippendorff_alpha(data.tolist()) == pytest.approx(expected, abs=1e-10)


def test_missing_ratings_and_undefined_cases():
    # one rater per record: nothing pairable
    assert np.isnan(fleiss_kappa([["a", None], [None, "b"]]))
    assert np.isnan(krippendorff_alpha([["a", None], [None, "b"]]))
    # complete agreement on two categories
    assert fleiss_kappa([["a", "a", "a"], ["b", "b", None]]) == pytest.approx(1.0)
    assert gwet_ac1([["a", "a", "a"], ["b", "b", None]]) == pytest.approx(1.0)


def test_team_agreement_from_three_reviewers_logs(tmp_path):
    votes = {"Ann": ["include", "exclude", "exclude", "include", None],
             "Bo": ["include", "exclude", "include", "include", "exclude"],
             "Cy": [None, "exclude", "exclude", "maybe", "exclude"]}
    for name, ds in votes.items():
        with DecisionLog(tmp_path, name) as log:
            for i, d in enumerate(ds):
                if d:
                    log.record(f"g{i}", d)
    table = team_agreement(read_logs(tmp_path), keys=[f"g{i}" for i in range(5)])
    row = table.iloc[0]
    assert row["reviewers"] == 3 and row["n"] == 5
    ratings = [[votes[r][i] for r in ("Ann", "Bo", "Cy")] for i in range(5)]
    assert row["fleiss_kappa"] == pytest.approx(fleiss_kappa(ratings))
    krippendorff = pytest.importorskip("krippendorff")
    codes = {"include": 0, "exclude": 1, "maybe": 2, None: np.nan}
    data = np.array([[codes[v] for v in r] for r in ratings], dtype=float)
    assert row["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(reliability_data=data.T,
                                                                          level_of_measurement="nominal"))
