"""A review of one's own after screening: every record decided, no report excluded at full text, its own coding
scheme (harms of gambling by domain, and the population studied) with no stakeholder groups, no extraction form
and nothing coded yet. The worked example's names (stages, constructs, stakeholder groups) and shape (some
full-text exclusions) must not be needed anywhere: the build draws the PRISMA diagram, lists the studies to code
as soon as the scheme exists, and the maps take their columns and charts from the scheme.

The records are a real export (the CiteSource gambling-harms search of the criminal-justice database in
``../shared``); the decisions and codes are written here, as a reviewer's widgets would write them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPORT = (ROOT.parent / "shared" / "data" / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
          / "CiteSource__20221207_gambling-harms_crimjust_41.ris")

SCHEME = """\
title: Harms from gambling: an evidence map

dimension harm: Harms from gambling
  levels: domain > harm
  domain financial: Financial harms
    harm debt: Debt
    harm savings: Loss of savings or assets
  domain health: Health
    harm mental: Mental health
  domain crime: Crime
    harm offending: Offending to fund gambling

dimension population: Population
  value adults: Adults who gamble
  value others: Affected others
"""


def _built_review(root: Path) -> list:
    """The real export as a new review's only search, built; returns its groups' ids."""
    from synthesis.build import build

    if not EXPORT.exists():
        pytest.skip(f"real export not found at {EXPORT} (the ../shared folder beside the project)")
    (root / "data" / "searches" / "2022-12").mkdir(parents=True)
    shutil.copy(EXPORT, root / "data" / "searches" / "2022-12")
    build(root, progress=False)
    return pd.read_csv(root / "output" / "units.csv", dtype=str)["group_id"].tolist()


@pytest.fixture
def own_review(tmp_path) -> Path:
    """A new review with one real export, built, whose first six records are included at full text."""
    import synthesis as syn

    root = tmp_path / "own_review"
    keys = _built_review(root)
    with syn.DecisionLog(root / "evidence" / "screening", "Dana", keys=keys) as log:
        for k in keys[:6]:
            log.record(k, "include")
            log.record(k, "include", stage="full_text")
        for k in keys[6:]:
            log.record(k, "exclude")
    (root / "evidence" / "coding_scheme.txt").write_text(SCHEME, encoding="utf-8")
    return root


def test_a_new_scheme_lists_the_studies_to_code_before_anything_is_coded(own_review):
    """With the scheme written and nothing coded, the build writes the coding queue the widget opens (it wrote
    nothing, so the widget could never open and nothing could ever be coded) and says the maps come later."""
    from synthesis.build import build

    result = build(own_review, progress=False)
    queue = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)
    assert len(queue) == 6 and set(queue["state"]) == {"to code"}
    assert any("nothing coded yet: no Table 2 or maps" in n for n in result.notes)
    assert not (own_review / "output" / "maps" / "table2.md").exists()


def test_a_new_review_without_a_scheme_is_told_to_write_one(tmp_path):
    """Before the scheme exists the note says which file to write, not which of the example's files is absent."""
    from synthesis.build import build

    if not EXPORT.exists():
        pytest.skip(f"real export not found at {EXPORT} (the ../shared folder beside the project)")
    (tmp_path / "data").mkdir()
    shutil.copy(EXPORT, tmp_path / "data")
    notes = build(tmp_path, progress=False).notes
    assert any("no evidence/coding_scheme.txt yet" in n and "write the review's coding scheme there" in n
               for n in notes)


