"""Two coders, agreement against reference implementations, reconciliation, and what the map then shows;
a scheme that changes between rounds; unknown codes named by file, line and study."""
from __future__ import annotations

import math
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding import load_scheme
from synthesis.coding.agreement import coding_agreement, cohen_kappa, krippendorff_alpha
from synthesis.coding.form import FormError, load_form, parse_form
from synthesis.coding.log import CodingLog
from synthesis.coding.project import load_project_coding, study_states
from synthesis.coding.studies import CodingError
from synthesis.coding.widget import CodingWidget

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "evidence"


@pytest.mark.parametrize("seed", range(6))
def test_kappa_and_alpha_match_the_reference_implementations(seed):
    from sklearn.metrics import cohen_kappa_score
    krippendorff = pytest.importorskip("krippendorff", reason="pip install krippendorff (the test extra)")
    rng = random.Random(seed)
    n = rng.randint(8, 60)
    a = [rng.random() < 0.4 for _ in range(n)]
    b = [x if rng.random() < 0.75 else not x for x in a]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    ref = krippendorff.alpha(reliability_data=[[int(x) for x in a], [int(x) for x in b]],
                             level_of_measurement="nominal")
    assert krippendorff_alpha([[int(x) for x in a], [int(x) for x in b]]) == pytest.approx(ref)
    # three coders with gaps, several categories
    data = [[rng.choice([1, 2, 3, None]) for _ in range(n)] for _ in range(3)]
    ref = krippendorff.alpha(reliability_data=[[math.nan if v is None else v for v in row] for row in data],
                             level_of_measurement="nominal")
    assert krippendorff_alpha(data) == pytest.approx(ref)


def _project(tmp_path, dual=True) -> Path:
    ev = tmp_path / "evidence"
    ev.mkdir()
    shutil.copy(EVIDENCE / "coding_scheme.txt", ev)
    text = (EVIDENCE / "coding_form.toml").read_text(encoding="utf-8")
    (ev / "coding_form.toml").write_text(text.replace("dual = false", f"dual = {str(dual).lower()}"), encoding="utf-8")
    shutil.copy(EVIDENCE / "studies.csv", ev)
    shutil.copy(EVIDENCE / "study_codes.csv", ev)
    return ev


UNITS = pd.DataFrame({"group_id": ["gA", "gB", "gC"],
                      "title": ["Co-design with refugees", "Staff time for telehealth", "Funding digital tools"],
                      "authors": [["Haddad, N.", "Smith, J."], ["Mensah, K."], ["Okafor, C.", "Lee, K.", "Ng, A."]],
                      "year": [2027, 2026, 2025], "abstract": ["Refugees co-designed.", "Staff.", "Money."],
                      "journal": "", "doi": ""})


