"""The screening widget's review features, kernel side: prioritised order, the stopping sample, criteria and
blinding, the history, counts per filter, joining a finished stage, conflicts side by side, starting."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

pytest.importorskip("anywidget")

from synthesis.screening import (DecisionLog, ScreeningSettings, add_reviewer, joining_preview, make_unit_table,  # noqa: E402
                                 read_logs)
from synthesis.screening.stopping import logged_stopping_tests  # noqa: E402
from synthesis.screening.widget import Message, ScreeningWidget, open_screening  # noqa: E402


@pytest.fixture(scope="module")
def kitchenham(shared_data):
    path = shared_data / "screening" / "Kitchenham_2010.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path)
    df["group_id"] = "kit-" + df["record_id"].astype(str)
    units = make_unit_table(df)
    return units, dict(zip(units["group_id"], df["label_included"].astype(bool)))


def press(w, action, **extra):
    w._on_msg(w, {"action": action, "note": "", "labels": "", "reason": "", **extra}, None)


def lines(folder, name="alice"):
    return [json.loads(x) for x in (folder / f"{name}.jsonl").read_text().splitlines() if x.strip()]


def _screen_to_the_stop(w) -> None:
    """In a widget over 100 records in file order: the first 50 screened (19 included), then the stopping sample
    excluded record by record until the test says stop."""
    for i in range(50):
        press(w, "include" if i < 19 else "exclude")
    press(w, "start_sample")
    for _ in range(50):
        if w.stopping_test().may_stop:
            break
        press(w, "exclude")


def _walk(w, most: int = 20) -> list:
    """The records a widget shows by "next" from the current one on, until none is left (at most ``most``)."""
    shown = []
    for _ in range(most):
        if not w.current_key:
            break
        shown.append(w.current_key)
        press(w, "next")
    return shown


def test_prioritised_order_finds_the_includes_early_and_the_sample_is_logged_and_resumed(tmp_path, kitchenham):
    units, label = kitchenham
    settings = ScreeningSettings(team=["Alice"], sample_after=0)  # the offer itself: see the test below
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings, order="prioritised")
    assert w.panel["order"] == "prioritised" and not w.panel["model_ready"]
    w.prioritiser.wait(60)
    for _ in range(300):
        press(w, "include" if label[w.current_key] else "exclude")
    found = w.panel["included"]
    # 45 includes in 1,704 records: random order finds about 8 in 300; likely-includes-first finds most
    assert found >= 35, found
    assert w.panel["model_ready"] and w.panel["screened"] == 300 and w.panel["can_sample"]
    press(w, "start_sample")
    assert w.info.startswith("random sample drawn")
    event = lines(tmp_path)[-1]
    assert event["kind"] == "stopping_sample" and event["screened_before"] == 300 and event["relevant_before"] == found
    sampled = []
    for _ in range(40):
        sampled.append(w.current_key)
        press(w, "include" if label[w.current_key] else "exclude")
    test = w.stopping_test()
    assert test.sample_size == 40 and test.urn == len(units) - 300 and w.panel["sample"]["n"] == 40
    assert not test.may_stop and "keep screening" in test.summary()
    w.close()
    # a new session goes on with the same sample, in the same order
    again = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings, order="prioritised")
    assert again.stopping_test() == test
    nxt = again.current_key
    assert nxt not in sampled and again._sample["order"][40] == nxt
    again.close()
    [logged] = logged_stopping_tests(read_logs(tmp_path), units["group_id"])
    assert logged.as_dict()["p_value"] == pytest.approx(test.p_value)


def test_random_and_file_order_and_a_wrong_name(tmp_path, kitchenham):
    units, _ = kitchenham
    small = units.head(30)
    w = ScreeningWidget(small, "Alice", folder=tmp_path, order="random")
    first = w.current_key
    w.close()
    w2 = ScreeningWidget(small, "Alice", folder=tmp_path, order="random")
    assert w2.current_key == first
    w2.close()
    from synthesis.screening import ScreeningError

    with pytest.raises(ScreeningError, match="unknown order 'best'"):
        ScreeningWidget(small, "Alice", folder=tmp_path, order="best")


def test_no_stopping_sample_at_full_text(tmp_path):
    """The stopping test is for title/abstract screening; at full text the panel offered to draw its sample."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"title {i}"} for i in range(4)])
    s = ScreeningSettings(team=["Alice"])
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, stage="full_text", scope=["g0", "g1", "g2"])
    assert w.panel["stage"] == "full_text" and not w.panel["can_sample"]
    press(w, "start_sample")
    assert "title/abstract" in w.info and not (tmp_path / "alice.jsonl").exists()
    w.close()
    t = ScreeningWidget(units, "Alice", folder=tmp_path, settings=ScreeningSettings(team=["Alice"], sample_after=0))
    assert t.panel["can_sample"]
    t.close()


