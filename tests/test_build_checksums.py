"""A rebuild reads a file again only when it may have changed (``synthesis.build.manifest.Checksums``).

On a large living map the build hashed hundreds of megabytes each time (every export twice, every output twice: to
catch hand edits and for the new manifest). A file whose size and modification time are those it had when it was
hashed keeps its checksum, unless that time is not safely before the moment the checksums were saved.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import BuildError, build, manifest
from synthesis.build.manifest import Checksums

ROOT = Path(__file__).resolve().parents[1]
HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "review"
    for folder in ("data", "evidence"):
        shutil.copytree(ROOT / folder, root / folder)
    for path in root.rglob("*"):  # exports saved a while ago, as in a real project
        if path.is_file():
            os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return root


@pytest.fixture()
def read(monkeypatch):
    """The files of the project hashed (read through) since the fixture began."""
    files: list[Path] = []
    original = manifest.sha256_file

    def counting(path):
        files.append(Path(path))
        return original(path)

    monkeypatch.setattr(manifest, "sha256_file", counting)
    return files


def _under(files, folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in files if folder in p.parents)


def test_a_rebuild_after_a_screening_decision_reads_only_what_changed(tmp_path, read):
    root = _project(tmp_path)
    build(root, progress=False)
    exports = sorted(p.relative_to(root / "data").as_posix() for p in (root / "data").rglob("*") if p.is_file())
    assert _under(read, root / "data") == exports  # the first build reads every export, once
    key = pd.read_csv(root / "output" / "units.csv", usecols=["group_id"], nrows=1)["group_id"].iloc[0]
    (root / "evidence" / "screening").mkdir(exist_ok=True)
    with open(root / "evidence" / "screening" / "alice.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"key": key, "stage": "title_abstract", "decision": "include", "reason": "", "note": "",
                             "labels": [], "reviewer": "alice", "timestamp": "2026-12-07T09:00:00.000+00:00",
                             "resolution": False}) + "\n")
    read.clear()
    result = build(root, progress=False)
    assert result.changed
    assert _under(read, root / "data") == []  # no export read again
    assert _under(read, root / "output") == []  # no hand edit to look for: every output is as the last build left it
    staged = sorted(p.name for p in read if p.parent.name.startswith(".output-building-"))
    assert "library.csv" not in staged and "duplicate_groups.csv" not in staged, staged  # taken over, not read
    assert "units.csv" not in staged and "records.csv" not in staged, staged  # hashed as they were written
    assert "screening_status.csv" in staged  # written again by pandas: read for the new manifest
    assert _under(read, root / "evidence") == ["screening/alice.jsonl"]  # the decisions just written
    _manifest_holds_the_files(root / "output")


def _manifest_holds_the_files(output: Path) -> None:
    """Every checksum the manifest took over is the file's."""
    listed = json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]
    actual = {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in output.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert listed == actual


def test_the_manifest_of_a_new_round_and_of_a_build_from_scratch_holds_the_files_checksums(tmp_path):
    root = _project(tmp_path)
    build(root, progress=False)
    _manifest_holds_the_files(root / "output")
    extra = root / "data" / "searches" / "2027-05"
    extra.mkdir(parents=True)
    old = (root / "data" / "searches" / "2026-11" / "scopus.ris").read_text(encoding="utf-8")
    (extra / "scopus.ris").write_text("ER  - ".join(old.split("ER  - ")[:4]) + "ER  - \n", encoding="utf-8")
    build(root, progress=False)
    _manifest_holds_the_files(root / "output")


def test_an_output_edited_without_changing_its_size_still_stops_the_build(tmp_path):
    root = _project(tmp_path)
    build(root, progress=False)
    report = root / "output" / "import_report.csv"
    text = report.read_text(encoding="utf-8")
    assert "ris" in text
    report.write_text(text.replace("ris", "RIS", 1), encoding="utf-8")
    with pytest.raises(BuildError, match=r"changed by hand.*edited: import_report\.csv"):
        build(root, progress=False)


def test_a_file_changed_in_the_tick_the_checksums_were_saved_is_read_again(tmp_path):
    """A file system whose clock ticks slowly (FAT: two seconds) can give a change the time the file already had;
    a checksum is taken over only for a file last written before the checksums were saved."""
    root = tmp_path
    path, store = root / "library.csv", root / "checksums.json"
    path.write_text("one", encoding="utf-8")
    checksums = Checksums(store, root)
    first = checksums.digest(path, settled=False)
    checksums.save()
    saved = store.stat().st_mtime_ns
    path.write_text("two", encoding="utf-8")  # the same size, and (below) the same time as the save
    os.utime(path, ns=(saved, saved))
    checksums.entries["library.csv"][1] = saved  # as if it had been hashed in that tick
    checksums.save()
    os.utime(store, ns=(saved, saved))
    again = Checksums(store, root)
    assert "library.csv" not in again.entries
    assert again.digest(path) == hashlib.sha256(b"two").hexdigest() != first


def test_the_checksum_of_an_input_written_a_moment_ago_is_not_kept(tmp_path):
    """A reviewer may append a decision while a build runs, in the tick the build hashed the log."""
    path = tmp_path / "alice.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    checksums = Checksums(tmp_path / "checksums.json", tmp_path)
    checksums.digest(path)
    assert "alice.jsonl" not in checksums.entries
    os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    checksums.digest(path)
    assert checksums.entries["alice.jsonl"][:2] == [path.stat().st_size, HOUR_AGO_NS]


def test_a_damaged_checksums_file_means_reading_everything_once(tmp_path):
    store = tmp_path / "checksums.json"
    store.write_text("{not json", encoding="utf-8")
    assert Checksums(store, tmp_path).entries == {}
    store.write_text('{"a.txt": [3, 1], "b.txt": "x"}', encoding="utf-8")
    assert Checksums(store, tmp_path).entries == {}