def test_dual_coding_agreement_reconciliation_and_the_map(tmp_path):
    ev = _project(tmp_path)
    folder = ev / "coding"
    alice, bob = CodingLog(folder, "Alice"), CodingLog(folder, "Bob")
    same = [{"dimension": "framework", "code": "setup.recruitment.patients", "quote": "refugees joined"}]
    alice.record("gA", same, {"country": "United Kingdom"})
    bob.record("gA", same, {"country": "United Kingdom"})
    alice.record("gB", [{"code": "discovery.assumptions.providers", "quote": "staff worried", "page": "5"}])
    bob.record("gB", [{"code": "definition.feasibility"}])
    alice.record("gC", [{"code": "delivery.future"}])  # Bob has not coded it yet

    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB", "gC"])
    assert dict(zip(pc.queue["study_id"], pc.queue["state"]))["gB"] == "reconcile"
    assert pc.states["gA"].state == "agreed" and pc.states["gC"].state == "second coder"
    ids = set(pc.coding.included["study_id"])
    assert "gA" in ids and "gB" not in ids and "gC" not in ids and len(ids) == 50
    assert any("1 study waits for reconciliation" in n and "gB" in n for n in pc.notes)
    row = pc.coding.study("gA")
    assert (row["author"], row["year"], row["title"], row["country"]) == (
        "Haddad and Smith", "2027", "Co-design with refugees", "United Kingdom")

    table = coding_agreement(pc.states, pc.scheme)
    stage = table[(table["scope"] == "level") & (table["level"] == "stage")].iloc[0]
    # two studies, five stages each: gA agrees everywhere; gB differs on discovery and definition
    assert (stage["studies"], stage["both"], stage["first_only"], stage["second_only"], stage["neither"]) == (2, 1, 1, 1, 7)
    assert stage["percent_agreement"] == 80.0
    code = table[table["code"] == "discovery.assumptions.providers"].iloc[0]
    assert (code["first_only"], code["percent_agreement"]) == (1, 50.0)

    # reconciliation: the widget lists the disagreement with both answers and quotes, logs the agreed one
    w = CodingWidget(pc.queue, "Carol", pc.scheme, pc.form, folder=folder, reconcile=True,
                     agreed_by=["Alice", "Bob"], suggest=False)
    assert w.current == "gB"
    assert "staff worried" in w.card and "Alice" in w.card and "Bob" in w.card and "(p. 5)" in w.card
    assert w.selected == []  # they agree on no code
    w.handle({"action": "save", "selected": [{"code": "framework:discovery.assumptions.providers",
                                                "quote": "staff worried", "page": "5"}], "fields": {}})
    assert w.info == "saved Mensah 2026 (gB): 1 code (agreed)" and w.current == ""
    entry = CodingLog(folder, "Carol").latest("gB", agreed=True)
    assert entry.agreed_by == ("Alice", "Bob") and entry.coders == ("Alice", "Bob")
    w.close()
    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB", "gC"])
    assert "gB" in set(pc.coding.included["study_id"])
    assert not any("reconciliation" in n for n in pc.notes)
    codes = pc.coding.study_codes_table()
    assert list(codes.columns) == ["study_id", "stage", "construct", "challenge", "stakeholder", "dimension", "code"]
    assert codes[codes["study_id"] == "gB"]["code"].tolist() == ["discovery.assumptions.providers"]


def test_blind_widget_shows_only_the_coders_own_answers(tmp_path):
    ev = _project(tmp_path)
    CodingLog(ev / "coding", "Bob").record("gA", [{"code": "setup.recruitment.patients", "quote": "BOBQUOTE"}])
    w = CodingWidget(UNITS.rename(columns={"group_id": "study_id"}).assign(authors="x"), "Alice",
                     load_scheme(ev / "coding_scheme.txt"), load_form(ev / "coding_form.toml"), folder=ev / "coding",
                     suggest=False)
    assert w.current == "gA"  # Bob's answer does not take it off Alice's list
    assert "BOBQUOTE" not in w.card and "Bob" not in w.card and w.selected == []
    w.close()


def test_form_validation_blocks_saving(tmp_path):
    ev = _project(tmp_path, dual=False)
    w = CodingWidget(UNITS.rename(columns={"group_id": "study_id"}), "Alice", load_scheme(ev / "coding_scheme.txt"),
                     load_form(ev / "coding_form.toml"), folder=ev / "coding", suggest=False)
    w.handle({"action": "save", "selected": [], "fields": {"year": "20x1", "participants": "-3",
                                                          "evidence_type": "Qualitative; Horoscope"}})
    assert w.current == "gA" and w.info_kind == "error"
    assert set(w.errors) == {"year", "participants", "evidence_type", "codes"}
    assert not (ev / "coding" / "alice.jsonl").exists()  # nothing logged
    w.handle({"action": "save", "selected": [{"code": "framework:setup"}],
              "fields": {"year": "2021", "evidence_type": "qualitative; Mixed methods", "participants": "1,200"}})
    assert w.current == "gB"
    entry = CodingLog(ev / "coding", "Alice").latest("gA")
    assert entry.fields == {"year": "2021", "evidence_type": "Qualitative; Mixed methods", "participants": "1200"}
    with pytest.raises(FormError, match="type 'colour' is not one of"):
        parse_form('[[field]]\nid = "x"\ntype = "colour"', source="f.toml")
    w.close()