def test_the_stopping_sample_is_offered_once_includes_have_become_rare(tmp_path):
    """The sample was offered from the first record on; drawn before prioritised screening has run its course
    the test stops short of the target more often. It is offered after ``sample_after`` excludes in a row, and
    the panel says so beforehand; a maybe ends the run as an include does (both are relevant to the test)."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"title {i}"} for i in range(10)])
    s = ScreeningSettings(team=["Alice"], sample_after=3)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    assert not w.panel["can_sample"] and w.panel["sample_later"] and w.panel["excluded_in_a_row"] == 0
    assert ScreeningSettings().sample_after == 100
    for action in ("exclude", "exclude", "maybe", "exclude", "exclude"):
        press(w, action)
    assert w.panel["excluded_in_a_row"] == 2 and not w.panel["can_sample"]
    press(w, "start_sample")  # too early: refused, said, nothing logged
    assert w.info_kind == "error" and "once 3 records in a row were excluded (now 2)" in w.info
    assert not [e for e in lines(tmp_path) if e.get("kind") == "stopping_sample"]
    press(w, "exclude")
    assert w.panel["can_sample"] and not w.panel["sample_later"]
    press(w, "start_sample")
    assert w.info.startswith("random sample drawn") and not w.panel["sample_later"]
    w.close()
    from synthesis.screening import ScreeningError

    with pytest.raises(ScreeningError, match="sample_after must be a whole number"):
        ScreeningSettings(sample_after=-1)


def test_criteria_beside_the_record_and_blinded_metadata(tmp_path):
    units = make_unit_table([{"group_id": "g1", "title": "A <b>trial</b>", "authors": ["Smith, J."], "year": 2020,
                              "journal": "BMJ", "doi": "10.1/x"}])
    s = ScreeningSettings(criteria={"title_abstract": ["Adults <18 excluded"], "full_text": "Full report\nIn English"},
                       blind_metadata=True)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s)
    assert w.criteria == "<ul><li>Adults &lt;18 excluded</li></ul>"
    assert "Smith" not in w.card and "BMJ" not in w.card and "2020" not in w.card and "10.1/x" not in w.card
    assert "hidden (blinded screening)" in w.card and "A &lt;b&gt;trial&lt;/b&gt;" in w.card
    w.close()
    assert s.criteria_for("full_text") == ["Full report", "In English"]
    open_ = ScreeningWidget(units, "Alice", folder=tmp_path, settings=ScreeningSettings())
    assert "Smith" in open_.card and open_.criteria == ""
    open_.close()


def test_a_blinded_reviewer_cannot_find_records_by_their_authors(tmp_path):
    """Blind to metadata at title/abstract, a search of the history for an author's name (from a Web of Science
    export screened with Kitchenham 2010) still matched that author's record: which records a name wrote leaked."""
    units = make_unit_table([{"group_id": "g1", "title": "Resin of stingless bees", "authors": ["Okafor, U."],
                              "year": 2023, "journal": "Apidologie"},
                             {"group_id": "g2", "title": "Okafor's lemma revisited", "authors": ["Lin, P."]}])
    s = ScreeningSettings(blind_metadata=True)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    press(w, "exclude")
    press(w, "exclude")
    assert [k for k, *_ in w.history("okafor")] == ["g2"]  # the title's word, not the author
    assert w.history("Lin") == [] and w.history("stingless")[0][0] == "g1"
    assert "authors" not in w.history_hint  # nor does the search box say it searches them
    w.close()
    # at full text, and without blinding, authors are searched as the card shows them
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=ScreeningSettings(), order="file")
    assert sorted(k for k, *_ in w.history("okafor")) == ["g1", "g2"]
    assert w.history_hint == "search title, abstract, authors, notes"
    w.close()


