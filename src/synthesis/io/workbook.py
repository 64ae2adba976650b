"""Excel workbooks: Web of Science's, Embase's and Dimensions' "Excel" exports, and a team's own record sheet.

A workbook (``.xlsx``) is read with openpyxl into the CSV text of its sheet, which the record-table reader
(:mod:`synthesis.io.sources.table`) then reads like any CSV export: the same column maps, the same checks.
Excel 97-2003 workbooks (``.xls``, a different binary format) are not read; the error says what to save
instead.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import zipfile

from .base import ImportFailure

__all__ = ["is_workbook", "workbook_text"]

_ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (and other old Office files)


def is_workbook(data: bytes, path="") -> bool:
    """Whether a file's bytes are an Excel workbook: an ``.xlsx`` file, or an old ``.xls`` one (which
    :func:`workbook_text` explains it cannot read)."""
    if data.startswith(OLE2):  # an old Office file: a workbook by its name or its "Workbook" stream
        return str(path).lower().endswith((".xls", ".xlsx")) or "Workbook".encode("utf-16-le") in data[:65536]
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year or a page typed as a number: 2019, not 2019.0
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def workbook_text(data: bytes, path="", warnings: list | None = None) -> str:
    """The CSV text of a workbook's first sheet that holds anything, each row a CSV line.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str
        The file's name, for messages.
    warnings : list, optional
        Receives a sentence when other sheets also hold cells (they are not read: name the sheet's rows
        in one export per file).

    Raises
    ------
    ImportFailure
        For an Excel 97-2003 workbook, a damaged one, or one whose sheets are all empty.

    Examples
    --------
    >>> import io, openpyxl
    >>> book = openpyxl.Workbook(); sheet = book.active
    >>> sheet.append(["Title", "Year"]); sheet.append(["A trial", 2019.0])
    >>> buffer = io.BytesIO(); book.save(buffer)
    >>> workbook_text(buffer.getvalue())
    'Title,Year\\nA trial,2019\\n'
    """
    if data.startswith(OLE2):
        raise ImportFailure(path, "an Excel 97-2003 workbook (.xls) is not read; open it in Excel or LibreOffice "
                                  "and save it as .xlsx or 'CSV UTF-8', or export RIS or tab-delimited text from "
                                  "the database", line=1)
    import openpyxl  # only for workbooks: most projects never meet one

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailure(path, f"a damaged Excel workbook ({type(exc).__name__}: {exc})") from None
    try:
        sheets = []
        for sheet in book.worksheets:
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            while rows and not any(rows[-1]):
                rows.pop()
            if rows:
                sheets.append((sheet.title, rows))
    finally:
        book.close()
    if not sheets:
        raise ImportFailure(path, "an Excel workbook whose sheets are all empty", line=1)
    title, rows = sheets[0]
    if len(sheets) > 1 and warnings is not None:
        others = ", ".join(repr(t) for t, _ in sheets[1:])
        warnings.append(f"read the workbook's sheet {title!r} only; sheet(s) {others} also hold cells and were not "
                        f"read (save each as its own file to import it)")
    width = max(len(r) for r in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)) if len(row) < width else row)
    return out.getvalue()
