"""A new search round deduplicated with the last run's work taken over gives exactly the run from scratch.

:class:`synthesis.dedup.incremental.Reuse` keeps each export's prepared fields and every pair's scores; the
tests split real labelled sets and a generated living map into rounds and compare every output table of
the incremental run with a run from scratch over the same records (groups, status, maybe pairs, the pair
table, the merged library, the warnings), and check that the work was in fact taken over. The cases where
something global changes between runs are tested on purpose: a title that the new round makes recurring,
a verdict added, an export changed or removed in an earlier round.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from synthesis.dedup import deduplicate
from synthesis.dedup.evaluate import load_labelled_set
from synthesis.dedup.incremental import Reuse
from synthesis.records import make_record_table

ROOT = Path(__file__).resolve().parents[1]


def _same(a, b) -> None:
    for attr in ("groups", "maybe_pairs", "pairs", "library"):
        pd.testing.assert_frame_equal(getattr(a, attr), getattr(b, attr), obj=attr)
    assert a.warnings == b.warnings
    assert {k: v for k, v in a.summary.items() if k not in ("seconds", "stage_seconds")} == \
        {k: v for k, v in b.summary.items() if k not in ("seconds", "stage_seconds")}


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _rounds(records: pd.DataFrame, cuts, **kwargs):
    """Deduplicate records[:cut] for each cut, each run taking over the last one's work; compare with scratch."""
    prepared, state, runs = {}, None, []
    bounds = [0] + list(cuts)
    for r in range(1, len(bounds)):
        segments = [(f"export {k}", bounds[k + 1] - bounds[k]) for k in range(r)]
        part = records.iloc[: bounds[r]].reset_index(drop=True)
        reuse = Reuse(segments, prepared=prepared, earlier=state, signature="test")
        incremental = _quiet(deduplicate, part, cache=reuse, **kwargs)
        _same(incremental, _quiet(deduplicate, part, **kwargs))
        runs.append((reuse, incremental))
        prepared, state = reuse.prepared, reuse.state
    return runs


