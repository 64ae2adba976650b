"""The import cache (``.synthesis-cache/imports/``): one entry per export, keyed by its checksum.

A crash must never poison the cache. Every entry is written to a temporary file in the same folder, flushed to
disk and renamed into place (``os.replace``), so an entry is either whole or absent; each carries the SHA-256 of
its contents, checked on every read, so a damaged entry (a disk error, a copy cut short) is found, reported in
the build's notes and rebuilt from the export instead of stopping every later build.

Exports not yet cached are read in worker processes when there are several large ones. A worker watches
its parent and ends as soon as the build's main process ends, however that happens (a kill included).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from pathlib import Path

CACHE = ".synthesis-cache"
MAGIC = b"synthesis-cache 1\n"


def entry_key(program: str, rel: str, digest: str) -> str:
    """The cache key of one export: the program, the export's path in the project and its checksum."""
    return hashlib.sha256(f"{program}\n{rel}\n{digest}".encode()).hexdigest()


def write_entry(path, value) -> None:
    """Write one cache entry atomically: temporary file, fsync, rename."""
    path = Path(path)
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class DamagedEntry(Exception):
    """A cache entry that is not what was written; the message says what is wrong with it."""


def read_entry(path):
    """Read one cache entry, checking its checksum; raises :class:`DamagedEntry` when it does not match."""
    data = Path(path).read_bytes()
    if not data.startswith(MAGIC):
        raise DamagedEntry("not a cache entry of this program (an older format, or overwritten)")
    head, _, payload = data[len(MAGIC):].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != head:
        raise DamagedEntry(f"its checksum does not match its {len(payload):,} bytes (cut short or damaged)")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # noqa: BLE001 - a matching checksum over an unreadable pickle: a program change
        raise DamagedEntry(f"it cannot be unpickled ({type(exc).__name__})") from None


def remove_leftovers(folder: Path) -> None:
    """Temporary files of writes that a crash interrupted."""
    for tmp in folder.glob(".tmp-*"):
        try:
            tmp.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------- workers


def end_with_parent() -> None:
    """Worker initialiser: end this process as soon as the process that started it ends.

    ``multiprocessing`` gives each child a sentinel that becomes ready when its parent is gone, on every
    platform; a daemon thread waits on it. Without this, workers of a killed build go on for minutes.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch():
        wait([parent.sentinel])
        os._exit(70)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


class worker_pool:
    """A process pool whose workers end with the build's main process, however it ends.

    Used as a context manager: leaving it by an exception (an interrupt, a failing step) stops the workers at
    once instead of letting them finish every queued export; a killed main process is handled by
    :func:`end_with_parent` in each worker.
    """

    def __init__(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(workers, initializer=end_with_parent)

    def __enter__(self):
        return self.pool

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.pool.shutdown(wait=True)
            return
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.terminate()
        for proc in processes:
            proc.join(5)
