"""The notebooks run top to bottom on the shipped example, in a copy of the project (evidence/ untouched)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: The template's demonstrations on the shipped example: not numbered, so `synthesis new` does not copy them.
EXAMPLE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("example_*.ipynb"))


def test_notebooks_are_numbered_and_stripped():
    import nbformat

    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(1, len(NOTEBOOKS) + 1)]
    assert sorted((ROOT / "notebooks").glob("*.ipynb")) == sorted(NOTEBOOKS + EXAMPLE_NOTEBOOKS)
    for path in NOTEBOOKS + EXAMPLE_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: outputs not stripped"


def test_the_reviewers_name_is_set_once_at_the_top():
    """A reviewer of another team (ana, ben) decided the maybe pairs in notebook 1 and found every verdict signed
    "alice": the name sat in the pair widget's cell. Notebooks 1 to 3 take who you are from their first code cell,
    and no later cell names the example's reviewers."""
    import re

    import nbformat

    for name, variable in (("01_import_and_deduplicate", "REVIEWER"), ("02_screen", "REVIEWER"),
                           ("03_code_and_map", "CODER")):
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert re.search(rf"^{variable} = ", code[0], re.M), f"{name}: no {variable} in the first code cell"
        setting = re.search(rf"^{variable} = .*$", code[0], re.M).group(0)
        for source in [code[0].replace(setting, "")] + code[1:]:
            assert not re.search(r"\b(alice|bob)\b", source, re.I), f"{name}: {source[:200]}"


def test_notebooks_that_read_the_build_say_to_build_first():
    """A notebook reading output/ says so at its top: opened before `make build`, notebook 2 stopped on a missing
    output/units.csv and notebook 4 on output/prisma_counts.json, neither introduction having said to build first."""
    import nbformat

    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        if '"output"' not in code or "build_project(" in code:  # notebook 5 builds its own scratch copy
            continue
        intro = " ".join(nb.cells[0].source.split())
        assert "`make build` first" in intro or "(run it first" in intro, f"{path.name}: {intro[:200]}"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A copy of the example project after `make build`, as a reviewer has it when opening the notebooks."""
    from synthesis.build import build

    root = tmp_path_factory.mktemp("review")
    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    build(root, progress=False)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS + EXAMPLE_NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS + EXAMPLE_NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, built_project, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    # what the notebook leaves in the system's temporary folder (05 left its scratch copy of the example there)
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    evidence_before = {p: p.read_bytes() for p in (built_project / "evidence").rglob("*") if p.is_file()}
    nb = nbformat.read(built_project / "notebooks" / path.name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(built_project / "notebooks")}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    check_what_a_reviewer_sees(path.stem, nb)
    # Opening and running a notebook decides nothing: the evidence is as it was.
    assert {p: p.read_bytes() for p in (built_project / "evidence").rglob("*") if p.is_file()} == evidence_before
    # (the logs' lock files have a folder there on purpose: see synthesis.appendlog)
    assert sorted(p.name for p in system_tmp.iterdir() if not p.name.startswith("synthesis-locks-")) == []


#: Pictures each notebook must show (image/svg+xml or image/png outputs), with a text each must contain
#: (an SVG's text, since the diagrams keep their text as text; None for PNG).
PICTURES = {
    "01_import_and_deduplicate": [None],  # the source overlap
    "03_code_and_map": [None, None, None],  # gap map, heatmap, construct network
    "04_prisma": ["Records screened", "Records after duplicates removed"],  # the diagram, the seed's Figure 1
}
#: Text outputs longer than this are a dump, not something a reviewer reads.
LONGEST_TEXT = 6000


def check_what_a_reviewer_sees(name: str, nb) -> None:
    """Figures show as pictures, once each, and nothing prints a Python object's insides."""
    pictures = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        images_here = []
        for out in cell.outputs:
            data = out.get("data", {})
            text = out.get("text", "") or ("" if len(data) > 1 else data.get("text/plain", ""))
            assert not text.lstrip().startswith(("<Figure size", "<matplotlib.")), \
                f"{name}, cell {index}: a figure printed as text ({text[:60]!r}) instead of being shown"
            assert len(text) <= LONGEST_TEXT, f"{name}, cell {index}: {len(text)} characters of text output"
            for mime in ("image/svg+xml", "image/png"):
                if mime in data:
                    images_here.append(data[mime])
                    pictures.append((mime, data[mime]))
                    break
        assert len(images_here) == len(set(images_here)), f"{name}, cell {index}: the same figure shown twice"
    expected = PICTURES.get(name, [])
    assert len(pictures) >= len(expected), f"{name}: {len(pictures)} pictures shown, expected {len(expected)}"
    for (mime, image), text in zip(pictures, expected):
        if text is not None:
            assert mime == "image/svg+xml" and text in image, f"{name}: no picture with {text!r}"
        elif mime == "image/png":
            import base64

            assert base64.b64decode(image)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def new_review(tmp_path_factory) -> Path:
    """A review of one's own, started from the template: real exports of five databases (the CiteSource
    gambling-harms searches in ../shared), the notebooks, no evidence yet, after one build."""
    from synthesis.build import build

    exports = ROOT.parent / "shared" / "data" / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
    if not exports.is_dir():
        pytest.skip(f"real exports not found at {exports} (the ../shared folder beside the project)")
    root = tmp_path_factory.mktemp("own_review")
    shutil.copytree(exports, root / "data" / "searches" / "2022-12")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    build(root, progress=False)
    return root