def test_unknown_code_names_file_line_and_study(tmp_path):
    ev = _project(tmp_path)
    log = CodingLog(ev / "coding", "Alice")
    log.record("gA", [{"code": "setup.recruitment.patients"}])
    log.record("gB", [{"code": "setup.recruitmnet"}])
    with pytest.raises(CodingError) as err:
        load_project_coding(ev, units=UNITS, included=["gA", "gB"])
    msg = str(err.value)
    assert f"{ev / 'coding' / 'alice.jsonl'} line 2: study gB: code 'setup.recruitmnet'" in msg
    assert "did you mean 'setup.recruitment'" in msg


def test_scheme_changes_between_rounds_rename_retire_add(tmp_path):
    ev = _project(tmp_path, dual=False)
    CodingLog(ev / "coding", "Alice").record("gA", [{"code": "setup.scope.backgrounds"}])
    scheme_text = (ev / "coding_scheme.txt").read_text(encoding="utf-8")
    # rename an ID (codes follow), retire a construct (codes kept, shown as retired), add a construct
    scheme_text = scheme_text.replace("    construct scope: Agree scope and approach\n",
                                      "    construct aims: Agree aims, scope and approach\n      was: scope\n")
    scheme_text = scheme_text.replace("    construct priorities: Set priorities, and limitations\n",
                                      "    construct priorities: Set priorities, and limitations\n      retired: round 2027-05\n")
    scheme_text = scheme_text.replace("  stage discovery: Discovery\n",
                                      "    construct training: Training in co-production\n  stage discovery: Discovery\n")
    (ev / "coding_scheme.txt").write_text(scheme_text, encoding="utf-8")
    pc = load_project_coding(ev, units=UNITS, included=["gA"])
    codes = pc.coding.study_codes_table()
    assert codes[codes["study_id"] == "gA"]["code"].tolist() == ["setup.aims.backgrounds"]
    # study 19 was coded (CSV) under setup.scope and discovery.priorities: still there, under the new names
    assert set(codes[codes["study_id"] == "39"]["construct"]) >= {"Agree aims, scope and approach"}
    assert pc.scheme.value("framework", "discovery.priorities").retired
    from synthesis.maps.data import map_dimensions
    labels = map_dimensions(pc.coding)["construct"].labels
    assert "Set priorities, and limitations (retired)" in labels and "Training in co-production" in labels
    w = CodingWidget(pc.queue, "Bob", pc.scheme, pc.form, folder=ev / "coding", suggest=False)
    w.show = "all"
    w.handle({"action": "save", "selected": [{"code": "framework:discovery.priorities"}], "fields": {}})
    assert "retired" in w.info and w.info_kind == "error"
    w.close()


def test_single_coding_latest_answer_counts(tmp_path):
    ev = _project(tmp_path, dual=False)
    log = CodingLog(ev / "coding", "Alice")
    log.record("gA", [{"code": "setup"}])
    log.record("gA", [{"code": "delivery"}])
    states = study_states(log.entries, dual=False)
    assert states["gA"].state == "coded" and states["gA"].answer.codes[0]["code"] == "delivery"
    # a study of the CSV import re-coded in a log: the log's answer replaces the imported codes
    log.record("37", [{"code": "delivery.collaboration"}], {"year": "2019"})
    pc = load_project_coding(ev, units=UNITS, included=["gA"])
    codes = pc.coding.study_codes_table()
    assert codes[codes["study_id"] == "37"]["code"].tolist() == ["delivery.collaboration"]
    assert pc.coding.study("37")["year"] == "2019"
    # notebook 3's line: n1 read "1 included records wait to be coded"
    line = pc.headline()
    n_studies, n_codes = len(pc.coding.included), len(pc.coding.long_table())
    assert line.startswith(f"{n_studies:,} studies on the map, {n_codes:,} codes; "), line
    todo = int((pc.queue["state"] == "to code").sum())
    assert line.endswith("1 included record waits to be coded" if todo == 1 else
                         f"{todo} included records wait to be coded"), line
    pc.queue.loc[pc.queue.index[:1], "state"] = "to code"
    pc.queue.loc[pc.queue.index[1:], "state"] = "coded"
    assert pc.headline().endswith("; 1 included record waits to be coded"), pc.headline()


