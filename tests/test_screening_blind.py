"""Blind screening: what a reviewer sees of the team before and after the team has screened every record.

Blind mode hides the other reviewers' decisions (as Rayyan's does); notebook 2's "Where the team stands" showed a
blind reviewer the team's states (records agreed, awaiting the other reviewer, in conflict) and the agreement
between the two reviewers while both were still screening.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import synthesis as syn
from synthesis.screening import ScreeningSettings

from test_notebooks import _code_cells, _shown_by
from test_screening_stopping import _stopped_at

TEAM = '[screening]\nteam = ["ann", "ben"]\nreviewers_per_record = 2\nblind = {blind}\n'


def _project(tmp_path: Path, blind: bool = True):
    (tmp_path / "evidence" / "screening").mkdir(parents=True)
    (tmp_path / "evidence" / "review.toml").write_text(TEAM.format(blind=str(blind).lower()), encoding="utf-8")
    units = syn.make_screening_table([{"group_id": f"g{i}", "title": f"Paper {i}"} for i in range(4)])
    syn.write_screening_table(units, tmp_path / "output" / "units.csv")
    return tmp_path / "evidence" / "screening"


def _log(evidence, reviewer, decisions):
    with syn.DecisionLog(evidence, reviewer) as log:
        for key, decision in decisions.items():
            log.record(key, decision)


def _build_notes(project: Path) -> list:
    """The notes of the build's screening step on the four groups of :func:`_project`, all in one round."""
    import pandas as pd

    library = pd.DataFrame({"group_id": [f"g{i}" for i in range(4)], "title": [f"Paper {i}" for i in range(4)]})
    return syn.screening_numbers(project, library, pd.Series("2026-01", index=library["group_id"]), "2026-01").notes


def _team_stands(project: Path, reviewer: str, capsys, stage: str = "title_abstract"):
    """What notebook 2's "Where the team stands" shows ``reviewer``: (printed, state counts, tables displayed)."""
    cells = [c.replace('REVIEWER = ""', f'REVIEWER = "{reviewer}"').replace(
        'STAGE = "title_abstract"', f'STAGE = "{stage}"') for c in _code_cells("02_screen", project)]
    status_cell = next(c for c in cells if "screening_status(" in c)
    agreement_cell = next(c for c in cells if "agreement" in c and "open_screening" not in c)
    tables = []
    namespace: dict = {"display": tables.append}
    exec(cells[0], namespace)
    capsys.readouterr()
    counts = _shown_by(status_cell, namespace)
    exec(agreement_cell, namespace)
    return capsys.readouterr().out, dict(counts if counts is not None else {}), tables


def test_notebook_2_shows_a_blind_reviewer_their_own_decisions_until_the_team_has_screened(tmp_path, capsys):
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    printed, counts, tables = _team_stands(tmp_path, "ben", capsys)
    # before: "awaiting 2, conflict 1, undecided 1" and a table of 0 % agreement between ann and ben
    assert counts == {"decided": 1, "undecided": 3}
    assert not tables
    assert printed.count("Screening is blind: you see your own decisions only") == 2  # both cells say why
    assert "ann" not in printed and "conflict 1" not in printed
    # ben has finished, ann has not: still his own (that ann left g3 is hers to know)
    _log(evidence, "ben", {"g1": "exclude", "g2": "include", "g3": "exclude"})
    printed, counts, tables = _team_stands(tmp_path, "ben", capsys)
    assert counts == {"decided": 4} and not tables
    # the team has screened every record: the conflicts to resolve and the agreement show, to both
    _log(evidence, "ann", {"g3": "exclude"})
    for who in ("ann", "ben"):
        printed, counts, tables = _team_stands(tmp_path, who, capsys)
        assert counts == {"agreed": 2, "conflict": 2}, who
        assert "blind" not in printed
        pairs, team = tables
        assert pairs[["reviewer_a", "reviewer_b", "n", "agreed"]].values.tolist() == [["ann", "ben", 4, 2]]


