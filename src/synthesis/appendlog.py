"""Append-only line logs: the one writer and reader behind every log people write to.

The screening decision logs, the duplicate verdicts and the coders' logs are plain text, one entry per line,
only ever appended to. This module makes the three promises the README gives about them:

* **A decision is acknowledged only once it is on disk.** :meth:`AppendLog.append` writes whole lines,
  flushes and ``fsync``-s them before it returns; the caller acknowledges (moves the reviewer on) only then.
* **A write that fails leaves no damage behind.** If the disk is full or the write fails half way, the file
  is truncated back to where it was before that write (or, where even that fails, the next write starts on a
  new line) *before* :class:`LogWriteError` is raised, so the next decision can never be glued onto a broken
  line. The error is one sentence naming the file and what to do.
* **A line is whole, or reported as torn and skipped, wherever a crash cut it.** :func:`read_json_lines`
  tells a line cut short (a valid beginning of a JSON object that stops early: inside a string, a number, a
  word, between fields, inside a multi-byte character) from a line that was edited into nonsense, and it
  recovers a whole entry that an older program glued onto a torn one.

One process keeps one open handle per log (a re-run notebook cell opening the same log again is the same
person); another process trying to write the same log gets :class:`LogLocked`. Locks are ``filelock``
locks (so they work on Windows too) on a file in the temporary folder named after the log's full path, so
nothing but the log itself appears in ``evidence/``.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "alice.jsonl")
>>> with AppendLog(path) as log:
...     log.append(['{"key": "g1"}'])
>>> open(path, "ab").write(b'{"key": "g2", "no')   # a crash in the middle of a write
17
>>> [(line.lineno, line.kind) for line in read_json_lines(path)]
[(1, 'ok'), (2, 'torn')]
"""
from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import SynthesisError, merge_marker

__all__ = ["AppendLog", "LogWriteError", "LogLocked", "LogLine", "read_json_lines", "read_lines",
           "is_cut_json", "lock_path"]

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class LogWriteError(SynthesisError, OSError):
    """A log could not be written; nothing of the failed write stays in the file. The message says what to do."""


class LogLocked(LogWriteError):
    """Another process has the log open for writing."""