def test_history_search_filters_counts_and_changing_a_decision(tmp_path):
    units = make_unit_table([{"group_id": f"g{i:02d}", "title": f"title {i}" + (" mice" if i % 4 == 0 else ""),
                              "abstract": "about co-design" if i % 3 == 0 else "", "authors": [f"Author{i}, A."]}
                             for i in range(60)])
    s = ScreeningSettings(team=["Alice", "Bob"], include_keywords=["co-design"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Bob", s) as bob:
        for i in range(10):
            bob.record(f"g{i:02d}", "exclude", note="Bob's note" if i == 3 else "")
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s)
    for i in range(16):
        press(w, "include" if i % 2 else "exclude", note="check again" if i == 5 else "")
    assert w.progress["filter"] == "undecided" and w.progress["matching"] == 44
    w.filter = "decided"
    assert (w.progress["matching"], w.progress["position"]) == (16, 1)  # not "1 of 60"
    press(w, "next")
    assert w.progress["position"] == 2
    w.filter = "include"
    assert (w.progress["matching"], w.progress["position"]) == (8, 1)
    w.filter = "conflicts"  # Alice includes odd ones of g00-g09, Bob excluded all of them
    assert w.progress["matching"] == 5
    press(w, "history", query="", decision="", reviewer="", flag="")
    assert w.history_count.startswith("16 of 16")
    press(w, "history", query="mice", flag="")
    assert w.history_count.startswith("4 of 16")  # g00, g04, g08, g12
    press(w, "history", query="author5")
    assert w.history_count.startswith("1 of 16")
    press(w, "history", query="check again")  # a note
    assert w.history_count.startswith("1 of 16") and 'data-key="g05"' in w.history_html
    press(w, "history", query="", reviewer="Bob", decision="exclude")
    assert w.history_count.startswith("10 of 16")
    press(w, "history", flag="conflict")
    assert w.history_count.startswith("5 of 16")
    press(w, "history", flag="note")
    assert w.history_count.startswith("2 of 16")
    press(w, "history", flag="keyword")
    assert w.history_count.startswith("6 of 16")  # g00, g03, ..., g15: co-design in the abstract
    press(w, "open", key="g05")
    assert w.current_key == "g05" and w.current_decision == "include"
    press(w, "exclude")
    assert [(e["key"], e["decision"]) for e in lines(tmp_path)][-1] == ("g05", "exclude")
    assert len(lines(tmp_path)) == 17
    w.close()


def test_a_conflict_shows_both_decisions_side_by_side(tmp_path):
    units = make_unit_table([{"group_id": "g1", "title": "One"}, {"group_id": "g2", "title": "Two"}])
    s = ScreeningSettings(team=["Alice", "Bob", "Cy"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        a.record("g1", "include", note="<looks> right")
        b.record("g1", "exclude", note="wrong population")
    w = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True)
    assert w.current_key == "g1"
    assert w.card.count('class="syn-vote ') == 2 and "note: &lt;looks&gt; right" in w.card
    assert "Alice: include" not in w.card and "Bob: exclude" not in w.card  # in the box only, not again as tags
    assert "Conflicts queue, resolving as Cy" in w.banner and w.panel == {}
    press(w, "exclude")
    entry = lines(tmp_path, "cy")[-1]
    assert (entry["key"], entry["decision"], entry["resolution"], entry["reviewer"]) == ("g1", "exclude", True, "Cy")
    press(w, "previous")
    assert '<span class="syn-tag">you: exclude</span>' in w.card  # the resolution: the box has only the votes
    w.close()
    alice = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s)  # a reviewer of the conflict, not blind
    press(alice, "open", key="g1")
    assert alice.card.count('class="syn-vote ') == 3  # Alice, Bob, Cy's resolution
    assert "you: include" not in alice.card and "Bob: exclude" not in alice.card
    alice.close()


def test_the_conflicts_queue_says_what_happens_to_a_resolved_record(tmp_path):
    """A resolution keeps the record in the resolver's queue (with the resolution, to be changed); the banner said it
    left the queue, so in the example 'record 2 of 15' after one resolution read as a queue that did not move."""
    units = make_unit_table([{"group_id": "g1", "title": "One"}, {"group_id": "g2", "title": "Two"}])
    s = ScreeningSettings(team=["Alice", "Bob", "Cy"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        for key in ("g1", "g2"):
            a.record(key, "include")
            b.record(key, "exclude")
    w = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True)
    press(w, "exclude")
    press(w, "previous")
    assert w.current_key == "g1" and w.current_decision == "exclude"  # still in the queue, with the resolution
    assert "leaves the queue" not in w.banner
    assert "The records you resolved stay in the queue with your resolution" in w.banner
    w.close()


def test_the_conflicts_queue_goes_to_the_next_open_conflict_not_to_a_resolved_one(tmp_path):
    """Back for one new conflict after resolving the others: after that one, the queue walked on through every
    earlier resolution, and pressing e on each (as on the new one) replaced seven includes with excludes."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"Record {i}"} for i in range(1, 5)])
    s = ScreeningSettings(team=["Alice", "Bob", "Cy"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b, \
            DecisionLog(tmp_path, "Cy", s) as c:
        for key in ("g1", "g2", "g3", "g4"):
            a.record(key, "include")
            b.record(key, "exclude")
        for key in ("g1", "g3"):
            c.record(key, "include", resolution=True)
    w = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True, order="file")
    assert w.current_key == "g2"  # the first open conflict, not the resolved g1
    press(w, "exclude")
    assert w.current_key == "g4"  # not the resolved g3
    press(w, "exclude")
    assert w.current_key == "" and "No conflict left to show: 4 resolved by you" in w.card
    press(w, "previous")
    assert (w.current_key, w.current_decision) == ("g4", "exclude")  # the resolutions can still be changed
    assert [(e["key"], e["decision"]) for e in lines(tmp_path, "cy")] == [
        ("g1", "include"), ("g3", "include"), ("g2", "exclude"), ("g4", "exclude")]
    w.close()


def test_the_history_counts_resolutions_made_in_the_open_conflicts_queue(tmp_path):
    """Five conflicts resolved in the queue, then the history: "resolved" matched 0 records and "conflicts" 5, and
    going back to one said "conflict", until the widget was opened again."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"Record {i}"} for i in range(1, 5)])
    s = ScreeningSettings(team=["Alice", "Bob", "Cy"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b, \
            DecisionLog(tmp_path, "Cy", s) as c:
        for key in ("g1", "g2", "g3", "g4"):
            a.record(key, "include")
            b.record(key, "exclude" if key != "g4" else "include")
        c.record("g1", "include", resolution=True)  # resolved in an earlier session
    w = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True, order="file")
    assert [k for k, *_ in w.history(flag="resolved")] == ["g1"]
    assert w.current_key == "g2"
    press(w, "exclude")
    press(w, "exclude")  # g3
    assert sorted(k for k, *_ in w.history(flag="resolved")) == ["g1", "g2", "g3"]
    press(w, "previous")
    assert w.current_key == "g3" and "resolved: the reviewers' decisions" in w.card
    press(w, "undo")  # my resolution of g3 taken back: open again
    assert sorted(k for k, *_ in w.history(flag="resolved")) == ["g1", "g2"]
    assert "conflict: the reviewers' decisions" in w.card
    w.close()
    # opened again, the same
    w = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True, order="file")
    assert sorted(k for k, *_ in w.history(flag="resolved")) == ["g1", "g2"]
    w.close()


def test_joining_a_finished_stage_asks_before_an_agreed_record_becomes_a_conflict(tmp_path):
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    s = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        for i in range(3):
            a.record(f"g{i}", "include" if i == 0 else "exclude")
            b.record(f"g{i}", "include" if i == 0 else ("exclude" if i == 1 else "include"))
    s = add_reviewer(tmp_path, "Carol")
    assert s.team == ["Alice", "Bob", "Carol"]
    preview = joining_preview(read_logs(tmp_path), units, "Carol", settings=s)
    assert preview["group_id"].tolist() == ["g0", "g1"] and not preview["becomes_conflict"].any()
    w = ScreeningWidget(units, "Carol", folder=tmp_path)
    assert "2 records at this stage are already agreed" in w.banner
    assert w.current_key == "g0"
    press(w, "exclude")
    assert "press e again" in w.info.lower() and w.info_kind == "error"
    assert not (tmp_path / "carol.jsonl").exists()
    press(w, "exclude")
    assert lines(tmp_path, "carol")[-1]["decision"] == "exclude"
    press(w, "exclude")  # g1: agreed exclude, same decision: no question
    assert len(lines(tmp_path, "carol")) == 2
    w.close()
    preview = joining_preview(read_logs(tmp_path), units, "Carol", settings=s)
    assert preview.set_index("group_id")["becomes_conflict"].to_dict() == {"g0": True, "g1": False}


def test_a_conflict_question_left_unanswered_is_said_and_asked_again(tmp_path):
    """After "press e again to log it", another key dropped the question without a word, and the question stayed
    armed: back on the record later, one press of e logged the conflict without asking."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(3)])
    s = ScreeningSettings(team=["Alice", "Bob", "Carol"], reviewers_per_record=2)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        a.record("g0", "include")
        b.record("g0", "include")
    w = ScreeningWidget(units, "Carol", folder=tmp_path, order="file")
    press(w, "exclude")
    assert "press e again" in w.info.lower()
    press(w, "next")
    assert w.info.startswith("not logged: exclude on") and "(g0)" in w.info and w.current_key == "g1"
    press(w, "previous")
    assert w.current_key == "g0" and not w.info.startswith("not logged")
    press(w, "exclude")  # asked again, not logged at once
    assert "press e again" in w.info.lower() and not (tmp_path / "carol.jsonl").exists()
    press(w, "include")  # the agreed decision: logged, and the dropped question said
    assert w.info.startswith("not logged: exclude on") and "saved: include" in w.info
    assert [e["decision"] for e in lines(tmp_path, "carol")] == ["include"]
    w.close()


def test_joining_with_one_reviewer_per_record_says_decided_by_another(tmp_path):
    """With one reviewer per record the banner read "already agreed by 1 or more other reviewers"."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(3)])
    s = ScreeningSettings(team=["Alice", "Bob"])
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Alice", s) as a:
        a.record("g0", "include")
    w = ScreeningWidget(units, "Bob", folder=tmp_path, order="file")
    assert "1 record at this stage is already decided by another reviewer (Alice)" in w.banner, w.banner
    assert "1 or more" not in w.banner
    w.close()


def test_joining_a_finished_blind_stage_asks_once_not_on_every_agreed_record(tmp_path):
    """Blind, the widget cannot ask only where the decision differs (that would tell it): it asked on every record
    the others agreed on, 58 of 63 in the example. Now it asks once, on the first decision, and logs the rest at
    once."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(5)])
    s = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2, blind=True)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        for i in range(4):
            a.record(f"g{i}", "exclude")
            b.record(f"g{i}", "exclude")
    s = add_reviewer(tmp_path, "Carol")
    w = ScreeningWidget(units, "Carol", folder=tmp_path)
    assert w.blind and "Other reviewers have already agreed on some records at this stage" in w.banner
    press(w, "include")
    assert "not told which" in w.banner and "exclude" not in w.info and not (tmp_path / "carol.jsonl").exists()
    # the question under the banner does not say the banner's paragraph again (w42: the red line and the blue box
    # above the record read the same sentence), only what to press and that nothing was logged
    assert w.info.startswith("Press i again to log your decision on ") and "Nothing was logged" in w.info, w.info
    assert "not told which" not in w.info and "conflict" in w.info
    press(w, "include")
    for _ in range(3):  # the other agreed records: logged on the first press, whatever the decision
        press(w, "exclude" if w.current_key == "g1" else "include")
    assert [x["decision"] for x in lines(tmp_path, "carol")] == ["include", "exclude", "include", "include"]
    w.close()


def test_a_blind_reviewer_joining_is_not_told_who_agreed_how_many_or_which_records(tmp_path):
    """w16, w20: Cleo joining a blind stage halfway read "10 records at this stage are already agreed by 2 or more
    other reviewers (Ana, Ben)" and, on the first of them, "X and 9 other records you have not decided are already
    agreed": how far Ana and Ben had got, how often they agreed, and that X was one of those records. The banner
    and the one question now say only that such records exist and what a different decision does; the question
    comes on the first decision, whichever record it is."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(6)])
    s = ScreeningSettings(team=["Ana", "Ben", "Cleo"], reviewers_per_record=2, blind=True)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b, \
            DecisionLog(tmp_path, "Cleo", s) as c:
        for i in range(1, 5):  # g0 and g5: nobody else decided them
            a.record(f"g{i}", "exclude")
            b.record(f"g{i}", "exclude")
        c.record("g1", "exclude")
    w = ScreeningWidget(units, "Cleo", folder=tmp_path, order="file")
    said = [w.banner]
    assert w.current_key == "g0"  # agreed by nobody: still asked (asking only on agreed records pointed at them)
    press(w, "include")
    said.append(w.info)
    assert "Press i again" in w.info and not (tmp_path / "cleo.jsonl").read_text().count("g0")
    press(w, "include")
    assert [x["key"] for x in lines(tmp_path, "cleo")] == ["g1", "g0"]
    press(w, "exclude")  # g2, agreed by Ana and Ben: no second question
    assert [x["key"] for x in lines(tmp_path, "cleo")][-1] == "g2"
    assert "Other reviewers have already agreed on some records" in said[0], said[0]  # the banner says it once
    for text in said:
        assert not re.search(r"Ana|Ben|\d", text.replace("“t0” (g0)", "")), text
    w.close()
    # a reviewer who sees the others' decisions is still told who agreed how, where it would become a conflict
    open_ = ScreeningSettings(team=["Ana", "Ben", "Cleo"], reviewers_per_record=2)
    w = ScreeningWidget(units, "Cleo", folder=tmp_path, settings=open_, order="file")
    assert "2 records at this stage are already agreed by 2 or more other reviewers (Ana, Ben)" in w.banner
    w.close()


def test_starting_without_a_name_or_with_an_unknown_one_is_one_line(tmp_path):
    units = make_unit_table([{"group_id": "g1", "title": "A"}])
    add_reviewer(tmp_path, "Alice")
    empty = open_screening(units, "", folder=tmp_path)
    assert isinstance(empty, Message) and "REVIEWER" in empty.text and "\n" not in empty.text
    assert "add_reviewer(PROJECT" in empty._repr_html_()
    wrong = open_screening(units, "Zed", folder=tmp_path)
    assert wrong.kind == "error" and "unknown reviewer 'Zed'" in wrong.text and "\n" not in wrong.text
    ok = open_screening(units, "alice", folder=tmp_path)
    assert isinstance(ok, ScreeningWidget) and ok.reviewer == "Alice"
    ok.close()


def test_reopened_prioritised_screening_does_not_claim_a_random_order_it_no_longer_needs(tmp_path, kitchenham):
    # A reviewer back at a screening with 15 includes and 6 excludes read "random until one include and one
    # exclude" in the panel: the model is trained at the next decision, and the panel now says so.
    units, label = kitchenham
    settings = ScreeningSettings(team=["Alice"])
    fresh = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings, order="prioritised",
                            background=False)
    assert not fresh.panel["model_ready"] and not fresh.panel["ranked_from_next"]
    fresh.close()
    inc = next(k for k, v in label.items() if v)
    exc = next(k for k, v in label.items() if not v)
    with DecisionLog(tmp_path, "Alice", settings) as log:
        log.record(inc, "include")
        log.record(exc, "exclude")
    # as in the notebook: the features are built in the background, the first record comes meanwhile
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings, order="prioritised")
    w.prioritiser.wait(60)
    # (the features may even be ready before the first record: then that record is already ranked)
    assert w.panel["model_ready"] or w.panel["ranked_from_next"]
    press(w, "include" if label[w.current_key] else "exclude")
    assert w.panel["model_ready"]
    w.close()


