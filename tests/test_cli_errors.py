"""Bad input or a bad environment ends `synthesis` with one sentence naming the file and what to do, never a
bare traceback; --debug shows the traceback."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from synthesis.cli import main

ROOT = Path(__file__).resolve().parents[1]
ROUND = Path("data") / "searches" / "2026-11"


def _build_error(project: Path, capsys) -> str:
    code = main(["build", str(project), "--quiet"])
    captured = capsys.readouterr()
    assert code == 1, captured
    err = captured.err.strip()
    assert "Traceback" not in err and err, err
    return err


def test_every_search_round_removed(project, capsys):
    shutil.rmtree(project / "data" / "searches")
    err = _build_error(project, capsys)
    assert "data" in err and "no search exports" in err and "data/searches/" in err


def test_a_link_to_an_export_outside_the_project(project, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "embase.ris"
    shutil.copy(project / ROUND / "scopus.ris", elsewhere)
    (project / ROUND / "embase.ris").symlink_to(elsewhere)
    err = _build_error(project, capsys)
    assert "embase.ris" in err and "outside the project" in err and "copy the export" in err


def test_a_link_to_another_export_of_the_round(project, capsys):
    (project / ROUND / "scopus_again.ris").symlink_to(project / ROUND / "scopus.ris")
    err = _build_error(project, capsys)
    assert "scopus_again.ris" in err and "scopus.ris" in err and "twice" in err


@pytest.mark.parametrize("setting,value", [("preferred_databases", '"PubMed"'), ("title", "5"),
                                           ("gap_map_columns", "[1, 2]")])
def test_review_settings_of_the_wrong_type(project, capsys, setting, value):
    toml = project / "evidence" / "review.toml"
    lines = [ln for ln in toml.read_text(encoding="utf-8").splitlines() if not ln.startswith(setting + " ")]
    at = lines.index("[review]") + 1  # in the [review] table (other tables follow it)
    toml.write_text("\n".join(lines[:at] + [f"{setting} = {value}"] + lines[at:]) + "\n", encoding="utf-8")
    err = _build_error(project, capsys)
    assert "review.toml" in err and setting in err and "must be" in err


def test_review_settings_in_another_encoding(project, capsys):
    toml = project / "evidence" / "review.toml"
    toml.write_bytes(toml.read_text(encoding="utf-8").replace("Inclusive", "Inclusivé").encode("cp1252"))
    err = _build_error(project, capsys)
    assert "review.toml, line" in err and "UTF-8" in err


def test_duplicate_verdicts_in_another_encoding(project, capsys):
    tsv = project / "evidence" / "duplicate_verdicts.tsv"
    tsv.write_bytes(tsv.read_bytes() + "2026-11-19T10:09:00Z\tra\trb\tnot_duplicate\tJosé\t\n".encode("cp1252"))
    err = _build_error(project, capsys)
    assert "duplicate_verdicts.tsv, line" in err and "UTF-8" in err


def test_an_unexpected_error_is_one_sentence_and_debug_shows_the_traceback(project, capsys, monkeypatch):
    import synthesis.project as project_module

    def broken(self):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(project_module.Project, "settings", broken)
    err = _build_error(project, capsys)
    assert "unexpected error" in err and "ZeroDivisionError" in err and "--debug" in err
    with pytest.raises(ZeroDivisionError):
        main(["build", str(project), "--quiet", "--debug"])


def test_an_unreadable_file_names_it(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "records.ris"
    code = main(["import", str(missing), "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1 and "records.ris" in err and "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to mount a read-only file system")
def test_a_read_only_screening_folder_from_the_command_line(project, capsys):
    import subprocess

    folder = project / "evidence" / "screening"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a read-only tmpfs is not allowed here")
    try:
        from synthesis.screening import DecisionLog, ScreeningError

        with DecisionLog(folder, "Alice") as log:
            with pytest.raises(ScreeningError, match=r"alice\.jsonl.*read-only.*nothing was saved"):
                log.record("g1", "include")
    finally:
        subprocess.run(["umount", str(folder)], check=False)


# --- the same errors in a notebook ---------------------------------------------------------------------------

def _people_facing_errors() -> list:
    """Every exception class of the library that a person meets (not warnings, not the build's internal
    signals between its own functions)."""
    import importlib
    import pkgutil

    import synthesis

    internal = {"DamagedEntry", "WorkerFailed"}  # caught inside the build and turned into notes or a rebuild
    found = {}
    for info in pkgutil.walk_packages(synthesis.__path__, "synthesis."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (isinstance(obj, type) and issubclass(obj, Exception) and not issubclass(obj, Warning)
                    and obj.__module__ == info.name and name not in internal):
                found[f"{info.name}.{name}"] = obj
    return sorted(found.items())


def test_every_error_a_person_meets_shows_as_its_message_in_a_notebook():
    """A library error raised in a notebook cell is its message, naming the file and what to do, not a traceback
    through the library: IPython shows what an exception's ``_render_traceback_`` gives."""
    from synthesis.errors import SynthesisError

    classes = _people_facing_errors()
    assert len(classes) >= 15
    assert [name for name, cls in classes if not issubclass(cls, SynthesisError)] == []