def _run(project: Path, name: str):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(project / "notebooks" / name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(project / "notebooks")}})
    client.execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01_import_and_deduplicate.ipynb", "02_screen.ipynb", "04_prisma.ipynb"])
def test_a_new_review_runs_the_notebooks_top_to_bottom(name, new_review):
    """The notebooks are the template's: on a review with its own exports and no evidence yet (no search log,
    no earlier figure, nothing screened) they run to the end; notebook 4 draws the diagram as a marked draft."""
    assert _run(new_review, name) == []


@pytest.mark.slow
def test_a_new_review_without_a_coding_scheme_is_told_what_to_write(new_review):
    """Notebook 3 needs the review's coding scheme: its first cell says so in one line, not a traceback (where
    "Run all" stops; the cells after it fail for want of what that cell reads)."""
    errors = _run(new_review, "03_code_and_map.ipynb")
    shown = "\n".join(errors[0]["traceback"])
    assert errors[0]["ename"] == "SchemeError" and "coding_scheme.txt: coding scheme file not found" in shown
    assert len(errors[0]["traceback"]) == 1 and "scheme.py" not in shown


@pytest.mark.slow
def test_notebook_5_on_a_new_review_runs_to_the_end_and_shows_only_that_review(new_review):
    """Notebook 5 demonstrated an update round on the example's own files after the reviewer's latest round: on a
    review of one's own it stopped there with a ProjectError, and each cell run after it with Shift+Enter gave a
    NameError (`scratch`). The demonstration is a notebook of its own now, which `synthesis new` does not copy;
    notebook 5 runs to the end on a review of one's own and names nothing of the example."""
    import re

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(new_review / "notebooks" / "05_update_round.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(new_review / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    shown = "\n".join(str(o.get("text", "")) + "".join(str(v) for v in o.get("data", {}).values()) for o in outputs)
    text = "\n".join(c.source for c in nb.cells)
    for particular in (r"2026-11", r"2027-05", r"\balice\b", r"scratch", r"scopus\.ris", r"Haddad", r"co-production"):
        assert not re.search(particular, shown, re.I), particular
        assert not re.search(particular, text, re.I) or particular == r"2027-05", particular  # 2027-05: a date to copy
    assert "Search round 2022-12" in shown


def test_the_example_update_is_a_notebook_that_a_new_review_does_not_get(tmp_path):
    """The example's update demonstration lives in the template only: `synthesis new` copies the numbered
    notebooks, and the demonstration stops in one sentence on a project without the example's exports."""
    import synthesis as syn

    (demo,) = EXAMPLE_NOTEBOOKS
    assert demo.name == "example_update_round.ipynb"
    project = syn.new_project(tmp_path / "review", "Drones", team=["wendy"])
    assert sorted(p.name for p in (project.root / "notebooks").iterdir()) == [p.name for p in NOTEBOOKS]
    assert _run(project.root, "05_update_round.ipynb")[0]["ename"] == "ProjectError"  # no build yet: says so
    shutil.copy(demo, project.root / "notebooks" / demo.name)
    errors = _run(project.root, demo.name)
    assert errors[0]["ename"] == "ProjectError" and len(errors[0]["traceback"]) == 1
    assert "your own latest round is in notebook 05_update_round.ipynb" in errors[0]["traceback"][0]


def _first_cell_on_another_review(folder: Path, notebook: str, team: list) -> str:
    """The first code cell of ``notebook`` pointed at a new project in ``folder`` whose team is ``team``."""
    import nbformat

    (folder / "data" / "searches").mkdir(parents=True)
    (folder / "evidence").mkdir()
    (folder / "evidence" / "review.toml").write_text(
        f'[review]\ntitle = "Another review"\n\n[screening]\nteam = {json.dumps(team)}\n', encoding="utf-8")
    nb = nbformat.read(ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code").replace('Path("..")', f"Path({str(folder)!r})")


def test_notebook_1_stops_on_a_reviewer_outside_the_team(tmp_path):
    """A reviewer of another review (team maria and tom) ran notebook 1 as shipped and decided the maybe pairs:
    every verdict was signed "alice", the example's name left in REVIEWER, and nothing said so. The first cell
    now takes the team's spelling of the name and stops, in one sentence, on a name outside the team."""
    from synthesis.screening.settings import ReviewerError

    first = _first_cell_on_another_review(tmp_path, "01_import_and_deduplicate", ["maria", "tom"])
    with pytest.raises(ReviewerError, match="unknown reviewer 'alice'.*'maria', 'tom'"):
        exec(first, {})
    namespace: dict = {}
    exec(first.replace('REVIEWER = "alice"', 'REVIEWER = "Maria"'), namespace)
    assert namespace["REVIEWER"] == "maria"  # the team's spelling signs the verdicts


@pytest.mark.parametrize("notebook", ["01_import_and_deduplicate", "03_code_and_map"])
def test_the_call_a_stopped_first_cell_offers_runs_in_that_notebook(tmp_path, notebook):
    """A newcomer ran notebook 1 of a review of their own with the example's name still in it; the sentence
    offered "join with syn.add_reviewer(EVIDENCE, 'alice')", and pasted into that notebook it stopped with a
    NameError: only notebook 2 defines EVIDENCE. The call it offers now runs where it is offered."""
    import re

    from synthesis.screening.settings import ReviewerError

    first = _first_cell_on_another_review(tmp_path, notebook, ["nora", "omar"])
    if notebook.startswith("03"):
        first = first[: first.index("pc = ")]  # the coding itself needs a build; the name is checked before
    namespace: dict = {}
    with pytest.raises(ReviewerError) as info:
        exec(first, namespace)
    offered = re.search(r"syn\.add_reviewer\([^)]*\)", str(info.value)).group(0)
    exec(offered, namespace)  # as pasted into a new cell below
    exec(first, namespace)
    assert "alice" in namespace["syn"].load_screening_settings(tmp_path / "evidence").team


@pytest.mark.slow
def test_notebook_5_shows_a_reviewers_own_latest_round(tmp_path):
    """A reviewer of a living review added a second round and opened notebook 5 "as the README says": it stopped at
    once, being a demonstration on the shipped example, with nothing about the round just added. Its first cell
    now shows the latest round (found before, with the decision that stands, or new) before the demonstration
    stops."""
    import nbformat
    from nbclient import NotebookClient

    from synthesis.build import build

    exports = ROOT.parent / "shared" / "data" / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
    if not exports.is_dir():
        pytest.skip(f"real exports not found at {exports} (the ../shared folder beside the project)")
    files = sorted(p for p in exports.iterdir() if p.is_file())
    for i, path in enumerate(files):
        folder = tmp_path / "data" / "searches" / ("2022-12" if i < len(files) - 2 else "2023-06")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    build(tmp_path, progress=False)
    nb = nbformat.read(tmp_path / "notebooks" / "05_update_round.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path / "notebooks")}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    shown = "\n".join(o.get("data", {}).get("text/markdown", "") + o.get("data", {}).get("text/html", "")
                      for o in code[0].outputs)
    assert "Search round 2023-06 (after 2022-12)" in shown and "found_before" in shown
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_notebook_4_says_which_template_a_review_of_ones_own_gets():
    """A reviewer's first round drew a *new review* diagram under a text saying "an updated review here (the seed
    review's studies are the previous ones)", the example's case; it names both cases now."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "04_prisma.ipynb", as_version=4)
    text = " ".join(" ".join(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    assert "a *new review* for a first search round" in text and "an *updated review* once earlier" in text


def test_notebook_3_stops_on_a_coder_outside_the_team(tmp_path):
    """A reviewer of another review (team mara and tomas) opened notebook 3 as shipped: the coding widget
    said "Alice · coding" and would have written evidence/coding/Alice.jsonl, the example's coder, with
    nothing said. The first cell now takes the team's spelling of CODER and stops on a name outside it."""
    from synthesis.screening.settings import ReviewerError

    first = _first_cell_on_another_review(tmp_path, "03_code_and_map", ["mara", "tomas"])
    setting = next(line for line in first.splitlines() if line.startswith("CODER = "))
    up_to_name = first[: first.index("pc = ")]  # the coding itself needs a build; the name is checked before
    with pytest.raises(ReviewerError, match="unknown reviewer 'alice'.*'mara', 'tomas'"):
        exec(up_to_name, {})
    namespace: dict = {}
    exec(up_to_name.replace(setting, 'CODER = "Mara"'), namespace)
    assert namespace["CODER"] == "mara"  # the team's spelling names the coding log


@pytest.mark.slow
def test_notebook_4_shows_no_example_search_in_a_review_of_ones_own(new_review):
    """A reviewer recording her own searches ran notebook 4 and read, as the only row of a search table, the
    example's Embase search ('embase-2027-05', 57 records, data/searches/2027-05/embase.ris), written into a
    scratch copy she never sees, and no cell recorded a search into her own log. The cell is now her own
    search's call, which writes into evidence/searches.toml once she sets RECORD = True, and nothing else."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(new_review / "notebooks" / "04_prisma.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(new_review / "notebooks")}}).execute()
    shown = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                      for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "error" not in [o.output_type for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert "embase-2027-05" not in shown and "2027-05" not in shown and "Embase" not in shown
    assert not (new_review / "evidence" / "searches.toml").exists()  # nothing written until RECORD = True
    recording = next(c.source for c in nb.cells if c.cell_type == "code" and "RECORD = False" in c.source)
    assert "syn.add_search(search_file" in recording and "scratch" not in recording


@pytest.mark.parametrize("name, particulars", [
    ("01_import_and_deduplicate", r"2026-11|\bthree pairs\b|medRxiv"),
    ("03_code_and_map", r"seed review|\b49\b|co-production|stakeholder|Set-up|nature of evidence"),
    ("04_prisma", r"seed review|\b128\b|exported one record twice|Google Scholar|synthetic")])
def test_notebooks_1_3_and_4_speak_of_the_example_only_as_the_example(name, particulars):
    """On a review of one's own, notebook 1 explained "the three pairs" it leaves (an erratum, a Web of Science
    early-access record, a medRxiv preprint) as if they were hers, beside 0 pairs. A reviewer coding another review read in notebook 3's introduction that "the 49 studies of the seed
    review come from evidence/studies.csv", files her review does not have, as if it said what she would find;
    in notebook 4, under "The seed review's own Figure 1", and that "Scopus exported one record twice" of her
    searches. Every sentence of their text that names the example's particulars now says they are the
    example's."""
    import re

    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for sentence in re.split(r"(?<=[.;:])\s+(?=[A-Z#])", " ".join(cell.source.split())):
            if re.search(particulars, sentence, re.I):
                assert "example" in sentence.lower(), sentence


def _code_cells(name: str, project: Path) -> list:
    """The code cells of notebook ``name``, pointed at ``project``."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    return [c.source.replace('Path("..")', f"Path({str(project)!r})") for c in nb.cells if c.cell_type == "code"]


def test_notebook_4_checks_say_what_the_build_checks_file_says(built_project, capsys):
    """On the shipped example output/prisma_checks.txt said that 3 pairs of records await a duplicate verdict
    (each counted as two records) and how the screening conflicts stand; notebook 4's own check of the same
    counts printed the sums alone. It now prints every line of the file below its title."""
    cells = _code_cells("04_prisma", built_project)
    namespace: dict = {}
    exec(cells[0], namespace)
    capsys.readouterr()
    exec(next(c for c in cells if "check_prisma(counts)" in c), namespace)
    shown = capsys.readouterr().out.rstrip("\n").splitlines()
    written = (built_project / "output" / "prisma_checks.txt").read_text(encoding="utf-8").rstrip("\n").splitlines()
    assert any(line.startswith("Deduplication not finished: 3 pairs") for line in written)
    assert any("screening conflicts at title/abstract" in line for line in written)
    assert shown == written[1:]


def test_notebook_2_says_what_agreement_waits_for(tmp_path, capsys):
    """A team of two opened notebook 2 before the second reviewer had screened anything and read, under "Where
    the team stands", a bare "Empty DataFrame" for agreement (and a row of NaN for the team's). The cell now says
    in one sentence what is missing, and shows the tables once two reviewers decided the same records."""
    import synthesis as syn

    (tmp_path / "evidence" / "screening").mkdir(parents=True)
    (tmp_path / "evidence" / "review.toml").write_text('[screening]\nteam = ["ann", "ben"]\n', encoding="utf-8")
    units = syn.make_screening_table([{"group_id": f"g{i}", "title": f"Paper {i}"} for i in range(3)])
    syn.write_screening_table(units, tmp_path / "output" / "units.csv")
    cells = _code_cells("02_screen", tmp_path)
    agreement_cell = next(c for c in cells if "agreement" in c and "open_screening" not in c)
    shown = {}

    def run() -> str:
        namespace: dict = {"display": lambda obj: shown.setdefault("tables", []).append(obj)}
        exec(cells[0], namespace)
        capsys.readouterr()
        exec(agreement_cell, namespace)
        return capsys.readouterr().out.strip()

    assert run() == ("Agreement at title/abstract needs two reviewers' decisions on the same records; nobody has "
                     "decided any yet.")
    with syn.DecisionLog(tmp_path / "evidence" / "screening", "ann") as log:
        log.record("g0", "include")
        log.record("g1", "exclude")
    assert run().endswith("; so far only ann has decided (2 records).") and "tables" not in shown
    with syn.DecisionLog(tmp_path / "evidence" / "screening", "ben") as log:
        log.record("g2", "include")
    assert run().endswith("; so far ann and ben have decided, but no record in common.")
    with syn.DecisionLog(tmp_path / "evidence" / "screening", "ben") as log:
        log.record("g1", "exclude")
    assert run() == ""
    pairs, team = shown["tables"]
    assert pairs[["reviewer_a", "reviewer_b", "n", "agreed"]].values.tolist() == [["ann", "ben", 1, 1]]
    assert team["n"].tolist() == [1]
    # two of three records alike: 66.667 %, not 66.666667 (w42 read "79.069767" where the CLI rounds)
    with syn.DecisionLog(tmp_path / "evidence" / "screening", "ben") as log:
        log.record("g0", "exclude")
    with syn.DecisionLog(tmp_path / "evidence" / "screening", "ann") as log:
        log.record("g2", "include")
    shown.clear()
    assert run() == ""
    pairs, team = shown["tables"]
    assert pairs["percent_agreement"].tolist() == [66.667], pairs
    assert all(v == round(v, 3) for v in team.select_dtypes("number").iloc[0].tolist()), team


def test_notebook_4_citation_searching_prints_no_empty_line(tmp_path, capsys, monkeypatch):
    """On a review with nothing included yet, notebook 4's citation-searching cell printed an empty line (no
    notes) over a summary of zeros. It now says in one line that there is nothing to search yet; and where every
    included study's references were read (no notes either), it prints nothing above the summary."""
    import pandas as pd

    import synthesis as syn
    from synthesis.build import build
    from synthesis.citations.search import CitationSearch

    (tmp_path / "data" / "searches" / "2027-01").mkdir(parents=True)
    (tmp_path / "data" / "searches" / "2027-01" / "scopus.ris").write_text(
        "TY  - JOUR\nTI  - Forest income and poverty\nAU  - Ngoma, R.\nPY  - 2021\nER  - \n", encoding="utf-8")
    build(tmp_path, progress=False)
    cell = next(c for c in _code_cells("04_prisma", tmp_path) if "backward_citation_search" in c)
    namespace = {"syn": syn, "PROJECT": tmp_path, "hidden": ""}  # (the first cell's: nothing hidden)
    exec(cell, namespace)
    assert capsys.readouterr().out == ("No report is included at full text yet: citation searching takes the "
                                       "references of the included studies, so there is nothing to search until "
                                       "some are included.\n")
    columns = ["citing_group", "format", "key", "status"]
    searched = CitationSearch(pd.DataFrame(columns=columns), pd.DataFrame(), included=["g1"], notes=[])
    monkeypatch.setattr(syn, "backward_citation_search", lambda project: searched, raising=False)
    exec(cell, namespace)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("notebook", ["01_import_and_deduplicate", "03_code_and_map"])