def test_a_living_review_counts_its_latest_round_and_says_when_all_is_decided(tmp_path):
    """After a second search round the counter read "33 of 40 decided" (every round) and nothing said how far the
    new round was; at the end the card said only "No more records for 'undecided'" (W2's walk of a living review)."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}", "search_round": "2026-01" if i < 4 else "2026-06"}
                             for i in range(6)])
    s = ScreeningSettings(team=["Alice"])
    with DecisionLog(tmp_path, "Alice", s) as a:
        for i in range(4):
            a.record(f"g{i}", "exclude")
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    assert w.progress["round"] == {"name": "2026-06", "done": 0, "total": 2}
    press(w, "include")
    assert w.progress["round"]["done"] == 1 and w.progress["done"] == 5
    press(w, "exclude")
    assert w.current_key == "" and "Every record at this stage is decided by you (6 of 6)" in w.card
    press(w, "include")  # a key there says why nothing happened (it said "no record shown" alone)
    assert w.info_kind == "error" and "nothing was logged. Every record at this stage is decided" in w.info
    w.close()
    one_round = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}", "search_round": "2026-01"} for i in range(2)])
    w = ScreeningWidget(one_round, "Alice", folder=tmp_path / "other", settings=s, order="file")
    assert w.progress["round"] is None
    w.close()


def test_the_latest_round_is_the_one_the_project_orders_last(tmp_path):
    """Round folders named "update2" and "update10": the widget took "update2" (sorted as text) for the latest
    round while the project, the build and the stopping test order numbers by value."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}", "search_round": ["update2", "update10",
                                                                                       "initial"][i % 3]}
                             for i in range(6)])
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=ScreeningSettings(team=["Alice"]), order="file")
    assert w.progress["round"] == {"name": "update10", "done": 0, "total": 2}
    w.close()


