"""The coders' logs: append-only, durable before the next study shows, damaged lines reported and skipped,
safe under kill -9 and git merges; unknown codes named by file, line and study."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from synthesis.coding.log import CodingLog, CodingWarning, read_coding_log, read_coding_logs

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
import pandas as pd
from synthesis.coding import load_scheme
from synthesis.coding.form import load_form
from synthesis.coding.widget import CodingWidget
ev = sys.argv[2]
scheme = load_scheme(ev + "/coding_scheme.txt")
queue = pd.DataFrame({"study_id": [f"s{i:05d}" for i in range(3000)], "title": "A study", "abstract": "Text"})
w = CodingWidget(queue, "Alice", scheme, load_form(ev + "/coding_form.toml"), folder=sys.argv[1], suggest=False)
codes = ["framework:setup.recruitment.patients", "framework:discovery.assumptions.mistrust", "stakeholder:staff"]
i = 0
while True:  # a coder saving study after study as fast as the kernel allows; killed from outside
    shown = w.current
    w.handle({"action": "save", "selected": [{"code": codes[i % 3], "quote": "q" * (i % 40), "page": str(i)}],
              "fields": {"country": "United Kingdom", "year": "2021"}})
    assert w.current != shown, w.info
    print("ack", shown, flush=True)  # the next study is on screen only now
    i += 1
"""


def test_kill_9_mid_burst_loses_no_saved_study(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    folder = tmp_path / "coding"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(ROOT / "evidence")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    acked = []
    deadline = time.monotonic() + 120
    try:
        while len(acked) < 80 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acked.append(line.split()[1])
        assert len(acked) >= 80, proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        acked += [x.split()[1] for x in proc.stdout.read().splitlines() if x.startswith("ack")]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    on_disk = [e.study for e in read_coding_logs(folder, warn=False).entries]
    assert set(acked) <= set(on_disk), f"saved but lost: {sorted(set(acked) - set(on_disk))[:5]}"
    assert on_disk[: len(acked)] == acked

    # a kill inside write() leaves a cut-off last line: reported with its line, the rest read
    log = folder / "alice.jsonl"
    n = log.read_text(encoding="utf-8").count("\n")
    whole = json.dumps({"study": "TORN", "coder": "Alice", "codes": [{"code": "setup"}]})
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(whole[:25])
    with pytest.warns(CodingWarning, match=rf"alice\.jsonl, line {n + 1}: incomplete entry"):
        reading = read_coding_logs(folder)
    assert [e.study for e in reading.entries] == on_disk
    # the next save starts on a line of its own
    CodingLog(folder, "Alice").record("AFTER", [{"code": "setup"}])
    reading = read_coding_logs(folder, warn=False)
    assert [e.study for e in reading.entries] == on_disk + ["AFTER"]
    assert [(p.kind, p.line) for p in reading.problems] == [("torn", n + 1)]


def test_damaged_lines_are_reported_and_skipped(tmp_path):
    log = CodingLog(tmp_path, "Bob")
    log.record("1", [{"code": "setup", "quote": "we recruited", "page": 4}], {"year": "2020"})
    with open(log.path, "a", encoding="utf-8") as fh:
        fh.write("this line was typed by hand\n")
        fh.write(json.dumps({"study": "2", "coder": "Bob", "codes": "setup"}) + "\n")
        fh.write(json.dumps({"coder": "Bob", "codes": []}) + "\n")
    log.record("3", ["discovery"])
    reading = read_coding_log(log.path)
    assert [e.study for e in reading.entries] == ["1", "3"]
    assert [(p.line, p.kind) for p in reading.problems] == [(2, "damaged"), (3, "invalid"), (4, "invalid")]
    assert reading.entries[0].codes[0] == {"dimension": "", "code": "setup", "quote": "we recruited", "page": "4"}
    assert str(reading.problems[0]).startswith(f"{log.path}, line 2: not a coding entry")


def test_one_file_per_coder_merges_without_conflict(tmp_path):
    """Two coders on two machines: each appends to their own file, so a git merge only adds files/lines."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    (tmp_path / "coding").mkdir()
    CodingLog(tmp_path / "coding", "Alice").record("1", ["setup"])
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "alice 1"], check=True)
    subprocess.run([*git, "checkout", "-qb", "bob"], check=True)
    CodingLog(tmp_path / "coding", "Bob").record("1", ["discovery"])
    subprocess.run([*git, "commit", "-qam", "bob", "--allow-empty"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "bob 1"], check=True)
    subprocess.run([*git, "checkout", "-q", "-"], check=True)
    CodingLog(tmp_path / "coding", "Alice").record("2", ["delivery"])
    subprocess.run([*git, "commit", "-qam", "alice 2"], check=True)
    merged = subprocess.run([*git, "merge", "-q", "bob", "-m", "merge"], capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    reading = read_coding_logs(tmp_path / "coding", warn=False)
    assert sorted((e.coder, e.study) for e in reading.entries) == [("Alice", "1"), ("Alice", "2"), ("Bob", "1")]
    assert not reading.problems
