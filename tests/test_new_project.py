"""``synthesis new`` / ``syn.new_project``: a review of one's own in one call, with nothing of the shipped example.

w6 started a review by the README's copy-and-delete list: seven things to remove or edit by hand (the example's
exports, decisions, codes, scheme, search log, seed figure, pilot list...), each one a chance to keep a piece of
the example in a real review.
"""
from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPORT = (ROOT.parent / "shared" / "data" / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
          / "CiteSource__20221207_gambling-harms_crimjust_41.ris")


def test_a_new_project_has_the_folders_the_settings_and_the_notebooks_and_nothing_of_the_example(tmp_path):
    import synthesis as syn

    project = syn.new_project(tmp_path / "review", 'Harms of "loot boxes"', team=["Ana", "Ben"],
                              reviewers_per_record=2)
    root = project.root
    assert (root / "data" / "searches").is_dir() and (root / "data" / "fulltext").is_dir()
    settings = project.settings()  # every setting written is one the loaders know
    assert settings.title == 'Harms of "loot boxes"'
    assert settings.screening.team == ["Ana", "Ben"] and settings.screening.reviewers_per_record == 2
    assert settings.screening.reasons == [] and settings.screening.pilot == []
    assert settings.previous_counts == "" and settings.seed_figure == "" and settings.gap_map_columns == ""
    raw = tomllib.loads((root / "evidence" / "review.toml").read_text(encoding="utf-8"))
    assert set(raw) == {"review", "screening"}
    assert sorted(p.name for p in (root / "evidence").iterdir()) == ["review.toml"]  # no decisions, codes, scheme
    assert list((root / "data" / "searches").iterdir()) == [] and project.rounds() == []
    template = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(template) == 5 and sorted(p.name for p in (root / "notebooks").iterdir()) == template
    for name in template:  # copies of the template's notebooks, without outputs
        nb = json.loads((root / "notebooks" / name).read_text(encoding="utf-8"))
        assert not any(cell.get("outputs") for cell in nb["cells"])
    assert "output/" in (root / ".gitignore").read_text(encoding="utf-8")
    assert "data/searches/" in (root / "README.md").read_text(encoding="utf-8")


def test_a_folder_that_holds_anything_is_refused_and_names_that_would_share_a_log_too(tmp_path):
    import synthesis as syn

    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(syn.ProjectError, match="not empty; a new review needs a new"):
        syn.new_project(tmp_path / "taken", "A review")
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"  # nothing overwritten
    with pytest.raises(syn.ProjectError, match=r"team: two reviewers in the team list have the same name \('ana' and "
                                               r"'Ána'\); their decisions would be indistinguishable"):
        syn.new_project(tmp_path / "clash", team=["ana", "Ána"])
    with pytest.raises(syn.ProjectError, match="team: the team list has an empty or unusable name '--'"):
        syn.new_project(tmp_path / "clash", team=["--"])
    with pytest.raises(syn.ProjectError, match="reviewers_per_record must be a whole number"):
        syn.new_project(tmp_path / "clash", reviewers_per_record=0)
    assert not (tmp_path / "clash").exists()  # checked before anything is made


def test_the_command_makes_the_project_and_says_what_comes_next(tmp_path, capsys):
    from synthesis.cli import main

    assert main(["new", str(tmp_path / "r"), "--title", "Knee pain", "--team", "Ana, Ben", "--dual"]) == 0
    out = capsys.readouterr().out
    assert "review.toml" in out and f"synthesis build {tmp_path / 'r'}" in out
    text = (tmp_path / "r" / "evidence" / "review.toml").read_text(encoding="utf-8")
    assert 'team = ["Ana", "Ben"]' in text and "reviewers_per_record = 2" in text
    assert main(["new", str(tmp_path / "r")]) == 1  # one sentence, not a traceback
    err = capsys.readouterr().err
    assert err.startswith("synthesis new: ") and "Traceback" not in err


