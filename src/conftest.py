"""The docstrings' examples run as doctests (``--doctest-modules`` over ``src/``). Many make a folder with
``tempfile.mkdtemp()`` to write a log or a small project in: here that folder is made under the example's own
pytest temporary folder, which pytest removes in time, not in the system's temporary folder, where every run of the
suite left some thirty folders (``review/data``, ``evidence``, logs) behind."""
from __future__ import annotations

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _examples_write_under_pytest_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
