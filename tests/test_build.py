"""The build: every output from data/ and evidence/, all or nothing, idempotent, and never over hand edits."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import BuildError, build, step_import
from synthesis.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path) -> Path:
    """A copy of the shipped example project (its data/ and evidence/)."""
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_step_reconciles_with_the_exports(project):
    build(project, steps=[step_import], progress=False)
    report = pd.read_csv(project / "output" / "import_report.csv")
    records = pd.read_csv(project / "output" / "records.csv")
    # The example generator's own counts, read from the files' record markers.
    markers = {"scopus.ris": "TY  - ", "pubmed.nbib": "PMID- ", "web_of_science.txt": "PT J", "google_scholar.bib": "@article"}
    for name, marker in markers.items():
        text = (project / "data" / "searches" / "2026-11" / name).read_text(encoding="utf-8")
        row = report[report["file"].str.endswith(name)].iloc[0]
        assert row["found"] == text.count("\n" + marker) + text.startswith(marker)
        assert row["found"] == row["imported"] + row["rejected"]
    assert len(records) == report["imported"].sum()
    assert set(records["source_file"].str.split("/").str[0]) == {"data"}  # stored relative to the project
    assert set(records["search_round"]) == {"2026-11"}


def test_second_build_changes_nothing(project, capsys):
    first = build(project, steps=[step_import], progress=False)
    assert first.changed and "records.csv" in first.added
    before = _tree(project / "output")
    second = build(project, steps=[step_import], progress=False)
    assert not second.changed
    assert "no changes" in second.report()
    assert _tree(project / "output") == before
    forced = build(project, steps=[step_import], progress=False, force=True)
    assert forced.changed and not forced.modified and not forced.added and not forced.removed
    assert _tree(project / "output") == before


def test_a_hand_edited_output_stops_the_build(project):
    build(project, steps=[step_import], progress=False)
    target = project / "output" / "import_report.csv"
    target.write_text(target.read_text() + "edited,by,hand\n")
    snapshot = _tree(project / "output")
    (project / "evidence" / "new_note.txt").write_text("a change of input")
    with pytest.raises(BuildError, match=r"changed by hand.*edited: import_report\.csv"):
        build(project, steps=[step_import], progress=False)
    assert _tree(project / "output") == snapshot  # nothing written


def test_an_unreadable_export_stops_the_build_before_writing(project):
    build(project, steps=[step_import], progress=False)
    snapshot = _tree(project / "output")
    bad = project / "data" / "searches" / "2026-11" / "broken.ris"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    with pytest.raises(BuildError, match=r"broken\.ris.*binary"):
        build(project, steps=[step_import], progress=False)
    assert _tree(project / "output") == snapshot
    assert not list(project.glob(".output-*"))  # no staging folder left behind


def test_a_failing_step_leaves_no_half_output(project):
    def explode(ctx):
        (ctx.out / "half.csv").write_text("x")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        build(project, steps=[step_import, explode], progress=False)
    assert not (project / "output").exists()
    assert not list(project.glob(".output-*"))


def test_a_foreign_output_folder_is_not_overwritten(project):
    (project / "output").mkdir()
    (project / "output" / "mine.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not made by the build"):
        build(project, steps=[step_import], progress=False)
    assert (project / "output" / "mine.txt").read_text() == "keep me"


def test_cli_build_reports_and_exits_nonzero_on_bad_input(project, capsys):
    bad = project / "data" / "searches" / "2026-11" / "empty.ris"
    bad.write_text("")
    assert main(["build", str(project), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "build stopped" in err and "empty.ris" in err and "empty" in err


def test_manifest_lists_every_output(project):
    build(project, steps=[step_import], progress=False)
    manifest = json.loads((project / "output" / "manifest.json").read_text())
    listed = set(manifest["files"])
    on_disk = {k for k in _tree(project / "output") if k != "manifest.json"}
    assert listed == on_disk