def test_the_maps_of_a_scheme_without_stakeholder_groups(own_review):
    """Coded studies go on maps whose columns and charts come from this scheme: the gap map crosses harms with
    the population (the build stopped: "gap_map_columns = 'stakeholder' is not a dimension of the coding", a
    setting this review never made), and there is a chart per domain, harm and population (the charts were
    named after the example's levels, so a scheme with other level names got none of its own)."""
    import synthesis as syn
    from synthesis.build import build

    build(own_review, progress=False)
    queue = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)
    ids = queue["study_id"].tolist()
    syn.code_study(own_review, "Dana", ids[0], ["financial.debt", "population:adults"])
    syn.code_study(own_review, "Dana", ids[1], ["health.mental", "population:others"])
    syn.code_study(own_review, "Dana", ids[2], ["crime.offending", "population:adults"])
    build(own_review, progress=False)
    maps = own_review / "output" / "maps"
    for name in ("gap_map", "heatmap", "studies_by_domain", "studies_by_harm", "studies_by_population"):
        assert (maps / f"{name}.svg").exists(), name
    svg = (maps / "gap_map.svg").read_text(encoding="utf-8")
    assert "Affected others" in svg and "Offending to fund gambling" in svg
    table2 = (maps / "table2.md").read_text(encoding="utf-8")
    assert "| Crime | Offending to fund gambling |" in table2


def test_the_map_offers_only_the_fields_the_coding_form_asks_for(own_review):
    """The interactive map filters by study fields and names the ones nobody has filled in yet ("Country,
    Evidence type: not recorded for any study yet"). This review has no coding form of its own, so its coders
    are asked for country and year only: evidence type, which nothing will ever fill in, is not offered. With a
    form that asks for it, it is (and with studies from CSV files alone, whose form is not known, as before)."""
    import synthesis as syn
    from synthesis.build import build
    from synthesis.maps.html import html_map_data

    build(own_review, progress=False)
    ids = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["study_id"].tolist()
    syn.code_study(own_review, "Dana", ids[0], ["financial.debt", "population:adults"], fields={"year": 2021})
    dims = [d["id"] for d in html_map_data(syn.read_project_coding(own_review).coding)["dims"]]
    assert "year" in dims and "country" in dims and "evidence_type" not in dims, dims
    (own_review / "evidence" / "coding_form.toml").write_text(
        '[[field]]\nid = "year"\nlabel = "Year"\ntype = "year"\n'
        '[[field]]\nid = "evidence_type"\nlabel = "Evidence type"\ntype = "text"\n', encoding="utf-8")
    dims = [d["id"] for d in html_map_data(syn.read_project_coding(own_review).coding)["dims"]]
    assert "evidence_type" in dims and "country" not in dims, dims


def test_the_gap_map_columns_default_to_the_schemes_other_dimension(own_review):
    """In a notebook, ``draw_gap_map(coding)`` needs no column name: the scheme's dimension besides the
    framework (stakeholder groups in the worked example, the population here)."""
    import synthesis as syn
    from synthesis.build import build

    build(own_review, progress=False)
    first = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["study_id"].iloc[0]
    syn.code_study(own_review, "Dana", first, ["financial.debt", "population:others"])
    coding = syn.read_project_coding(own_review).coding
    matrix = syn.evidence_matrix(coding)
    assert matrix.columns.id == "population"
    waiting = int((pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["state"] == "to code").sum()) - 1
    assert syn.draw_gap_map(coding).axes[0].get_title(loc="left") == (
        "Evidence gap map: harms by population" + (f"\nNot on the map yet: {waiting} included records wait to be "
                                                   "coded or agreed; a gap may still fill" if waiting else ""))


def test_the_coding_widget_before_the_first_build_says_to_build(own_review):
    """Without ``output/coding_queue.csv`` the widget's message is the error itself (one line in a notebook),
    not a traceback through the library."""
    import synthesis as syn

    with pytest.raises(syn.SynthesisError, match=r"coding_queue.csv not found: run `make build` first") as info:
        syn.open_coding(own_review, "Dana")
    assert isinstance(info.value, FileNotFoundError)
    assert len(info.value._render_traceback_()) == 1