def test_notebook_2_shows_the_team_when_screening_is_not_blind(tmp_path, capsys):
    evidence = _project(tmp_path, blind=False)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    printed, counts, tables = _team_stands(tmp_path, "ben", capsys)
    assert counts == {"awaiting": 2, "conflict": 1, "undecided": 1} and len(tables) == 2


def test_a_resolution_counts_as_screened_and_an_unknown_name_is_not_shown_the_team(tmp_path, capsys):
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "exclude", "g1": "exclude", "g2": "exclude"})
    settings = syn.open_project(tmp_path).settings().screening
    units = syn.read_screening_table(tmp_path / "output" / "units.csv")
    assert syn.hidden_while_blind(evidence, units, "title_abstract", settings)
    # an unknown name does not fall back to the team's view
    with pytest.raises(syn.ReviewerError):
        _team_stands(tmp_path, "cy", capsys)
    with syn.DecisionLog(evidence, "ann") as log:  # g3 resolved (ben never screened it)
        log.record("g3", "exclude", resolution=True)
    assert syn.hidden_while_blind(evidence, units, "title_abstract", settings) == ""
    assert syn.hidden_while_blind(evidence, units, "title_abstract",
                                  ScreeningSettings(team=["ann", "ben"], reviewers_per_record=2)) == ""


def test_notebook_2_with_no_name_yet_says_what_to_type_and_shows_no_one(tmp_path, capsys):
    """w42: a new reviewer ran notebook 2 with the template's REVIEWER = "" on a blind review: the widget's cell said
    what to type, but "Where the team stands" stopped on a ReviewerError traceback (and Run All with it, so the
    agreement cell below never ran). Now it says what to type and shows no one's decisions, the team's least."""
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    printed, counts, tables = _team_stands(tmp_path, "", capsys)
    assert counts == {} and not tables
    assert "REVIEWER" in printed and "Screening is blind" in printed
    assert "ann" not in printed and "conflict" not in printed.replace("conflicts to resolve", "")


@pytest.mark.parametrize("stops, hidden", [({"Alice", "Bob"}, False), ({"Alice"}, True)])
def test_records_the_stopping_tests_leave_count_as_screened(tmp_path, stops, hidden):
    """Two reviewers who stopped by the stopping test leave records nobody screened: the team's numbers show
    (else a review that stopped would stay blind for ever); with one stop, the records the other never screened
    still wait for them."""
    settings = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2, blind=True)
    units, rest, left = _stopped_at(tmp_path, settings, {}, stops)
    assert bool(syn.hidden_while_blind(tmp_path, units, "title_abstract", settings)) is hidden


def test_notebook_2_at_full_text_tells_a_blind_reviewer_nothing_of_the_titles_until_the_team_has_screened_them(
        tmp_path, capsys):
    """w20: halfway through the titles, ben set STAGE = "full_text" and read "undecided 1": the records at full
    text are the team's title/abstract inclusions, so he learnt that ann had agreed one of his two includes (and
    by the missing one, where she had not). Until the team has screened every title he sees his own full-text
    decisions only, and why."""
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "include", "g1": "include"})
    printed, counts, tables = _team_stands(tmp_path, "ben", capsys, stage="full_text")
    assert counts == {} and not tables, counts
    assert printed.count("the records at full text are the team's title/abstract inclusions, hidden") == 2
    # the titles screened: the full-text list shows (g0, agreed; g1 is a conflict until resolved)
    _log(evidence, "ben", {"g2": "exclude", "g3": "exclude"})
    _log(evidence, "ann", {"g3": "exclude"})
    printed, counts, tables = _team_stands(tmp_path, "ben", capsys, stage="full_text")
    assert counts == {"undecided": 1} and "title/abstract inclusions" not in printed


