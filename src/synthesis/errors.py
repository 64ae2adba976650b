"""One sentence for every error a person can act on, instead of a traceback.

:func:`explain` turns an exception that escaped a command into the sentence ``synthesis`` prints: the
library's own errors already name the file (and line, record or field) and say what to do; errors of the
environment (a missing or read-only file, a full disk, a file in the wrong encoding) are put in the same
form. Anything else is reported as an unexpected error with a pointer to ``--debug``, which shows the
traceback.

>>> explain(PermissionError(13, "Permission denied", "evidence/screening/alice.jsonl"))
'evidence/screening/alice.jsonl: permission denied (the file or its folder is read-only); make it writable and run the command again'
"""
from __future__ import annotations

import csv
import errno
import sys
from pathlib import Path

# Python's csv module refuses a cell of more than 128 KiB, but a record's reference list (Web of Science's CR,
# Scopus's References) or its raw fields in the library table run to megabytes. Every module that reads a CSV
# file imports this one, so the limit is lifted here, once, rather than by whichever reader happened to be
# imported first (a rebuild from the import cache imports none of them).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: What to say for an operating-system error number: (what happened, what to do).
_OS_ERRORS = {
    errno.ENOENT: ("no such file or folder", "check the path"),
    errno.EACCES: ("permission denied (the file or its folder is read-only)", "make it writable"),
    errno.EPERM: ("not permitted (the file or its folder is read-only)", "make it writable"),
    errno.EROFS: ("the file system is read-only", "work on a writable copy of the project"),
    errno.ENOSPC: ("the disk is full", "free some space"),
    errno.ENAMETOOLONG: ("the file name is too long", "use a shorter name or folder"),
    errno.EISDIR: ("a folder where a file was expected", "check the path"),
    errno.ENOTDIR: ("a file where a folder was expected", "check the path"),
    errno.ELOOP: ("a symbolic link that points to itself", "replace the link by the file"),
}


#: The lines git leaves around the two sides of a merge it could not make by itself.
MERGE_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")


class SynthesisError(Exception):
    """Base of the library's errors that a person acts on: the message names the file (and line, record or
    field) and says what to do.

    In a notebook such an error shows as its message alone, not a traceback through the library (IPython asks
    an exception for ``_render_traceback_``); ``%debug`` still opens the traceback.

    >>> class SchemeProblem(SynthesisError, ValueError): ...
    >>> SchemeProblem("evidence/coding_scheme.txt: coding scheme file not found")._render_traceback_()
    ['SchemeProblem: evidence/coding_scheme.txt: coding scheme file not found']
    """

    def _render_traceback_(self) -> list:
        lines = str(self).splitlines() or [""]
        return [f"{type(self).__name__}: {lines[0]}", *lines[1:]]


class NotBuiltError(SynthesisError, FileNotFoundError):
    """A step reads a file of ``output/`` that the build writes, and the project has not been built (since that
    file became due): the message names the file and says to run ``make build``."""


def merge_marker(line: str) -> str:
    """What a line is when git left it around the two sides of a merge it could not make, else ``""``; callers
    add where it stands and what to do.

    >>> merge_marker("<<<<<<< HEAD"), merge_marker("a = 1")
    ("a git merge-conflict marker '<<<<<<< HEAD' (a merge left unresolved)", '')
    """
    if not line.startswith(MERGE_MARKERS):
        return ""
    return f"a git merge-conflict marker {line.strip()[:40]!r} (a merge left unresolved)"


def undecodable_line(path) -> int:
    """The line of a file where its first byte that is not UTF-8 stands (a byte-order mark first is allowed),
    counted in the file's own bytes: an error raised while reading part of a file gives a position in that part.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", delete=False) as fh:
    ...     _ = fh.write(b"a,b\\n1,2\\ncaf\\xe9\\n")
    >>> undecodable_line(fh.name); os.unlink(fh.name)
    3
    """
    raw = Path(path).read_bytes()
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: start + exc.start].count(b"\n") + 1
    return 1


def settings_toml(text: str) -> dict:
    """``tomllib.loads(text)`` for a settings file, refusing an unresolved git merge even where its markers fall
    inside a multi-line string, which TOML would take as text (a search string holding ``<<<<<<< HEAD``): the
    ``TOMLDecodeError`` it raises is put in words by :func:`toml_message`, at the marker.

    >>> settings_toml("a = 1")
    {'a': 1}
    """
    import tomllib

    if any(map(merge_marker, text.splitlines())):
        raise tomllib.TOMLDecodeError("an unresolved git merge")
    return tomllib.loads(text)


