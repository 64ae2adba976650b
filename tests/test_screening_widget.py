"""The screening widget's kernel side, driven through the same messages the front end sends."""
from __future__ import annotations

import json

import pandas as pd
import pytest

pytest.importorskip("anywidget")

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, read_logs  # noqa: E402
from synthesis.screening.widget import Highlighter, ScreeningWidget  # noqa: E402

SETTINGS = ScreeningSettings(team=["Alice", "Bob"], reasons=["wrong population", "wrong design"],
                          include_keywords=["pharmac*", "public"], exclude_keywords=["children"])


@pytest.fixture(scope="module")
def units(shared_data):
    path = shared_data / "screening" / "Kitchenham_2010.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path).head(40)
    df["group_id"] = "kit-" + df["record_id"].astype(str)
    return make_unit_table(df)


def press(w, action, **extra):
    w._on_msg(w, {"action": action, "note": "", "labels": "", "reason": "", **extra}, None)


def decide(folder, settings, reviewer, decisions: dict) -> None:
    """One reviewer's title/abstract decisions ``{key: decision}``, written to their log."""
    with DecisionLog(folder, reviewer, settings) as log:
        for key, decision in decisions.items():
            log.record(key, decision)


def log_lines(folder, name="alice"):
    return [json.loads(x) for x in (folder / f"{name}.jsonl").read_text().splitlines() if x.strip()]


def test_decide_moves_on_only_after_the_decision_is_on_disk(tmp_path, units):
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    keys = units["group_id"].tolist()
    seen = []
    # When the next record's HTML is set, the decision before it must already be in the file.
    w.observe(lambda ch: seen.append(len(log_lines(tmp_path)) if (tmp_path / "alice.jsonl").exists() else 0),
              names="card")
    press(w, "include", note="relevant", labels="metrics, fault")
    press(w, "exclude")
    press(w, "maybe")
    assert seen == [1, 2, 3]
    assert w.current_key == keys[3]
    got = log_lines(tmp_path)
    assert [(g["key"], g["decision"]) for g in got] == [(keys[0], "include"), (keys[1], "exclude"),
                                                         (keys[2], "maybe")]
    assert got[0]["note"] == "relevant" and got[0]["labels"] == ["metrics", "fault"]
    assert w.progress["done"] == 3 and w.progress["total"] == 40 and w.progress["include"] == 1
    assert "label: fault" in w.filter_options
    w.close()


def test_messages_name_the_record_by_its_title(tmp_path, units):
    """A reviewer of a held-out review read "saved: exclude gdbbdbe5d07738322" and "gb72... is already agreed by
    ana": an id nobody can place. Messages name the record by the start of its title (the id after it)."""
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    key, title = units["group_id"].iloc[0], " ".join(str(units["title"].iloc[0]).split())
    press(w, "include")
    assert w.info.startswith("saved: include: \u201c" + title[:40]) and w.info.endswith(f"({key})"), w.info
    assert len(w.info) < 100  # a long title is cut short
    press(w, "undo")
    assert w.info.startswith("undone: include: \u201c" + title[:40]), w.info
    w.close()


def test_previous_next_undo(tmp_path, units):
    keys = units["group_id"].tolist()
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    press(w, "include")
    press(w, "exclude")
    assert w.current_key == keys[2]
    press(w, "undo")  # takes back the exclusion of keys[1] and shows it again
    assert w.current_key == keys[1] and w.current_decision == ""
    assert log_lines(tmp_path)[-1]["decision"] == "undo"
    press(w, "undo")
    assert w.current_key == keys[0] and w.progress["done"] == 0
    press(w, "undo")
    assert w.info_kind == "error" and "nothing to undo" in w.info
    w.filter = "all"
    press(w, "next")
    assert w.current_key == keys[1]
    press(w, "previous")
    assert w.current_key == keys[0]
    press(w, "previous")
    assert w.current_key == keys[0] and "first record" in w.info
    w.close()


