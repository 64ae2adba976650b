"""The flat public API: every name a notebook cell uses resolves, and `import synthesis` stays light."""
import subprocess
import sys

import synthesis


def test_every_exported_name_resolves():
    for name in synthesis.__all__:
        assert getattr(synthesis, name) is not None, name


def test_import_synthesis_does_not_load_the_heavy_parts():
    code = "import sys, synthesis; print(sorted(m for m in ('pandas', 'matplotlib', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
