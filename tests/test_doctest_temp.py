"""The docstrings' examples leave nothing in the system's temporary folder (src/conftest.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_examples_write_their_files_under_pytest_temporary_folder(tmp_path):
    """Each run of the suite left some thirty folders in /tmp (an example's review/data, evidence, logs) made with
    tempfile.mkdtemp() in docstrings; they now go under pytest's own temporary folder, which pytest cleans."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(system_tmp), TEMP=str(system_tmp), TMP=str(system_tmp))
    modules = ["src/synthesis/build/rows.py", "src/synthesis/project.py", "src/synthesis/io/export.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--doctest-modules",
                           f"--basetemp={tmp_path / 'basetemp'}", *modules],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert sorted(p.name for p in system_tmp.iterdir()) == []
