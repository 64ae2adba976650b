"""The build's caches: ``.synthesis-cache/imports/`` (one entry per export, keyed by its checksum),
``.synthesis-cache/dedup/`` (each export's prepared fields, and the last deduplication's pair scores, see
:mod:`synthesis.dedup.incremental`) and ``.synthesis-cache/rows/`` (where each row of the large tables stands
in the last build's files, see :mod:`synthesis.build.rows`), so that a new search round costs little more than
its own records.

A crash must never poison the cache. Every entry is written to a temporary file in the same folder, flushed to
disk and renamed into place (``os.replace``), so an entry is either whole or absent; each carries a checksum of
its contents (CRC-32), checked on every read, so a damaged entry (a disk error, a copy cut short) is found, reported in
the build's notes and rebuilt from the export instead of stopping every later build.

Large exports not yet cached are read in worker processes while the build reads the cached ones. A worker watches
its parent and ends as soon as the build's main process ends, however that happens (a kill included).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
import zlib
from pathlib import Path

CACHE = ".synthesis-cache"
#: The first line of an entry; the second is the CRC-32 of the rest (version 1 had its SHA-256: a cache is
#: checked for damage, not for tampering, and CRC-32 reads the hundred megabytes of a large map's cache faster).
MAGIC = b"synthesis-cache 2\n"
DEDUP = "dedup"
#: The checksums of the project's files (see :class:`synthesis.build.manifest.Checksums`).
CHECKSUMS = "checksums.json"


def entry_key(program: str, rel: str, digest: str) -> str:
    """The cache key of one export: the program, the export's path in the project and its checksum."""
    return hashlib.sha256(f"{program}\n{rel}\n{digest}".encode()).hexdigest()


def write_entry(path, value) -> None:
    """Write one cache entry atomically (see :func:`write_atomically`)."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomically(path, MAGIC + _crc(payload) + b"\n", payload)


def write_atomically(path, *parts: bytes) -> None:
    """Write ``parts`` one after the other as the file ``path``: a temporary file in the same folder (named so
    that :func:`remove_leftovers` finds it), flushed to disk, renamed into place; whole or absent after a crash."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                fh.write(part)
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


def _crc(payload) -> bytes:
    return f"{zlib.crc32(payload):08x}".encode()


def read_entry(path):
    """Read one cache entry, checking its checksum; raises :class:`DamagedEntry` when it does not match."""
    data = Path(path).read_bytes()
    if not data.startswith(MAGIC):
        raise DamagedEntry("not a cache entry of this program (an older format, or overwritten)")
    end = data.find(b"\n", len(MAGIC))
    head, payload = data[len(MAGIC):end], memoryview(data)[end + 1:]  # (a view: the payload is not copied)
    if end < 0 or _crc(payload) != head:
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


# ---------------------------------------------------------------------------------------------- deduplication


def dedup_signature(rules=None, blocking=None) -> str:
    """What pair scores depend on besides the records: the program, the decision rules, the blocking."""
    from ..dedup import BlockingOptions, DecisionRules
    from .manifest import program_fingerprint

    rules, blocking = rules or DecisionRules(), blocking or BlockingOptions()
    return hashlib.sha256(f"{program_fingerprint()}\n{rules!r}\n{sorted(vars(blocking).items())}".encode()).hexdigest()


def load_dedup(cache: Path, segments, rules=None, blocking=None):
    """A :class:`~synthesis.dedup.incremental.Reuse` holding what the last build kept; ``(reuse, notes)``.

    A damaged entry is left out (that work is done again) and named in the notes.
    """
    from ..dedup.incremental import Reuse

    folder = Path(cache) / DEDUP
    notes, prepared, earlier = [], {}, None
    for key, _ in segments:
        path = folder / "prepared" / f"{key}.pkl"
        if path.exists():
            try:
                prepared[key] = read_entry(path)
            except DamagedEntry as exc:
                notes.append(f"a deduplication cache entry ({path.name}) was damaged ({exc}); it was rebuilt")
    if (folder / "pairs.pkl").exists():
        try:
            earlier = read_entry(folder / "pairs.pkl")
        except DamagedEntry as exc:
            notes.append(f"the deduplication cache of pair scores was damaged ({exc}); every pair was scored again")
    return Reuse(segments, prepared=prepared, earlier=earlier, signature=dedup_signature(rules, blocking)), notes


def save_dedup(cache: Path, reuse) -> None:
    """Keep this run's work for the next build: new exports' prepared fields, all pair scores.

    Entries of exports no longer in the project are removed, so the cache does not grow with every edit.
    """
    folder = Path(cache) / DEDUP / "prepared"
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    for key in reuse.prepared_now:
        write_entry(folder / f"{key}.pkl", reuse.prepared[key])
    used = {f"{key}.pkl" for key, _ in reuse.segments}
    for stale in folder.glob("*.pkl"):
        if stale.name not in used:
            stale.unlink()
    if reuse.state is not None:
        remove_leftovers(folder.parent)
        write_entry(folder.parent / "pairs.pkl", reuse.state)


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