def test_changelog_says_what_moved_in_the_scheme(tmp_path):
    from synthesis.maps.build import write_scheme_table
    from synthesis.versions import compare_schemes

    old_text = (EVIDENCE / "coding_scheme.txt").read_text(encoding="utf-8")
    new_text = old_text.replace("    construct scope: Agree scope and approach\n",
                                "    construct aims: Agree aims, scope and approach\n      was: scope\n")
    new_text = new_text.replace("    construct priorities: Set priorities, and limitations\n",
                                "    construct priorities: Set priorities, and limitations\n      retired: 2027-05\n")
    new_text = new_text.replace("  stage discovery: Discovery\n",
                                "    construct training: Training in co-production\n  stage discovery: Discovery\n")
    from synthesis.coding import parse_scheme

    old = write_scheme_table(parse_scheme(old_text), tmp_path / "old.csv")
    new = write_scheme_table(parse_scheme(new_text), tmp_path / "new.csv")
    lines = compare_schemes(pd.read_csv(old, dtype=str, keep_default_na=False),
                            pd.read_csv(new, dtype=str, keep_default_na=False))
    assert lines == [
        "- scheme: construct 'setup.scope' renamed to 'setup.aims' ('Agree scope and approach' -> "
        "'Agree aims, scope and approach'); its codes follow",
        "- scheme: construct 'setup.training' added ('Training in co-production')",
        "- scheme: construct 'discovery.priorities' retired ('Set priorities, and limitations'); its codes are kept",
    ]  # (its challenges are retired with it: not listed one by one)


def test_changelog_shows_a_relabelled_construct_as_written(tmp_path):
    """CHANGELOG.md is Markdown: a construct relabelled "*Trust* in <b>data</b>" must read so, not in italics
    with a hidden tag."""
    mistune = pytest.importorskip("mistune", reason="mistune (installed with JupyterLab's nbconvert) renders Markdown")
    from synthesis.coding import parse_scheme
    from synthesis.maps.build import write_scheme_table
    from synthesis.versions import compare_schemes

    old_text = (EVIDENCE / "coding_scheme.txt").read_text(encoding="utf-8")
    new_text = old_text.replace("construct scope: Agree scope and approach", "construct scope: *Trust* in <b>data</b>")
    old = write_scheme_table(parse_scheme(old_text), tmp_path / "old.csv")
    new = write_scheme_table(parse_scheme(new_text), tmp_path / "new.csv")
    lines = compare_schemes(pd.read_csv(old, dtype=str, keep_default_na=False),
                            pd.read_csv(new, dtype=str, keep_default_na=False))
    rendered = mistune.create_markdown(escape=False)("\n".join(lines))  # raw HTML passes, as in JupyterLab
    assert rendered.strip() == ("<ul>\n<li>scheme: construct 'setup.scope' relabelled 'Agree scope and approach' -&gt; "
                                "'*Trust* in &lt;b&gt;data&lt;/b&gt;'</li>\n</ul>")


def test_suggestions_appear_after_20_studies_and_are_not_saved(tmp_path):
    ev = _project(tmp_path, dual=False)
    scheme, form = load_scheme(ev / "coding_scheme.txt"), load_form(ev / "coding_form.toml")
    topics = {"framework:discovery.assumptions.mistrust": "mistrust security confidentiality trust data",
              "framework:setup.recruitment.staff": "staff recruitment digital literacy ringfenced time"}
    rows = [{"study_id": f"s{i:02d}", "title": f"Study {i} on " + list(topics.values())[i % 2],
             "abstract": list(topics.values())[i % 2]} for i in range(30)]
    w = CodingWidget(pd.DataFrame(rows), "Alice", scheme, form, folder=ev / "coding")
    assert w.suggestions == []  # nothing coded yet: no suggestions
    for i in range(20):
        assert w.current == f"s{i:02d}"
        w.handle({"action": "save", "selected": [{"code": list(topics)[i % 2]}], "fields": {}})
    assert w.current == "s20" and w.suggestions  # learnt from the 20 studies just coded
    assert w.suggestions[0]["code"] == list(topics)[0]
    assert w.selected == []  # suggested, not chosen
    w.handle({"action": "next"})
    assert CodingLog(ev / "coding", "Alice").latest("s20") is None  # never logged unless chosen
    w.close()


