"""Logs under crashes, full disks and bad values: a line is whole or reported as torn, wherever the cut falls;
a failed write leaves the file repaired before anything else is acknowledged; values are checked by type."""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, ScreeningError, read_logs

ROOT = Path(__file__).resolve().parents[1]
TEAM = ScreeningSettings(team=["Alice"])


def _line(**extra) -> str:
    entry = {"key": "g0042", "stage": "title_abstract", "decision": "include", "reason": "",
             "note": 'naïve "quoted" — ünïcödé \\ back\\slash \u2028 tab\t end', "labels": ["RCT", "pilot"],
             "reviewer": "Alice", "timestamp": "2026-11-23T13:40:01.123+00:00", "resolution": False,
             "score": -1.5e-3, "n": None}
    entry.update(extra)
    return json.dumps(entry, ensure_ascii=False, separators=(", ", ": "))


def test_a_line_cut_at_every_byte_is_reported_torn_never_taken_for_a_hand_edit(tmp_path):
    whole = _line().encode("utf-8")
    first = _line(key="g0001").encode("utf-8") + b"\n"
    log = tmp_path / "alice.jsonl"
    for cut in range(1, len(whole)):  # every byte of the last line, including inside multi-byte characters
        log.write_bytes(first + whole[:cut])
        reading = read_logs(tmp_path, warn=False)
        assert [e.key for e in reading.entries] == ["g0001"], cut
        assert [p.kind for p in reading.problems] == ["torn"], (cut, whole[:cut], reading.problems)
        # ... and in the middle of the log, after the next session started a new line
        log.write_bytes(first + whole[:cut] + b"\n" + first)
        reading = read_logs(tmp_path, warn=False)
        assert [p.kind for p in reading.problems] == ["torn"], (cut, whole[:cut])
    log.write_bytes(first + whole)  # the cut just before the line end: the entry is whole
    assert [e.key for e in read_logs(tmp_path, warn=False).entries] == ["g0001", "g0042"]


def test_a_hand_edit_is_still_told_from_a_tear(tmp_path):
    (tmp_path / "alice.jsonl").write_text(_line(key="g1") + "\n" + _line(key="g2")[:-1] + ", oops}\n"
                                          + "not json at all\n", encoding="utf-8")
    reading = read_logs(tmp_path, warn=False)
    assert [p.kind for p in reading.problems] == ["nonsense", "nonsense"]


def test_a_torn_line_cut_inside_a_string_does_not_stop_the_build(tmp_path):
    from synthesis.build import build, step_deduplicate, step_import, step_screening

    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    log = tmp_path / "evidence" / "screening" / "alice.jsonl"
    first = log.read_text(encoding="utf-8").splitlines()[0]
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(first[: first.index('"timestamp"') + 20])  # inside the timestamp string
    result = build(tmp_path, steps=[step_import, step_deduplicate, step_screening], progress=False)
    assert any("incomplete entry" in n for n in result.notes)


def _full_disk_after(real_write, budget):
    """os.write that accepts ``budget`` more bytes, then fails as a full disk does (short write, then ENOSPC)."""
    left = [budget]

    def write(fd, data):
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data[: left[0]]))
        left[0] -= n
        return n
    return write


def test_after_a_short_write_the_next_acknowledged_decision_is_readable(tmp_path, monkeypatch):
    real_write = os.write
    with DecisionLog(tmp_path, "Alice", TEAM) as log:
        log.record("g1", "include")
        monkeypatch.setattr(os, "write", _full_disk_after(real_write, 40))  # the disk fills mid-line
        with pytest.raises(ScreeningError) as failed:
            log.record("g2", "exclude", note="x" * 200)
        message = str(failed.value)
        assert "alice.jsonl" in message and "NOT saved" in message and "disk is full" in message
        assert message.count(". ") == 0 and "\n" not in message  # one sentence
        monkeypatch.setattr(os, "write", real_write)  # space freed
        log.record("g3", "include")  # acknowledged: must be readable
    reading = read_logs(tmp_path, warn=False)
    assert [e.key for e in reading.entries] == ["g1", "g3"]
    assert reading.problems == []  # the half line was cut away before the error reached the reviewer


def test_a_failing_fsync_is_not_acknowledged_and_leaves_the_log_whole(tmp_path, monkeypatch):
    real_fsync = os.fsync
    with DecisionLog(tmp_path, "Alice", TEAM) as log:
        log.record("g1", "include")

        def broken(fd):
            raise OSError(errno.EIO, "Input/output error")
        monkeypatch.setattr(os, "fsync", broken)
        with pytest.raises(ScreeningError, match="NOT saved"):
            log.record("g2", "exclude")
        monkeypatch.setattr(os, "fsync", real_fsync)
        log.record("g3", "include")
    assert [e.key for e in read_logs(tmp_path, warn=False).entries] == ["g1", "g3"]


def test_resolution_written_as_text_is_not_a_resolution(tmp_path):
    (tmp_path / "alice.jsonl").write_text(_line(key="g1", resolution="false") + "\n"
                                          + _line(key="g2", resolution=True) + "\n"
                                          + _line(key="g3", timestamp=12) + "\n", encoding="utf-8")
    reading = read_logs(tmp_path, warn=False)
    assert [(e.key, e.resolution) for e in reading.entries] == [("g2", True)]
    kinds = [(p.line, p.kind) for p in reading.problems]
    assert kinds == [(1, "invalid"), (3, "invalid")]
    assert "resolution must be true or false" in str(reading.problems[0])