def test_the_coding_widget_without_a_scheme_asks_for_the_scheme(tmp_path):
    """A newcomer built a review of their own (the example's scheme removed, as the README says) and ran notebook
    3: "coding_queue.csv not found: run `make build` first", though the build had just run; it writes no queue
    until a scheme exists. The widget now names the missing scheme."""
    import synthesis as syn
    from synthesis.build import build

    searches = tmp_path / "data" / "searches" / "2027-01"
    searches.mkdir(parents=True)
    (searches / "psycinfo.ris").write_text(
        "TY  - JOUR\nTI  - Harms of gambling among older adults\nAU  - Ng, A.\nPY  - 2021\nER  - \n\n"
        "TY  - JOUR\nTI  - Loot boxes and problem gambling in teenagers\nAU  - Roe, B.\nPY  - 2022\nER  - \n",
        encoding="utf-8")
    build(tmp_path, progress=False)
    assert not (tmp_path / "output" / "coding_queue.csv").exists()
    with pytest.raises(syn.SynthesisError, match=r"coding_scheme.txt: coding scheme file not found") as info:
        syn.open_coding(tmp_path, "Dana")
    assert "make build" not in str(info.value)


def test_a_review_that_excluded_no_report_at_full_text_draws_its_diagram(own_review):
    """Every report assessed at full text was included: "Reports excluded" is 0 (the build stopped with
    "missing box(es) dbr_excluded": there were no reasons to add up, so the box had no number at all)."""
    import json

    from synthesis.build import build

    build(own_review, progress=False)
    counts = json.loads((own_review / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["dbr_assessed"] == 6 and counts["dbr_excluded"] == 0 and counts["new_studies"] == 6
    assert (own_review / "output" / "prisma_flow.svg").exists()


def _coding_with_years(years):
    from synthesis.coding.scheme import parse_scheme
    from synthesis.coding.studies import make_coding

    scheme = parse_scheme(SCHEME)
    studies = pd.DataFrame({"study_id": [f"s{k}" for k in range(len(years))], "year": years})
    codes = pd.DataFrame({"study_id": studies["study_id"], "code": ["financial.debt"] * len(years)})
    return make_coding(scheme, studies, codes)


def test_a_gap_map_column_the_scheme_lacks_is_one_sentence():
    """A newcomer kept the example's ``gap_map_columns = "stakeholder"`` under a scheme of their own; notebook 3's
    gap map cell ended in a ValueError traceback through the library. It is now the one sentence of a
    SynthesisError, naming the dimensions there are."""
    import synthesis as syn

    coding = _coding_with_years(["2020"])
    for draw in (lambda: syn.draw_gap_map(coding, columns="stakeholder"),
                 lambda: syn.draw_heatmap(coding, columns="stakeholder"),
                 lambda: syn.draw_study_counts(coding, "stakeholder")):
        with pytest.raises(syn.SynthesisError, match="no dimension 'stakeholder'.*harm, population") as info:
            draw()
        assert isinstance(info.value, ValueError)  # what callers caught before
        assert len(info.value._render_traceback_()) == 1


def test_the_year_chart_shows_the_years_without_a_study():
    """Studies of 2017 and 2020: the bars run 2017, 2018, 2019, 2020 (2018 and 2019 at 0) rather than putting
    2017 beside 2020, and the axis counts whole studies (it read 0.5, 1.5)."""
    import synthesis as syn

    fig = syn.draw_study_counts(_coding_with_years(["2017", "2020", "2020", ""]), "year")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2017", "2018", "2019", "2020", "Not\ncoded"]  # on two lines, under its bar
    assert [p.get_height() for p in ax.patches] == [1, 0, 0, 2, 1]
    assert all(float(t).is_integer() for t in ax.get_yticks())


def test_the_legend_of_a_chart_stands_beside_its_bars():
    """The colour key of the harms chart (one colour per domain) sits right of the axes, not over the longest
    bar, which reaches the right edge."""
    import synthesis as syn

    fig = syn.draw_study_counts(_coding_with_years(["2017", "2018"]), "harm")
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1


@pytest.mark.slow
def test_notebook_3_on_a_review_with_its_own_scheme(own_review):
    """The template's notebook 3 runs top to bottom on this review, before and after its first study is coded:
    it named the example's stakeholder dimension for the gap map and heatmap, and stopped there."""
    import synthesis as syn
    from synthesis.build import build

    from test_notebooks import _run

    shutil.copytree(ROOT / "notebooks", own_review / "notebooks")
    build(own_review, progress=False)
    assert _run(own_review, "03_code_and_map.ipynb") == []
    first = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["study_id"].iloc[0]
    syn.code_study(own_review, "Dana", first, ["health.mental", "population:others"])
    build(own_review, progress=False)
    assert _run(own_review, "03_code_and_map.ipynb") == []


def test_the_networks_speak_of_the_schemes_levels():
    """The study network of this scheme is of harms coloured by domain (it said "constructs" and "stage"), and a
    study coded only for its population is left out and counted in the title: drawn, the layout flung it to a
    far corner and squeezed every other node into the opposite one."""
    import synthesis as syn
    from synthesis.coding.scheme import parse_scheme
    from synthesis.coding.studies import make_coding

    studies = pd.DataFrame({"study_id": ["s1", "s2", "s3"]})
    codes = pd.DataFrame({"study_id": ["s1", "s2", "s2", "s3"], "dimension": ["harm", "harm", "harm", "population"],
                          "code": ["financial.debt", "financial.debt", "health.mental", "others"]})
    coding = make_coding(parse_scheme(SCHEME), studies, codes)
    fig = syn.draw_network(syn.study_construct_graph(coding))
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Studies and the harms they are coded under (2 studies; 1 coded under no harm, not shown)"
    assert ax.get_legend().get_title().get_text() == "domain"
    assert {t.get_text() for t in ax.texts} >= {"s1", "s2"} and "s3" not in {t.get_text() for t in ax.texts}
    fig = syn.draw_network(syn.construct_network(coding))
    assert fig.axes[0].get_title(loc="left").startswith("Harm co-occurrence: harms linked by the studies")


def test_synthesis_map_draws_a_review_coded_in_the_notebook(own_review, monkeypatch, capsys):
    """`synthesis map gap --columns year` in the project folder draws what the build draws: the coding of the
    coders' logs (it read only evidence/study_codes.csv and studies.csv, which a review coded in the widget does
    not have, and stopped: "evidence/studies.csv: file not found"). With nothing coded it says so."""
    import argparse

    import synthesis as syn
    from synthesis.build import build
    from synthesis.maps.cli import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    monkeypatch.chdir(own_review)
    build(own_review, progress=False)
    args = parser.parse_args(["map", "gap", "--columns", "year", "-o", "drawn", "--format", "svg"])
    assert args.func(args) == 1
    assert "nothing coded yet" in capsys.readouterr().err
    first = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["study_id"].iloc[0]
    syn.code_study(own_review, "Dana", first, ["financial.debt"])
    assert args.func(args) == 0
    assert "Debt" in (own_review / "drawn" / "gap_map.svg").read_text(encoding="utf-8")


def test_a_study_opens_with_its_records_year(own_review):
    """The form's Year opens filled from the record (the coder confirms or corrects it) instead of empty, as if
    it had to be typed again; a year the coder saved wins when the study is opened again."""
    import synthesis as syn
    from synthesis.build import build

    build(own_review, progress=False)
    widget = syn.open_coding(own_review, "Dana")
    queue = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str, keep_default_na=False)
    year = queue.set_index("study_id").loc[widget.current, "year"]
    assert year and widget.values == {"year": year}
    widget.handle({"action": "save", "selected": [{"code": "harm:financial.debt"}], "fields": {"year": "1999"}})
    widget.handle({"action": "previous"})
    assert widget.values["year"] == "1999"


def test_a_flat_scheme_names_its_rows_after_the_dimension():
    """A scheme of flat lists (interventions, outcomes): Table 2, the charts and the networks call the rows
    "Intervention", not the keyword "value" its entries are written with."""
    import synthesis as syn
    from synthesis.coding.scheme import parse_scheme
    from synthesis.coding.studies import make_coding

    scheme = parse_scheme("dimension intervention: Intervention\n  value limits: Deposit limits\n"
                          "  value messages: Warning messages\ndimension outcome: Outcome\n  value spending: Spending\n")
    coding = make_coding(scheme, pd.DataFrame({"study_id": ["s1"]}),
                         pd.DataFrame({"study_id": ["s1", "s1"], "dimension": ["intervention", "outcome"],
                                       "code": ["limits", "spending"]}))
    assert list(syn.table2_frame(coding).columns[:2]) == ["Intervention", "Studies"]
    assert syn.draw_study_counts(coding, "value").axes[0].get_title(loc="left") == "Included studies by intervention (n = 1)"
    # a living map's new round, not all coded yet: n is the coded studies, and the title says so (it said
    # "Included studies ... (n = 2)" with 33 included, 31 of them waiting to be coded: w6's walk)
    coding.pending = {"to code": 2, "second coder": 1, "reconcile": 0}
    assert syn.draw_study_counts(coding, "value").axes[0].get_title(loc="left") == \
        "Included studies by intervention (n = 1 coded)\n3 more waiting to be coded or agreed"
    # the gap map too: a hatched cell may be a study not coded yet
    assert syn.draw_gap_map(coding).axes[0].get_title(loc="left") == (
        "Evidence gap map: interventions by outcome\nNot on the map yet: 3 included records wait to be coded or "
        "agreed; a gap may still fill")
    title = syn.draw_network(syn.study_construct_graph(coding)).axes[0].get_title(loc="left")
    assert title == "Studies and the interventions they are coded under (1 study)"


def test_no_report_excluded_says_so_in_the_list_of_excluded_reports(own_review):
    """With no report excluded at full text the list says so in a sentence; it was a table of headings alone."""
    from synthesis.build import build

    build(own_review, progress=False)
    text = (own_review / "output" / "excluded_reports.md").read_text(encoding="utf-8")
    assert text == "**Reports excluded at full text, with reasons** (0)\n\nNo report was excluded at full text.\n"


def test_a_second_round_carries_the_first_rounds_studies(own_review):
    """The same search run again a year later (its export renamed, its records found again): round 1's six
    studies are the diagram's previous studies and its total (they were dropped: a review with no earlier
    published version passed no previous counts, so round 2's diagram said 0 studies in the review), and
    nothing of round 1 is asked again."""
    import json

    from synthesis.build import build

    build(own_review, progress=False)
    later = own_review / "data" / "searches" / "2023-12"
    later.mkdir()
    shutil.copy(EXPORT, later / "cja_rerun.ris")
    build(own_review, progress=False)
    counts = json.loads((own_review / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert (counts["previous_studies"], counts["new_studies"], counts["total_studies"]) == (6, 0, 6)
    assert counts["duplicates"] == counts["database_results"]  # every record found again
    assert len(pd.read_csv(own_review / "output" / "screening_queue.csv")) == 0


def test_dual_coding_switched_on_after_some_studies_were_coded(own_review, monkeypatch, capsys):
    """Two studies coded by one person, then the team sets ``dual = true``: the studies leave the map until a
    second coder codes them. The build said "nothing coded yet", as if the coding were lost; it now says how many
    studies wait for a second coder and why (the form's dual setting), and so does ``synthesis map``."""
    import argparse

    import synthesis as syn
    from synthesis.build import build
    from synthesis.maps.cli import register

    build(own_review, progress=False)
    ids = pd.read_csv(own_review / "output" / "coding_queue.csv", dtype=str)["study_id"].tolist()
    syn.code_study(own_review, "Dana", ids[0], ["financial.debt"])
    syn.code_study(own_review, "Dana", ids[1], ["health.mental"])
    (own_review / "evidence" / "coding_form.toml").write_text(
        '[coding]\ndual = true\n[[field]]\nid = "year"\nlabel = "Year"\ntype = "year"\n', encoding="utf-8")
    notes = build(own_review, progress=False).notes
    assert any("no study agreed yet: 2 studies wait for a second coder" in n and "dual = true" in n
               for n in notes), notes
    assert not any("nothing coded yet" in n for n in notes), notes
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    monkeypatch.chdir(own_review)
    args = parser.parse_args(["map", "gap", "-o", "drawn", "--format", "svg"])
    assert args.func(args) == 1
    assert "2 studies wait for a second coder" in capsys.readouterr().err


def test_the_build_says_what_waits_at_each_stage(tmp_path):
    """Mid-screening the build said "3713 records still await screening decisions" on a review where 3,654
    records waited at title/abstract and 59 included ones at full text: the two stages' counts were added up.
    It now names each: records at title/abstract, reports at full text."""
    import synthesis as syn
    from synthesis.build import build

    root = tmp_path / "review"
    keys = _built_review(root)
    with syn.DecisionLog(root / "evidence" / "screening", "Dana", keys=keys) as log:
        for k in keys[:3]:
            log.record(k, "include")
        log.record(keys[0], "include", stage="full_text")
        log.record(keys[1], "include", stage="full_text")
        for k in keys[3:10]:
            log.record(k, "exclude")
    notes = build(root, progress=False).notes
    # (one report left: "1 report awaits", where it said "1 reports await")
    expected = (f"PRISMA: {len(keys) - 10} records await a title/abstract decision and 1 report awaits a full-text "
                "decision")
    assert any(n.startswith(expected) for n in notes), notes
    # the diagram's banner says why its numbers cannot agree yet, not only that they do not
    svg = (root / "output" / "prisma_flow.svg").read_text(encoding="utf-8")
    assert "NOT YET A VALID PRISMA DIAGRAM: screening in progress" in svg and "NOT A VALID" not in svg
    assert f"{len(keys) - 10} records await" in svg
    checks = (root / "output" / "prisma_checks.txt").read_text(encoding="utf-8").splitlines()
    assert checks[1].startswith(f"Screening in progress: {len(keys) - 10} records await a title/abstract decision")
    assert checks[2].startswith("error: records screened")
    # ... and so does the diagram a notebook draws again from prisma_counts.json
    counts = syn.read_prisma_counts(root / "output" / "prisma_counts.json")
    redrawn = syn.draw_prisma(counts, allow_failing=True)
    assert "NOT YET A VALID PRISMA DIAGRAM: screening in progress" in redrawn.to_svg()
    # only the boxes still being screened are flagged: the numbers identified and removed are right (they were
    # drawn in red with a footnote, as if wrong), and the check says why each sum fails
    assert counts.pending == {"records_screened": len(keys) - 10, "dbr_assessed": 1}
    report = syn.check_prisma(counts)
    assert report.boxes_in_error() == {"records_screened", "dbr_assessed"}
    # (said as the checks file says it: below the line that screening is in progress)
    assert str(report).splitlines()[1:] == checks[2:]
    assert str(report).splitlines()[1].endswith(f"; {len(keys) - 10} still await a decision")
    assert checks[2].endswith(f"; {len(keys) - 10} still await a decision")


def test_the_build_says_which_waiting_records_are_conflicts(tmp_path):
    """w42: a team done with every title read "PRISMA: 5 records await a title/abstract decision", where all five
    were records the two reviewers had decided differently: nobody had a decision left to make, one had to resolve
    them. The note (and the checks file, and the diagram's banner) says how many of those waiting are conflicts."""
    import synthesis as syn
    from synthesis.build import build

    root = tmp_path / "review"
    keys = _built_review(root)
    settings = syn.open_project(root).settings().screening
    settings.team, settings.reviewers_per_record = ["Dana", "Eli"], 2
    settings.save(root / "evidence")
    folder = root / "evidence" / "screening"
    with syn.DecisionLog(folder, "Dana", keys=keys) as log:
        log.record(keys[0], "include")
        for k in keys[1:]:
            log.record(k, "exclude")
    with syn.DecisionLog(folder, "Eli", keys=keys) as log:
        log.record(keys[0], "exclude")  # a conflict
        for k in keys[1:-1]:  # the last record: Eli has not decided it yet
            log.record(k, "exclude")
    notes = build(root, progress=False).notes
    said = [n for n in notes if n.startswith("PRISMA: 2 records await a title/abstract decision")]
    assert said and "(1 of them a conflict between reviewers, to resolve)" in said[0], notes
    checks = (root / "output" / "prisma_checks.txt").read_text(encoding="utf-8")
    assert "2 records await a title/abstract decision (1 of them a conflict between reviewers, to resolve)" in checks
