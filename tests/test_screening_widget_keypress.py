"""What a key press costs the screening widget: no scan of every record, the stopping test computed once.

At 20,000 records, after the stopping test said stop in a living review's second round, the kernel's counting
for the panel and the progress line took 3.7-4.0 ms a key press (now 0.3-0.4 ms): it counted the records the stop
leaves over the whole urn, a new round's progress over the whole round, walked back over every decision since the
last include twice, and computed the test's p-value eight times; the counts are now kept one decision at a time.
These tests count the work (lookups of the reviewer's decisions, p-value computations), not the time, and check
the counts against the same figures counted afresh after every key press, undo and changed decision.
"""
from __future__ import annotations

import pytest

pytest.importorskip("anywidget")

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table  # noqa: E402
from synthesis.screening import stopping  # noqa: E402
from synthesis.screening.stopping import RELEVANT, sampled_prefix  # noqa: E402
from synthesis.screening.widget import ScreeningWidget  # noqa: E402

N, NEW = 600, 200  # records; the latest search round's share of them


class CountingDict(dict):
    """The reviewer's decisions, counting every lookup of one record."""

    lookups = 0

    def __contains__(self, key):
        CountingDict.lookups += 1
        return super().__contains__(key)

    def get(self, key, default=None):
        CountingDict.lookups += 1
        return super().get(key, default)

    def __getitem__(self, key):
        CountingDict.lookups += 1
        return super().__getitem__(key)

    def items(self):
        return _CountingItems(self)


class _CountingItems:
    """``CountingDict.items()``: counts every decision walked over, from either end."""

    def __init__(self, d):
        self.d = d

    def __iter__(self):
        for kv in dict.items(self.d):
            CountingDict.lookups += 1
            yield kv

    def __reversed__(self):
        for kv in reversed(dict.items(self.d)):
            CountingDict.lookups += 1
            yield kv

    def __len__(self):
        return len(self.d)


def press(w, action, **extra):
    w._on_msg(w, {"action": action, "note": "", "labels": "", "reason": "", **extra}, None)


def units(n=N):
    return make_unit_table([{"group_id": f"g{i:04d}", "title": f"record {i}",
                             "search_round": "2026-01" if i < n - NEW else "2026-06"} for i in range(n)])


def widget(tmp_path, table=None):
    s = ScreeningSettings(team=["Alice"], sample_after=10)
    table = units() if table is None else table
    w = ScreeningWidget(table, "Alice", folder=tmp_path, settings=s, order="file")
    w._mine = CountingDict(w._mine)
    return w, table


def afresh(w, table) -> dict:
    """The panel's figures counted from scratch, as the widget did on every key press before."""
    mine = w._mine
    latest = set(table.loc[table["search_round"] == "2026-06", "group_id"])
    out = {"round": sum(1 for k in latest if dict.__contains__(mine, k))}
    earlier = w._earlier_sample["before"] if w._earlier_sample else ()
    for name, decisions, skip in (("since", ("include",), ()), ("in_a_row", RELEVANT, earlier)):
        run = 0
        for k, d in reversed(dict.items(mine)):
            if k in skip:
                continue
            if d.decision in decisions:
                break
            run += 1
        out[name] = run
    if w._sample is not None:
        order = w._sample["order"]
        out["n_k"] = sampled_prefix(order, dict(mine))
        test = w.stopping_test()
        out["left"] = sum(1 for k in order if not dict.__contains__(mine, k)) if test.may_stop else 0
    elif w._earlier_sample is not None:
        e = w._earlier_sample
        out["open"] = sum(1 for k in e["came_in"] if not dict.__contains__(mine, k))
        out["left"] = (sum(1 for k in w._scope if not dict.__contains__(mine, k) and k not in e["came_in"])
                       if e["may_stop"] else 0)
    return out


def shown(w) -> dict:
    out = {"round": w.progress["round"]["done"], "since": w.panel["since_last_include"],
           "in_a_row": w.panel["excluded_in_a_row"]}
    if w._sample is not None:
        out["n_k"] = (w.panel["sample"]["n"], w.panel["sample"]["k"])
        out["left"] = w.progress["left_by_stop"]
    elif w._earlier_sample is not None:
        out["open"] = w.panel["earlier"]["open"]
        out["left"] = w.progress["left_by_stop"]
    return out


