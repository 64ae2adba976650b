"""Notebook 3 reports the included records nobody has coded; the example's update notebook codes its new study
through the API and the map's changelog shows it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(project: Path, name: str) -> str:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(project / "notebooks" / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(project / "notebooks")}}).execute()
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert o.output_type != "error", "".join(o.get("traceback", []))
            out.append(o.get("text", "") or o.get("data", {}).get("text/plain", ""))
    return "\n".join(out)


def test_notebooks_3_and_5_on_the_example(tmp_path):
    from synthesis.build import build

    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    build(tmp_path, progress=False)
    text = _run(tmp_path, "03_code_and_map.ipynb")
    assert "no problems" not in text
    assert "7 records included at full text have not been coded yet (not on the map)" in text
    # named as a reader knows them, not by group ids alone
    assert re.search(r"not been coded yet \(not on the map\): (?:[A-Z][^(),]+ (?:et al\.|and [^(),]+) \d{4} "
                     r"\(g[0-9a-f]{16}\)(?:, |\n)){7}", text), text
    text = _run(tmp_path, "example_update_round.ipynb")
    assert "7 included records waited to be coded; coded g" in text
    assert "csv.writer" not in (ROOT / "notebooks" / "example_update_round.ipynb").read_text(encoding="utf-8")
    # the changelog of the map: the study coded through the API, cited as the map cites it
    assert re.search(r"studies added \(1\): [A-Z][^(),]+ \d{4}[a-z]? \(g[0-9a-f]{16}\)", text), text


def test_notebook_3_before_the_first_build_says_to_build(tmp_path):
    """No output/ yet: the check names the build instead of 'no problems' over a queue that is not known."""
    import synthesis as syn

    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    pc = syn.read_project_coding(tmp_path)
    assert (pc.queue["state"] == "to code").sum() == 0  # what notebook 3 counted as "0 ... wait to be coded"
    problems = syn.validate_coding(pc.coding) + pc.notes
    assert any("screening_status.csv not found: run `make build`" in p for p in problems), problems


def test_notebook_3_draws_the_gap_map_with_the_builds_columns(tmp_path):
    """With `gap_map_columns` set in evidence/review.toml (c2's review), the build's gap map had those columns
    across the top and notebook 3's the scheme's first other dimension: the notebook drew with the scheme's default,
    and its text said the columns were 'the scheme's next dimension'."""
    import nbformat

    from synthesis.build import build

    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    toml = tmp_path / "evidence" / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('gap_map_columns = "stakeholder"',
                                                             'gap_map_columns = "country"'), encoding="utf-8")
    build(tmp_path, progress=False)
    path = tmp_path / "notebooks" / "03_code_and_map.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(12, nbformat.v4.new_code_cell(  # after the gap map cell
        "fig.canvas.draw(); print('COLUMNS', [t.get_text().replace(chr(10), ' ') for t in fig.axes[0].get_xticklabels()])"))
    nbformat.write(nb, path)
    text = _run(tmp_path, "03_code_and_map.ipynb")
    shown = re.search(r"COLUMNS (\[.*\])", text).group(1)
    assert shown == "['Not coded']", shown  # the example's studies give no country (the default: Patients, Staff ...)


def test_notebook_3_shows_the_studies_just_coded_in_its_widget(built_example, notebook_cells):
    """A reviewer coded two studies in notebook 3's widget and ran the cells below it: Table 2, the gap map and the
    network showed none of them (the coding had been read once, above the widget). The cells after the widget read
    the coding again."""
    tmp_path = built_example
    # what the widget's Enter does: one study's answer appended to the coder's log
    notebook_cells(tmp_path / "notebooks" / "03_code_and_map.ipynb", "syn.open_coding(PROJECT, CODER)",
                   "import pandas as pd\n"
                   "queue = pd.read_csv(PROJECT / 'output' / 'coding_queue.csv', dtype=str, keep_default_na=False)\n"
                   "JUST_CODED = queue.loc[queue['state'] == 'to code', 'study_id'].iloc[0]\n"
                   "syn.code_study(PROJECT, CODER, JUST_CODED, ['setup.recruitment.patients'], {'country': 'Chile'})",
                   "print('SHOWN', JUST_CODED in set(coding.studies['study_id']), "
                   "JUST_CODED in set(coding.codes['study_id']))")
    text = _run(tmp_path, "03_code_and_map.ipynb")
    assert "SHOWN True True" in text, text[-2000:]