def test_full_text_needs_a_reason_and_counts_from_title_abstract(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        for k in keys[:5]:
            log.record(k, "include")
        for k in keys[5:]:
            log.record(k, "exclude")
    w = ScreeningWidget(units, "Alice", stage="full_text", folder=tmp_path, settings=SETTINGS)
    assert w.progress["total"] == 5  # only what passed title/abstract
    assert w.reasons == ["wrong population", "wrong design", "not retrieved"]
    before = len(log_lines(tmp_path))
    press(w, "exclude")
    assert w.info_kind == "error" and "reason" in w.info and w.current_key == keys[0]
    assert len(log_lines(tmp_path)) == before  # nothing logged, nothing lost
    press(w, "exclude", reason="wrong design")
    assert log_lines(tmp_path)[-1]["reason"] == "wrong design" and w.current_key == keys[1]
    w.close()


def test_a_review_without_exclusion_reasons_is_told_how_to_add_them(tmp_path, units):
    """A new review sets no exclusion reasons: at full text the pick-list held "not retrieved" alone, and "e" said
    "pick the exclusion reason first", which no key could do. It now says how to add them, from a cell, and
    ``syn.add_exclusion_reasons`` writes them into the review's settings (keeping the rest of the file)."""
    from synthesis.screening import add_exclusion_reasons, load_screening_settings

    project = tmp_path / "review"
    folder = project / "evidence" / "screening"
    folder.mkdir(parents=True)
    (project / "evidence" / "review.toml").write_text('# our review\n[screening]\nteam = ["Alice"]  # us\n',
                                                       encoding="utf-8")
    keys = units["group_id"].tolist()
    settings = load_screening_settings(folder)
    with DecisionLog(folder, "Alice", settings) as log:
        for k in keys[:3]:
            log.record(k, "include")
    w = ScreeningWidget(units, "Alice", stage="full_text", folder=folder, settings=settings)
    assert w.reasons == ["not retrieved"]
    press(w, "exclude")
    assert w.info_kind == "error" and "syn.add_exclusion_reasons(EVIDENCE" in w.info
    assert len(log_lines(folder)) == 3
    w.close()
    settings = add_exclusion_reasons(folder, "wrong population", "wrong study design")
    assert settings.reasons == ["wrong population", "wrong study design"]
    text = (project / "evidence" / "review.toml").read_text(encoding="utf-8")
    assert text.startswith("# our review\n") and "# us" in text
    w = ScreeningWidget(units, "Alice", stage="full_text", folder=folder, settings=settings)
    press(w, "exclude", reason="wrong study design")
    assert log_lines(folder)[-1]["reason"] == "wrong study design"
    w.close()


def test_record_strings_are_escaped_and_keywords_marked(tmp_path):
    units = make_unit_table([{"group_id": "x<1>", "title": "<img src=x onerror=alert(1)> Pharmacy & public",
                              "authors": ["O'Brien, <K>"], "journal": "<i>J</i>", "abstract": "children only",
                              "doi": "10.1/\"q\""}])
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    assert "<img" not in w.card and "&lt;img src=x onerror=alert(1)&gt;" in w.card
    assert '<mark class="syn-kw-in">Pharmacy</mark>' in w.card and '<mark class="syn-kw-in">public</mark>' in w.card
    assert '<mark class="syn-kw-out">children</mark>' in w.card
    assert "O&#x27;Brien, &lt;K&gt;" in w.card and "&lt;i&gt;J&lt;/i&gt;" in w.card
    assert 'data-key="x&lt;1&gt;"' in w.card
    w.close()
    assert Highlighter().html("<a>") == "&lt;a&gt;"


def test_order_list_and_callable(tmp_path, units):
    keys = units["group_id"].tolist()
    w = ScreeningWidget(units, "Alice", folder=tmp_path / "a", settings=SETTINGS, order=keys[::-1])
    assert w.current_key == keys[-1]
    press(w, "include")
    assert w.current_key == keys[-2]
    w.close()

    asked = []

    def prioritise(decided):
        asked.append(dict(decided))
        rest = [k for k in keys[::3] if k not in decided]
        return rest[0] if rest else None

    w = ScreeningWidget(units, "Alice", folder=tmp_path / "b", settings=SETTINGS, order=prioritise)
    assert w.current_key == keys[0]
    press(w, "exclude")
    assert w.current_key == keys[3] and asked[-1] == {keys[0]: "exclude"}
    for _ in range(len(keys[::3]) - 1):
        press(w, "include")
    assert w.current_key == "" and "No more records" in w.card
    press(w, "previous")
    assert w.current_key == keys[::3][-1]
    w.close()
    with pytest.raises(Exception, match="not a record in scope"):
        ScreeningWidget(units, "Alice", folder=tmp_path / "c", settings=SETTINGS, order=lambda d: "nope")


def test_blind_and_conflicts_and_resolution(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Bob", SETTINGS) as bob:
        bob.record(keys[0], "exclude")
        bob.record(keys[1], "include")
    blind = ScreeningSettings(team=SETTINGS.team, reasons=SETTINGS.reasons, blind=True)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=blind)
    assert "Bob" not in w.card and "conflicts" not in w.filter_options
    press(w, "include")
    press(w, "include")
    w.close()

    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)  # not blind: sees Bob
    w.filter = "conflicts"
    assert w.current_key == keys[0] and "<b>Bob</b><div class=\"syn-vote-d\">exclude</div>" in w.card
    press(w, "next")
    assert w.current_key == ""  # keys[1]: both include, no conflict
    w.close()

    with pytest.raises(Exception, match="unknown reviewer 'Zed'"):
        ScreeningWidget(units, "Zed", folder=tmp_path, settings=SETTINGS)

    r = ScreeningWidget(units, "Bob", folder=tmp_path, settings=SETTINGS, resolve=True)
    assert r.filter == "conflicts" and r.current_key == keys[0]
    press(r, "include", note="agreed after discussion")
    r.close()
    last = log_lines(tmp_path, "bob")[-1]
    assert last["resolution"] is True and last["decision"] == "include" and last["key"] == keys[0]
    from synthesis.screening import screening_status
    st = screening_status(read_logs(tmp_path, SETTINGS), units, settings=SETTINGS).set_index("group_id")
    assert st.loc[keys[0], ["state", "decision"]].tolist() == ["resolved", "include"]