def to_the_stop(w, table, check=True):
    for i in range(200):
        press(w, "include" if i % 4 == 0 else "exclude")
    for _ in range(10):
        press(w, "exclude")
    press(w, "start_sample")
    assert w._sample is not None, w.info
    while not w.stopping_test().may_stop:
        press(w, "exclude")
        if check:
            assert shown(w) == afresh(w, table)


def test_a_key_press_after_the_stop_looks_up_a_few_records_not_every_one(tmp_path):
    w, table = widget(tmp_path)
    to_the_stop(w, table, check=False)
    press(w, "exclude")  # the first after the stop walks past the sample's records in the file order once
    CountingDict.lookups = 0
    for _ in range(20):
        press(w, "exclude")
    # before: the stop's urn (390 records) and the new round (200) were counted on each key press (26,720 lookups),
    # then the decisions since the last include, walked back twice on each (11,080)
    assert CountingDict.lookups < 20 * 50, CountingDict.lookups
    w.close()


def test_a_key_press_after_a_new_round_looks_up_a_few_records_not_every_one(tmp_path):
    w, table = widget(tmp_path, units(N - 50))
    to_the_stop(w, table, check=False)
    w.close()
    w, table = widget(tmp_path)  # 50 records came in after the sample was drawn
    assert w._earlier_sample is not None and shown(w) == afresh(w, table)
    CountingDict.lookups = 0
    for _ in range(20):
        press(w, "exclude")
    # before: the records that came in, and every record in scope, were counted on each key press (17,100 lookups),
    # then the decisions since the last include, walked back twice on each (13,640)
    assert CountingDict.lookups < 20 * 50, CountingDict.lookups
    assert shown(w) == afresh(w, table)
    w.close()


def test_the_stopping_test_is_computed_once_a_key_press(tmp_path, monkeypatch):
    w, table = widget(tmp_path)
    for i in range(40):
        press(w, "include" if i % 4 == 0 else "exclude")
    for _ in range(10):
        press(w, "exclude")
    press(w, "start_sample")
    calls = []
    real = stopping.hypergeometric_p
    monkeypatch.setattr(stopping, "hypergeometric_p", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(10):
        press(w, "exclude")
    assert len(calls) == 10, len(calls)  # before: 80 (the panel, its p text and phrase, may_stop... each asked again)
    w.close()


def test_the_counts_kept_a_decision_at_a_time_are_those_counted_afresh(tmp_path):
    """Through the sample, its stop, undos, a changed decision inside the sample (relevant or not) and after."""
    w, table = widget(tmp_path)
    to_the_stop(w, table)
    for action in ["exclude", "exclude", "undo", "undo", "undo", "include", "exclude", "maybe", "exclude"]:
        press(w, action)
        assert shown(w) == afresh(w, table), action
    # change a decision early in the sample: relevant now, so the test's k and maybe its stop change
    first = w._sample["order"][0]
    press(w, "open", key=first)
    press(w, "include")
    assert w._mine[first].decision in RELEVANT and shown(w) == afresh(w, table)
    press(w, "open", key=first)
    press(w, "exclude")
    assert shown(w) == afresh(w, table)
    press(w, "undo")
    assert shown(w) == afresh(w, table)
    for _ in range(5):
        press(w, "exclude")
        assert shown(w) == afresh(w, table)
    w.close()


def test_the_order_is_asked_with_the_decisions_as_they_stand_in_the_order_made(tmp_path):
    """The mapping the order callable gets is kept a decision at a time (it was built from every decision on each
    key press): the same keys, decisions and order, through changes, undos and a reopened widget."""
    table = units(60)
    seen = []

    def order(decisions):
        seen.append(list(decisions.items()))
        return next((k for k in table["group_id"] if k not in decisions and k not in offered), None)

    s = ScreeningSettings(team=["Alice"])
    asked = 0
    for round_ in range(2):
        offered = set()
        w = ScreeningWidget(table, "Alice", folder=tmp_path, settings=s, order=order)
        for action in ["include", "exclude", "maybe", "undo", "exclude", "previous", "include", "undo", "undo",
                       "exclude", "next", "exclude"]:
            offered |= set(w._seq)
            before = len(seen)
            press(w, action)
            if len(seen) > before:  # asked during this key press: with the decisions as they stood after it
                asked += 1
                assert seen[-1] == [(k, d.decision) for k, d in w._mine.items()], action
        w.close()
    assert asked >= 10 and seen[-1]
