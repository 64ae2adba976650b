"""The garbage-collector pause around reading and deduplicating: always undone, nested or not."""
import gc

import pytest

from synthesis.collector import collector_paused, without_cyclic_collection
from synthesis.io import read_file


def test_pause_is_undone_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError("boom")
    assert gc.isenabled()


def test_nested_pauses_leave_a_paused_collector_paused():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()  # the inner pause must not turn it back on
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # the caller had it off: it stays off
    finally:
        gc.enable()


def test_import_runs_paused_and_restores_the_collector(tmp_path):
    seen = []

    @without_cyclic_collection
    def probe():
        seen.append(gc.isenabled())
        return 7

    assert probe() == 7 and seen == [False] and probe.__name__ == "probe"
    export = tmp_path / "a.ris"
    export.write_text("TY  - JOUR\nTI  - A trial\nER  - \n", encoding="utf-8")
    table, report = read_file(export)
    assert len(table) == 1 and report.found == 1 and gc.isenabled()
