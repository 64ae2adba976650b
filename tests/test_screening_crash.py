"""A screening process killed (SIGKILL) in the middle of a burst keeps every decision it acknowledged."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, ScreeningWarning, read_logs

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
from synthesis.screening import DecisionLog, ScreeningSettings
log = DecisionLog(sys.argv[1], "Alice", ScreeningSettings(team=["Alice"]))
i = 0
while True:  # a reviewer hammering the keyboard; killed from outside
    key = f"g{i:06d}"
    log.record(key, ("include", "exclude", "maybe")[i % 3], note="x" * (i % 50))
    print("ack", key, flush=True)  # the widget would show the next record only now
    i += 1
"""


def test_sigkill_mid_burst_loses_no_acknowledged_decision(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    acked = []
    deadline = time.monotonic() + 60
    try:
        while len(acked) < 150 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acked.append(line.split()[1])
        assert len(acked) >= 150, proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)  # mid-burst: the child is writing as fast as it can
        proc.wait(timeout=30)
        # only whole lines are acknowledgements: the kill can cut the last one ("ack" with no key, in a CI run)
        *whole, _cut = proc.stdout.read().split("\n")
        acked += [line.split()[1] for line in whole if line.startswith("ack ") and len(line.split()) == 2]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    log = tmp_path / "alice.jsonl"
    on_disk = [e.key for e in read_logs(tmp_path, warn=False).entries]
    assert set(acked) <= set(on_disk), f"acknowledged but lost: {sorted(set(acked) - set(on_disk))[:5]}"
    assert on_disk[: len(acked)] == acked  # in order; at most the one unacknowledged write beyond

    # A kill during write() itself leaves a cut-off last line. Make that tear explicitly (the kernel
    # rarely lets SIGKILL split one small write) and check it is skipped with a warning, never fatal.
    lines_before = log.read_text(encoding="utf-8").count("\n")
    whole = json.dumps({"key": "gTORN", "stage": "title_abstract", "decision": "include", "reviewer": "Alice"})
    with open(log, "a", encoding="utf-8") as f:
        f.write(whole[: len(whole) // 2])
    with pytest.warns(ScreeningWarning, match=rf"alice\.jsonl, line {lines_before + 1}: incomplete entry"):
        reading = read_logs(tmp_path)
    assert [e.key for e in reading.entries] == on_disk

    # The next session starts on a fresh line: its decision is readable, the torn one stays reported.
    with pytest.warns(ScreeningWarning, match="incomplete entry"):
        with DecisionLog(tmp_path, "Alice", ScreeningSettings(team=["Alice"])) as again:
            again.record("gAFTER", "exclude")
    reading = read_logs(tmp_path, warn=False)
    assert [e.key for e in reading.entries] == on_disk + ["gAFTER"]
    assert [p.kind for p in reading.problems] == ["torn"]
