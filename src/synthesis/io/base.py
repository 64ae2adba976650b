"""What every format reader returns, and the report of one imported file.

A reader is registered in :mod:`synthesis.io.sources` with

* its format's short name (``"ris"``, ``"medline"``, ...);
* ``sniff(text, path) -> int`` - 0 when the text is surely not this format, up to 100 when it surely is;
* ``parse(text, path) -> ParseResult``.

``parse`` never raises for a bad record: it lists it in ``rejected`` with its position and reason, so
that ``found == len(records) + len(rejected)`` holds for every file. It raises :class:`ImportFailure`
only when the file as a whole cannot be read as that format.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SynthesisError


class ImportFailure(SynthesisError):
    """A file that cannot be imported at all; the message names the file, the line and the problem."""

    def __init__(self, path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass
class Rejected:
    """A record found by the format's markers but not imported."""

    index: int  # 1-based position of the record in its file
    reason: str
    line: int | None = None  # line of the file where the record starts, where known

    def __str__(self) -> str:
        where = f"record {self.index}" + (f" (line {self.line})" if self.line else "")
        return f"{where}: {self.reason}"


@dataclass
class ParseResult:
    """What a reader found in one file's text."""

    records: list[dict]  # record dicts (see synthesis.records), each with source_index and raw
    found: int  # records counted from the format's own record markers
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    database: str = ""  # the database the reader recognised from the content, if any


@dataclass
class FileReport:
    """The import report of one file: what was found, imported, rejected and why."""

    path: str
    format: str = ""
    encoding: str = ""
    database: str = ""
    found: int = 0
    imported: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # set when the whole file could not be imported

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def reconciles(self) -> bool:
        """Records found by the format's markers = records imported + records rejected."""
        return self.found == self.imported + len(self.rejected)

    def as_row(self) -> dict:
        return {
            "file": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "database": self.database,
            "found": self.found,
            "imported": self.imported,
            "rejected": len(self.rejected),
            "warnings": len(self.warnings),
            "error": self.error,
            "details": "; ".join([str(r) for r in self.rejected] + self.warnings),
        }

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: NOT IMPORTED: {self.error}"
        line = (f"{self.path}: {self.format}, {self.encoding}, {self.database or 'database unknown'}: "
                f"{self.found} found = {self.imported} imported + {len(self.rejected)} rejected")
        extra = [f"  rejected {r}" for r in self.rejected] + [f"  warning: {w}" for w in self.warnings]
        return "\n".join([line] + extra)


def first_lines(text: str, n: int) -> list[str]:
    """``text.splitlines()[:n]``, splitting only as much of the text as its first ``n`` lines take: the sniffers
    that look at a file's first lines split a several-megabyte export whole for them, which cost more than all
    the rest of the format detection.

    >>> first_lines("a\\r\\nb\\n\\nc", 2), first_lines("a\\nb", 5)
    (['a', 'b'], ['a', 'b'])
    """
    size = 4096
    while True:
        lines = text[:size].splitlines()
        # every line but the last of a cut text is whole (its line end, even "\r\n", lies before the next line)
        if len(lines) > n or size >= len(text):
            return lines[:n]
        size *= 4


def paragraphs(text: str):
    """``(first line number, lines)`` of each run of non-blank lines of ``text``, each line without its trailing
    spaces: the paragraphs that plain-text exports (Scopus's, ScienceDirect's) write their records in.

    >>> list(paragraphs("a\\nb  \\n\\n\\nc"))
    [(1, ['a', 'b']), (5, ['c'])]
    """
    block, start = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not block:
                start = number
            block.append(line.rstrip())
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block