def test_a_name_outside_the_team_signs_nothing_past_the_first_cell(built_project, tmp_path, notebook):
    """Notebook 1's first cell stopped on "alice" in a review whose team is maria and tom, but a reviewer who ran
    on past it got the pair widget, signing every verdict "alice"; in notebook 3 the coding widget opened as
    "alice" too. Both now refuse the name as screening does, in one sentence offering syn.add_reviewer, and take
    the team's spelling of a name in it."""
    import synthesis as syn

    project = tmp_path / "review"
    for name in ("data", "evidence", "output"):
        shutil.copytree(built_project / name, project / name)
    settings = project / "evidence" / "review.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('team = ["alice", "bob"]',
                                                                      'team = ["maria", "tom"]'), encoding="utf-8")
    if notebook.startswith("01"):
        opened = syn.open_project(project)
        records = syn.import_exports(opened).records
        dedup = syn.deduplicate_records(records, opened).result

        def widget(name):
            return syn.MaybeReviewer(dedup, records, project / "evidence" / "duplicate_verdicts.tsv", reviewer=name)
    else:
        def widget(name):
            return syn.open_coding(project, name, suggest=False)
    with pytest.raises(syn.ReviewerError, match=r"unknown reviewer 'alice'.*syn\.add_reviewer\(PROJECT, 'alice'\)"):
        widget("alice")
    if notebook.startswith("01"):  # run past the stop, cell by cell: the widget's cell stops, in one sentence
        namespace: dict = {}
        stopped = []
        for cell in _code_cells(notebook, project):
            try:
                exec(cell, namespace)
            except Exception as exc:  # noqa: BLE001 - what each cell shows
                stopped.append((type(exc).__name__, cell.splitlines()[0]))
        assert stopped == [("ReviewerError", "from pathlib import Path"),
                           ("ReviewerError", "reviewer = syn.MaybeReviewer(dedup, records, verdicts, "
                                             "reviewer=REVIEWER)")]
    assert len(syn.ReviewerError("x")._render_traceback_()) == 1  # one line in the notebook, no traceback
    if notebook.startswith("03"):  # coding from a cell is checked as the widget is: no log named "alice"
        study = syn.read_project_coding(project, warn=False).queue["study_id"].iloc[0]
        with pytest.raises(syn.ReviewerError, match="unknown reviewer 'alice'"):
            syn.code_study(project, "alice", study, ["setup.recruitment.patients"])
        assert not (project / "evidence" / "coding" / "alice.jsonl").exists()
        assert syn.code_study(project, "Tom", study, ["setup.recruitment.patients"]).coder == "tom"
    shown = widget("Maria")
    assert (shown.reviewer if notebook.startswith("01") else shown.coding_log.coder) == "maria"


