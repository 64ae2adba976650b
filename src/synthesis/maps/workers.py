"""A second process that draws some of the map's figures while this one does the rest.

Drawing is matplotlib laying out text in Python, so threads do not help; on two cores a second process
halves the time a rebuild spends on figures. The worker is a fresh interpreter started with
``python -m synthesis.maps.workers`` (not ``multiprocessing``): it runs none of the user's script or notebook
code, needs no ``if __name__ == "__main__":`` guard and starts the same way on Linux, macOS and Windows. Jobs
(a module-level function and its arguments) go to it pickled through its standard input, and results come
back through its standard output; it ends when its input closes, so it cannot outlive the build.

A job that fails in the worker, or a worker that cannot start or dies, is run in this process instead: the
result is the same either way, only slower. Jobs return what the function returns (file paths for figures),
in the order they were given.

Examples
--------
>>> with FigureWorker() as worker:
...     run_jobs([(max, (2, 7), {}), (min, (2, 7), {})], worker)
[7, 2]
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import traceback
from collections import deque
from pathlib import Path

from ..cores import usable_cores as cores  # (a module name here, so a test can pretend another machine)

__all__ = ["FigureWorker", "run_jobs", "worth_a_worker"]

#: From about this much coding (study_codes.csv and the coders' logs, in bytes; some 3,000 studies) the
#: figures take long enough that a second process drawing half of them saves more than it costs to start.
LARGE_CODING = 250_000


class FigureWorker:
    """A worker process for :func:`run_jobs`; use it as a context manager so it always ends.

    It is started at once, so that its start-up (importing matplotlib and the drawing code) overlaps what
    this process does before the first job is ready.
    """

    def __init__(self):
        self.process = None
        self.broken = False
        if getattr(sys, "frozen", False):  # a bundled application: sys.executable is not a Python to start
            self.broken = True
            return
        # the worker imports this very copy of the package (not another one installed elsewhere)
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join([package_root, *filter(None, [os.environ.get("PYTHONPATH")])])
        try:
            env = dict(os.environ, MPLBACKEND="Agg", PYTHONUNBUFFERED="1", PYTHONPATH=path)
            self.process = subprocess.Popen([sys.executable, "-m", "synthesis.maps.workers"],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=env,
                                            # on Windows, no console window opens for it
                                            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except (OSError, ValueError):  # no interpreter to start (an embedded Python): draw here
            self.broken = True

    def call(self, func, args=(), kwargs=None):
        """``func(*args, **kwargs)`` in the worker; raises :class:`WorkerFailed` if it could not be done there."""
        if self.broken or self.process is None:
            raise WorkerFailed("no worker")
        try:
            pickle.dump((func, args, kwargs or {}), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
            ok, value = pickle.load(self.process.stdout)
        except (OSError, EOFError, pickle.PickleError, AttributeError, TypeError) as exc:
            self.broken = True
            raise WorkerFailed(str(exc)) from exc
        if not ok:
            raise WorkerFailed(value)
        return value

    def close(self) -> None:
        """End the worker (closing its input ends its loop; a stuck worker is killed)."""
        if self.process is None:
            return
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def worth_a_worker(evidence) -> bool:
    """Whether a build should start a :class:`FigureWorker` for the maps of the project in ``evidence``.

    Two cores or more, and a large coding (:data:`LARGE_CODING`); asked before the coding is read, so the
    worker starts while it is read.
    """
    if cores() < 2:
        return False
    evidence = Path(evidence)
    files = [evidence / "study_codes.csv", *sorted((evidence / "coding").glob("*"))]
    return sum(f.stat().st_size for f in files if f.is_file()) >= LARGE_CODING


class WorkerFailed(RuntimeError):
    """A job could not be done in the worker (it is then done in this process)."""


def run_jobs(jobs, worker: FigureWorker | None = None, first=None) -> list:
    """Results of ``jobs`` (``(func, args, kwargs)`` each), shared between ``worker`` and this process.

    Each takes the next job from the front of the list whenever it is free, so put the longest first (then
    neither waits long for the other at the end). ``first``, a function of no arguments, runs here before this
    process takes any job (work that only this process can do, such as writing files from objects too large
    to send); its result is not returned.
    """
    jobs = list(jobs)
    results: list = [None] * len(jobs)
    queue = deque(range(len(jobs)))
    lock = threading.Lock()

    def take():
        with lock:
            return queue.popleft() if queue else None

    def run_here():
        while (k := take()) is not None:
            func, args, kwargs = jobs[k]
            results[k] = func(*args, **kwargs)

    def feed():
        while (k := take()) is not None:
            func, args, kwargs = jobs[k]
            try:
                results[k] = worker.call(func, args, kwargs)
            except WorkerFailed:
                with lock:
                    queue.appendleft(k)  # done here instead
                return

    feeder = None
    if worker is not None and not worker.broken and len(jobs) > 1:
        feeder = threading.Thread(target=feed, name="figure-worker-feeder", daemon=True)
        feeder.start()
    try:
        if first is not None:
            first()
        run_here()
    except BaseException:
        with lock:
            queue.clear()  # the worker finishes the job it has and takes no other
        raise
    finally:
        if feeder is not None:
            feeder.join()
    run_here()  # a job the worker gave back after this process had run out of jobs
    return results


def _serve(stdin, stdout) -> None:
    """The worker's loop: read a job, run it, send back ``(True, result)`` or ``(False, traceback)``."""
    while True:
        try:
            func, args, kwargs = pickle.load(stdin)
        except EOFError:
            return
        try:
            reply = (True, func(*args, **kwargs))
        except Exception:  # noqa: BLE001 - the build runs the job again here and raises it properly
            reply = (False, traceback.format_exc())
        pickle.dump(reply, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    # Anything a job prints goes to stderr, so it cannot corrupt the replies on stdout.
    replies = sys.stdout.buffer
    sys.stdout = sys.stderr
    import synthesis.maps.build  # noqa: F401 - the drawing code is loaded while the build still reads the coding

    _serve(sys.stdin.buffer, replies)