def test_a_new_search_round_after_a_stop_neither_undoes_it_nor_hides_the_new_records(tmp_path):
    """A living review stopped by the test; its next search round brought 20 records. The sample's order was
    recomputed over every record, so the stop no longer held and the 10 records it had left came back as waiting,
    while the widget resumed the (reshuffled) sample. The urn is logged with the sample now: the earlier stop keeps
    speaking for its records, the new ones are shown first, and a new sample is offered once includes are rare
    again among the records screened after the earlier sample."""
    from synthesis.screening import screening_status
    from synthesis.screening.stopping import left_after_stops

    def table(n):
        return make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}",
                                 "search_round": "2026-01" if i < 100 else "2026-06"} for i in range(n)])

    s = ScreeningSettings(team=["Alice"], sample_after=5)
    first = table(100)
    w = ScreeningWidget(first, "Alice", folder=tmp_path, settings=s, order="file")
    for i in range(50):
        press(w, "include" if i < 19 else "exclude")
    press(w, "start_sample")
    event = lines(tmp_path)[-1]
    assert event["kind"] == "stopping_sample" and event["urn"] == [f"g{i:03d}" for i in range(50, 100)]
    sampled = []
    for _ in range(40):
        key = w._sample["order"][len(sampled)]
        if w.current_key != key:  # the test says stop after 39: the sample no longer leads, its 40th is opened
            press(w, "open", key=key)
        sampled.append(key)
        press(w, "exclude")
    assert w.stopping_test().may_stop and w.panel["sample"]["p"] == pytest.approx(90 / 2450)  # 0.0367, by hand
    # "10 undecided left" beside "You may stop" read as work still to do: the count says the stop leaves them
    assert w.progress["matching"] == 10 and w.progress["left_by_stop"] == 10
    w.close()
    left = set(first["group_id"]) - {f"g{i:03d}" for i in range(50)} - set(sampled)
    assert left_after_stops(read_logs(tmp_path, s), first, s) == left and len(left) == 10

    both = table(120)  # the second round's 20 records
    new = {f"g{i:03d}" for i in range(100, 120)}
    reading = read_logs(tmp_path, s)
    [test] = logged_stopping_tests(reading, both["group_id"])
    assert test.may_stop and test.total == 100 and test.sample_size == 40 and test.covers == frozenset(event["urn"])
    assert left_after_stops(reading, both, s) == left  # the stop still holds for its records, not for the new ones
    status = screening_status(reading, both, settings=s).set_index("group_id")
    assert (status.loc[sorted(new), "state"] == "undecided").all()
    from synthesis.screening.stopping import prisma_check_lines

    assert any(line.startswith("  20 records came in after Alice's sample was drawn") for line in
               prisma_check_lines(reading, both, s))

    w = ScreeningWidget(both, "Alice", folder=tmp_path, settings=s, order="file")
    assert w.stopping_test() is None and w.current_key in new
    assert w.progress["matching"] == 30 and w.progress["left_by_stop"] == 10  # the earlier stop's, not the new
    assert w.panel["earlier"] == {"when": event["timestamp"][:10], "may_stop": True, "came_in": 20, "open": 20}
    # the 31 excludes in a row before and in the earlier sample do not make the new sample due at once
    assert w.panel["excluded_in_a_row"] == 0 and w.panel["sample_later"] and not w.panel["can_sample"]
    for _ in range(5):
        assert w.current_key in new
        press(w, "exclude")
    assert w.panel["can_sample"] and w.panel["earlier"]["open"] == 15
    press(w, "start_sample")
    again = lines(tmp_path)[-1]
    # the new urn: what the earlier stop left and the new records not screened yet
    assert set(again["urn"]) == left | (new - set(list(w._mine)[-5:])) and again["total"] == 120
    assert w.panel["earlier"] is None and w.stopping_test().urn == 25 and w.progress["left_by_stop"] == 0
    w.close()


def test_the_urn_of_a_logged_sample_follows_a_duplicate_verdict_and_the_id_map(tmp_path):
    """Records of a sample's urn renamed by the id migration, or joined to another group by a "duplicate"
    verdict, are the same records of the urn: the sample keeps its order and the stop its records."""
    from synthesis.ids import IdMap
    from synthesis.screening.log import rekey_joined
    from synthesis.screening.stopping import logged_sample

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(10)])
    s = ScreeningSettings(team=["Alice"], sample_after=0)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    press(w, "include")
    press(w, "exclude")
    press(w, "start_sample")
    order = list(w._sample["order"])
    w.close()
    renamed = IdMap({k: "n" + k for k in units["group_id"]})
    reading = read_logs(tmp_path, s, ids=renamed)
    [event] = reading.events
    moved = logged_sample(reading, event, ["n" + k for k in units["group_id"]])
    assert moved.order == ["n" + k for k in order] and moved.size == 8
    joined = rekey_joined(read_logs(tmp_path, s), {order[1]: order[0]})
    kept = logged_sample(joined, joined.events[0], [k for k in units["group_id"] if k != order[1]])
    assert kept.order == [order[0]] + order[2:] and kept.size == 8 and order[1] not in kept.urn