@pytest.mark.slow
def test_notebook_1_counts_what_each_database_contributed_with_the_verdicts_just_given(built_example,
                                                                                        notebook_cells):
    """A reviewer decided 17 maybe pairs in notebook 1's widget (16 duplicates: a Web of Science export against a
    reference manager's file) and ran the cells below: "What each database contributed" still said 0 papers
    shared and every paper found only once, against 16 shared in the build's source_overlap.csv. The cell now
    applies the verdicts (deduplication reads evidence/duplicate_verdicts.tsv again) before counting."""
    from nbclient import NotebookClient

    tmp_path = built_example
    # what the widget's d does, for every pair a rule did not keep apart
    nb = notebook_cells(tmp_path / "notebooks" / "01_import_and_deduplicate.ipynb", "syn.MaybeReviewer(",
                        "pairs = dedup.maybe_pairs[~dedup.maybe_pairs['rule_kept']]\n"
                        "for a, b in zip(pairs['record_id_1'], pairs['record_id_2']):\n"
                        "    syn.append_duplicate_verdict(verdicts, a, b, 'duplicate', reviewer=REVIEWER)\n"
                        "print('DECIDED', len(pairs))",
                        "fresh = syn.source_overlap(syn.deduplicate_records(records, project).result.groups)\n"
                        "print('SAME', overlap.per_database.equals(fresh.per_database), "
                        "overlap.matrix.equals(fresh.matrix))")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path / "notebooks")}}).execute()
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "DECIDED 0" not in text and "DECIDED" in text, text
    assert "SAME True True" in text, text[-1500:]