def did_you_mean(names, known, form: str = "{}") -> str:
    """`` (did you mean team?)`` when a misspelt name is close to a known one, else ``""``: the names as a settings
    file spells them, unquoted, so that the right one can be typed over the wrong one (``form``: how a name is
    written there, ``"[{}]"`` for a table).

    >>> did_you_mean(["tem"], ["blind", "team"]), did_you_mean(["colour"], ["team"])
    (' (did you mean team?)', '')
    >>> did_you_mean(["screenig"], ["review", "screening"], form="[{}]")
    ' (did you mean [screening]?)'
    """
    import difflib

    close = [m[0] for name in names if (m := difflib.get_close_matches(str(name), sorted(known), n=1))]
    return f" (did you mean {', '.join(form.format(c) for c in dict.fromkeys(close))}?)" if close else ""


def toml_message(path, text: str, exc: Exception) -> str:
    """What is wrong with a TOML settings file that does not parse, for :class:`ValueError` subclasses to carry:
    an unresolved git merge, named at its marker (the parser only says "Invalid statement" there), or else the
    parser's own words with the file.

    >>> toml_message("evidence/review.toml", 'a = 1\\n<<<<<<< HEAD\\nb = 2\\n', ValueError("Invalid statement"))
    "evidence/review.toml, line 2: a git merge-conflict marker '<<<<<<< HEAD' (a merge left unresolved); keep the right lines of both sides and delete the markers"
    """
    import datetime
    import re

    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if merge_marker(line):
            return (f"{path}, line {number}: {merge_marker(line)}; keep the right lines of both sides and delete the "
                    "markers")
    # a day the calendar has not (2023-13-01): the parser says only "Expected newline or end of document"
    at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    day = re.match(r"\s*[\w.-]+\s*=\s*(\d{4})-(\d{2})-(\d{2})\b", lines[int(at.group(1)) - 1]) \
        if at and 0 < int(at.group(1)) <= len(lines) else None
    if day:
        try:
            datetime.date(*map(int, day.groups()))
        except ValueError:
            return (f"{path}, line {at.group(1)}: {'-'.join(day.groups())} is not a day of the calendar; write the "
                    f"day as YYYY-MM-DD (month 01-12, a day the month has)")
    # a value the parser cannot read ("Invalid value", and nothing else): True as Python writes it, or text without
    # its quotes; the line shown as it should be written, which the parser's words do not tell a newcomer
    setting = re.match(r"\s*([\w.-]+)\s*=\s*(.*?)\s*$", lines[int(at.group(1)) - 1]) \
        if at and str(exc).startswith("Invalid value") and 0 < int(at.group(1)) <= len(lines) else None
    if setting:
        name, value = setting.groups()
        value = re.sub(r"\s+#.*$", "", value)  # a comment after it stays out of the advice
        if value.lower() in ("true", "false", "yes", "no"):
            right = "true" if value.lower() in ("true", "yes") else "false"
            return (f"{path}, line {at.group(1)}: {name} = {value} is not valid TOML; write true or false in lower "
                    f"case: {name} = {right}")
        if value.startswith("[") and value.endswith("]"):
            quoted = "[" + ", ".join(f'"{v.strip()}"' for v in value[1:-1].split(",") if v.strip()) + "]"
        else:
            quoted = f'"{value}"'
        return (f"{path}, line {at.group(1)}: {name} = {value} is not valid TOML; put text in double quotes "
                f"(numbers in digits): {name} = {quoted}")
    return f"{path}: not valid TOML: {exc}"


def _is_ours(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "synthesis"


def explain(exc: BaseException) -> str:
    """The one-sentence message for an error that ended a command."""
    if _is_ours(exc) and str(exc):
        return str(exc)  # the library's own errors are written for people already
    if isinstance(exc, UnicodeDecodeError):
        return (f"a file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it again as UTF-8 "
                "(run with --debug to see which step read it)")
    if isinstance(exc, OSError):
        what, todo = _OS_ERRORS.get(exc.errno, (exc.strerror or type(exc).__name__, "check the file"))
        where = exc.filename or "a file"
        if exc.filename2:
            where = f"{exc.filename} -> {exc.filename2}"
        return f"{where}: {what}; {todo} and run the command again"
    if isinstance(exc, MemoryError):
        return "out of memory; close other programs or work on fewer files at once"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"synthesis stopped on an unexpected error ({type(exc).__name__}{': ' + text if text else ''}); "
            "run the command again with --debug to see where, and report it")
