"""Run one piece of deduplication's work in a second process while this one does the rest.

Preparing the fields and proposing candidate pairs are pure Python for most of their time, so threads do not
help; on a large export one half of the work goes to a worker process (:mod:`concurrent.futures`), which
sends back only its result. The halves are joined in a fixed order, so the result is the same as doing all
the work here. The worker is started with ``fork`` (it sees the records without them being sent), which
only Linux offers safely; elsewhere (Windows, macOS), with one core, when no core is idle
(:func:`spare_core`), or when the worker fails for any reason, the work is simply done here.

Examples
--------
>>> job = Background(sum, [1, 2, 3])
>>> job.result()
6
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

__all__ = ["Background", "can_fork", "spare_core"]


def can_fork() -> bool:
    """Whether a second process can be started by forking: Linux, and two cores or more."""
    return (sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2
            and "fork" in multiprocessing.get_all_start_methods())


def spare_core() -> bool:
    """Whether a core is idle (the load average of the last minute is under ``cores - 0.5``).

    On a busy machine the second process only competes for the same core and costs its own overheads
    (copying what it touches, sending its result back).
    """
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        return True
    return load < (os.cpu_count() or 1) - 0.5


def _remember(func, args) -> None:
    """In the forked worker, at its start: the job (inherited with the fork, not sent through a pipe)."""
    global _JOB
    _JOB = (func, args)


def _run_remembered() -> object:
    func, args = _JOB
    return func(*args)


_JOB: tuple | None = None


class Background:
    """``func(*args)`` computed in a worker process; :meth:`result` waits for it.

    Falls back to computing ``func(*args)`` in this process when a worker cannot be started or does not
    deliver a result.
    """

    def __init__(self, func, *args):
        self.func, self.args = func, args
        self.pool = self.future = None
        if not can_fork():
            return
        try:
            # A forked worker's initializer arguments are inherited, not pickled: the records are not copied.
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_remember, initargs=(func, args))
            self.future = self.pool.submit(_run_remembered)
        except (OSError, RuntimeError):
            self.cancel()

    def cancel(self) -> None:
        """Stop the worker (when the work here failed or was interrupted)."""
        if self.pool is not None:
            # concurrent.futures has no public way to stop a running worker before Python 3.14.
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.kill()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = self.future = None

    def result(self):
        """The value of ``func(*args)``."""
        if self.future is None:
            return self.func(*self.args)
        try:
            return self.future.result()
        except BaseException as exc:  # noqa: BLE001
            self.cancel()
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            return self.func(*self.args)  # the worker failed: do the work here instead
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)
                self.pool = self.future = None