def test_damaged_log_is_reported_in_the_widget(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        log.record(keys[0], "include")
    with open(tmp_path / "alice.jsonl", "a") as f:
        f.write("garbage typed by hand\n")
        f.write('{"key": "vanished-1", "stage": "title_abstract", "decision": "include", "reviewer": "Alice"}\n')
    with pytest.warns(UserWarning):
        w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    assert "alice.jsonl, line 2: not a decision entry" in w.problems
    assert "vanished-1" in w.problems and "not in the unit table" in w.problems
    assert w.progress["done"] == 1 and w.current_key == keys[1]
    w.close()


def test_label_filter_includes_other_reviewers_labels_unless_blind(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Bob", SETTINGS) as bob:
        bob.record(keys[7], "include", labels=["RCT"])
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    press(w, "include", labels="RCT")  # Alice labels keys[0]
    w.filter = "label: RCT"
    assert w.current_key == keys[0]
    press(w, "next")
    assert w.current_key == keys[7]
    press(w, "next")
    assert w.current_key == ""
    w.close()
    blind = ScreeningSettings(team=SETTINGS.team, blind=True)
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=blind)
    w.filter = "label: RCT"
    assert w.current_key == keys[0]
    press(w, "next")
    assert w.current_key == ""  # Bob's label is not shown to Alice in blind mode
    w.close()


def test_note_after_a_decision_is_logged_as_a_new_line(tmp_path, units):
    keys = units["group_id"].tolist()
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    press(w, "note", note="read the methods")  # no decision yet: kept for the decision
    assert "saved with your decision" in w.info and len(list(tmp_path.glob("*.jsonl"))) == 0
    press(w, "include", note="read the methods")
    press(w, "previous")
    assert w.current_key == keys[0] and w.note == "read the methods"
    press(w, "note", note="methods fine")
    got = log_lines(tmp_path)
    assert [(g["decision"], g["note"]) for g in got] == [("include", "read the methods"), ("include", "methods fine")]
    assert w.decision_log.current(keys[0]).note == "methods fine" and w.progress["done"] == 1
    w.close()


def test_every_screening_key_is_named_on_its_button():
    """A key that decides must be visible on the widget itself (``x`` excluded but no label said so)."""
    import re
    from importlib import resources

    js = resources.files("synthesis.screening").joinpath("widget.js").read_text(encoding="utf-8")
    table = re.search(r"const KEYS = \{(.*?)\};", js, re.S).group(1)
    keys = re.findall(r"(\w+): \"(\w+)\"", table)
    labels = dict(re.findall(r"\[\"(\w+)\", \"([^\"]+)\"\]", js.split("const spec = [", 1)[1].split("];", 1)[0]))
    for key, action in keys:
        if len(key) == 1:  # arrow keys are shown as arrows, letters by name
            assert re.search(rf"\(([a-z]/)*{key}(/[a-z])*\)", labels[action]), (key, action, labels[action])


def test_conflicts_queue_counts_conflicts_not_all_records(tmp_path, units):
    # A reviewer who had decided 40 records opened the conflicts queue and read "0 of 135 decided (0%)":
    # there, the counter is about the queue (conflicts resolved of the conflicts), not the whole screening.
    keys = units["group_id"].tolist()
    decide(tmp_path, SETTINGS, "Alice", dict.fromkeys(keys[:5], "include"))
    decide(tmp_path, SETTINGS, "Bob", {k: "exclude" if k in keys[:2] else "include" for k in keys[:5]})
    r = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS, resolve=True)
    assert r.progress["resolving"] is True
    assert (r.progress["done"], r.progress["total"]) == (0, 2)
    press(r, "include")
    assert (r.progress["done"], r.progress["total"]) == (1, 2)  # a resolved conflict stays in the queue
    r.close()
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    assert w.progress["resolving"] is False and (w.progress["done"], w.progress["total"]) == (5, 40)
    w.close()