def lock_path(path) -> Path:
    """The lock file of a log, in the temporary folder: nothing is added to the project's folders."""
    import hashlib
    import tempfile

    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = Path(tempfile.gettempdir()) / f"synthesis-locks-{user}"
    folder.mkdir(mode=0o700, exist_ok=True)
    digest = hashlib.sha256(str(Path(path).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return folder / f"{digest}.lock"


def _reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder or file is read-only"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or type(exc).__name__


# ------------------------------------------------------------------------------------------------ writing

# path -> [AppendLog handle, number of users]: one file descriptor (and one lock) per log per process.
_OPEN: dict = {}
_OPEN_LOCK = threading.Lock()


class _Handle:
    def __init__(self, path: Path, what: str):
        from filelock import FileLock, Timeout

        self.path = path
        self.write_lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            created = not path.exists()
            self.lock = FileLock(str(lock_path(path)), timeout=0)
            try:
                self.lock.acquire()
            except Timeout:
                raise LogLocked(f"{path} is being written by another session: {what}") from None
            try:
                self.fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _BINARY, 0o644)
            except BaseException:
                self.lock.release()
                raise
        except LogWriteError:
            raise
        except OSError as exc:
            raise LogWriteError(f"{path} cannot be opened for writing ({_reason(exc)}): make the folder writable "
                                "(or free space) and try again; nothing was saved") from None
        if created:
            _fsync_dir(path.parent)
        self.end_line()

    def end_line(self) -> None:
        """Make sure the file ends with a line end, so the next entry starts on its own line."""
        size = os.fstat(self.fd).st_size
        if size:
            os.lseek(self.fd, size - 1, os.SEEK_SET)
            if os.read(self.fd, 1) != b"\n":
                # A crash cut the last line short: end it (the reader reports it as torn).
                _write_all(self.fd, b"\n")
                os.fsync(self.fd)

    def close(self) -> None:
        try:
            os.close(self.fd)
        finally:
            self.lock.release()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError(28, "No space left on device")
        view = view[n:]


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows: directories cannot be opened; NTFS journals the entry itself
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


class AppendLog:
    """One log file open for appending whole lines.

    Parameters
    ----------
    path : path-like
    what : str
        What to say when another process has the log open ("is someone else screening as 'Alice'?").
    open_now : bool
        Open (create and lock) at once; otherwise at the first :meth:`append`.
    """

    def __init__(self, path, what: str = "", open_now: bool = True):
        self.path = Path(path)
        self.what = what or "close the other notebook or process first"
        self._handle = None
        self._closed = False
        if open_now:
            self._open()

    def _open(self) -> _Handle:
        if self._handle is None:
            key = str(self.path.resolve())
            with _OPEN_LOCK:
                if key in _OPEN:
                    _OPEN[key][1] += 1
                else:
                    _OPEN[key] = [_Handle(self.path, self.what), 1]
                self._handle = _OPEN[key][0]
                self._key = key
        return self._handle

    @property
    def is_open(self) -> bool:
        return self._handle is not None

    def append(self, lines) -> None:
        """Append whole lines (without their line ends) and make them durable before returning.

        Raises
        ------
        LogWriteError
            Nothing of these lines is in the file (it was repaired first); the message says what to do.
        """
        if self._closed:
            raise LogWriteError(f"{self.path} was closed; open it again to go on")
        lines = list(lines)
        if not lines:
            return
        for line in lines:
            if "\n" in line or "\r" in line:
                raise ValueError(f"{self.path}: a log entry must be one line")
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        handle = self._open()
        with handle.write_lock:
            before = os.fstat(handle.fd).st_size
            try:
                _write_all(handle.fd, data)
                os.fsync(handle.fd)
            except OSError as exc:
                repaired = self._repair(handle, before)
                raise LogWriteError(
                    f"{self.path}: the last {'entry was' if len(lines) == 1 else f'{len(lines)} entries were'} NOT "
                    f"saved because {_reason(exc)}; {'the file is intact' if repaired else 'the file was closed'}"
                    f" - free space or fix the folder, then repeat the last "
                    f"{'decision' if len(lines) == 1 else 'step'}") from None

    def _repair(self, handle: _Handle, size: int) -> bool:
        """Cut the file back to ``size`` (before the failed write); True when it is whole again."""
        try:
            os.ftruncate(handle.fd, size)
            os.fsync(handle.fd)
            return True
        except OSError:
            pass
        try:  # cannot truncate: at least start the next write on a new line
            handle.end_line()
            return True
        except OSError:
            return False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._handle is None:
            return
        with _OPEN_LOCK:
            entry = _OPEN.get(self._key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del _OPEN[self._key]
                entry[0].close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


# ------------------------------------------------------------------------------------------------ reading

_WORDS = ("true", "false", "null")
_NUMBER_TAIL = re.compile(r"-|[.eE][+-]?|[eE]")


def is_cut_json(text: str) -> bool:
    """True when ``text`` is the beginning of a JSON object cut short: a torn write, not a hand edit.

    >>> is_cut_json('{"key": "g1", "note": "half a sen')
    True
    >>> is_cut_json('{"key": "g1", "decision": tr')
    True
    >>> is_cut_json('{"key": "g1"} oops')
    False
    """
    t = text.rstrip(" \t\r\n")
    if not t.startswith("{"):
        return False
    try:
        json.loads(t)
        return False
    except json.JSONDecodeError as e:
        tail = t[e.pos:]
        if e.msg.startswith("Unterminated string"):
            return True
        if e.msg.startswith("Invalid \\uXXXX escape"):
            return len(tail) < 6
        if e.pos >= len(t):
            return True  # more was expected: a value, a name, a comma or the closing brace
        if e.msg == "Expecting value" and (any(w.startswith(tail) for w in _WORDS) or tail == "-"):
            return True
        if e.msg.startswith("Expecting") and _NUMBER_TAIL.fullmatch(tail):
            return True  # a number cut after its point or exponent sign
        return False


@dataclass
class LogLine:
    """One non-blank line of a log: ``kind`` is ``ok`` (``value`` holds it), ``torn`` or ``nonsense``."""

    lineno: int
    kind: str
    value: object = None
    text: str = ""
    terminated: bool = True  # ended by a line end (False: the file's last line, perhaps cut short)
    #: for a ``nonsense`` line whose cause is known (a merge-conflict marker, a file in UTF-16), what is wrong
    #: and what to do, in words for the person who reads the problem
    why: str = ""


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _is_utf16(raw: bytes) -> bool:
    """A file saved as UTF-16 (Windows Notepad's "Unicode"): its byte-order mark, or a NUL byte beside every
    character of its first line."""
    head = raw[:200]
    if raw.startswith(_UTF16_BOMS):
        return True
    even, odd = head[0::2], head[1::2]
    return len(head) >= 8 and any(a.count(0) >= 0.8 * len(a) and b.count(0) <= 0.2 * len(b)
                                  for a, b in ((even, odd), (odd, even)))


def _lines(raw: bytes):
    if raw.startswith(_UTF8_BOM):  # an editor's byte-order mark is not part of the first entry
        raw = raw[len(_UTF8_BOM):]
    if b"\r" in raw:  # line ends an editor changed: CRLF, or a bare CR (no entry holds a raw CR: JSON escapes it)
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    parts = raw.split(b"\n")
    for i, bline in enumerate(parts, start=1):
        if bline.strip():
            yield i, bline, i < len(parts)


def read_lines(path):
    """``(lineno, bytes, terminated)`` for every non-blank line of a file."""
    yield from _lines(Path(path).read_bytes())


def _decode(bline: bytes):
    """(text, cut): a multi-byte character cut at the very end is a tear; elsewhere bad bytes are damage."""
    try:
        return bline.decode("utf-8"), False
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.end >= len(bline.rstrip(b"\r")):
            return bline[: e.start].decode("utf-8", "replace"), True
        return None, False


def read_json_lines(path):
    """Every non-blank line of a JSON-lines log as a :class:`LogLine`, in file order.

    A line cut short by a crash is ``torn``; one that is not JSON (edited by hand) is ``nonsense``. A whole
    entry written straight after a torn one without a line end between them (by an older program) is
    recovered: the line yields the tear and then the entry.
    """
    raw = Path(path).read_bytes()
    if _is_utf16(raw):
        yield LogLine(1, "nonsense", None, "", False, why="the file is UTF-16 text, not UTF-8 (saved again by an "
                      "editor?), so none of its lines could be read; save it as UTF-8 (plain text)")
        return
    for lineno, bline, terminated in _lines(raw):
        if not bline.strip(b"\0\r"):  # zeros where a crash left the file's new end unwritten
            yield LogLine(lineno, "torn", None, "", terminated)
            continue
        text, cut = _decode(bline)
        if text is None:
            yield LogLine(lineno, "nonsense", None, bline.decode("utf-8", "replace"), terminated)
            continue
        if cut:
            yield LogLine(lineno, "torn" if is_cut_json(text) or not text.strip() else "nonsense", None, text,
                          terminated)
            continue
        try:
            yield LogLine(lineno, "ok", json.loads(text), text, terminated)
            continue
        except json.JSONDecodeError:
            pass
        if is_cut_json(text):
            yield LogLine(lineno, "torn", None, text, terminated)
            continue
        glued = _unglue(text)
        if glued is not None:
            yield LogLine(lineno, "torn", None, text[: glued[0]], terminated)
            yield LogLine(lineno, "ok", glued[1], text[glued[0]:], terminated)
            continue
        why = merge_marker(text)
        if why:
            why += ("; delete the marker lines and keep the entries of both sides: each line is one entry, so both "
                    "can stay")
        yield LogLine(lineno, "nonsense", None, text, terminated, why=why)


def _unglue(text: str):
    """(position, entry) when ``text`` is a torn entry followed by a whole one, else None."""
    for m in re.finditer(r'\{\s*"', text):
        i = m.start()
        if i == 0:
            continue
        try:
            value = json.loads(text[i:])
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and is_cut_json(text[:i]):
            return i, value
    return None
