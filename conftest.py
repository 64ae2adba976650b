"""The docstrings' examples run as doctests (``--doctest-modules`` over ``src/``). Many make a folder with
``tempfile.mkdtemp()`` to write a log or a small project in: here that folder is made under the example's own
pytest temporary folder, which pytest removes in time, not in the system's temporary folder, where every run of the
suite left some thirty folders (``review/data``, ``evidence``, logs) behind.

At the repository's root, not in ``src/``: an editable install puts ``src/`` on the path, where a ``conftest``
module would be importable by anyone.
"""
from __future__ import annotations

import tempfile

import pytest
from _pytest.doctest import DoctestItem


@pytest.fixture(autouse=True)
def _examples_write_under_pytest_tmp(request, tmp_path_factory, monkeypatch):
    if isinstance(request.node, DoctestItem):
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("example")))