@pytest.mark.slow
def test_notebook_5_shows_the_updated_diagram_the_searches_and_what_moved(tmp_path):
    """An author added a second search round and walked notebook 5 to update the journal's PRISMA diagram and
    PRISMA-S: it showed the round's records, then stopped at the example's demonstration. The updated diagram
    (previous studies + new), the searches of both rounds and the changelog of the round were nowhere in it.
    They now come before the demonstration stops, from the build's files."""
    import nbformat
    from nbclient import NotebookClient

    from synthesis.build import build
    from synthesis.screening.log import DecisionLog
    import pandas as pd

    def ris(*titles):
        return "".join(f"TY  - JOUR\nTI  - {t}\nAU  - Lund, K.\nPY  - 2022\nT2  - Routing Journal\nER  - \n\n"
                       for t in titles)

    first = ["Drone and truck routing heuristics", "Parcel lockers in rural areas", "Sidekick drone delivery times"]
    for name, titles in (("2023-01", first), ("2023-06", first[:1] + ["Two drones per truck: an exact method"])):
        (tmp_path / "data" / "searches" / name).mkdir(parents=True)
        (tmp_path / "data" / "searches" / name / "scopus.ris").write_text(ris(*titles), encoding="utf-8")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "review.toml").write_text('[review]\ntitle = "Drones"\n\n[screening]\nteam = ["wendy"]\n'
                                                       'reasons = ["wrong problem"]\n', encoding="utf-8")
    (tmp_path / "evidence" / "searches.toml").write_text("".join(
        f'[[search]]\nid = "scopus-{r}"\ndatabase = "Scopus"\ndate = {r}-02\nsearch_string = "TITLE(drone)"\n'
        f'limits = "none"\nfilters = "none"\nrecords_reported = {n}\nfiles = ["data/searches/{r}/scopus.ris"]\n'
        for r, n in (("2023-01", 3), ("2023-06", 2))), encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    build(tmp_path, progress=False)
    units = pd.read_csv(tmp_path / "output" / "units.csv", dtype=str)
    log = DecisionLog(tmp_path / "evidence" / "screening", "wendy")
    for key, title in zip(units["group_id"], units["title"]):
        log.record(key, "include" if "drone" in title.lower() else "exclude")
        if "drone" in title.lower():
            log.record(key, "include", stage="full_text")
    log.close()
    build(tmp_path, progress=False)
    log = DecisionLog(tmp_path / "evidence" / "screening", "wendy")
    queue = pd.read_csv(tmp_path / "output" / "screening_queue.csv", dtype=str)
    for key in queue["group_id"]:  # the second round's one new paper
        log.record(key, "include")
        log.record(key, "include", stage="full_text")
    log.close()
    build(tmp_path, progress=False)

    nb = nbformat.read(tmp_path / "notebooks" / "05_update_round.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path / "notebooks")}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]  # to the end: no demonstration
    shown = "\n".join(str(o.get("text", "")) + "".join(str(v) for v in o.get("data", {}).values())
                      for c in code for o in c.outputs)
    # the updated review's diagram: 2 studies of round 2023-01 carried over, 1 new, 3 in all
    assert "Studies included in previous" in shown and "Total studies included in review" in shown
    assert "(n = 2)" in shown and "(n = 3)" in shown and "error:" not in shown
    # the searches of both rounds, and the round's versions of the changelog
    assert "scopus-2023-01" in shown and "scopus-2023-06" in shown and "PRISMA-S: how the searches were done" in shown
    assert "search round 2023-06; 5 records in all rounds, 2 in this one" in shown
    assert "PRISMA new studies included in review (`new_studies`): 0 -> 1" in shown


def _shown_by(cell: str, namespace: dict):
    """What a notebook shows under ``cell``: its last line's value, after the lines above it ran."""
    import ast

    tree = ast.parse(cell)
    last = tree.body.pop()
    exec(compile(tree, "cell", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "cell", "eval"), namespace) if isinstance(last, ast.Expr) else None


def test_notebooks_say_how_a_review_of_ones_own_builds():
    """A review made with `synthesis new` has no Makefile, but notebooks 1 to 4 said only "run `make build` first";
    each that names `make build` now names `synthesis build` beside it (notebook 5 did already)."""
    import nbformat

    for path in NOTEBOOKS:
        text = " ".join(" ".join(c.source.split()) for c in nbformat.read(path, as_version=4).cells
                        if c.cell_type == "markdown")
        if "`make build`" in text:
            assert "`synthesis build`" in text, path.name


def test_notebook_3_says_what_ones_own_review_codes_before_the_example():
    """Notebook 3's "What you do here" said the form holds "country, year, nature of evidence, evidence type",
    the example's form, where a review of one's own codes country and year until it writes a form; and it
    described the co-production framework first. The paragraph is now about one's own scheme and form; the
    example follows in a paragraph of its own."""
    import re

    import nbformat

    intro = nbformat.read(ROOT / "notebooks" / "03_code_and_map.ipynb", as_version=4).cells[0].source
    first = " ".join(intro.split("\n\n")[1].split())
    assert first.startswith("**What you do here.**")
    assert not re.search(r"example|co-production|nature of evidence|seed review|\b49\b", first), first
    assert "country and year" in first and "coding_scheme.txt" in first


def test_notebooks_2_and_3_say_how_to_go_on_by_keyboard_after_the_widget():
    """A reviewer left the screening widget with Esc and pressed Shift+Enter to run "Where the team stands": the
    widget's cell (the active one after Esc) ran again and took the keyboard back, so the next Shift+Enters
    went to the widget and the cells below never ran; in notebook 3 they went to the coding widget's filter box
    ("not saved: codes: choose at least one code"). The notebooks then said to move down first; a widget run again
    in a cell that Esc left now leaves the keyboard to the notebook (test_screening_browser.py,
    test_coding_browser.py), so they say Shift+Enter or the arrow go on, as in any notebook."""
    import nbformat

    intro = " ".join(nbformat.read(ROOT / "notebooks" / "02_screen.ipynb", as_version=4).cells[0].source.split())
    assert "**Esc** gives it back to the notebook, the widget's cell selected: **Shift+Enter** or **↓** go on to " \
           "the cells below as in any notebook" in intro
    coding = " ".join(c.source for c in nbformat.read(ROOT / "notebooks" / "03_code_and_map.ipynb", as_version=4).cells
                      if c.cell_type == "markdown" and "## Code the studies" in c.source)
    coding = " ".join(coding.split())
    assert "(the widget's cell selected: **Shift+Enter** or **↓** go on to the cells below as in any notebook;" in coding
    for text in (intro, coding):
        assert "at once would run" not in text  # the old warning is gone


def test_notebook_1_shows_no_empty_table_of_maybe_pairs():
    """With no maybe pair (a review of one's own, 26 records of two exports) notebook 1 printed "0 maybe pairs
    left to decide" over an empty table of four column names."""
    from types import SimpleNamespace

    cell = next(c for c in _code_cells("01_import_and_deduplicate", ROOT) if "maybe_table(" in c)

    def table(records):
        raise AssertionError("no table to show")

    assert _shown_by(cell, {"dedup": SimpleNamespace(maybe_pairs=[], maybe_table=table), "records": None}) is None


def test_notebook_4_citation_searching_shows_a_table_not_a_dict(tmp_path):
    """24 included studies whose exports hold no references: notebook 4 said so, then showed a Python dict of
    zeros ({'included_studies': 24, 'studies_with_references': 0, ...}). The summary is a table now, shown when
    some references were read."""
    import pandas as pd

    from synthesis.citations.search import CitationSearch

    cell = next(c for c in _code_cells("04_prisma", tmp_path) if "backward_citation_search" in c)
    columns = ["citing_group", "format", "key", "status", "text"]
    none_read = CitationSearch(pd.DataFrame(columns=columns), pd.DataFrame(), included=["g1"],
                               notes=["1 of the 1 included reports have no cited references in their exports"])
    read = CitationSearch(pd.DataFrame([["g1", "wos", "k1", "found", "Lund K, 2021"]], columns=columns),
                          pd.DataFrame(), included=["g1"], notes=[])
    for searched, expected in ((none_read, None), (read, "table")):
        namespace = {"pd": pd, "PROJECT": tmp_path, "hidden": "",
                     "syn": type("syn", (), {"backward_citation_search": staticmethod(lambda project: searched)})}
        shown = _shown_by(cell, namespace)
        if expected is None:
            assert shown is None
        else:
            assert isinstance(shown, pd.DataFrame) and shown.loc["included_studies", "citation searching"] == 1


def test_notebook_4_prisma_s_summary_says_to_build_before_there_is_a_report(tmp_path, capsys):
    """w34's walk: in a project not built yet, notebook 4's PRISMA-S cell raised `FileNotFoundError:
    '../output/prisma_s.md'` with a traceback, where the cells around it say what is missing or show nothing.
    It says to build first."""
    from IPython.display import Markdown

    cell = next(c for c in _code_cells("04_prisma", tmp_path) if "prisma_s.md" in c)
    assert _shown_by(cell, {"Markdown": Markdown, "PROJECT": tmp_path}) is None
    assert "run `make build` (synthesis build) first" in capsys.readouterr().out


def test_notebook_3_counts_the_example_by_a_dimension_its_studies_are_coded_for(built_project):
    """w34: notebook 3 counted the example's studies by country (``BY = "country"``), which none of the seed
    review's 49 studies has: a new reader's first chart was a sentence ending "It has no values yet: it is filled
    in the coding form or the scheme". It now starts at a dimension the studies are coded for (in the example,
    which has neither country nor year, the stages), and a dimension nobody coded says where its values come from and what the studies are coded for."""
    cells = _code_cells("03_code_and_map", built_project)
    namespace: dict = {}
    exec(cells[0], namespace)
    exec(next(c for c in cells if "pc = syn.read_project_coding" in c), namespace)
    exec(next(c for c in cells if "draw_study_counts" in c), namespace)
    fig = namespace["fig"]
    assert namespace["BY"] == "stage" and not getattr(fig, "nothing_coded", False)
    assert fig.axes[0].patches  # bars

    from synthesis.maps.charts import draw_study_counts

    empty = draw_study_counts(namespace["coding"], "country")
    said = " ".join(t.get_text() for t in empty.axes[0].texts).replace("\n", " ")
    assert "It has no values yet" not in said
    assert "Its values are those entered in the coding form's field \u201cCountry\u201d for each study." in said
    assert "Studies are coded for: stage, construct," in said and "country" not in said.split("coded for:")[1]


def test_notebook_4_shows_the_search_log_once_until_a_search_is_recorded(built_project):
    """w34: with ``RECORD = False`` notebook 4 showed the search-log table twice, once under "The searches" and
    again under the cell that records a search, which had recorded nothing. The recording cell shows the log
    only after it has added a search."""
    import pandas as pd

    cells = _code_cells("04_prisma", built_project)
    namespace: dict = {"pd": pd}
    exec(cells[0], namespace)
    table = _shown_by(next(c for c in cells if "log = syn.read_search_log(search_file) if" in c), namespace)
    assert isinstance(table, pd.DataFrame) and len(table) == 4
    record = next(c for c in cells if "RECORD = False" in c)
    assert _shown_by(record, namespace) is None
    added = {}
    namespace["syn"] = type("syn", (), {"add_search": staticmethod(lambda *a, **k: added.update(k)),
                                        "read_search_log": staticmethod(namespace["syn"].read_search_log)})
    shown = _shown_by(record.replace("RECORD = False", "RECORD = True"), namespace)
    assert added["id"] == "scopus-2027-01" and isinstance(shown, pd.DataFrame)


def test_the_join_call_is_spelled_the_same_everywhere_and_runs_as_spelled(tmp_path):
    """w42: the call to join the team was spelled syn.add_reviewer(PROJECT, ...) by the unknown-name message,
    (EVIDENCE, ...) in notebook 2 and by the widget's what-to-type line, and (project, ...) in a new review's
    review.toml. It is one call now, with the project folder the notebooks all name PROJECT (add_reviewer takes
    the project, or a folder of it), and it runs as written."""
    import nbformat

    from synthesis.project import new_project
    from synthesis.screening import ScreeningSettings, make_unit_table
    from synthesis.screening.settings import _COMMENTS
    from synthesis.screening.widget import open_screening

    call = 'syn.add_reviewer(PROJECT, "Your Name")'
    nb = nbformat.read(ROOT / "notebooks" / "02_screen.ipynb", as_version=4)
    first = next(c.source for c in nb.cells if c.cell_type == "code")
    assert f"# {call}" in first and "add_reviewer(EVIDENCE" not in first
    project = new_project(tmp_path / "review", "Knee pain")
    assert call in (project.root / "evidence" / "review.toml").read_text(encoding="utf-8")
    assert call in " ".join(_COMMENTS["team"].split())
    assert call in (ROOT / "evidence" / "review.toml").read_text(encoding="utf-8").replace("\n# ", " ")
    units = make_unit_table([{"group_id": "g1", "title": "A"}])
    asked = open_screening(units, "", folder=tmp_path / "logs", settings=ScreeningSettings(team=["Ann"]))
    assert call in repr(asked), repr(asked)
    namespace = {"PROJECT": project.root}
    exec(f"import synthesis as syn\n{call.replace('Your Name', 'Dee')}", namespace)
    assert project.settings().screening.team == ["Dee"]


@pytest.mark.parametrize("notebook, variable", [("01_import_and_deduplicate", "REVIEWER"),
                                                ("03_code_and_map", "CODER")])
def test_notebooks_1_and_3_take_a_name_as_notebook_2_does(tmp_path, capsys, notebook, variable):
    """w46 made notebook 2's widget treat team = [] as a team not set up yet (the first name typed joins it, said in
    one line), but notebooks 1 and 3 took any name as written with an empty team, so "Anna" signing verdicts and
    "Ana" screening were two reviewers; and an empty name stopped them with "no reviewer name given" where notebook
    2 says what to type. All three now check the name through one function, syn.team_member."""
    import re

    import synthesis as syn
    from synthesis.screening.units import make_unit_table

    first = _first_cell_on_another_review(tmp_path, notebook, [])
    if notebook.startswith("03"):
        first = first[: first.index("pc = ")]  # the coding itself needs a build; the name is checked before
    setting = re.search(rf'^{variable} = "alice"', first, re.M).group(0)
    evidence = tmp_path / "evidence"
    # the duplicate verdicts of someone who worked before the team list was set up
    syn.append_duplicate_verdict(evidence / "duplicate_verdicts.tsv", "r1", "r2", "duplicate", reviewer="bob")
    namespace: dict = {}
    exec(first.replace(setting, f'{variable} = "Ana"'), namespace)  # an empty team: the first name joins it
    assert namespace[variable] == "Ana"
    assert syn.load_screening_settings(evidence).team == ["bob", "Ana"]
    said = capsys.readouterr().out.strip()
    assert said.startswith("Ana joined the team: the team list in evidence/review.toml was empty"), said
    assert len(said.splitlines()) == 1 and "bob, who signed decisions before" in said, said
    with pytest.raises(syn.ReviewerError, match="did you mean 'Ana'") as typo:  # then the team is checked
        exec(first.replace(setting, f'{variable} = "Anna"'), {})
    assert len(typo.value._render_traceback_()) == 1  # one line in the notebook, no traceback
    with pytest.raises(syn.ReviewerError) as empty:
        exec(first.replace(setting, f'{variable} = ""'), {})
    units = make_unit_table([{"group_id": "g1", "title": "A"}])
    notebook_2 = syn.open_screening(units, "", folder=evidence / "screening").text  # what notebook 2 says
    assert empty.value._render_traceback_() == [notebook_2.replace("REVIEWER", variable)], notebook_2