def test_a_saved_study_is_named_as_the_map_cites_it(tmp_path):
    """A reviewer coding a held-out review read "saved g91f1fb9ebd74b7a6: 2 codes" after each save: the study's
    duplicate-group id. The note names it as Table 2 and the maps do, the id after it."""
    ev = _project(tmp_path, dual=False)
    queue = UNITS.rename(columns={"group_id": "study_id"}).assign(
        authors=["Haddad, N.; Smith, J.", "Mensah, K.", "Okafor, C.; Lee, K.; Ng, A."])
    w = CodingWidget(queue, "Alice", load_scheme(ev / "coding_scheme.txt"), load_form(ev / "coding_form.toml"),
                     folder=ev / "coding")
    w.handle({"action": "save", "selected": [{"code": "framework:setup.recruitment.patients"}], "fields": {}})
    assert w.info == "saved Haddad and Smith 2027 (gA): 1 code", w.info
    w.close()


def test_single_coding_a_second_coders_other_answer_waits_for_reconciliation(tmp_path):
    """A reviewer coded every included study alone (`dual = false`) and a colleague coded half of them again,
    as reviews often check a sample: where the colleague answered otherwise, the map silently took the later
    answer and dropped the first coder's codes. Two coders' different answers now wait for reconciliation, as
    in dual coding; the same answer from both is agreed, and a study one person coded stays on the map."""
    ev = _project(tmp_path, dual=False)
    alice, bob = CodingLog(ev / "coding", "Alice"), CodingLog(ev / "coding", "Bob")
    alice.record("gA", [{"code": "setup"}])
    alice.record("gB", [{"code": "setup"}])
    alice.record("gC", [{"code": "delivery"}])
    bob.record("gA", [{"code": "delivery"}])
    bob.record("gB", [{"code": "setup"}])
    states = study_states(alice.entries + bob.entries, dual=False)
    assert states["gA"].state == "reconcile" and states["gA"].answer is None
    assert states["gB"].state == "agreed" and states["gC"].state == "coded"
    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB", "gC"])
    assert any("1 study waits for reconciliation" in s and "gA" in s for s in pc.summary())
    w = CodingWidget(pc.queue, "Alice", pc.scheme, pc.form, folder=ev / "coding", reconcile=True,
                     agreed_by=["Alice", "Bob"], suggest=False)
    assert w.current == "gA"  # the reconciliation view lists it, with both answers
    w.handle({"action": "save", "selected": [{"code": "framework:delivery"}], "fields": {}})
    w.close()
    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB", "gC"])
    assert pc.states["gA"].state == "agreed" and pc.states["gA"].answer.codes[0]["code"] == "delivery"


def test_reconciling_keeps_a_field_only_one_coder_filled_in(tmp_path):
    """Tom checked one of Maria's studies (codes only, no country): the reconciliation view opened with the
    codes both gave and an empty Country, so saving the agreed codes dropped Maria's 'Australia' from the map
    (c2's gambling-harms review). A field one coder left empty now keeps the other's value; two different
    values still leave it for the reconciler to choose."""
    ev = _project(tmp_path, dual=False)
    maria, tom = CodingLog(ev / "coding", "Maria"), CodingLog(ev / "coding", "Tom")
    maria.record("gA", [{"code": "setup"}], {"country": "Australia", "year": "2019", "evidence_type": "Qualitative"})
    tom.record("gA", [{"code": "setup"}, {"code": "delivery"}], {"year": "2019", "evidence_type": "Case study"})
    pc = load_project_coding(ev, units=UNITS, included=["gA"])
    assert pc.states["gA"].state == "reconcile"
    w = CodingWidget(pc.queue, "Maria", pc.scheme, pc.form, folder=ev / "coding", reconcile=True,
                     agreed_by=["Maria", "Tom"], suggest=False)
    assert w.current == "gA"
    assert w.values == {"country": "Australia", "year": "2019"}  # evidence type differs: left to choose
    assert [s["code"] for s in w.selected] == ["framework:setup"]
    w.close()


