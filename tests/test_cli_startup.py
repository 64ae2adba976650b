"""``synthesis --help`` and ``synthesis COMMAND --help`` load no heavy library (the timing is in
benchmarks/README.md); pandas, numpy and matplotlib load only when a command runs."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "matplotlib", "sklearn", "networkx", "rapidfuzz")
PROBE = """
import json, sys
from synthesis.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_loaded(*args) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True,
                         timeout=120)
    assert "usage: synthesis" in out.stdout, out.stdout + out.stderr
    return json.loads(out.stderr.strip().splitlines()[-1])


def test_help_imports_no_heavy_library():
    assert _heavy_loaded("--help") == []


@pytest.mark.parametrize("command", ["import", "dedupe", "screening", "build", "prisma", "citations", "map"])
def test_command_help_imports_no_heavy_library(command):
    assert _heavy_loaded(command, "--help") == []


def test_a_command_that_runs_loads_what_it_needs(tmp_path):
    export = tmp_path / "a.ris"
    export.write_text("TY  - JOUR\nTI  - A trial\nER  - \n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), "import", str(export), "-o",
                          str(tmp_path / "records.csv")], capture_output=True, text=True, timeout=120)
    assert json.loads(out.stderr.strip().splitlines()[-1]) == ["numpy", "pandas"], out.stderr


def test_python_dash_m_synthesis_is_the_command(tmp_path):
    """Where the ``synthesis`` script is not on the PATH (a venv not activated, Windows), ``python -m synthesis``
    is the same command; it failed with "No module named synthesis.__main__"."""
    out = subprocess.run([sys.executable, "-m", "synthesis", "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "usage: synthesis" in out.stdout, out.stderr
    export = tmp_path / "a.ris"
    export.write_text("TY  - JOUR\nTI  - A trial\nER  - \n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "synthesis", "import", str(export), "-o", str(tmp_path / "r.csv")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and (tmp_path / "r.csv").exists(), out.stderr
    out = subprocess.run([sys.executable, "-m", "synthesis", "import", str(tmp_path / "missing.ris")],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode != 0 and "Traceback" not in out.stderr, out.stderr
    # No file read, no table: an empty records.csv (the default name, in the folder the command ran in) looked
    # like a search that found nothing; one was committed to the repository's root by this very test.
    assert not (tmp_path / "records.csv").exists() and "nothing written" in out.stderr, out.stderr
