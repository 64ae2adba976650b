"""The build under crashes: a damaged cache entry is rebuilt, a build killed anywhere (inside the cache write,
between the two renames of the swap) leaves the old output/ and its history for the next build, and the
import's worker processes end with the build. The long version is benchmarks/bench_crash.py."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import synthesis
from synthesis.build import BuildError, build, step_import, step_versions

ROOT = Path(__file__).resolve().parents[1]
SRC = str(Path(synthesis.__file__).resolve().parents[1])  # child processes run the code under test
STEPS = [step_import, step_versions]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cache_entries(project: Path) -> list[Path]:
    return sorted((project / ".synthesis-cache" / "imports").glob("*.pkl"))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_cache_entry_is_rebuilt_with_a_note(project, damage):
    build(project, steps=STEPS, progress=False)
    before = _tree(project / "output")
    entry = _cache_entries(project)[0]
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2], "garbage": os.urandom(len(data)), "empty": b""}[damage])
    result = build(project, steps=STEPS, progress=False, force=True)
    assert any("cache" in n and "damaged" in n and "rebuilt" in n for n in result.notes), result.notes
    assert _tree(project / "output") == before
    # ... and the entry is whole again: the next build reads it without a note
    again = build(project, steps=STEPS, progress=False, force=True)
    assert not any("damaged" in n for n in again.notes)



def _big_export(shared_data: Path, folder: Path) -> None:
    """One export over the size at which a build reads exports in worker processes (three copies of a Zotero
    export in one file: exact copies, numbered apart)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (shared_data / "imports" / "ris" / "ASySD__zotero_export.ris").read_bytes()
    (folder / "zotero.ris").write_bytes(text * 3)
    assert (folder / "zotero.ris").stat().st_size > 4_000_000


def _built_with_a_large_cache(project: Path, shared_data: Path) -> None:
    """Built once with a large export in its cache, so that a new round's large export is read in a worker."""
    _big_export(shared_data, project / "data" / "searches" / "2026-11")
    build(project, steps=STEPS, progress=False)


def test_a_new_rounds_export_read_beside_a_damaged_cache_entry(project, shared_data, tmp_path):
    """After a new round the build reads its large export in a worker process while it loads the cached ones;
    an entry found damaged meanwhile is still rebuilt, and the records are those of a build from scratch."""
    _built_with_a_large_cache(project, shared_data)
    entry = _cache_entries(project)[0]
    entry.write_bytes(os.urandom(entry.stat().st_size))
    _big_export(shared_data, project / "data" / "searches" / "2026-12")
    fresh = tmp_path / "fresh"
    for name in ("data", "evidence"):
        shutil.copytree(project / name, fresh / name)
    result = build(project, steps=STEPS, progress=False)
    assert sum("damaged" in n and "rebuilt" in n for n in result.notes) == 1, result.notes
    build(fresh, steps=STEPS, progress=False)
    for name in ("records.csv", "import_report.csv"):
        assert (project / "output" / name).read_bytes() == (fresh / "output" / name).read_bytes(), name
    assert not any("damaged" in n for n in build(project, steps=STEPS, progress=False, force=True).notes)


def test_an_unguarded_script_still_imports_a_new_rounds_export(project, shared_data, tmp_path, unguarded_build):
    """A new round's one large export is read in a worker while the cache is loaded; where workers are
    spawned and the script has no main guard, they fail at start-up and the export is read in the script."""
    _built_with_a_large_cache(project, shared_data)
    _big_export(shared_data, project / "data" / "searches" / "2026-12")
    run = subprocess.run([sys.executable, str(unguarded_build), str(project)], capture_output=True, text=True,
                         timeout=600, cwd=tmp_path, env={**os.environ, "PYTHONPATH": SRC})
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "built"
    import pandas as pd

    report = pd.read_csv(project / "output" / "import_report.csv")
    assert report["file"].str.endswith("2026-12/zotero.ris").any(), report
    assert (report["found"] == report["imported"] + report["rejected"]).all()
    assert len(pd.read_csv(project / "output" / "records.csv")) == report["imported"].sum()


KILLER = r"""
import os, signal, sys
from synthesis.build import build, step_import, step_versions
root, name, nth, when = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
real = getattr(os, name)
calls = [0]
def wrapped(*args, **kwargs):
    calls[0] += 1
    if calls[0] == nth and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)  # the machine dies right here
    result = real(*args, **kwargs)
    if calls[0] == nth and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(os, name, wrapped)
build(root, steps=[step_import, step_versions], progress=False, force=True)
"""


def _killed_build(project: Path, name: str, nth: int, when: str = "before") -> int:
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.run([sys.executable, "-c", KILLER, str(project), name, str(nth), when], env=env,
                          capture_output=True, text=True, timeout=300)
    return proc.returncode


@pytest.mark.parametrize("name,nth,when,where", [
    ("rename", 1, "before", "with the new output ready, before the swap"),
    ("rename", 1, "after", "after output/ was moved aside, before the new one was moved in"),
    ("rename", 2, "after", "after the new output was moved in, before the old one was removed"),
    ("replace", 1, "before", "before a cache entry was committed"),
    ("fsync", 1, "before", "inside the cache write"),
])
def test_a_build_killed_anywhere_leaves_the_old_output_and_history_for_the_next(project, name, nth, when, where):
    first = build(project, steps=STEPS, progress=False)
    assert (project / "output" / "versions" / "v001").is_dir()
    history = _tree(project / "output" / "versions")
    if name in ("replace", "fsync"):
        shutil.rmtree(project / ".synthesis-cache")  # so that this build writes cache entries
    (project / "evidence" / "note.txt").write_text("a change, so the next build has work to do")
    assert _killed_build(project, name, nth, when) == -signal.SIGKILL, where
    result = build(project, steps=STEPS, progress=False)
    assert (project / "output" / "manifest.json").exists(), where
    assert _tree(project / "output" / "versions") == history, where  # the history survived
    assert not list(project.glob(".output-*")), where  # no staging or retired folder left behind
    assert not list((project / ".synthesis-cache" / "imports").glob(".tmp-*")), where
    assert first.output == result.output