def test_screening_status_prints_a_blind_reviewer_no_team_numbers_until_the_team_has_screened(tmp_path, capsys,
                                                                                             monkeypatch):
    """w20: `synthesis screening status`, run by a blind reviewer halfway, printed the team's states (agreed 10,
    conflict 2...), each pair's agreement and kappa, the open conflicts and the PRISMA numbers; `--joining Cleo`
    listed the records Ana and Ben agreed on and how. Now, blind and not yet screened by the team, it prints
    the team's only with --team, and otherwise says where a reviewer sees their own (notebook 2)."""
    from test_screening_cli import cli

    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "exclude", "g1": "exclude"})
    monkeypatch.chdir(tmp_path)
    team_words = r"(agreed|conflict|awaiting|include|exclude)\s+\d|kappa|\bann\b|records_screened"
    assert cli(["screening", "status"]) == 0
    out = capsys.readouterr().out
    assert "Screening is blind: you see your own decisions only" in out and "in notebook 2" in out
    assert not re.search(team_words, out), out
    assert cli(["screening", "status", "--joining", "cy"]) == 0
    out = capsys.readouterr().out
    assert "which records the others already agreed on, and how many, is not printed" in out and "g1" not in out
    assert cli(["screening", "status", "--json"]) == 1
    assert "--team prints them" in capsys.readouterr().err
    assert cli(["screening", "status", "--team"]) == 0
    assert re.search(r"conflict\s+1", capsys.readouterr().out)
    # the team has screened every record: everyone sees the team's numbers, as before
    _log(evidence, "ann", {"g3": "exclude"})
    _log(evidence, "ben", {"g2": "exclude", "g3": "exclude"})
    assert cli(["screening", "status", "--reviewer", "ben"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"agreed\s+3", out) and "kappa" in out


def test_screening_status_refuses_another_reviewers_name_while_blind_screening_goes_on(tmp_path, capsys,
                                                                                       monkeypatch):
    """w28 left it: ben, screening blind halfway, typed `synthesis screening status --reviewer ann` and read ann's
    decided and undecided counts (the command cannot tell who types a name). While the team has not screened
    every record --reviewer is refused in one line that says where your own decisions are and what --team does;
    once the team has screened, it prints the team's numbers as before."""
    from test_screening_cli import cli

    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude"})
    _log(evidence, "ben", {"g0": "exclude", "g1": "exclude"})
    monkeypatch.chdir(tmp_path)
    assert cli(["screening", "status", "--reviewer", "ann"]) == 1
    printed = capsys.readouterr()
    assert printed.out == "", printed.out
    lines = printed.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: screening is blind"), lines
    assert "notebook 2" in lines[0] and "--team prints them" in lines[0], lines
    assert not re.search(r"\d", lines[0].replace("notebook 2", "")), lines  # no count of anyone's
    assert cli(["screening", "status", "--reviewer", "cy"]) == 1  # an unknown name: said as before
    assert "cy" in capsys.readouterr().err
    _log(evidence, "ann", {"g3": "exclude"})
    _log(evidence, "ben", {"g2": "exclude", "g3": "exclude"})
    assert cli(["screening", "status", "--reviewer", "ann"]) == 0
    assert re.search(r"agreed\s+3", capsys.readouterr().out)


def test_screening_status_is_unchanged_when_screening_is_not_blind(tmp_path, capsys, monkeypatch):
    from test_screening_cli import cli

    evidence = _project(tmp_path, blind=False)
    _log(evidence, "ann", {"g0": "include"})
    _log(evidence, "ben", {"g0": "exclude"})
    monkeypatch.chdir(tmp_path)
    assert cli(["screening", "status"]) == 0
    assert re.search(r"conflict\s+1", capsys.readouterr().out)
    assert cli(["screening", "status", "--json"]) == 0


def test_the_build_says_its_screening_files_show_every_reviewers_decisions_while_blind_screening_goes_on(tmp_path):
    """w20: the build writes the team's conflicts, agreement and PRISMA numbers into output/ whoever runs it, and
    the lead who runs it often screens too; it said nothing of it. While blind screening goes on it now says which
    files hold everyone's decisions; once the team has screened every record, nothing."""
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    notes = _build_notes(tmp_path)
    assert any("screening is blind and the team has not screened every record at title/abstract yet" in n
               for n in notes), notes
    _log(evidence, "ben", {"g1": "exclude", "g2": "exclude", "g3": "exclude"})
    assert not any("blind" in n for n in _build_notes(tmp_path))
    # w54: with every title screened and a record waiting at full text, the note said "every record" as before,
    # which read as if the titles were not done; it names the stage that waits
    _log(evidence, "ben", {"g0": "include"})
    notes = [n for n in _build_notes(tmp_path) if "blind" in n]
    assert len(notes) == 1 and notes[0].startswith(
        "screening is blind and the team has not screened every record at full text yet (title/abstract is done): "
    ), notes


def test_notebook_4_stops_before_the_team_numbers_while_blind_screening_goes_on(tmp_path):
    """w20: a blind reviewer halfway ran notebook 4 and read the diagram's records screened and excluded, and "4
    open conflicts" in its checks: how the others had decided. Until the team has screened every record it stops
    at its first cell with one sentence (TEAM_NUMBERS = True shows them, to someone who does not screen)."""
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    first = _code_cells("04_prisma", tmp_path)[0]
    up_to_counts = first[: first.index("counts = ")]  # the counts need a build; the gate comes before them
    # (w28: the sentence of syn.hidden_while_blind, as notebooks 2 and 5 and `synthesis screening status` say it)
    with pytest.raises(syn.SynthesisError, match="^Screening is blind: you see your own decisions only until every "
                                                 r"record at title/abstract .* TEAM_NUMBERS = True in this cell"):
        exec(up_to_counts, {})
    exec(up_to_counts.replace("TEAM_NUMBERS = False", "TEAM_NUMBERS = True"), {})
    _log(evidence, "ben", {"g1": "exclude", "g2": "exclude", "g3": "exclude"})
    exec(up_to_counts, {})


def test_screening_status_at_full_text_says_notebook_2s_sentence_while_the_titles_are_hidden(tmp_path, capsys,
                                                                                           monkeypatch):
    """w28: halfway through the titles, `synthesis screening status --stage full_text` said "until every record
    at title/abstract has the decisions of 2 reviewers ... then the team's numbers show" while notebook 2 at
    full text, in the same situation, said the records at full text are the team's title/abstract inclusions.
    Both now say syn.hidden_while_blind's sentence for the stage asked."""
    from test_screening_cli import cli

    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "include"})
    monkeypatch.chdir(tmp_path)
    units = syn.read_screening_table(tmp_path / "output" / "units.csv")
    settings = syn.open_project(tmp_path).settings().screening
    for stage in ("title_abstract", "full_text"):
        notebook_2 = syn.hidden_while_blind(evidence, units, stage, settings)
        assert cli(["screening", "status", "--stage", stage]) == 0
        assert capsys.readouterr().out.splitlines()[0] == notebook_2, stage
        assert cli(["screening", "status", "--stage", stage, "--json"]) == 1
        assert capsys.readouterr().err.startswith(f"error: {notebook_2} "), stage
    assert "title/abstract inclusions" in notebook_2