def test_a_number_field_of_the_form_is_no_map_dimension(tmp_path):
    """c2's interactive map offered 'Participants' as columns and as a filter ('All | 1524'): every count of
    participants would be a column of its own. The form's number fields are left out; its choice fields stay."""
    from synthesis.maps.data import map_dimensions

    ev = _project(tmp_path, dual=False)
    CodingLog(ev / "coding", "Alice").record("gA", [{"code": "setup"}], {"participants": "1524", "country": "Canada"})
    pc = load_project_coding(ev, units=UNITS, included=["gA"])
    assert pc.coding.study("gA")["participants"] == "1524"
    dims = map_dimensions(pc.coding)
    assert "participants" not in dims and dims["country"].keys == ["Canada"]


def test_a_value_renamed_between_two_coders_answers_is_no_disagreement(tmp_path):
    """w7's living map renamed a measure value in its second round (``harmscreen``, ``was: checklist``); a second
    coder then checked a first-round study and chose the same value under its new ID. The study waited for
    reconciliation and left the map, though both coders had given the same answer: the answers were compared by
    the IDs as logged. They are now compared at the codes' current paths."""
    ev = tmp_path / "evidence"
    ev.mkdir()
    (ev / "coding_scheme.txt").write_text(
        "dimension harms: Harms\n  levels: domain\n  domain debt: Debt\n"
        "dimension measure: Measure\n  value harmscreen: A harms checklist\n    was: checklist\n"
        "  value pgsi: PGSI\n", encoding="utf-8")
    first, second = CodingLog(ev / "coding", "w7"), CodingLog(ev / "coding", "rita")
    # w7 coded before the rename, rita after it
    first.record("gA", [{"dimension": "harms", "code": "debt"}, {"dimension": "measure", "code": "checklist"}])
    first.record("gB", [{"dimension": "harms", "code": "debt"}, {"dimension": "measure", "code": "checklist"}])
    second.record("gA", [{"dimension": "harms", "code": "debt"}, {"dimension": "measure", "code": "harmscreen"}])
    second.record("gB", [{"dimension": "harms", "code": "debt"}, {"dimension": "measure", "code": "pgsi"}])
    first.close(), second.close()
    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB"])
    assert pc.states["gA"].state == "agreed" and pc.states["gA"].answer is not None
    assert pc.states["gB"].state == "reconcile"  # a real difference still waits
    assert set(pc.coding.included["study_id"]) == {"gA"}


def test_a_study_excluded_later_at_full_text_leaves_the_map(tmp_path):
    """A study coded in the widget, then excluded by a later full-text decision, stayed on the map: counted in
    every chart's n and in the changelog's "studies added", with only a build note saying it was there. Now it
    is off the map, and a note names it and the log line that keeps its codes; included again, it is back."""
    ev = _project(tmp_path, dual=False)
    log = CodingLog(ev / "coding", "Alice")
    log.record("gA", [{"code": "setup.recruitment.patients"}], {"country": "Denmark"})
    log.record("gB", [{"code": "delivery.future"}])
    before = load_project_coding(ev, units=UNITS, included=["gA", "gB"])
    n = len(before.coding.included)
    pc = load_project_coding(ev, units=UNITS, included=["gB"])  # gA excluded at full text since
    assert len(pc.coding.included) == n - 1 and "gA" not in set(pc.coding.codes["study_id"])
    assert pc.coding.withdrawn == ["gA"] and "gA" not in pc.queue["study_id"].tolist()
    assert "Denmark" not in pc.coding.included["country"].tolist()
    (note,) = [x for x in pc.notes if "no longer included" in x]
    assert note.startswith("1 coded study no longer included at full text (a later screening decision) is off "
                           "the map: Haddad and Smith 2027 (gA)") and "alice.jsonl line 1" in note
    assert not any("it is on the map" in x for x in pc.notes)
    # a coded study whose ID is no record of the library (its group renamed by deduplication) stays, as before
    log.record("gZ", [{"code": "delivery.future"}])
    pc = load_project_coding(ev, units=UNITS, included=["gA", "gB"])
    assert "gZ" in set(pc.coding.codes["study_id"]) and pc.coding.withdrawn == []
    assert any("study gZ is coded but is not a record included at full text" in x for x in pc.notes)