def test_a_blind_reviewer_cannot_open_the_conflicts_queue_before_the_team_has_screened(tmp_path):
    """w16: screening blind, Ben halfway opened RESOLVE = True and the queue showed Ana's decisions side by side
    (a conflicts queue turns blinding off). It opens for a reviewer of the stage once every record has its
    reviewers' decisions; a third person who screens none of it may resolve any time."""
    from synthesis.screening import ScreeningError

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(3)])
    s = ScreeningSettings(team=["Ana", "Ben", "Cy"], reviewers_per_record=2, blind=True)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b:
        for i in range(3):
            a.record(f"g{i}", "include")
        b.record("g0", "exclude")  # a conflict; Ben has two records to go
    with pytest.raises(ScreeningError, match="opens for you once the team has screened every record"):
        ScreeningWidget(units, "Ben", folder=tmp_path, settings=s, resolve=True)
    cy = ScreeningWidget(units, "Cy", folder=tmp_path, settings=s, resolve=True)
    assert cy.current_key == "g0"
    cy.close()
    with DecisionLog(tmp_path, "Ben", s) as b:
        b.record("g1", "include")
        b.record("g2", "include")
    ben = ScreeningWidget(units, "Ben", folder=tmp_path, settings=s, resolve=True)
    assert ben.current_key == "g0"
    ben.close()
    # not blind: the queue opens whenever
    open_ = ScreeningSettings(team=["Ana", "Ben", "Cy"], reviewers_per_record=2)
    ScreeningWidget(units, "Ana", folder=tmp_path, settings=open_, resolve=True).close()


def test_after_the_stop_the_records_others_found_relevant_come_first_then_the_interrupted_order(tmp_path):
    """Dual screening: the test said "may stop" and the widget went on in the random sample's order, so the records
    Bob had included, which no stop leaves (a person must decide them), were somewhere among the rest of the urn.
    Once the test says stop they come first, then the order the sample interrupted (here the file's), in this
    session and in the next."""
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    s = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2, sample_after=5)
    bob = {f"g{i:03d}" for i in range(51, 100, 2)}
    with DecisionLog(tmp_path, "Bob", s) as log:
        for k in sorted(bob):
            log.record(k, "include")
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    _screen_to_the_stop(w)
    assert w.stopping_test().may_stop and w.stopping_test().sample_size == 39  # p = 0.0459
    left = [k for k in units["group_id"] if k not in w._mine]
    expected = [k for k in left if k in bob] + [k for k in left if k not in bob]
    assert len(left) == 11 and w.current_key == expected[0]
    shown = _walk(w)
    assert shown == expected
    w.close()
    again = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    assert again.stopping_test().may_stop and again.current_key == expected[0]
    again.close()


def test_after_the_stop_the_prioritised_order_ranks_what_is_left(tmp_path):
    """With the prioritised order, what the stop leaves is shown in that order again, not the sample's."""
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": ("knee exercise trial " if i % 7 == 0 else
                                                                  "bridge steel corrosion ") + str(i)}
                             for i in range(60)])
    s = ScreeningSettings(team=["Alice"], sample_after=0)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="prioritised")
    w.prioritiser.wait(60)
    for _ in range(20):
        press(w, "include" if "knee" in w._rows[w.current_key]["title"] else "exclude")
    press(w, "start_sample")
    assert w._order_fn is None
    for _ in range(40):
        if w.stopping_test().may_stop:
            break
        press(w, "exclude")
    assert w.stopping_test().may_stop and w._order_fn is w.prioritiser
    w.close()


def test_an_undone_stop_gives_the_lead_back_to_the_sample(tmp_path):
    """Once the test says stop the sample no longer leads; when an undo and a changed decision take the stop
    back, it leads again: otherwise the records shown next were outside its order and could not move it on."""
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    s = ScreeningSettings(team=["Alice"], sample_after=5)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    _screen_to_the_stop(w)
    # after the stop: the file's order again (the first record nobody decided), not the sample's 40th
    assert w.stopping_test().sample_size == 39 and w.current_key == min(set(units["group_id"]) - set(w._mine))
    last = w._sample["order"][38]
    press(w, "undo")
    assert w.current_key == last and not w.stopping_test().may_stop
    press(w, "include")
    assert not w.stopping_test().may_stop
    rest = [k for k in w._sample["order"] if k not in w._mine]
    assert len(rest) == 11 and w.current_key == rest[0]
    shown = _walk(w)
    assert shown == rest  # the sample's order, not the file's
    w.close()


def test_a_blind_reviewer_sees_the_full_text_list_only_once_the_team_has_screened_the_titles(tmp_path):
    """w20: screening blind, Ben halfway through the titles opened STAGE = "full_text": its list is the team's
    title/abstract inclusions, so it showed him which of his includes Ana had agreed on, and by what was missing,
    where she had not. It opens for a reviewer of the titles once every record there has its reviewers'
    decisions; someone who screened no title may start any time."""
    from synthesis.screening import ScreeningError, hidden_while_blind

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    s = ScreeningSettings(team=["Ana", "Ben", "Cy"], reviewers_per_record=2, blind=True)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b:
        for key, decision in [("g0", "include"), ("g1", "exclude"), ("g2", "include")]:
            a.record(key, decision)
        b.record("g0", "include")  # agreed
        b.record("g1", "include")  # Ana excluded it: a conflict
    with pytest.raises(ScreeningError) as refused:
        ScreeningWidget(units, "Ben", stage="full_text", folder=tmp_path, settings=s)
    # w28: the sentence of "Where the team stands" below it (it said the same in other words)
    assert str(refused.value) == (hidden_while_blind(tmp_path, units, "full_text", s)
                                  + " The full-text list opens for you then (someone who screened no title may start "
                                    "now).")
    message = open_screening(units, "Ben", stage="full_text", folder=tmp_path, settings=s)
    assert isinstance(message, Message) and message.kind == "error" and "g0" not in message.text
    cy = ScreeningWidget(units, "Cy", stage="full_text", folder=tmp_path, settings=s)  # screened no title
    assert cy.current_key == "g0"
    cy.close()
    with DecisionLog(tmp_path, "Ben", s) as b:
        b.record("g2", "exclude")
        b.record("g3", "exclude")
    with DecisionLog(tmp_path, "Ana", s) as a:
        a.record("g3", "exclude")
    ben = ScreeningWidget(units, "Ben", stage="full_text", folder=tmp_path, settings=s)
    assert ben._scope == ["g0"]
    ben.close()
    # not blind: the same list (it grew as the team agreed)
    s.blind = False
    ben = ScreeningWidget(units, "Ben", stage="full_text", folder=tmp_path, settings=s)
    assert ben._scope == ["g0"]
    ben.close()


