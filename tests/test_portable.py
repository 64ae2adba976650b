"""Every module imports where there is no ``fcntl`` and no ``os.fork`` (Windows), and the source uses no
run-time code generation or process-wide tricks."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "synthesis"

IMPORT_ALL = """
import os, sys
sys.modules["fcntl"] = None          # import fcntl raises ImportError, as on Windows
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
import importlib, pkgutil
import synthesis
failed = []
for info in pkgutil.walk_packages(synthesis.__path__, "synthesis."):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
print("modules:", len(list(pkgutil.walk_packages(synthesis.__path__, "synthesis."))))
"""


def test_every_module_imports_without_fcntl_and_fork():
    out = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    *failed, count = out.stdout.strip().splitlines()
    assert [f for f in failed if f] == []
    assert int(count.split()[1]) + 1 == len(list(SRC.rglob("*.py")))  # every module but synthesis itself


def test_a_process_without_fork_deduplicates_in_one_process():
    from synthesis.dedup import parallel

    code = ("import os, sys; del os.fork; import multiprocessing; "
            "multiprocessing.get_all_start_methods = lambda: ['spawn']; "
            "from synthesis.dedup.parallel import Background, can_fork; "
            "job = Background(sum, [1, 2]); print(can_fork(), job.future is None, job.result())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "True", "3"], out.stderr
    assert parallel.Background(sum, [4, 5]).result() == 9  # here, with a worker process where fork exists


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name):
                yield f.id
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                yield f"{f.value.id}.{f.attr}"


def test_no_code_generation_or_process_wide_tricks_in_the_source():
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                   for alias in node.names} | {node.module for node in ast.walk(tree)
                                               if isinstance(node, ast.ImportFrom) and node.module}
        bad = {c for c in _calls(tree) if c in ("exec", "eval", "gc.freeze", "gc.disable", "os.fork")}
        bad |= {"fcntl"} & imports
        if bad:
            found.append(f"{path.relative_to(SRC)}: {sorted(bad)}")
    assert found == []


def _redefined(body, where=""):
    """Names defined twice by ``def`` or ``class`` in one scope (the later silently replaces the earlier)."""
    seen = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            decorators = [ast.unparse(d) for d in node.decorator_list]
            if not any(d.endswith((".setter", ".deleter")) or "overload" in d for d in decorators):
                if node.name in seen:
                    yield f"{where}{node.name} (lines {seen[node.name]} and {node.lineno})"
                seen[node.name] = node.lineno
            if isinstance(node, ast.ClassDef):
                yield from _redefined(node.body, f"{where}{node.name}.")


def test_no_function_or_method_is_defined_twice_in_one_scope():
    """In src/ and tests/. The screening widget once held two methods named ``_is_conflict``: the conflicts queue's rule, written
    above, never ran, because Python keeps the last definition."""
    # (the tests too: a test defined twice under one name is a test that never runs)
    files = sorted(SRC.rglob("*.py")) + sorted(Path(__file__).parent.glob("*.py"))
    found = [f"{path.relative_to(SRC.parents[1])}: {name}" for path in files
             for name in _redefined(ast.parse(path.read_text(encoding="utf-8")).body)]
    assert found == []
    assert list(_redefined(ast.parse("class A:\n def f(self): pass\n def f(self): pass\n").body)) == ["A.f (lines 2 and 3)"]
