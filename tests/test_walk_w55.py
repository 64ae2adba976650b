"""What an author met coding the shipped example in notebook 03 and reading notebook 04 (walked in session 52).

Coding the seven included records of the example's update round, then "go back with PageUp" as the widget's
last card says, led through the seed review's 49 imported studies (the end of the queue) instead of back to the
studies just coded; and an imported study opened with no code chosen, so that saving it replaced the seed's
codes with whatever the coder chose on an empty card.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The shipped example, built (its coding queue: the update's 7 included records, then 49 imported studies)."""
    from synthesis.build import build

    root = tmp_path_factory.mktemp("walk55") / "review"
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, root / name)
    build(root, progress=False)
    return root


@pytest.fixture
def project(example, tmp_path):
    """A fresh copy of the built example for each test (each one writes a coding log)."""
    root = tmp_path / "review"
    shutil.copytree(example, root)
    return root


def _log(project, coder="alice"):
    path = project / "evidence" / "coding" / f"{coder}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_going_back_from_the_end_of_to_code_reaches_the_studies_just_coded(project):
    from synthesis.coding.widget import open_coding

    w = open_coding(project, "alice")
    coded = []
    while w.current:
        coded.append(w.current)
        w.handle({"action": "save", "selected": [{"code": "framework:delivery.future.rollout"}], "fields": {}})
    assert len(coded) == 7 and "No more studies" in w.card and "go back with PageUp" in w.card
    # PageUp, as the last card says: the study just coded, then the one before it, not an imported study
    w.handle({"action": "previous"})
    assert w.current == coded[-1], w.current
    w.handle({"action": "previous"})
    assert w.current == coded[-2]
    # a study skipped with PageDown is still to code, so going back reaches it too
    for _ in range(5):
        w.handle({"action": "previous"})
    assert w.current == coded[0]
    w.handle({"action": "previous"})
    assert w.current == coded[0] and w.info == "this is the first study"


def test_going_back_reaches_a_skipped_study(project):
    from synthesis.coding.widget import open_coding

    w = open_coding(project, "alice")
    first = w.current
    w.handle({"action": "next"})  # skipped, not saved
    second = w.current
    w.handle({"action": "save", "selected": [{"code": "framework:delivery.future.rollout"}], "fields": {}})
    w.handle({"action": "previous"})
    assert w.current == second
    w.handle({"action": "previous"})
    assert w.current == first


def test_an_imported_study_opens_with_its_codes_and_a_save_keeps_what_is_not_changed(project):
    """Study 83 of the seed's Table 2 is coded delivery.collaboration.longterm in evidence/study_codes.csv."""
    from synthesis.coding.widget import open_coding

    w = open_coding(project, "alice")
    w.show = "all"
    while w.current:
        w.handle({"action": "next"})
    w.handle({"action": "previous"})  # the last study of all: 83, imported
    assert w.current == "83"
    assert [s["code"] for s in w.selected] == ["framework:delivery.collaboration.longterm"]
    assert "imported" in w.card  # the card says where its codes come from
    # the coder adds a code: the imported one is kept, not replaced by the new one alone
    w.handle({"action": "save", "selected": [*w.selected, {"code": "framework:setup.recruitment.staff"}],
              "fields": dict(w.values)})
    assert {c["code"] for c in _log(project)[-1]["codes"]} == {"delivery.collaboration.longterm",
                                                                 "setup.recruitment.staff"}


def _notebook_cell(name: str, words: str) -> str:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    [cell] = [c for c in nb.cells if c.cell_type == "code" and words in c.source]
    return cell.source


def test_notebook_4_names_the_other_layouts_in_full(tmp_path):
    """The table of templates cut each title at 100 characters, which is just where "databases and registers
    only" and "databases, registers and other sources" differ: the four PRISMA 2020 rows read alike."""
    import nbformat
    from nbclient import NotebookClient

    import synthesis as syn

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import pandas as pd\npd.set_option("display.max_colwidth", 100)\n'
                                          "import synthesis as syn"),
                nbformat.v4.new_code_cell(_notebook_cell("04_prisma.ipynb", "PRISMA_TEMPLATES"))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "".join(o.get("data", {}).get("text/html", "") for o in nb.cells[1].outputs)
    assert shown
    for name, layout in syn.PRISMA_TEMPLATES.items():
        assert layout.title in shown, name


