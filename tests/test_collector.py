"""Keeping the garbage collector off old objects while importing: always undone, nested or not."""
import gc

import pytest

from synthesis.collector import collector_paused, frozen_heap, with_frozen_heap
from synthesis.io import read_file
from synthesis.io.sources import ris


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


def test_frozen_heap_hides_old_objects_and_gives_them_back_even_on_error():
    old = [[] for _ in range(10)]  # containers that exist before
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError):
        with frozen_heap(pause=True):
            assert gc.get_freeze_count() >= len(old) and not gc.isenabled()
            new = []
            assert gc.is_tracked(new) and gc.get_freeze_count() >= len(old)
            raise ValueError("boom")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    with frozen_heap():
        assert gc.isenabled()  # without pause the collector still sweeps new objects
    assert gc.get_freeze_count() == 0


def test_frozen_heap_leaves_the_callers_frozen_objects_alone():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap():
            with frozen_heap():
                pass
        assert gc.get_freeze_count() == before  # not unfrozen by us
    finally:
        gc.unfreeze()
    with frozen_heap():
        inside = gc.get_freeze_count()
        with frozen_heap():  # nested: the outer one unfreezes, once
            pass
        assert gc.get_freeze_count() == inside
    assert gc.get_freeze_count() == 0


def test_import_runs_shielded_and_restores_the_collector(tmp_path):
    seen = []

    @with_frozen_heap(pause=True)
    def probe():
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return 7

    assert probe() == 7 and seen == [(False, True)] and probe.__name__ == "probe"
    export = tmp_path / "a.ris"
    export.write_text("TY  - JOUR\nTI  - A trial\nER  - \n", encoding="utf-8")
    table, report = read_file(export)
    assert len(table) == 1 and report.found == 1
    assert ris.parse("TY  - JOUR\nTI  - B\nER  - \n").found == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0
