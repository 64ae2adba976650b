"""Ovid's field-label export ("Complete Reference", ``.txt``): ``<1>`` record markers, then for each field
a label line (``Title``, ``Author``, ``Source``...) and its value on lines indented by two spaces.

Labels feed columns through :data:`synthesis.io.config.OVID_LABELS`; every label is kept in ``raw``.
Ovid prints journal, volume, issue, pages and date in one ``Source`` line
(``Ecohydrology.   8(6):1048-1064, September 2015.``), which is taken apart here.

Examples
--------
>>> text = "<1>\\nTitle\\n  A trial.[Article]\\nAuthor\\n  Smith, John 1;  Jones, Ann 2\\n" \\
...        "Source\\n  Ecohydrology.   8(6):1048-64, September 2015.\\n"
>>> rec = parse(text, "x.txt").records[0]
>>> rec["title"], rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"]
('A trial.', ['Smith, J.', 'Jones, A.'], 'Ecohydrology', '8', '6', '1048-1064', 2015)
"""
from __future__ import annotations

import re

from ... import normalise as nm
from ...normalise import clean_text
from .. import config
from ..base import ParseResult
from . import register
from .cutoff import cut_off_reason
from .fields import author, doi_in
from .tagged import Scan, TagFormat, finish, scan

FORMAT = "ovid"

_MARKER = re.compile(r"<(\d+)>\s*$")
_CUT_MARKER = re.compile(r"<(\d*)$")
_SOURCE = re.compile(r"^(?P<journal>.+?)\.\s+(?P<volume>[^\s(:]+)?\s*(?:\((?P<issue>[^)]*)\))?\s*:\s*"
                     r"(?P<pages>[^,]+?)\s*(?:,\s*(?P<date>.*?))?\.?$")
_TRAILING_TYPE = re.compile(r"\s*\[[A-Za-z ,]+\]\s*$")
_AFFILIATION_MARK = re.compile(r"\s+[\d,]+\s*$")


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _record(fields: dict, index: int, columns=None) -> dict:
    col: dict[str, str] = {}
    for label, value in fields.items():
        name = config.OVID_LABELS.get(label)
        if name and name not in col and value:
            col[name] = value
    rec = {"source_index": index, "raw": fields}
    title = _TRAILING_TYPE.sub("", _text(col.get("title")))
    rec["title"] = clean_text(title)
    names = []
    for part in _text(col.get("authors")).split(";"):
        part = _AFFILIATION_MARK.sub("", part.strip())
        if part:
            names.append(author(part))
    rec["authors"] = [a for a in names if a]
    src = clean_text(_text(col.get("source")))
    m = _SOURCE.match(src) if src else None
    if m:
        rec["journal"] = m.group("journal").strip()
        rec["volume"] = m.group("volume") or ""
        rec["issue"] = m.group("issue") or ""
        rec["pages"] = nm.normalise_pages(m.group("pages"))
        year = nm.parse_year(m.group("date") or "")
    else:
        rec["journal"], year = src, nm.parse_year(src)
    for key in ("journal", "volume", "issue", "pages"):
        if col.get(key):
            rec[key] = clean_text(_text(col[key])).rstrip(".")
    rec["pages"] = nm.normalise_pages(rec.get("pages", ""))
    rec["year"] = nm.parse_year(_text(col.get("year"))) or year
    rec["doi"] = doi_in(_text(col.get("doi")))
    pmid = re.search(r"\d+", _text(col.get("pmid")))
    rec["pmid"] = pmid.group(0) if pmid else ""
    rec["abstract"] = clean_text(_text(col.get("abstract")))
    kws = col.get("keywords") or ""
    rec["keywords"] = nm.split_keywords([k.rstrip(".") for k in (kws if isinstance(kws, list) else [kws])])
    rec["keywords"] = [k.rstrip(".") for k in rec["keywords"] if k.rstrip(".")]
    for key in ("type", "language", "isbn_issn", "source_id", "url"):
        rec[key] = clean_text(_text(col.get(key))).rstrip(".")
    return rec


def sniff(text: str, path="") -> int:
    """Ovid field labels: the first line is a ``<1>`` marker, then a label and an indented value."""
    lines = [ln for ln in text[:5000].split("\n") if ln.strip()][:5]
    if len(lines) >= 3 and _MARKER.match(lines[0]) and not lines[1].startswith(" ") and lines[2].startswith("  "):
        return 90
    return 0


def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a record marker (``<1``), inside a line, or
    inside a field (a label with no value yet), or before the field every other record ends with."""
    last_line = text[text.rfind("\n") + 1:]
    cut_marker = _CUT_MARKER.match(last_line) if last_line and found.records else None
    if cut_marker and last_line in found.records[-1]:  # read as a label: it is the start of a new record
        del found.records[-1][last_line]
    ends = [None if t and _MARKER.match(t) else t for t in found.last_tags()]
    if cut_marker:
        found.add_cut_record(text, "")
        found.records[-1] = {"_number": cut_marker.group(1)}
        ends.append(None)
    if not found.records:
        return
    final = found.records[-1]
    label = next((t for t in reversed(list(final)) if not t.startswith("_")), "")
    fragment = label if label and not final.get(label) and not cut_marker else ""
    reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: bool(final.get(t)), fragment, "Ovid")
    if reason:
        found.unterminated[len(found.records) - 1] = reason


#: A ``<12>`` marker opens a record; every other unindented line is a field label (the tag), and each
#: indented line below it is one line of its value.
OVID = TagFormat("Ovid", re.compile(r"\n(\S[^\n]*?)[ \t]*(?=\n|$)"), start_pattern=re.compile(r"<(\d+)>"),
                 all_lists=True, build=_record, empty="a marker with no fields", cut_off=_cut_off)


def parse(text: str, path="") -> ParseResult:
    """Read an Ovid field-label export."""
    found = scan(text, OVID)
    for rec in found.records:  # one-line values as plain strings, like the other readers' raw
        for key, value in rec.items():
            if isinstance(value, list) and len(value) == 1:
                rec[key] = value[0]
    return finish(found, OVID)


register(FORMAT, sniff, parse, "Ovid field labels")