def test_a_new_project_builds_before_its_first_export_and_after_it(tmp_path):
    """Before any export the build says what to do (it said "every search round removed?" to a review that
    never had one); with a real export it builds, and its notes name none of the example's files."""
    import synthesis as syn
    from synthesis.build import BuildError, build

    project = syn.new_project(tmp_path / "review", "Gambling harms and crime", team=["Dana"])
    with pytest.raises(BuildError, match="holds no search exports yet: put each round's exports") as info:
        build(project.root, progress=False)
    assert "removed" not in str(info.value)
    if not EXPORT.exists():
        pytest.skip(f"real export not found at {EXPORT} (the ../shared folder beside the project)")
    (project.data / "searches" / "2022-12").mkdir()
    shutil.copy(EXPORT, project.data / "searches" / "2022-12")
    result = build(project.root, progress=False)
    assert (project.output / "prisma_flow.svg").exists() and (project.output / "units.csv").exists()
    notes = "\n".join(result.notes)
    for example in ("prisma_seed_figure1", "stakeholder", "alice", "2026-11"):
        assert example not in notes


def test_the_notebooks_sign_as_the_one_reviewer_or_ask_for_a_name(tmp_path):
    """The template's notebooks 1 and 3 sign as the example's "alice": in a new review they stopped on their
    first cell ("unknown reviewer 'alice'"). A team of one is filled in (in notebook 2 too); with several, the
    name is left empty, which the notebook asks for in one sentence."""
    import synthesis as syn

    def first_names(project):
        out = {}
        for name in ("01_import_and_deduplicate.ipynb", "02_screen.ipynb", "03_code_and_map.ipynb"):
            nb = json.loads((project.root / "notebooks" / name).read_text(encoding="utf-8"))
            source = "".join(nb["cells"][1]["source"] if nb["cells"][1]["cell_type"] == "code" else
                             next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])
            out[name[:2]] = [line.split("#")[0].strip() for line in source.splitlines()
                             if line.startswith(("REVIEWER = ", "CODER = ")) and "(" not in line.split("#")[0]]
        return out

    assert first_names(syn.new_project(tmp_path / "one", team=["Dána"])) == {
        "01": ['REVIEWER = "Dána"'], "02": ['REVIEWER = "Dána"'], "03": ['CODER = "Dána"']}
    assert first_names(syn.new_project(tmp_path / "two", team=["Ana", "Ben"])) == {
        "01": ['REVIEWER = ""'], "02": ['REVIEWER = ""'], "03": ['CODER = ""']}
    assert "alice" in (ROOT / "notebooks" / "01_import_and_deduplicate.ipynb").read_text(encoding="utf-8")  # the template keeps its example


def test_a_new_reviews_settings_name_the_blinding_of_authors_and_the_stopping_samples_start(tmp_path):
    """w42: a team setting up blind dual screening on a new review found `blind` in review.toml but not the
    setting that hides authors, journal, year and DOI at title/abstract (issue 14's blinding), nor when the
    stopping test's sample is offered: both were known only to the settings module. Both are now written,
    explained, at their defaults, and setting them takes effect."""
    import synthesis as syn

    project = syn.new_project(tmp_path / "review", "Heutagogy", team=["Ana", "Ben"], reviewers_per_record=2)
    path = project.root / "evidence" / "review.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["screening"]
    assert raw["blind_metadata"] is False and raw["sample_after"] == 100
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("blind_metadata = false", "blind_metadata = true")
                    .replace("sample_after = 100", "sample_after = 40"), encoding="utf-8")
    screening = syn.open_project(project.root).settings().screening
    assert screening.blind_metadata is True and screening.sample_after == 40


def test_a_new_dual_review_is_screened_blind_unless_said_otherwise(tmp_path, capsys):
    """w42: `synthesis new --dual` wrote `blind = false`: two reviewers screening each record saw each other's
    decisions from the start, where dual screening is done independently. A dual review is blind now; `--open`
    keeps each reviewer's decisions in sight of the others; one reviewer per record has nothing to blind."""
    from synthesis.cli import main
    from synthesis.project import open_project

    for args, blind in ((["--dual"], True), (["--dual", "--open"], False), ([], False)):
        folder = tmp_path / ("review-" + "-".join(a.strip("-") for a in args))
        assert main(["new", str(folder), "--team", "Ana, Ben", *args]) == 0
        screening = open_project(folder).settings().screening
        assert (screening.blind, screening.reviewers_per_record) == (blind, 2 if "--dual" in args else 1), args
    capsys.readouterr()
    assert main(["new", str(tmp_path / "solo"), "--open"]) == 2  # --open means nothing without --dual
    assert "--open" in capsys.readouterr().err