def test_conflicts_queue_leaves_out_conflicts_another_resolver_settled(tmp_path, units):
    """The queue holds open conflicts and those I resolved (to change my resolution), not those another
    resolver settled. A second definition of the check, written later in the class, had replaced the queue's:
    every conflict stayed in every resolver's queue, counted as still to do."""
    settings = ScreeningSettings(team=["Alice", "Bob", "Carol", "Dan"], reasons=SETTINGS.reasons)
    keys = units["group_id"].tolist()
    decide(tmp_path, settings, "Alice", dict.fromkeys(keys[:3], "include"))
    decide(tmp_path, settings, "Bob", dict.fromkeys(keys[:3], "exclude"))
    carol = ScreeningWidget(units, "Carol", folder=tmp_path, settings=settings, resolve=True)
    assert (carol.progress["done"], carol.progress["total"]) == (0, 3)
    press(carol, "include")  # Carol settles the first conflict
    carol.close()
    dan = ScreeningWidget(units, "Dan", folder=tmp_path, settings=settings, resolve=True)
    assert (dan.progress["done"], dan.progress["total"]) == (0, 2)  # two left for Dan; Carol's is hers
    assert keys[0] not in [k for k in dan._candidates() if dan._is_conflict(k)]
    dan.close()
    carol = ScreeningWidget(units, "Carol", folder=tmp_path, settings=settings, resolve=True)
    assert (carol.progress["done"], carol.progress["total"]) == (1, 3)  # hers stays in her queue
    carol.close()


def test_blind_history_shows_my_own_resolution(tmp_path, units):
    """In blind mode a reviewer sees only their own decisions: their own resolution of a conflict is one of
    them. The history showed 'ana: maybe' on a record Ana herself had resolved to include (w6's walk)."""
    settings = ScreeningSettings(team=["Alice", "Bob"], reasons=SETTINGS.reasons, blind=True)
    units = units.head(1)  # both screened it all: a blind reviewer's conflicts queue opens only then
    key = units["group_id"].tolist()[0]
    decide(tmp_path, settings, "Alice", {key: "maybe"})
    decide(tmp_path, settings, "Bob", {key: "exclude"})
    r = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings, resolve=True)
    press(r, "include")
    r.close()
    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=settings)
    assert w.blind
    (_, _, votes), = [row for row in w.history() if row[0] == key]
    assert {r: d.decision for r, d in votes.items()} == {"Alice": "maybe", "resolved by Alice": "include"}
    assert [row[0] for row in w.history(flag="resolved")] == [key]
    assert "Bob" not in w.history_reviewers and "Bob" not in str(w.history())  # still blind to the others
    w.close()


