"""Bad evidence and bad settings, as a team makes them by hand, by a crash or by a merge: the build and the
notebook calls stop (or note) with one sentence naming the file (and line) and what to do, never a traceback
or a silent skip. Each test damages one thing of a copy of the shipped example project."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from synthesis.build import BuildError, build
from synthesis.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path) -> Path:
    """A copy of the shipped example project (its data/ and evidence/)."""
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cli_build(project: Path, capsys) -> str:
    """What a person sees from ``synthesis build``: the exit code must be 1 and the message one line."""
    assert main(["build", "--quiet", str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err
    return err


def test_a_misspelt_gap_map_dimension_names_the_setting(project, capsys):
    # it stopped on an "unexpected error (ValueError: columns: no dimension 'stakeholders'...)" from the drawing
    _replace(project / "evidence" / "review.toml", 'gap_map_columns = "stakeholder"', 'gap_map_columns = "stakeholders"')
    err = _cli_build(project, capsys)
    assert "review.toml [review]: gap_map_columns = 'stakeholders' is not a dimension" in err
    assert "stakeholder," in err  # the dimensions to choose from