def test_a_screening_too_short_for_the_stopping_sample_says_so(tmp_path):
    """w42: on a new review of 43 records the panel said "offered after 100 records in a row excluded (now 0)" from
    the first record to the last: a promise the screening could never keep. With fewer records left than the run
    still needs, the panel says the sample cannot be offered and to screen every record; once enough are left
    again (a lower ``sample_after``) it promises it as before."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"title {i}"} for i in range(10)])
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=ScreeningSettings(team=["Alice"]), order="file")
    assert w.panel["sample_never"] and w.panel["left"] == 10 and not w.panel["can_sample"]
    w.close()
    s = ScreeningSettings(team=["Alice"], sample_after=4)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=s, order="file")
    assert w.panel["sample_later"] and not w.panel["sample_never"]
    for action in ("include", "exclude", "exclude", "exclude", "exclude", "include", "exclude"):
        press(w, action)
    # 3 records left, 1 excluded in a row: 4 is still reachable, and no longer after one more include
    assert w.panel["left"] == 3 and not w.panel["sample_never"]
    press(w, "include")
    assert w.panel["left"] == 2 and w.panel["sample_never"] and w.panel["excluded_in_a_row"] == 0
    w.close()


def test_a_blind_reviewer_joining_a_screened_stage_is_not_told_the_team_numbers_are_hidden(tmp_path):
    """w42: Cara joined a blind title/abstract stage that Ana and Ben had screened. The banner said "you are not
    told which, how many, by whom or how", and right under it "Where the team stands" showed agreed 34, resolved
    9 (the team's numbers show once the team has screened the stage). The banner now says where the numbers are,
    and that the widget still shows no one else's decision on a record; halfway it says what it said before."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    s = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2, blind=True)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        for i in range(3):
            a.record(f"g{i}", "exclude")
            b.record(f"g{i}", "exclude")
    s = add_reviewer(tmp_path, "Carol")
    w = ScreeningWidget(units, "Carol", folder=tmp_path)  # g3 not screened yet: halfway, as before
    assert "not told which, how many" in w.banner
    w.close()
    with DecisionLog(tmp_path, "Alice", s) as a, DecisionLog(tmp_path, "Bob", s) as b:
        a.record("g3", "include")
        b.record("g3", "exclude")
    w = ScreeningWidget(units, "Carol", folder=tmp_path)
    assert w.blind and "The team has screened every record at this stage" in w.banner, w.banner
    assert "Where the team stands" in w.banner and "not told" not in w.banner
    assert not re.search(r"\d|Alice|Bob|include|exclude", w.banner), w.banner
    assert w.current_decision == "" and "Alice" not in w.card and "Bob" not in w.card
    w.close()


def test_the_history_decision_filter_matches_the_decision_that_stands(tmp_path):
    """w42 (52_Ana_history_filtered.png): the history's "decision: include" listed Ana's own includes that the
    team had resolved to exclude. The filter now matches the decision that stands (the resolution where there is
    one, else the reviewer's own), says so in the count line, and a resolved row shows the overruled vote and the
    resolution that stands."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"Record {i}"} for i in range(1, 4)])
    s = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2, blind=True)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b:
        for key in ("g1", "g2", "g3"):
            a.record(key, "include")
        b.record("g1", "exclude")
        b.record("g2", "include")
        b.record("g3", "exclude")
        a.record("g1", "exclude", resolution=True)  # Ana resolved the conflict on g1 to exclude
        a.record("g3", "include", resolution=True)  # and the one on g3 to include
    w = ScreeningWidget(units, "Ana", folder=tmp_path)
    assert w.blind
    assert sorted(k for k, *_ in w.history(decision="include")) == ["g2", "g3"]  # not g1: resolved to exclude
    assert [k for k, *_ in w.history(decision="exclude")] == ["g1"]
    assert [k for k, *_ in w.history(decision="include", reviewer="Ana")] == ["g2", "g3"]
    press(w, "history", query="", decision="include", reviewer="", flag="")
    assert w.history_count.startswith("2 of 3") and "the decision that stands" in w.history_count
    press(w, "history", query="", decision="", reviewer="", flag="")
    row = re.search(r'<li class="syn-hrow" data-key="g1".*?</li>', w.history_html).group(0)
    assert "Ana: include (overruled)" in row and "resolved by Ana: exclude (stands)" in row, row
    row = re.search(r'<li class="syn-hrow" data-key="g3".*?</li>', w.history_html).group(0)
    assert "overruled" not in row and "resolved by Ana: include (stands)" in row, row
    w.close()


def test_resolving_a_conflict_you_were_party_to_says_so_and_logs_who_resolved(tmp_path):
    """w42 (30_conflicts_queue.png): Ana resolved the conflicts she was party to, and the queue said nothing of it.
    It now says, on such a record, that she decided it and what, and that a third reviewer usually resolves; it
    does not forbid it (small teams do it), and the log names her as the resolver, as before."""
    units = make_unit_table([{"group_id": "g1", "title": "One"}, {"group_id": "g2", "title": "Two"}])
    s = ScreeningSettings(team=["Ana", "Ben", "Cy"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b, \
            DecisionLog(tmp_path, "Cy", s) as c:
        a.record("g1", "include")
        b.record("g1", "maybe")
        b.record("g2", "include")
        c.record("g2", "exclude", reason="")
    w = ScreeningWidget(units, "Ana", folder=tmp_path, settings=s, resolve=True, order="file")
    assert w.current_key == "g1"
    assert "you decided this record (include); a third reviewer usually resolves" in w.card, w.card
    press(w, "exclude")
    assert w.current_key == "g2" and "you decided this record" not in w.card  # Ben and Cy's conflict
    w.close()
    entry = lines(tmp_path, "ana")[-1]
    assert (entry["key"], entry["decision"], entry["resolution"], entry["reviewer"]) == ("g1", "exclude", True, "Ana")


def test_a_blind_reviewer_done_with_a_screened_stage_is_told_how_many_conflicts_wait(tmp_path, monkeypatch):
    """w42 (20_ana_after_both.png): once Ana and Ben had screened every title blind, Ana's widget (RESOLVE = False)
    said "every record decided by you" and nothing of the 9 conflicts waiting. Once the team has screened the
    stage and the reviewer has nothing left, the banner says how many conflicts wait and who resolves them;
    before (the team still screening, or the reviewer with records left) it says no number."""
    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    s = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2, blind=True)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b:
        for i in range(4):
            a.record(f"g{i}", "include")
        for i in range(3):  # g1, g2 differ from Ana's
            b.record(f"g{i}", "include" if i == 0 else "exclude")
    w = ScreeningWidget(units, "Ana", folder=tmp_path)  # Ben has not finished: nothing to say
    assert not re.search(r"\d|conflict", w.banner), w.banner
    import synthesis.screening.widget as widget_module

    reads = []
    monkeypatch.setattr(widget_module, "read_logs", lambda *a, **k: reads.append(a) or pytest.fail("logs read"))
    press(w, "open", key="g1")
    press(w, "exclude")  # a changed decision does not read every log again (2 s a press at 20,000 records)
    press(w, "open", key="g1")
    press(w, "include")
    assert reads == [] and not re.search(r"\d|conflict", w.banner), w.banner
    monkeypatch.undo()
    ben = ScreeningWidget(units, "Ben", folder=tmp_path, order="file")
    assert ben.current_key == "g3" and not re.search(r"\d|conflict", ben.banner), ben.banner
    press(ben, "exclude")  # the team's last record: now Ben too is told, at once
    assert "3 conflicts between reviewers wait for resolution" in ben.banner, ben.banner
    press(ben, "undo")  # a record left again: no number while he still has one to screen
    assert not re.search(r"\d", ben.banner), ben.banner
    press(ben, "exclude")
    ben.close()
    w.refresh()  # Ana's widget, open all along: refreshed, it looks again
    assert "3 conflicts between reviewers wait for resolution" in w.banner, w.banner
    w.close()
    w = open_screening(units, "Ana", folder=tmp_path)  # as notebook 2 opens it: the banner names its RESOLVE
    assert "3 conflicts between reviewers wait for resolution" in w.banner, w.banner
    assert "RESOLVE = True" in w.banner and "not party to them" in w.banner
    assert "Ben" not in w.banner and "Ben" not in w.card  # still no one else's decision on a record
    press(w, "open", key="g1")
    press(w, "exclude")  # changed from the history: now as Ben decided it, so one conflict fewer
    assert "2 conflicts between reviewers wait" in w.banner, w.banner
    press(w, "open", key="g1")
    press(w, "maybe")
    assert "3 conflicts between reviewers wait" in w.banner, w.banner
    w.close()
    with DecisionLog(tmp_path, "Ana", s) as a:
        for i in (1, 2, 3):
            a.record(f"g{i}", "exclude", resolution=True)
    w = ScreeningWidget(units, "Ana", folder=tmp_path)
    assert "no conflict between reviewers waits" in w.banner and "3 resolved" in w.banner, w.banner
    w.close()


def test_with_an_empty_team_the_first_name_joins_it(tmp_path):
    """w42: with team = [] in review.toml (a review made without --team) the widget took any name as written and
    added no one: "Anna" one day and "Ana" the next would have been two reviewers, and every agreement a conflict.
    An empty team means the team is not set up yet: the first name typed joins it, said in one line, and the next
    spelling is checked against it. Names that already have decisions logged join with it (said too)."""
    units = make_unit_table([{"group_id": "g1", "title": "A"}, {"group_id": "g2", "title": "B"}])
    ScreeningSettings(reviewers_per_record=2).save(tmp_path)
    w = open_screening(units, "Ana", folder=tmp_path, order="file")
    assert isinstance(w, ScreeningWidget) and w.reviewer == "Ana"
    assert ScreeningSettings.load(tmp_path).team == ["Ana"]
    assert "Ana joined the team" in w.info and 'syn.add_reviewer(PROJECT, "Your Name")' in w.info, w.info
    press(w, "include")
    w.close()
    typo = open_screening(units, "Anna", folder=tmp_path)
    assert isinstance(typo, Message) and "did you mean 'Ana'" in typo.text, typo.text
    again = open_screening(units, "ana", folder=tmp_path)
    assert again.reviewer == "Ana" and "joined" not in again.info
    again.close()
    # a review screened before it had a team: who already logged decisions joins with the first name typed
    other = tmp_path / "other"
    ScreeningSettings().save(other)
    with DecisionLog(other, "bob", ScreeningSettings()) as bob:
        bob.record("g1", "exclude")
    w = open_screening(units, "Cleo", folder=other)
    assert ScreeningSettings.load(other).team == ["bob", "Cleo"]
    assert "bob" in w.info and "Cleo joined the team" in w.info, w.info
    w.close()


def test_the_conflict_hint_says_what_the_reviewer_changes_where_they_opened_the_widget(tmp_path):
    """w46 left it: the record card of a conflict said "resolve it in the conflicts queue:
    ScreeningWidget(..., resolve=True)", while notebook 2's first cell has RESOLVE = True and the blind banner
    says so. Opened from the notebook (open_screening), the card and the banner name RESOLVE in the first cell;
    the class opened directly, outside the notebooks, keeps the call that opens the queue."""
    units = make_unit_table([{"group_id": "g1", "title": "One"}, {"group_id": "g2", "title": "Two"}])
    s = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2)
    s.save(tmp_path)
    with DecisionLog(tmp_path, "Ana", s) as a, DecisionLog(tmp_path, "Ben", s) as b:
        a.record("g1", "include")
        b.record("g1", "exclude")
    notebook = open_screening(units, "Ana", folder=tmp_path, order="file")
    press(notebook, "open", key="g1")
    assert "resolve it in the conflicts queue: <code>RESOLVE = True</code> in the first cell" in notebook.card
    assert "ScreeningWidget(" not in notebook.card, notebook.card
    notebook.close()
    direct = ScreeningWidget(units, "Ana", folder=tmp_path, order="file")
    press(direct, "open", key="g1")
    assert "<code>ScreeningWidget(..., resolve=True)</code>" in direct.card and "RESOLVE" not in direct.card
    direct.close()
    # the blind banner, once the team has screened, names the same way to open the queue
    blind = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2, blind=True)
    with DecisionLog(tmp_path, "Ana", blind) as a, DecisionLog(tmp_path, "Ben", blind) as b:
        a.record("g2", "include")
        b.record("g2", "include")
    banner = ScreeningWidget(units, "Ana", folder=tmp_path, settings=blind).banner
    assert "ScreeningWidget(..., resolve=True) opens the conflicts queue" in banner, banner
    banner = open_screening(units, "Ana", folder=tmp_path, settings=blind).banner
    assert "RESOLVE = True in the first cell opens the conflicts queue" in banner, banner
