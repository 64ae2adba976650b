"""The widget's prioritised order: the same order as the prioritiser's, with retraining off the key press."""
from __future__ import annotations

import pandas as pd
import pytest

from synthesis.screening.ordering import PrioritisedOrder
from synthesis.screening.prioritise import Prioritiser


@pytest.fixture(scope="module")
def nagtegaal(shared_data):
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path).head(600)
    df["group_id"] = "n" + df["record_id"].astype(str)
    return df[["group_id", "title", "abstract"]].fillna(""), dict(zip("n" + df["record_id"].astype(str),
                                                                       df["label_included"]))


def screen(order_fn, labels, n, between=None):
    decisions, shown = {}, []
    for _ in range(n):
        key = order_fn(dict(decisions))
        shown.append(key)
        decisions[key] = "include" if labels[key] else "exclude"
        if between is not None:
            between()
    return shown


def test_without_threads_it_is_the_prioritisers_order(nagtegaal):
    units, labels = nagtegaal
    p = Prioritiser(units, seed=3)
    assert screen(PrioritisedOrder(units, seed=3, background=False), labels, 150) == screen(p.next_key, labels, 150)


def test_with_threads_it_finds_the_includes_as_early(nagtegaal):
    units, labels = nagtegaal
    order = PrioritisedOrder(units, seed=3)
    assert order(dict()) is not None  # usable at once, before the features exist
    order.wait(60)
    # a reviewer reads each record for longer than a retraining takes; waiting for it here keeps the test
    # independent of how busy the machine is (the model is then at most one decision behind)
    shown = screen(order, labels, 200, between=lambda: order.wait(60))
    assert len(set(shown)) == 200
    p = Prioritiser(units, seed=3)
    reference = screen(p.next_key, labels, 201)
    found, expected = sum(labels[k] for k in shown), sum(labels[k] for k in reference[:200])
    # a model one or two decisions old ranks nearly as well
    assert found >= 0.9 * expected, (found, expected)
    assert order.model_ready and order.prioritiser.fits > 3


def test_a_key_press_applies_only_what_changed_and_ends_where_a_full_reading_would(nagtegaal):
    units, labels = nagtegaal
    order = PrioritisedOrder(units, seed=5, background=False)
    keys = list(labels)
    decisions = {}
    for k in keys[:40]:
        decisions[k] = "include" if labels[k] else "exclude"
        order(dict(decisions))
    # changed, undone and two at once (an import of decisions made elsewhere), then a boolean from a caller
    decisions.pop(keys[3])
    decisions[keys[7]] = "maybe"
    order(dict(decisions))
    decisions[keys[41]], decisions[keys[42]] = "exclude", "include"
    decisions[keys[43]] = False
    order(dict(decisions))
    p = order.prioritiser
    fresh = Prioritiser(units, seed=5).fit(decisions)
    assert p._decisions == fresh._decisions and list(p._decisions) == list(fresh._decisions)
    assert (p._decided == fresh._decided).all() and (p._label == fresh._label).all()
    assert not p._decided[p._pos[keys[3]]] and p._label[p._pos[keys[7]]] == 1  # maybe trains as include


def test_undoing_the_only_exclude_goes_back_to_the_random_order():
    """A reviewer of a gambling-harms review undid the only exclude made so far: the panel still said "learning
    from your decisions" and the order came from a model trained on that exclude. Without an include and an
    exclude the order is the fixed random one again, as for the prioritiser itself."""
    units = pd.DataFrame({"group_id": [f"g{i}" for i in range(40)],
                          "title": [("gambling harm survey" if i % 2 else "mouse liver enzymes") + f" {i}"
                                    for i in range(40)], "abstract": ""})
    order = PrioritisedOrder(units, seed=3, background=False)
    first = order({})
    second = order({first: "include"})
    third = order({first: "include", second: "exclude"})
    assert order.model_ready
    after_undo = order({first: "include"})
    assert not order.model_ready
    p = Prioritiser(units, seed=3)
    fallback = [p.keys[i] for i in p._fallback_order]
    assert fallback[:2] == [first, second]
    assert after_undo == next(k for k in fallback if k not in {first, second, third})