def test_keywords_marked_whatever_hyphen_the_text_is_written_with():
    """Wiley's abstracts, and the Cochrane Library's, Dimensions' and EBSCOhost's copies of them, join words with
    the Unicode hyphen (CENTRAL's RIS: "open\u2010labelled", "COVID\u201019"; ferenci-tamas/FavipiravirMetaAnalysis,
    Cochrane.ris): a review's keyword "co-production" or "COVID-19" was not marked in them."""
    h = Highlighter(["co-production", "COVID-19"], ["open-label*"])
    marked = h.html("A co\u2010production trial of COVID\u201019, open\u2010labelled; co-production again.")
    assert marked.count('<mark class="syn-kw-in">') == 3 and '<mark class="syn-kw-out">open\u2010labelled</mark>' in marked
    assert h.html("cooperation in COVID 19") == "cooperation in COVID 19"


def test_keywords_in_chinese_are_marked_inside_a_chinese_title():
    """Chinese has no spaces between words, so a keyword such as 糖尿病 (diabetes) always stands between other
    word characters: the word-boundary check found it in no CNKI title. Such a keyword is marked wherever it
    stands; a keyword in Latin letters still needs its word's ends."""
    h = Highlighter(["糖尿病", "insulin"], ["动物实验"])
    marked = h.html("社区糖尿病患者的动物实验研究 with insulinoma")
    assert '<mark class="syn-kw-in">糖尿病</mark>' in marked and '<mark class="syn-kw-out">动物实验</mark>研究' in marked
    assert "insulinoma" in marked and "<mark class=\"syn-kw-in\">insulin" not in marked


def test_full_text_reasons_make_a_conflict_only_between_exclusions(tmp_path, units):
    """The widget's conflicts and the status table's are the same records. Two full-text includes agree whatever
    text one reviewer left in the reason box (an include needs none, and the status table and PRISMA count it
    agreed); two exclusions for different reasons differ. The widget once compared reasons on every decision and
    put agreed includes in the conflicts queue, where resolving them changed nothing the counts saw."""
    from synthesis.screening import screening_status

    keys = units["group_id"].tolist()
    for who in ("Alice", "Bob"):
        decide(tmp_path, SETTINGS, who, dict.fromkeys(keys[:3], "include"))
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        log.record(keys[1], "exclude", stage="full_text", reason="wrong population")
    with DecisionLog(tmp_path, "Bob", SETTINGS) as log:
        log.record(keys[0], "include", stage="full_text")
        log.record(keys[1], "exclude", stage="full_text", reason="wrong design")
        log.record(keys[2], "maybe", stage="full_text")
    # (the logger keeps a reason on exclusions only; a log written by another tool or by hand may have more)
    line = log_lines(tmp_path)[-1]
    with open(tmp_path / "alice.jsonl", "a", encoding="utf-8") as fh:
        for key, decision, reason in ((keys[0], "include", "meets every criterion"), (keys[2], "maybe", "unclear")):
            fh.write(json.dumps({**line, "key": key, "decision": decision, "reason": reason}) + "\n")
    status = screening_status(read_logs(tmp_path, SETTINGS).entries, units, "full_text", SETTINGS)
    in_conflict = set(status.loc[status["state"] == "conflict", "group_id"])
    assert in_conflict == {keys[1]}
    r = ScreeningWidget(units, "Carol", stage="full_text", folder=tmp_path,
                        settings=ScreeningSettings(team=["Alice", "Bob", "Carol"], reasons=SETTINGS.reasons),
                        resolve=True)
    try:
        assert {k for k in r._candidates() if r._is_conflict(k)} == in_conflict
        assert r.progress["total"] == 1
    finally:
        r.close()


def test_the_history_calls_a_vote_overruled_only_when_the_resolution_differs_from_it(tmp_path, units):
    """At title/abstract a reason says why, not what: an exclusion with a reason beside a resolution that excludes
    without one was marked "(overruled)" in the history, as if the resolver had decided otherwise."""
    from synthesis.screening.log import Decision

    w = ScreeningWidget(units, "Alice", folder=tmp_path, settings=SETTINGS)
    try:
        key = units["group_id"].iloc[0]
        vote = Decision(key, "title_abstract", "exclude", "Bob", reason="wrong population")
        stands = Decision(key, "title_abstract", "exclude", "Carol", resolution=True)
        assert "(overruled)" not in w._history_tag("Bob", vote, stands)
        assert "(overruled)" in w._history_tag("Bob", Decision(key, "title_abstract", "include", "Bob"), stands)
    finally:
        w.close()