@pytest.mark.parametrize("name", ["asysd_diabetes", "rathbone_cytology", "rathbone_haematology", "special_cases"])
def test_rounds_of_a_labelled_set_give_the_groups_of_a_run_from_scratch(shared_data, name):
    records, _ = load_labelled_set(shared_data / "dedup" / name)
    n = len(records)
    runs = _rounds(records, [n // 2, int(n * 0.7), int(n * 0.85), n])
    for k, (reuse, _) in enumerate(runs):
        assert reuse.prepared_now == [f"export {k}"]  # only the new round's export is prepared
        if k:
            assert reuse.reused_pairs > 0  # and the earlier pairs are not scored again
    # earlier group ids stay as they were
    for (_, before), (_, after) in zip(runs, runs[1:]):
        ids = dict(zip(after.groups["record_id"], after.groups["group_id"]))
        assert all(ids[r] == g for r, g in zip(before.groups["record_id"], before.groups["group_id"]))


def test_rounds_of_a_generated_living_map(shared_data):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    records, _ = make_corpus(4000, seed=3)
    records = records.sample(frac=1.0, random_state=3).reset_index(drop=True)  # duplicates across rounds
    runs = _rounds(records, [1000, 2000, 3000, len(records)])
    reuse, last = runs[-1]
    assert reuse.reused_pairs > reuse.scored_pairs  # most pairs are earlier ones
    assert last.summary["duplicates_removed"] > 100 and last.summary["maybe_pairs"] > 0


def _item(title, issue="", pages="", authors=("Weber, R.",), doi="", source="old.ris", k=1, year=2006):
    return {"title": title, "journal": "MIS Quarterly", "volume": "30", "issue": issue, "pages": pages,
            "year": year, "authors": list(authors), "doi": doi, "source_file": source, "source_index": k}


def test_a_title_the_new_round_makes_recurring_changes_an_earlier_pair_as_from_scratch():
    """Two earlier records of one column, one without issue and pages, were merged; the new round shows the
    title in three issues of the volume, so it recurs: the earlier pair is no longer located, and is a maybe
    pair now, in the incremental run as in the run from scratch."""
    title = "Research commentary on information systems strategy"
    old = make_record_table([_item(title, "1", "10-12", k=1), _item(title, k=2)])
    new = make_record_table([_item(title, "2", "20-22", source="new.ris", k=1),
                             _item(title, "3", "30-32", source="new.ris", k=2)])
    records = pd.concat([old, new], ignore_index=True)
    (first, before), (second, after) = _rounds(records, [2, 4])
    assert before.groups["group_id"].nunique() == 1  # merged before the title recurred
    assert after.groups["group_id"].nunique() == 4  # and no longer
    assert second.earlier is not None and not first.state["generic"].any() and second.state["generic"].all()


def test_a_doi_the_new_round_shows_shared_by_several_papers_changes_an_earlier_pair_as_from_scratch():
    """Two papers of one proceedings carry its DOI and were merged on it; the new round brings two more papers
    with that DOI, so it names no one paper: the earlier pair is judged without it (two papers now), in the
    incremental run as in the run from scratch."""
    paper = {"authors": ["Kim, J.", "Lee, S."], "year": 2019, "journal": "Proceedings of the IEEE Conference on Health",
             "type": "CONF", "doi": "10.1109/ICHI.2019.00001"}
    old = make_record_table([dict(paper, title="Deep learning for sleep staging in adults", source_file="a.ris",
                                  source_index=1),
                             dict(paper, title="Deep learning for sleep staging in older adults", source_file="a.ris",
                                  source_index=2)])
    new = make_record_table([dict(paper, title="A registry of coronary stents in rural hospitals",
                                  authors=["Park, H."], source_file="b.ris", source_index=1),
                             dict(paper, title="Teaching anatomy with virtual dissection tables", authors=["Roe, A."],
                                  source_file="b.ris", source_index=2)])
    records = pd.concat([old, new], ignore_index=True)
    (first, before), (second, after) = _rounds(records, [2, 4])
    assert before.groups["group_id"].nunique() == 1  # merged on the DOI while it was one paper's
    assert after.groups["group_id"].nunique() == 4
    assert second.earlier is not None and (second.state["shared_doi"] != "").all()


def test_a_verdict_added_between_rounds_applies_as_from_scratch(shared_data):
    records, _ = load_labelled_set(shared_data / "dedup" / "rathbone_haematology")
    n = len(records)
    first = Reuse([("a", n // 2)], signature="test")
    result = _quiet(deduplicate, records.iloc[: n // 2], cache=first)
    maybe = result.maybe_pairs.iloc[:2]
    verdicts = pd.DataFrame({"record_id_1": maybe["record_id_1"], "record_id_2": maybe["record_id_2"],
                             "verdict": ["duplicate", "not duplicate"], "reviewer": "test", "note": ""})
    second = Reuse([("a", n // 2), ("b", n - n // 2)], prepared=first.prepared, earlier=first.state,
                   signature="test")
    incremental = _quiet(deduplicate, records, verdicts=verdicts, cache=second)
    _same(incremental, _quiet(deduplicate, records, verdicts=verdicts))
    assert incremental.summary["duplicates_by_verdict"] == 1 and second.reused_pairs > 0


def test_an_export_changed_or_removed_in_an_earlier_round(shared_data):
    """Only unchanged exports are taken over; a changed export's records are prepared and scored again, and the
    rest of the work still is taken over. Another signature (program, rules) takes over no scores."""
    records, _ = load_labelled_set(shared_data / "dedup" / "asysd_diabetes")
    a, b, c = records.iloc[:600], records.iloc[600:1200], records.iloc[1200:]
    first = Reuse([("a", len(a)), ("b", len(b)), ("c", len(c))], signature="test")
    _quiet(deduplicate, records, cache=first)
    changed = b.copy()
    changed["title"] = changed["title"].str.upper()
    changed.iloc[:50, changed.columns.get_loc("doi")] = ""
    for segments, table in (([("a", len(a)), ("b2", len(b)), ("c", len(c))], pd.concat([a, changed, c])),
                            ([("a", len(a)), ("c", len(c))], pd.concat([a, c])),
                            ([("c", len(c)), ("a", len(a))], pd.concat([c, a]))):
        table = table.reset_index(drop=True)
        reuse = Reuse(segments, prepared=first.prepared, earlier=first.state, signature="test")
        _same(_quiet(deduplicate, table, cache=reuse), _quiet(deduplicate, table))
        assert reuse.prepared_now == (["b2"] if "b2" in dict(segments) else [])
        assert reuse.reused_pairs > 0
    other = Reuse([("a", len(a)), ("b", len(b)), ("c", len(c))], prepared=first.prepared, earlier=first.state,
                  signature="another program")
    _same(_quiet(deduplicate, records, cache=other), _quiet(deduplicate, records))
    assert other.reused_pairs == 0 and other.prepared_now == []


def test_segments_that_do_not_add_up_are_refused():
    t = make_record_table([{"title": "A trial of sleep"}, {"title": "Another trial"}])
    with pytest.raises(ValueError, match="segments hold 1 records, the input 2"):
        deduplicate(t, cache=Reuse([("a", 1)]))
    with pytest.raises(ValueError, match="not both"):
        deduplicate(t, cache=Reuse([("a", 2)]), previous=pd.DataFrame({"record_id": t["record_id"],
                                                                         "group_id": ["g1", "g2"]}))