def test_a_choice_field_of_the_form_is_a_dimension_to_count_and_map(project):
    """The example's form asks for the nature of evidence as a choice list (Primary study, Review, ...); coded in the
    widget, it could not be counted: syn.draw_study_counts(coding, by="nature_of_evidence") said there was no such
    dimension, since the seed's study table holds it as free text. A field the form gives choices for has values
    to count, whatever the study table's column was before."""
    import synthesis as syn
    from synthesis.coding.widget import open_coding

    w = open_coding(project, "alice")
    for nature in ("Primary study", "Review", "Primary study"):
        w.handle({"action": "save", "selected": [{"code": "framework:delivery.future.rollout"}],
                  "fields": {"nature_of_evidence": nature}})
    coding = syn.read_project_coding(project).coding
    dims = syn.map_dimensions(coding)
    assert "nature_of_evidence" in dims and dims["nature_of_evidence"].label == "Nature of evidence"
    from synthesis.maps.charts import study_counts

    counts = study_counts(coding, "nature_of_evidence")
    assert dict(zip(counts["value"], counts["studies"]))["Primary study"] == 2, counts
    syn.draw_study_counts(coding, by="nature_of_evidence")
    # a free-text field of the form (the programme overview) stays out: its values are sentences, not categories
    assert "programme_overview" not in dims


TOKEN = "walk-w55-token"


@pytest.fixture(scope="module")
def lab(example, tmp_path_factory):
    """JupyterLab on the built example, with a notebook that opens the coding widget for alice."""
    pytest.importorskip("jupyterlab")
    import nbformat

    from lab_server import serve_jupyterlab

    (example / "notebooks").mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from synthesis.coding.widget import open_coding\n"
                                          "w = open_coding('..', 'alice')\nw")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, example / "notebooks" / "alice.ipynb")
    with serve_jupyterlab(example, tmp_path_factory.mktemp("walk55lab"), TOKEN) as base:
        yield base


@pytest.mark.browser
@pytest.mark.slow
def test_use_this_page_goes_with_the_quote_being_typed(lab, browser):
    """A quote typed for the first chosen code, the PDF turned to its page, Alt+P: the page went to the last code
    chosen (another code, with no quote), not to the quote the coder was writing."""
    from test_coding_browser import _open

    page, errors = _open(browser, lab, "alice", workspace="alice", token=TOKEN)
    page.wait_for_function("() => /page 1 of 2/.test(document.querySelector('.syc-pdfstatus').textContent)")
    page.locator(".syc-filter").click()
    for word in ("overcoming", "mistrust"):
        page.keyboard.type(word)
        page.keyboard.press(" ")
        page.keyboard.press("Escape")
    first = page.locator(".syc-cline").first
    first.locator(".syc-quote").click()
    page.keyboard.type("accessible venues")
    page.keyboard.press("Alt+PageDown")
    page.wait_for_function("() => /page 2 of 2/.test(document.querySelector('.syc-pdfstatus').textContent)")
    page.keyboard.press("Alt+p")
    assert first.locator(".syc-page").input_value() == "2"
    assert page.locator(".syc-cline").nth(1).locator(".syc-page").input_value() == ""
    # the keyboard stays in the quote: typing goes on where it was
    page.keyboard.type(" and payment")
    assert first.locator(".syc-quote").input_value() == "accessible venues and payment"
    # with the keyboard in the filter, the page still goes with the last code chosen
    page.locator(".syc-filter").click()
    page.keyboard.press("Alt+p")
    assert page.locator(".syc-cline").nth(1).locator(".syc-page").input_value() == "2"
    assert not errors, errors
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_word_of_a_codes_label_comes_before_the_same_word_in_another_codes_approaches(lab, browser):
    """The filter reads labels and approaches; the cursor went to the first match in the tree, so "providers"
    chose Developers' recruitment (its approaches: "technology providers") and not "Uncertainty amongst health
    care providers", and "long-term" chose the roll-out ("long-term integration") over the construct "Establish
    long-term collaboration". Both codes stay listed; the cursor starts on the one whose label holds the words."""
    from test_coding_browser import _open

    page, errors = _open(browser, lab, "alice", workspace="filter", token=TOKEN)
    page.locator(".syc-filter").click()
    for words, code, other in (("providers", "discovery.assumptions.providers", "setup.recruitment.developers"),
                               ("long-term", "delivery.collaboration", "delivery.future.rollout")):
        page.keyboard.type(words)
        listed = page.locator(".syc-node:not(.syc-hidden):not(.syc-context)").evaluate_all(
            "els => els.map(e => e.dataset.key)")
        assert f"framework:{other}" in listed and f"framework:{code}" in listed, listed  # both still offered
        page.keyboard.press(" ")
        page.keyboard.press("Escape")
    assert page.locator(".syc-code").get_attribute("data-chosen") == (
        "framework:discovery.assumptions.providers framework:delivery.collaboration")
    assert not errors, errors
    page.close()
