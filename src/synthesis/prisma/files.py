"""Counts files: our JSON, our ``field,name,n`` CSV and (through :mod:`~synthesis.prisma.rtemplate`) the
PRISMA2020 R template, each detected from the content.

The counts model (:mod:`synthesis.prisma.counts`) knows no file formats; this module is the one place
that picks the reader for a file and the writer for an extension.

Examples
--------
>>> counts = read_counts("evidence/prisma_seed_figure1.json")   # doctest: +SKIP
>>> write_counts(counts, "prisma_counts.csv")                      # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .counts import LIST_FIELDS, NUMBER_FIELDS, PrismaCounts, PrismaInputError, suggest, to_count, to_pairs
from .rtemplate import read_rtemplate, read_text, rtemplate_separator, write_rtemplate

def write_json(counts: PrismaCounts, path) -> Path:
    """Write counts as our JSON (readable by :func:`read_counts`)."""
    path = Path(path)
    path.write_text(json.dumps(counts.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_csv(counts: PrismaCounts, path) -> Path:
    """Write counts as our simple CSV: ``field,name,n`` (``name`` only for list entries)."""
    path = Path(path)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["field", "name", "n"])
    if counts.template:
        w.writerow(["template", counts.template, ""])
    if counts.title:
        w.writerow(["title", counts.title, ""])
    for name in NUMBER_FIELDS + LIST_FIELDS:
        value = getattr(counts, name)
        if value is None:
            continue
        if name in LIST_FIELDS:
            for label, n in value:
                w.writerow([name, label, n])
        else:
            w.writerow([name, "", value])
    for key, text in counts.labels.items():
        w.writerow(["label", key, text])
    for note in counts.notes:
        w.writerow(["note", note, ""])
    for s in counts.stated:
        w.writerow(["stated", s["field"], s["value"]])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def read_simple_csv(text: str, where: str) -> PrismaCounts:
    """Read our ``field,name,n`` CSV (see :func:`write_csv`)."""
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip().lower() for h in rows[0]]
    if header[:3] != ["field", "name", "n"]:
        raise PrismaInputError(f"{where}: line 1: expected the header 'field,name,n' or the PRISMA2020 "
                               f"R template header 'data,node,box,...' (got {','.join(rows[0])!r})")
    data: dict[str, Any] = {}
    labels: dict[str, str] = {}
    notes: list[str] = []
    stated: list[dict] = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        row = (row + ["", "", ""])[:3]
        name, label, n = (cell.strip() for cell in row)
        try:
            if name in LIST_FIELDS:
                data.setdefault(name, []).append((label, n))
            elif name in NUMBER_FIELDS:
                if name in data:
                    raise PrismaInputError(f"{name}: given twice")
                data[name] = to_count(n, name)
            elif name == "label":
                labels[label] = row[2]
            elif name == "note":
                notes.append(label)
            elif name == "stated":
                stated.append({"field": label, "value": n})
            elif name in ("template", "title"):
                data[name] = label
            else:
                known = set(NUMBER_FIELDS) | set(LIST_FIELDS) | {"label", "note", "stated", "template", "title"}
                raise PrismaInputError(f"unknown field name {name!r}{suggest(name, known)}")
            if name in LIST_FIELDS:
                to_pairs([(label, n)], name)
        except PrismaInputError as exc:
            raise PrismaInputError(f"{where}, line {lineno}: {exc}") from None
    data["labels"] = labels
    data["notes"] = notes
    data["stated"] = stated
    return PrismaCounts.from_dict(data, where=where)


def read_counts(path, column: str | int | None = None) -> PrismaCounts:
    """Read counts from our JSON, our CSV or the PRISMA2020 R template (detected from the content).

    ``column`` picks one search round of a livingPRISMAflow template (a column name or 0-based
    position among the round columns); see :func:`synthesis.prisma.rtemplate.read_rounds` for all.

    >>> read_counts("evidence/prisma_seed_figure1.json").records_screened  # doctest: +SKIP
    112
    """
    path = Path(path)
    where = str(path)
    text = read_text(path, "PRISMA counts (JSON or CSV)")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PrismaInputError(f"{where}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
        counts = PrismaCounts.from_dict(data, where=where)
    else:
        if rtemplate_separator(text):
            counts = read_rtemplate(path, column=column)
        else:
            counts = read_simple_csv(text, where)
    if not counts.given():
        raise PrismaInputError(f"{where}: no counts found (every box is empty)")
    counts.source = counts.source or where
    return counts


def write_counts(counts: PrismaCounts, path) -> Path:
    """Write counts in the format the extension names: ``.json`` ours, ``.csv`` the R template.

    Use :func:`write_csv` for our simple CSV.
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        return write_json(counts, path)
    if path.suffix.lower() == ".csv":
        return write_rtemplate(counts, path)
    raise PrismaInputError(f"{path}: write counts to .json (ours) or .csv (PRISMA2020 R template)")


__all__ = ["read_counts", "write_counts", "write_json", "write_csv", "read_simple_csv"]