def test_a_missing_coding_scheme_in_a_notebook_cell_is_one_line(tmp_path, capsys):
    """Notebook 3 on a new review that has no coding scheme yet: the cell's output is the one sentence."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell(f"import synthesis as syn\nsyn.read_project_coding({str(tmp_path)!r})")
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr()
    text = shown.out + shown.err
    assert "SchemeError: " in text and "coding_scheme.txt: coding scheme file not found" in text
    assert "Traceback" not in text and "site-packages" not in text and "scheme.py" not in text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example project, built once, with a few wrong files beside it."""
    from synthesis.build import build

    root = tmp_path_factory.mktemp("built")
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, root / name)
    build(root, progress=False)
    wrong = root / "wrong"
    wrong.mkdir()
    (wrong / "binary.csv").write_bytes(bytes(range(256)) * 20)
    (wrong / "empty.csv").write_bytes(b"")
    (wrong / "notes.json").write_text("{not json", encoding="utf-8")
    (wrong / "empty_folder").mkdir()  # a folder holding no export
    return root


# Found by running every command with wrong files and odd values: each gave a traceback-like "unexpected error",
# or finished quietly having done nothing useful (rc 0).
@pytest.mark.parametrize("args,code,said", [
    (["screening", "status", "--units", "{p}/wrong/binary.csv"], 1, "wrong/binary.csv: not a unit table"),
    (["screening", "status", "--units", "{p}/wrong/empty.csv"], 1, "wrong/empty.csv: not a unit table"),
    (["fulltext", "--project", "{p}", "--units", "{p}/wrong/binary.csv", "retrieve"], 1,
     "wrong/binary.csv: not a unit table"),
    (["screening", "status", "--evidence", "{p}/wrong/nosuch"], 1, "wrong/nosuch: no such folder of screening logs"),
    (["screening", "status", "--evidence", "{p}/wrong/notes.json"], 1,
     "wrong/notes.json: a file, where the folder of screening logs belongs"),
    (["screening", "import-rayyan", "{p}/wrong/notes.json"], 1, "notes.json: not a Rayyan export (no notes, title"),
    (["prisma", "{p}/wrong/binary.csv"], 2, "wrong/binary.csv: a binary file"),
    (["prisma", "--dpi", "-5", "{p}/output/prisma_counts.json", "-o", "{p}/wrong/x.png"], 2,
     "argument --dpi: -5 is not above 0"),
    (["map", "charts", "--by", "nosuch"], 2, "no dimension 'nosuch' to draw; the dimensions are"),
    (["screening", "status", "--joining", " "], 1, "--joining needs the name of the reviewer who joins the stage"),
    (["import", "{p}/wrong/empty_folder", "-o", "{p}/wrong/o.csv"], 1, "no export files in"),
    (["dedupe", "{p}/data/searches/2026-11/scopus.ris", "--maybe-floor", "2", "-o", "{p}/wrong/g.csv"], 1,
     "maybe_floor is a likelihood between 0 and 1 (default 0.03), not 2.0"),
])
def test_commands_with_wrong_files_or_values(built, capsys, monkeypatch, args, code, said):
    monkeypatch.chdir(built)
    try:
        got = main([a.replace("{p}", str(built)) for a in args])
    except SystemExit as exc:  # argparse's own refusal of a value
        got = exc.code
    err = capsys.readouterr().err
    assert got == code and said in err, err
    assert "Traceback" not in err and "unexpected error" not in err


def test_a_counts_file_with_bare_cr_line_ends_is_read(built, tmp_path):
    """Excel for the Mac saves "CSV (Macintosh)" with a bare CR at each line end: the PRISMA2020 template
    edited there stopped `synthesis prisma` with the csv module's "new-line character seen in unquoted field"."""
    from synthesis.prisma.files import read_counts, write_counts

    counts = read_counts(built / "output" / "prisma_counts.json")
    path = write_counts(counts, tmp_path / "counts.csv")  # the R package's template
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    again = read_counts(path)
    for field in ("database_results", "duplicates", "records_screened", "database_specific_results",
                  "dbr_excluded_reasons"):
        assert getattr(again, field) == getattr(counts, field), field


def test_the_summary_line_counts_in_words(tmp_path, capsys):
    one = tmp_path / "one.ris"
    one.write_text("TY  - JOUR\nTI  - Screening in teams\nAU  - Lee, K.\nPY  - 2020\nER  - \n", encoding="utf-8")
    assert main(["import", str(one), "-o", str(tmp_path / "records.csv")]) == 0
    assert "1 record from 1 file ->" in capsys.readouterr().out
    assert main(["import", str(one), str(tmp_path / "missing.ris"), "-o", str(tmp_path / "records.csv")]) == 1
    assert "1 record from 1 of 2 files ->" in capsys.readouterr().out
    assert main(["dedupe", str(one), "-o", str(tmp_path / "groups.csv")]) == 0
    assert "1 record from 1 file -> 1 group; 0 duplicates removed automatically" in capsys.readouterr().out


def test_import_help_names_the_formats_the_readme_names(capsys):
    """A newcomer checked `synthesis import --help` against the README's Import section: the help named seven
    formats, the README some thirty (Excel workbooks, CSL JSON, the trial registers' downloads...). The help
    now names the families and points at the README's list."""
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name in ("Ovid", "Cochrane", "RefWorks", "NoteExpress", "ProQuest", "Excel .xlsx", "CSL JSON",
                 "trial registers'", "README"):
        assert name in text, name