def test_export_rayyan_writes_no_ones_votes_while_blind_screening_goes_on(tmp_path, capsys, monkeypatch):
    """w28: `synthesis screening export-rayyan` run by a blind reviewer halfway wrote every record with each
    reviewer's vote by name ('RAYYAN-INCLUSION: {"ann"=>"Included", "ben"=>"Excluded"}'). Until the team has
    screened the stage it writes nothing and says why, as `status` does; --team writes it, for someone who does
    not screen; a finished or unblinded team gets the file as before."""
    from test_screening_cli import cli

    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "exclude"})
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "rayyan.csv"
    assert cli(["screening", "export-rayyan", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Screening is blind: you see your own decisions only") and "--team" in err
    assert not out.exists()
    assert cli(["screening", "export-rayyan", str(out), "--team"]) == 0
    import pandas as pd

    notes = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("key")["notes"]
    assert notes["g0"] == 'RAYYAN-INCLUSION: {"ann"=>"Included", "ben"=>"Excluded"}'  # what it showed anyone
    out.unlink()
    _log(evidence, "ben", {"g1": "exclude", "g2": "exclude", "g3": "exclude"})
    assert cli(["screening", "export-rayyan", str(out)]) == 0 and out.exists()
    # not blind: as before
    (tmp_path / "evidence" / "review.toml").write_text(TEAM.format(blind="false"), encoding="utf-8")
    _log(evidence, "ann", {"g0": "maybe"})
    out.unlink()
    assert cli(["screening", "export-rayyan", str(out)]) == 0 and out.exists()


@pytest.fixture(scope="module")
def halfway_example(tmp_path_factory):
    """The shipped example, built, as bob has it halfway through the titles: alice has decided every title (no
    resolution and no full text yet: nothing to resolve while bob screens), bob his first 30."""
    import json
    import shutil

    from synthesis.build import build
    from test_notebooks import ROOT

    root = tmp_path_factory.mktemp("halfway")
    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    logs = root / "evidence" / "screening"
    for who, keep in (("alice", None), ("bob", 30)):
        lines = [line for line in (logs / f"{who}.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.startswith("{") and json.loads(line)["stage"] == "title_abstract"
                 and not json.loads(line)["resolution"]]
        (logs / f"{who}.jsonl").write_text("\n".join(lines[:keep]) + "\n", encoding="utf-8")
    build(root, progress=False)
    return root


def test_notebook_5_shows_a_blind_reviewer_the_round_but_not_the_teams_decisions(halfway_example):
    """w28: bob, screening blind halfway through the titles, ran notebook 5: "26 decided at title/abstract, 37
    waiting", "Their outcomes so far: 18 exclude at title/abstract; 8 include at title/abstract", each record's
    decision in the table, and under the diagram "screening conflicts at title/abstract: 4 open": alice's decisions
    on the records he had decided. The round's records show; what is made of the team's decisions waits for the
    team, with syn.hidden_while_blind's sentence, and the notebook stops before the diagram (TEAM_NUMBERS = True
    shows them, as in notebook 4)."""
    from test_notebooks import _code_cells

    first, diagram, searches, changelog = _code_cells("05_update_round", halfway_example)
    shown: list = []
    namespace = {"display": shown.append}
    table = _shown_by(first, namespace)
    summary = shown[0].summary()
    assert "decided at title/abstract" not in summary and "outcomes" not in summary, summary
    hidden = syn.hidden_while_blind(halfway_example / "evidence" / "screening",
                                    syn.read_screening_table(halfway_example / "output" / "units.csv"),
                                    settings=syn.open_project(halfway_example).settings().screening)
    assert hidden and summary.splitlines()[-1] == hidden
    assert set(table.loc[table["in_round"] == "new", "decision"]) == {"hidden: screening is blind"}
    with pytest.raises(syn.SynthesisError, match=f"^{re.escape(hidden)} The diagram"):
        exec(diagram, namespace)
    exec(searches, namespace)  # (each search's counts: no decision in them)
    assert _shown_by(changelog, namespace).data == hidden
    # the lead who does not screen: the numbers, as before
    shown.clear()
    exec(first.replace("TEAM_NUMBERS = False", "TEAM_NUMBERS = True"), namespace)
    assert "26 decided at title/abstract, 37 waiting" in shown[0].summary()
    exec(diagram, namespace)
    assert _shown_by(changelog, namespace).data.startswith("### v001")


def test_notebook_4_run_on_past_its_stop_shows_no_team_decision(halfway_example):
    """w28: in JupyterLab Shift+Enter goes on to the next cell after the first one stopped, and bob, blind and
    halfway (the example's full text in his walk), read the reports the team had excluded at full text, cited
    with their reasons, and the citation search's "3 of the 3 included reports ...", named. Both cells now say
    syn.hidden_while_blind's sentence instead, until the team has screened every record."""
    from test_notebooks import _code_cells

    cells = _code_cells("04_prisma", halfway_example)
    excluded = next(c for c in cells if "excluded_reports.md" in c)
    citations = next(c for c in cells if "backward_citation_search" in c)
    namespace: dict = {}
    with pytest.raises(syn.SynthesisError):
        exec(cells[0], namespace)
    hidden = namespace["hidden"]
    assert hidden.startswith("Screening is blind: ")
    assert _shown_by(excluded, namespace).data == hidden
    with pytest.raises(syn.SynthesisError, match=re.escape(hidden)):
        exec(citations, namespace)
    # TEAM_NUMBERS = True: as before
    exec(cells[0].replace("TEAM_NUMBERS = False", "TEAM_NUMBERS = True"), namespace)
    assert _shown_by(excluded, namespace).data.startswith("**Reports excluded at full text")


def test_notebook_4_every_cell_past_its_stop_says_the_stop_or_shows_what_it_can(halfway_example):
    """Left by w28 and w20: bob, blind and halfway, pressed Shift+Enter past notebook 4's first cell and read
    `NameError: name 'counts' is not defined` under the checks and the diagram. Each cell run on past the stop
    now says the first cell's sentence (what the team has still to screen) or shows what needs no decision (the
    templates, the seed figure, the search log), never a NameError."""
    from test_notebooks import _code_cells

    cells = _code_cells("04_prisma", halfway_example)
    namespace: dict = {"display": lambda *a, **k: None}
    with pytest.raises(syn.SynthesisError):
        exec(cells[0], namespace)
    hidden = namespace["hidden"]
    said = 0
    for cell in cells[1:]:
        try:
            shown = _shown_by(cell, namespace)
        except syn.SynthesisError as e:
            assert str(e).startswith(hidden), (cell, str(e))
            said += 1
        else:
            # (a table shown, such as notebook 4's list of layouts, is no sentence)
            said += isinstance(getattr(shown, "data", None), str) and shown.data == hidden
    assert said >= 4, said  # the checks, the diagram, the excluded reports, the citation search


def test_the_build_says_no_number_or_record_of_the_teams_while_blind_screening_goes_on(halfway_example, tmp_path):
    """w28: bob, blind, halfway through the full texts, ran `synthesis build` (notebook 2 asks for it first) and
    read "PRISMA: 12 reports await a full-text decision", "coding: 3 records included at full text have not been
    coded yet (not on the map): Jones et al. 2026 (g124f3bacf84c1ce9), ..." (the full texts alice and he had both
    included) and, after three more decisions, "a new version of the map, versions/v002: only PRISMA counts
    moved". Until the team has screened every record the notes say what waits without the numbers or the
    records; a finished team reads them as before."""
    import json
    import shutil

    from synthesis.build import build
    from test_notebooks import ROOT

    project = tmp_path / "review"
    shutil.copytree(halfway_example, project, ignore=shutil.ignore_patterns("output", ".synthesis-cache"))
    logs = project / "evidence" / "screening"
    shutil.copy(ROOT / "evidence" / "screening" / "alice.jsonl", logs / "alice.jsonl")
    bob = [line for line in (ROOT / "evidence" / "screening" / "bob.jsonl").read_text(encoding="utf-8").splitlines()
           if line.startswith("{")]
    ta = [line for line in bob if json.loads(line)["stage"] == "title_abstract"]
    ft = [line for line in bob if json.loads(line)["stage"] == "full_text"]
    (logs / "bob.jsonl").write_text("\n".join(ta + ft[:8]) + "\n", encoding="utf-8")
    notes = "\n".join(build(project, progress=False).notes)
    assert "screening is blind and the team has not screened every record at full text yet (title/abstract is done)" in notes
    assert "included at full text have not been coded" not in notes and "g124f3bacf84c1ce9" not in notes, notes
    assert not re.search(r"\d+ (records?|reports?) awaits? a", notes), notes
    assert "PRISMA: records still await screening decisions" in notes
    (logs / "bob.jsonl").write_text("\n".join(ta + ft[:11]) + "\n", encoding="utf-8")
    notes = build(project, progress=False).notes
    assert "a new version of the map, versions/v002 (CHANGELOG.md)" in notes, notes
    # the team has screened every record: as before
    (logs / "bob.jsonl").write_text("\n".join(bob) + "\n", encoding="utf-8")
    notes = "\n".join(build(project, progress=False).notes)
    assert "blind" not in notes
    # (the example's included records, named by their study label and group id)
    assert re.search(r"records included at full text have not been coded yet \(not on the map\): [^(]+ \d{4} "
                     r"\(g[0-9a-f]{16}\)", notes), notes
    assert re.search(r"a new version of the map, versions/v003: .+ \(CHANGELOG.md\)", notes), notes


def test_the_retrieval_list_and_the_citation_search_wait_for_the_team_while_blind(halfway_example, capsys):
    """w28: halfway through the titles, `synthesis fulltext retrieve` listed bob the 8 "reports sought for
    retrieval", each named: the titles alice and he had both included (the full-text list notebook 2 holds back);
    `synthesis citations` starts from the included studies. Both say syn.hidden_while_blind's sentence instead,
    until the team has screened; --team runs them, for someone who does not screen."""
    from synthesis.cli import main

    units = syn.read_screening_table(halfway_example / "output" / "units.csv")
    settings = syn.open_project(halfway_example).settings().screening
    evidence = halfway_example / "evidence" / "screening"
    assert main(["fulltext", "--project", str(halfway_example), "retrieve"]) == 1
    captured = capsys.readouterr()
    assert "reports sought" not in captured.out
    assert captured.err.startswith(f"error: {syn.hidden_while_blind(evidence, units, 'full_text', settings)} "
                                   "--team lists")
    assert main(["fulltext", "--project", str(halfway_example), "retrieve", "--team"]) == 0
    assert "8 reports sought for retrieval" in capsys.readouterr().out
    assert main(["citations", str(halfway_example)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {syn.hidden_while_blind(evidence, units, settings=settings)} "
                                              "The citation search")
    assert main(["citations", str(halfway_example), "--team"]) in (0, 2)
    assert "Screening is blind" not in capsys.readouterr().err


def test_notebook_4s_blind_sentence_names_what_notebook_4_shows(halfway_example):
    """w34: blind and halfway, notebook 4 stopped with notebook 2's sentence, ending "then the team's numbers show:
    records agreed, conflicts to resolve, agreement", numbers notebook 4 never shows. Its sentence now ends with
    what it shows, and notebook 2 and the command line keep theirs."""
    from test_notebooks import _code_cells

    cells = _code_cells("04_prisma", halfway_example)
    namespace: dict = {}
    with pytest.raises(syn.SynthesisError) as stop:
        exec(cells[0], namespace)
    said = str(stop.value)
    assert "conflicts to resolve, agreement" not in said, said
    assert "; then this notebook shows the team's counts, diagram and exclusions. Every number here is made of " \
           "every reviewer's decisions: TEAM_NUMBERS = True" in said, said
    evidence = halfway_example / "evidence" / "screening"
    units = syn.read_screening_table(halfway_example / "output" / "units.csv")
    settings = syn.open_project(halfway_example).settings().screening
    assert syn.hidden_while_blind(evidence, units, "title_abstract", settings, every_stage=True).endswith(
        "then the team's numbers show: records agreed, conflicts to resolve, agreement.")


def test_screening_status_shows_the_finished_title_stage_while_full_text_is_still_blind(tmp_path, capsys,
                                                                                        monkeypatch):
    """w42: the team had screened every title (notebook 2 showed them agreed 34, conflict 9 and the kappas), yet
    `synthesis screening status` printed only "Screening is blind ... until every record at full text has the
    decisions of 2 reviewers": the PRISMA numbers are made of both stages, so it held back the title stage's own
    numbers too. It now prints the stage asked for once that stage is screened, and holds back the PRISMA numbers
    alone, saying why."""
    from test_screening_cli import cli

    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "include", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    with syn.DecisionLog(evidence, "ann") as log:  # ann takes g0 to full text; ben has not read it yet
        log.record("g0", "include", stage="full_text")
    monkeypatch.chdir(tmp_path)
    units = syn.read_screening_table(tmp_path / "output" / "units.csv")
    settings = syn.open_project(tmp_path).settings().screening
    assert syn.hidden_while_blind(evidence, units, "title_abstract", settings) == ""  # notebook 2 shows the team's
    assert cli(["screening", "status"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"agreed\s+3", out) and re.search(r"conflict\s+1", out) and "kappa" in out, out
    # the PRISMA numbers hold ann's full-text decision: held back, and said why
    assert "records_screened" not in out and "dbr_assessed" not in out, out
    assert "every record at full text" in out and "--team prints them" in out, out
    # full text itself stays blind, as before
    assert cli(["screening", "status", "--stage", "full_text"]) == 0
    out = capsys.readouterr().out
    assert "Screening is blind" in out and not re.search(r"(agreed|conflict|undecided)\s+\d", out), out
    assert cli(["screening", "status", "--json"]) == 1
    capsys.readouterr()


def test_a_blind_build_works_out_each_stages_status_once(tmp_path, monkeypatch):
    """Whether blind screening still hides the team's numbers is a question about the statuses the build works out
    anyway (records still open at a stage): it asked the logs again through :func:`hidden_while_blind`, six more
    statuses for the two stages, which was most of the screening step's own time on a large review. Same sentence
    from the build's own statuses; and with the team done, none."""
    import traceback

    from synthesis.screening import status as status_module

    calls = []
    real = status_module.screening_status

    def counted(decisions, units, stage="title_abstract", *args, **kwargs):
        calls.append((stage, "hidden_while_blind" in [f.name for f in traceback.extract_stack()]))
        return real(decisions, units, stage, *args, **kwargs)

    monkeypatch.setattr(status_module, "screening_status", counted)
    monkeypatch.setattr(syn.screening, "screening_status", counted)
    evidence = _project(tmp_path)
    _log(evidence, "ann", {"g0": "include", "g1": "exclude", "g2": "exclude", "g3": "exclude"})
    _log(evidence, "ben", {"g0": "include"})
    notes = _build_notes(tmp_path)
    assert any("screening is blind and the team has not screened every record at title/abstract yet" in n for n in notes), notes
    assert calls and not any(again for _, again in calls), calls
    _log(evidence, "ben", {"g1": "exclude", "g2": "exclude", "g3": "exclude"})
    notes = _build_notes(tmp_path)
    # g0 is at full text, where nobody has decided it: the team's title/abstract numbers show, full text's not yet
    assert any("screening is blind" in n for n in notes), notes
    calls.clear()
    for who in ("ann", "ben"):
        with syn.DecisionLog(evidence, who) as log:
            log.record("g0", "include", stage="full_text")
    notes = _build_notes(tmp_path)
    assert not any("blind" in n for n in notes), notes
    assert calls and not any(again for _, again in calls), calls