def test_a_read_only_screening_folder_gives_one_clear_sentence(tmp_path, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args, **kw):
        if str(path).endswith(".jsonl") and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)
    monkeypatch.setattr(os, "open", read_only)
    with DecisionLog(tmp_path, "Alice", TEAM) as log:
        with pytest.raises(ScreeningError, match=r"alice\.jsonl.*read-only.*nothing was saved"):
            log.record("g1", "include")


@pytest.mark.parametrize("names", [["张伟", "李娜"], ["Ἀριστοτέλης", "Σωκράτης"], ["A" * 300, "A" * 299 + "B"]])
def test_reviewers_with_non_latin_or_very_long_names_get_their_own_logs(tmp_path, names):
    for name in names:
        with DecisionLog(tmp_path, name) as log:
            log.record("g1", "include")
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 2, files
    assert all(not f.startswith(".") and len(f) < 100 for f in files), files
    reading = read_logs(tmp_path, warn=False)
    assert sorted(e.reviewer for e in reading.entries) == sorted(names)
    assert reading.problems == []


# ------------------------------------------------------------------------------------------ duplicate verdicts

def test_a_torn_verdict_line_is_reported_and_the_next_verdict_starts_on_its_own_line(tmp_path):
    from synthesis.dedup.verdicts import append_verdict, read_verdicts

    path = tmp_path / "duplicate_verdicts.tsv"
    append_verdict(path, "ra", "rb", "not_duplicate", reviewer="AB")
    whole = "2026-11-23T14:02:11Z\trc\trd\tduplicate\tAB\tsame DOI\n"
    for cut in range(1, len(whole) - 1):
        text = path.read_text(encoding="utf-8").splitlines(keepends=True)[:2]
        path.write_text("".join(text) + whole[:cut], encoding="utf-8")
        with pytest.warns(UserWarning, match=r"duplicate_verdicts\.tsv, line 3"):
            table = read_verdicts(path)
        assert table["record_id_1"].tolist() == ["ra"] or cut >= whole.index("\tAB"), cut
    path.write_text("".join(text) + whole[: whole.index("plicate")], encoding="utf-8")  # torn in the verdict
    append_verdict(path, "re", "rf", "duplicate")  # after a tear: on a new line, readable
    with pytest.warns(UserWarning, match="line 3"):
        table = read_verdicts(path)
    assert ["re", "rf", "duplicate"] in table[["record_id_1", "record_id_2", "verdict"]].values.tolist()


def test_a_verdict_file_in_another_encoding_is_a_clear_error(tmp_path):
    from synthesis.dedup.verdicts import VerdictFileError, read_verdicts

    path = tmp_path / "duplicate_verdicts.tsv"
    path.write_bytes("when\trecord_id_1\trecord_id_2\tverdict\treviewer\tnote\n"
                     "2026-11-19T10:00:00Z\tra\trb\tnot_duplicate\tJosé\tné\n".encode("cp1252"))
    with pytest.raises(VerdictFileError, match=r"duplicate_verdicts\.tsv, line 2.*UTF-8"):
        read_verdicts(path)


@pytest.fixture()
def small_disk(tmp_path):
    """A 64 KiB file system (tmpfs), where mounting is allowed; skips saying why elsewhere."""
    import subprocess

    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux; the full disk is simulated in another test")
    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here (a container without CAP_SYS_ADMIN?)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_disk_that_fills_during_screening_loses_no_acknowledged_decision(small_disk):
    filler = small_disk / "filler"
    filler.write_bytes(b"x" * 8192)  # something the reviewer can delete to make room
    acknowledged = []
    with DecisionLog(small_disk, "Alice", TEAM) as log:
        with pytest.raises(ScreeningError) as full:
            for i in range(10_000):
                key = f"g{i:05d}"
                log.record(key, "include", note="n" * (i % 97))
                acknowledged.append(key)
        message = str(full.value)
        assert "disk is full" in message and "alice.jsonl" in message and "NOT saved" in message
        reading = read_logs(small_disk, warn=False)
        assert [e.key for e in reading.entries] == acknowledged and reading.problems == []
        filler.unlink()  # space freed: the same session goes on
        log.record("gAFTER", "exclude")
    reading = read_logs(small_disk, warn=False)
    assert [e.key for e in reading.entries] == acknowledged + ["gAFTER"] and reading.problems == []
    assert len(acknowledged) > 50


def test_screening_imports_and_writes_without_posix_only_modules(tmp_path):
    """As on Windows: no fcntl. The lock is filelock's, which has a Windows implementation."""
    import subprocess
    import sys

    import synthesis

    code = ("import sys; sys.modules['fcntl'] = None\n"
            "from synthesis.screening import DecisionLog, read_logs\n"
            f"log = DecisionLog({str(tmp_path)!r}, 'Alice'); log.record('g1', 'include'); log.close()\n"
            f"print([e.key for e in read_logs({str(tmp_path)!r}).entries])\n")
    env = dict(os.environ, PYTHONPATH=str(Path(synthesis.__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['g1']"
