"""The build after a new search round takes over the last build's work and writes what a build from scratch writes.

The example project is built, a round arrives (records re-found from the first round, near-copies with a
typo, and new papers), and the project is built again with the last build's caches; then the same project is
built from scratch (no caches, no earlier output) and every file that describes the records, the duplicate
groups, the maybe pairs, screening and PRISMA must be byte for byte the same.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import build, import_exports
from synthesis.build.cache import CACHE
from synthesis.io.export import write_csv
from synthesis.project import Project

ROOT = Path(__file__).resolve().parents[1]

#: Outputs that depend on the records and their groups (versions/ and CHANGELOG.md carry the build history).
COMPARED = ["records.csv", "duplicate_groups.csv", "library.csv", "library.ris", "maybe_pairs.csv",
            "source_overlap.csv", "deduplication.txt", "units.csv", "screening_status.csv", "screening_queue.csv",
            "prisma_counts.json", "prisma_counts.csv", "import_report.csv"]

NEW_PAPERS = """TY  - JOUR
TI  - Co-design of a digital front door for community mental health services with refugees in Glasgow
AU  - Haddad, Nadia
PY  - 2027
T2  - Health Expectations
DO  - 10.5555/synth.2027.0001
ER  - 
TY  - JOUR
TI  - Participatory budgeting for primary care services: a realist evaluation
AU  - Okafor, Chidi
AU  - Lindqvist, Maja
PY  - 2027
T2  - BMC Health Services Research
VL  - 27
SP  - 101
ER  - 
"""


def _copy_project(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    for folder in ("data", "evidence"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def _add_round(root: Path) -> None:
    old = (root / "data" / "searches" / "2026-11" / "scopus.ris").read_text(encoding="utf-8")
    entries = old.split("ER  - ")
    again = entries[1:6]  # records re-found by the new search
    typo = entries[7].replace("TI  - ", "TI  - Teh ", 1) if "TI  - " in entries[7] else entries[7]
    folder = root / "data" / "searches" / "2027-05"
    folder.mkdir(parents=True)
    (folder / "scopus.ris").write_text("ER  - ".join(again + [typo]) + "ER  - \n" + NEW_PAPERS, encoding="utf-8")


def test_a_rebuild_after_a_new_round_writes_what_a_build_from_scratch_writes(tmp_path):
    incremental = _copy_project(tmp_path, "incremental")
    build(incremental, progress=False)
    prepared = incremental / CACHE / "dedup" / "prepared"
    exports = sorted(p.name for p in prepared.glob("*.pkl"))
    assert len(exports) == 4 and (incremental / CACHE / "dedup" / "pairs.pkl").exists()
    _add_round(incremental)
    result = build(incremental, progress=False)
    # the earlier exports' work was taken over: only the new export was prepared
    assert set(exports) < {p.name for p in prepared.glob("*.pkl")}
    assert any("taken over from the last build" in n for n in result.notes), result.notes

    scratch = _copy_project(tmp_path, "scratch")
    _add_round(scratch)
    build(scratch, progress=False)
    for name in COMPARED:
        assert (incremental / "output" / name).read_bytes() == (scratch / "output" / name).read_bytes(), name
    # records.csv, joined from each export's cached rows, is what writing the whole table gives
    whole = tmp_path / "whole.csv"
    write_csv(import_exports(Project(scratch)).records, whole)
    assert whole.read_bytes() == (scratch / "output" / "records.csv").read_bytes()
    groups = pd.read_csv(incremental / "output" / "duplicate_groups.csv")
    new = groups[groups["search_round"] == "2027-05"]
    assert (new["status"] == "duplicate").sum() >= 5  # the re-found records joined their earlier groups


def test_a_damaged_deduplication_cache_is_reported_and_rebuilt(tmp_path):
    root = _copy_project(tmp_path, "project")
    build(root, progress=False)
    before = {name: (root / "output" / name).read_bytes() for name in COMPARED}
    cache = root / CACHE / "dedup"
    pairs = cache / "pairs.pkl"
    pairs.write_bytes(pairs.read_bytes()[:-100])  # cut short
    entry = sorted((cache / "prepared").glob("*.pkl"))[0]
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF  # one flipped byte
    entry.write_bytes(bytes(data))
    result = build(root, progress=False, force=True)
    notes = " ".join(result.notes)
    assert "pair scores was damaged" in notes and f"({entry.name}) was damaged" in notes
    for name in COMPARED:
        assert (root / "output" / name).read_bytes() == before[name], name
    again = build(root, progress=False, force=True)  # rebuilt: taken over again, nothing damaged
    assert not any("damaged" in n for n in again.notes)
    assert any("taken over from the last build" in n for n in again.notes)


def _download_again(root: Path) -> None:
    """The export downloaded again a week later: the same records and one more (a record whose text changed
    would be another record, with another id)."""
    path = root / "data" / "searches" / "2026-11" / "scopus.ris"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + NEW_PAPERS.split("ER  - ")[0] + "ER  - \n", encoding="utf-8")


def _rename_an_export(root: Path) -> None:
    folder = root / "data" / "searches" / "2026-11"
    (folder / "pubmed.nbib").rename(folder / "pubmed-2026-11-04.nbib")


@pytest.mark.parametrize("change", [_download_again, _rename_an_export], ids=["export downloaded again", "export renamed"])
def test_a_rebuild_after_an_export_changed_writes_what_a_build_from_scratch_writes(tmp_path, change):
    """The large tables copy unchanged rows from the last build's files: a new record, or every row of a
    renamed export (its path is in the row), is written again, and the files equal a build from scratch."""
    rebuilt = _copy_project(tmp_path, "rebuilt")
    build(rebuilt, progress=False)
    change(rebuilt)
    result = build(rebuilt, progress=False)
    assert result.changed and not any("damaged" in n for n in result.notes)
    scratch = _copy_project(tmp_path, "scratch")
    change(scratch)
    build(scratch, progress=False)
    for name in COMPARED:
        assert (rebuilt / "output" / name).read_bytes() == (scratch / "output" / name).read_bytes(), name
    # the row indexes describe this build's files, so the next build can take their rows over
    assert sorted(p.relative_to(rebuilt / CACHE / "rows").as_posix()
                  for p in (rebuilt / CACHE / "rows").rglob("*.pkl")) == [
        "library/library.csv.pkl", "library/library.ris.pkl", "records.csv.pkl", "units.csv.pkl"]


def _again_in_a_new_round(root: Path) -> None:
    """Round 1's Scopus export again in a new round with two new papers: exact copies of its records in two
    files, which the build numbers apart (their ids differ from those the import gave them in their file)."""
    old = (root / "data" / "searches" / "2026-11" / "scopus.ris").read_text(encoding="utf-8")
    folder = root / "data" / "searches" / "2027-05"
    folder.mkdir(parents=True)
    (folder / "scopus.ris").write_text(old.rstrip("\n") + "\n" + NEW_PAPERS, encoding="utf-8")


def test_records_csv_takes_each_exports_rows_from_its_import_with_the_builds_ids(tmp_path, monkeypatch):
    """Each export's rows of records.csv are formatted by its import (in the worker processes of a build from
    scratch); the rows of exact copies, which the build numbers apart, get the build's id. The file is the
    table written whole."""
    import synthesis.build.steps as steps

    root = _copy_project(tmp_path, "copies")
    _again_in_a_new_round(root)
    used = []
    real = steps._made_part
    monkeypatch.setattr(steps, "_made_part", lambda cached, ids: used.append(real(cached, ids)) or used[-1])
    out = tmp_path / "out"
    out.mkdir()
    imported = import_exports(Project(root), out=out)
    assert len(used) == len(imported.reports) and all(part is not None for part in used)
    whole = tmp_path / "whole.csv"
    write_csv(imported.records, whole)
    assert (out / "records.csv").read_bytes() == whole.read_bytes()
    # the copies' ids in the file are the build's, not those their import gave them
    from synthesis.io import read_file

    in_file = read_file(root / "data" / "searches" / "2027-05" / "scopus.ris")[0]["record_id"].tolist()
    in_build = imported.records.loc[imported.records["search_round"] == "2027-05", "record_id"].tolist()
    assert len(in_file) == len(in_build) and sum(a != b for a, b in zip(in_file, in_build)) == len(in_file) - 2
    assert not list((root / CACHE / "imports").glob("*" + steps.PART))  # used once, then gone


@pytest.mark.parametrize("damage", ["garbage", "another id in the row"])
def test_an_exports_rows_that_are_not_right_are_formatted_again(tmp_path, monkeypatch, damage):
    import synthesis.build.steps as steps
    from synthesis.build import cache as _cache

    root = _copy_project(tmp_path, "damaged")
    _again_in_a_new_round(root)
    real = steps._import_one

    def import_one(path, rel, cached, round_name=None):
        done = real(path, rel, cached, round_name)
        part = Path(cached + steps.PART)
        if damage == "garbage":
            part.write_bytes(b"not an entry")
        else:  # rows that do not start with the id the import gave them
            ids, data, lengths = _cache.read_entry(part)
            _cache.write_entry(part, (["r0" for _ in ids], data, lengths))
        return done
    monkeypatch.setattr(steps, "_import_one", import_one)
    out = tmp_path / "out"
    out.mkdir()
    imported = import_exports(Project(root), out=out)
    whole = tmp_path / "whole.csv"
    write_csv(imported.records, whole)
    assert (out / "records.csv").read_bytes() == whole.read_bytes()


@pytest.fixture()
def library_in_background(monkeypatch):
    """The library's files written by a second process whatever the library's size and the machine's load."""
    from synthesis.build import steps
    from synthesis.dedup import parallel

    if not parallel.can_fork():
        pytest.skip("no second process can be forked here (not Linux, or one core): the files are written inline")
    monkeypatch.setattr(steps, "BACKGROUND_FROM", 0)
    monkeypatch.setattr(parallel, "spare_core", lambda: True)


