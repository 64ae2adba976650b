"""Exports that are safe to open and to read back: no spreadsheet formulas, no injected fields, no script links.

* **CSV cells** that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are run as formulas
  by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` in a title is enough). Following OWASP's
  advice on CSV injection, such a cell gets a leading ``'``, which spreadsheets show as plain text; a value
  that already starts with quotes before such a character gets one more, so :func:`restore_cell` gives back
  exactly what was written. Numbers (``-3``, ``+1.5e3``) are numbers and stay as they are.
* **Links**: only ``http``, ``https`` and ``doi`` links are written into exports (``javascript:``,
  ``data:``, ``file:`` and every other scheme are dropped; the record's ``raw`` keeps what the database
  sent). A value with no scheme at all (EndNote's ``<Go to ISI>://WOS:...``) is an identifier, kept.

Examples
--------
>>> neutralise_cell('=HYPERLINK("http://x","click")')
'\\'=HYPERLINK("http://x","click")'
>>> restore_cell(neutralise_cell("-x")), neutralise_cell("-12.5"), neutralise_cell("'=1")
('-x', '-12.5', "''=1")
>>> safe_url("javascript:alert(1)"), safe_url(" https://doi.org/10.1/x "), safe_url("doi:10.1/x")
('', 'https://doi.org/10.1/x', 'doi:10.1/x')
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

__all__ = ["neutralise_cell", "restore_cell", "neutralise_table", "restore_table", "neutralise_csv_file",
           "neutralise_csv_text",
           "safe_url", "FORMULA_START"]

#: The first characters that make a spreadsheet cell a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY = re.compile(r"'*[=+\-@\t\r]")
_FIRST = frozenset("=+-@\t\r'")  # a cell can only be risky when it starts with one of these
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value):
    """The text a spreadsheet shows as written; other values (numbers, missing) unchanged."""
    if not isinstance(value, str) or value[:1] not in _FIRST or not _RISKY.match(value) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def restore_cell(value):
    """The text :func:`neutralise_cell` was given."""
    if isinstance(value, str) and value[:1] == "'" and _QUOTED.match(value):
        return value[1:]
    return value


def _each_text_cell(table: pd.DataFrame, change) -> pd.DataFrame:
    """A copy with ``change`` applied to every cell of the text columns and to every column name."""
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [change(v) for v in out[col]]
    return out.rename(columns={c: change(c) for c in out.columns if isinstance(c, str)})


def neutralise_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) neutralised."""
    return _each_text_cell(table, neutralise_cell)


def restore_table(table: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise_table` on a table read from CSV."""
    return _each_text_cell(table, restore_cell)


def neutralise_csv_file(path) -> bool:
    """Neutralise the cells of a CSV file in place (UTF-8, comma-separated); True when it had to change.

    A file with nothing to neutralise is left byte for byte as it was.
    """
    path = Path(path)
    data = path.read_bytes()
    if not _may_hold_risky_cells(data):  # the quick look: no cell (after a comma or line end) starts so
        return False
    text = data.decode("utf-8")
    safe = _neutralise_cells(text)
    if safe is not text:
        path.write_text(safe, encoding="utf-8", newline="")
    return safe is not text


def neutralise_csv_text(text: str) -> str:
    """The CSV text (comma-separated, ``"\\n"`` line ends) with its cells neutralised; ``text`` itself when
    none had to change. The same cells as :func:`neutralise_table` of the table it was written from."""
    return _neutralise_cells(text) if _may_hold_risky_cells(text.encode("utf-8")) else text


def _neutralise_cells(text: str) -> str:
    """Every cell of the CSV text read and neutralised (after the quick look found one that may need it);
    ``text`` itself when none had to change."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    changed = False
    for row in rows:
        for i, cell in enumerate(row):
            safe = neutralise_cell(cell)
            if safe is not cell:
                row[i] = safe
                changed = True
    if not changed:
        return text
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# The quick look over a CSV file's bytes: each byte mapped to its class (S a cell separator, Q a double quote,
# A a single quote, R a formula start, . anything else), then a few substring searches. A regular expression
# over the text tries a match at every position and takes seconds on the build's largest files.
_CLASSES = bytes({ord(","): ord("S"), ord("\n"): ord("S"), ord('"'): ord("Q"), ord("'"): ord("A"),
                  **dict.fromkeys(b"=+-@\t\r", ord("R"))}.get(b, ord(".")) for b in range(256))


def _may_hold_risky_cells(data: bytes) -> bool:
    """Whether some cell of a CSV file may start with a formula character (or a quote before one).

    Never false when one does; sometimes true when none does (a line break inside a quoted cell), which
    only costs the full reading.
    """
    # the file's start is a cell start too; single quotes dropped, so a run of them before a formula
    # character ("'=1" is written "''=1") puts that character right after the cell's start
    classes = (b"S" + data.translate(_CLASSES)).replace(b"A", b"")
    return b"SR" in classes or b"SQR" in classes


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(url) -> str:
    """The link if it is ``http(s)`` or ``doi``, else ``""`` (no ``javascript:``, ``data:``, ``file:``...)."""
    if not isinstance(url, str):
        return ""
    text = url.strip()
    probe = _INVISIBLE.sub("", text)  # "java\tscript:" is javascript: to a browser
    m = _SCHEME.match(probe)
    if m is None:  # no scheme: an identifier or a relative path (EndNote's "<Go to ISI>://WOS:..."), not a script
        return text
    return text if m.group(1).lower() in ("http", "https", "doi") and not _INVISIBLE.search(text) else ""