def test_a_kill_between_the_renames_keeps_output_even_before_the_next_build_finishes(project):
    build(project, steps=STEPS, progress=False)
    before = _tree(project / "output")
    (project / "evidence" / "note.txt").write_text("changed")
    assert _killed_build(project, "rename", 1, "after") == -signal.SIGKILL
    assert not (project / "output").exists()  # the window the swap cannot avoid
    # The next build stops on bad input, yet the old output is back where it was.
    (project / "data" / "searches" / "2026-11" / "broken.ris").write_bytes(b"\x00\x01binary\x00" * 40)
    with pytest.raises(BuildError):
        build(project, steps=STEPS, progress=False)
    assert _tree(project / "output") == before


def _running(psutil, procs) -> list:
    """Those still running (an exited process whose new parent has not reaped it yet is a zombie: ended)."""
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def test_worker_processes_end_when_the_build_is_killed(tmp_path, shared_data):
    psutil = pytest.importorskip("psutil", reason="psutil lists the build's worker processes")
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the build imports without worker processes")
    source = (shared_data / "imports" / "ris" / "ASySD__zotero_export.ris").read_bytes()
    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    for i in range(4):  # big enough that each worker is busy for seconds
        (folder / f"big{i}.ris").write_bytes(source * 12)
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.Popen([sys.executable, "-m", "synthesis.cli", "build", str(tmp_path), "--quiet"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [c for c in parent.children(recursive=True) if c.status() != psutil.STATUS_ZOMBIE]
            time.sleep(0.05)
        assert len(workers) >= 2, "the build started no worker processes"
        time.sleep(0.5)  # they are importing now
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        alive = _running(psutil, workers)
        deadline = time.monotonic() + 1.0
        while alive and time.monotonic() < deadline:
            time.sleep(0.05)
            alive = _running(psutil, workers)
        assert not alive, f"{len(alive)} worker processes outlived the build"
    finally:
        if proc.poll() is None:
            proc.kill()
        for c in _running(psutil, workers):  # never leave an orphan behind, whatever happened
            c.kill()
    from synthesis.build.run import recover_interrupted
    from synthesis.project import Project

    recover_interrupted(Project(tmp_path))  # what the next build does first
    assert not list(tmp_path.glob(".output-*"))


def _refusing_rename(refused: Path, times: int):
    """os.rename that refuses ``times`` times to move ``refused`` (as Windows does while a file in it is open)."""
    real, calls = os.rename, []

    def rename(source, target):
        if Path(source) == refused and len(calls) < times:
            calls.append(source)
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(source))
        return real(source, target)
    return rename, calls


def test_an_output_folder_held_open_stops_the_build_with_what_to_close(project, monkeypatch):
    import synthesis.build.run as run

    build(project, steps=STEPS, progress=False)
    before = _tree(project / "output")
    (project / "evidence" / "note.txt").write_text("changed")
    rename, calls = _refusing_rename(project / "output", times=10 ** 6)
    monkeypatch.setattr(run.os, "rename", rename)
    monkeypatch.setattr(run.time, "sleep", lambda s: None)
    with pytest.raises(BuildError, match=r"output could not be replaced.*open in another program.*close it"):
        build(project, steps=STEPS, progress=False)
    assert len(calls) == run.RENAME_TRIES
    assert _tree(project / "output") == before  # the last build's output, whole
    assert not list(project.glob(".output-*"))  # no staging or retired folder left
    monkeypatch.undo()
    result = build(project, steps=STEPS, progress=False)  # closed: the build goes through
    assert result.changed


def test_a_rename_refused_for_a_moment_is_tried_again(project, monkeypatch):
    import synthesis.build.run as run

    build(project, steps=STEPS, progress=False)
    (project / "evidence" / "note.txt").write_text("changed")
    rename, calls = _refusing_rename(project / "output", times=2)
    monkeypatch.setattr(run.os, "rename", rename)
    monkeypatch.setattr(run.time, "sleep", lambda s: None)
    assert build(project, steps=STEPS, progress=False).changed
    assert len(calls) == 2


def test_the_new_output_refused_puts_the_last_one_back(project, monkeypatch):
    import synthesis.build.run as run

    build(project, steps=STEPS, progress=False)
    before = _tree(project / "output")
    (project / "evidence" / "note.txt").write_text("changed")
    real = os.rename

    def rename(source, target):  # output/ moves aside, but the staging folder cannot take its place
        if Path(target) == project / "output" and ".output-old" not in str(source):
            raise PermissionError(13, "Access is denied", str(source))
        return real(source, target)
    monkeypatch.setattr(run.os, "rename", rename)
    monkeypatch.setattr(run.time, "sleep", lambda s: None)
    with pytest.raises(BuildError, match="could not be replaced"):
        build(project, steps=STEPS, progress=False)
    assert _tree(project / "output") == before
    assert not list(project.glob(".output-*"))


def test_the_command_line_says_an_os_error_in_one_line(project, monkeypatch, capsys):
    import argparse

    import synthesis.build.run as run

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(project / "output" / "library.csv"))
    monkeypatch.setattr(run, "build", full)
    code = run.run(argparse.Namespace(project=project, force=False, quiet=True))
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("build stopped:") and "No space left on device" in err
    assert "library.csv" in err and "Traceback" not in err