def test_the_library_written_in_a_second_process_is_the_library_written_here(tmp_path, library_in_background):
    """A large library's files are written by a second process while the build goes on (screening, PRISMA); the
    bytes are those written in the build's own process, from scratch and after a round."""
    from synthesis.build import deduplicate_records

    root = _copy_project(tmp_path, "project")
    project = Project(root)
    records = import_exports(project).records
    aside, here = tmp_path / "aside", tmp_path / "here"
    aside.mkdir(), here.mkdir()
    dedup = deduplicate_records(records, project, out=aside, background=True)
    assert len(dedup.writing) == 1  # handed to a second process
    dedup.finish()
    assert not dedup.writing
    deduplicate_records(records, project, out=here)
    for name in ("library.csv", "library.ris"):
        assert (aside / name).read_bytes() == (here / name).read_bytes(), name
    build(root, progress=False)
    _add_round(root)
    result = build(root, progress=False)
    assert "library_files" in result.timings
    scratch = _copy_project(tmp_path, "scratch")
    _add_round(scratch)
    build(scratch, progress=False)
    for name in COMPARED:
        assert (root / "output" / name).read_bytes() == (scratch / "output" / name).read_bytes(), name


def test_a_build_that_fails_after_deduplication_stops_the_second_process(tmp_path, library_in_background,
                                                                         monkeypatch):
    psutil = pytest.importorskip("psutil", reason="psutil lists the build's child processes")
    from synthesis.build import BuildError, step_deduplicate, step_import, steps

    writing = steps._write_library_and_keep

    def slow_writing(*args):  # a large library: the second process is still writing when the build fails
        time.sleep(60)
        return writing(*args)

    monkeypatch.setattr(steps, "_write_library_and_keep", slow_writing)

    def failing(ctx):
        assert ctx.dedup.writing, "the library's files were not handed to a second process"
        raise BuildError("a later step failed")

    root = _copy_project(tmp_path, "project")
    # Only the build's own processes count (a browser another test left open is none of its business), and a
    # killed worker may take a moment to go on a loaded machine; one still writing after 10 s was never stopped.
    earlier = {c.pid for c in psutil.Process().children(recursive=True)}
    with pytest.raises(BuildError, match="a later step failed"):
        build(root, progress=False, steps=[step_import, step_deduplicate, failing])
    assert not (root / "output").exists() and not list(root.glob(".output-building-*"))
    started = [c for c in psutil.Process().children(recursive=True) if c.pid not in earlier]
    _, alive = psutil.wait_procs(started, timeout=10)
    alive = [c for c in alive if c.status() != psutil.STATUS_ZOMBIE]
    assert not alive, alive


TAKEN_OVER = "no export, verdict or setting it depends on changed since the last build"


def _retitle(root: Path) -> None:
    toml = root / "evidence" / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("a living evidence map", "a living map"), encoding="utf-8")


def _one_more_verdict(root: Path) -> None:
    verdicts = root / "evidence" / "duplicate_verdicts.tsv"
    text = verdicts.read_text(encoding="utf-8")
    verdicts.write_text(text + ("" if text.endswith("\n") else "\n") + "2026-12-04T16:42:10Z\tr5d94f03b97aed5ba\t"
                        "rcbf77c254f2245e4\tduplicate\talice\tthe early-access record of the article\n", encoding="utf-8")


@pytest.mark.parametrize("change, taken_over", [(_retitle, True), (_one_more_verdict, False)],
                         ids=["a setting deduplication does not use", "a verdict"])
def test_a_rebuild_takes_deduplication_over_only_when_nothing_it_depends_on_changed(tmp_path, change, taken_over):
    """After screening decisions, coding or a new title, nothing deduplication depends on changed: the rebuild
    takes its groups and files over from the last build (on a large living map it is most of a rebuild). A verdict
    changes them: deduplication runs again. Either way the files are those of a build from scratch."""
    root = _copy_project(tmp_path, "project")
    build(root, progress=False)
    change(root)
    result = build(root, progress=False)
    assert any(TAKEN_OVER in n for n in result.notes) == taken_over, result.notes
    scratch = _copy_project(tmp_path, "scratch")
    change(scratch)
    build(scratch, progress=False)
    for name in COMPARED + ["source_overlap_matrix.csv", "source_overlap.svg", "source_overlap.png"]:
        assert (root / "output" / name).read_bytes() == (scratch / "output" / name).read_bytes(), name
    # --force does the work again
    assert not any(TAKEN_OVER in n for n in build(root, progress=False, force=True).notes)


def test_deduplication_is_not_taken_over_from_files_that_are_not_the_last_builds(tmp_path):
    """The files taken over are checked against the last build's manifest: one that changed since (here edited
    outside a build) is not copied, and deduplication runs again."""
    from synthesis.build import deduplicate_records

    root = _copy_project(tmp_path, "project")
    build(root, progress=False)
    project = Project(root)
    imported = import_exports(project)
    out = tmp_path / "taken"
    out.mkdir()
    taken = deduplicate_records(imported.records, project, out=out, segments=imported.segments)
    assert any(TAKEN_OVER in n for n in taken.notes)
    assert (out / "library.ris").read_bytes() == (root / "output" / "library.ris").read_bytes()
    edited = root / "output" / "maybe_pairs.csv"
    edited.write_bytes(edited.read_bytes() + b"an edit\n")
    again = tmp_path / "again"
    again.mkdir()
    redone = deduplicate_records(imported.records, project, out=again, segments=imported.segments)
    assert not any(TAKEN_OVER in n for n in redone.notes)
    assert (again / "maybe_pairs.csv").read_bytes() == (out / "maybe_pairs.csv").read_bytes()
    assert redone.groups.equals(taken.groups) and redone.library.equals(taken.library)
